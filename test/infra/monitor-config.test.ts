import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { describe, expect, test } from 'vitest';
import { ConfigError, parseConfig } from '../../functions/domain/config/index.ts';
import { configFromEnv } from '../../functions/handlers/config-from-env.ts';
import { CONFIG_ENVIRONMENT_BUDGET_BYTES, CONFIG_FILE_RUNTIME_PATH } from '../../infra/config-delivery.ts';
import { buildDriftwatchApp } from '../../infra/driftwatch-app.ts';
import { FUNCTION_ENVIRONMENT } from '../../infra/function-environment.ts';
import { loadMonitorConfig } from '../../infra/monitor-config.ts';
import { driftwatchApp, FIXTURES, logicalIdOf, synthDriftwatch } from './synth.ts';

const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A valid configuration whose JSON is larger than the environment budget. */
function writeLargeConfig(): string {
  const monitors = Array.from({ length: 40 }, (_, i) => [
    `  - name: agent-${i}`,
    `    description: Agent number ${i} of a fleet large enough to outgrow the Lambda environment.`,
    '    drift: { features: [{ name: prompt_tokens, kind: numeric }] }',
    '    alerts:',
    `      runbookUrl: https://runbooks.example.com/agents/agent-${i}`,
  ]).flat();
  const file = join(mkdtempSync(join(tmpdir(), 'driftwatch-infra-')), 'large.yaml');
  writeFileSync(file, ['version: 1', 'monitors:', ...monitors, ''].join('\n'));
  return file;
}

describe('Function: loadMonitorConfig (through the CDK app)', () => {
  test('an invalid configuration fails the synth with a ConfigError naming the file, the path and the reason', () => {
    // Prepare
    const app = driftwatchApp({ config: FIXTURES.percentObjective });

    // Act
    const act = () => buildDriftwatchApp(app);

    // Assess
    expect(act).toThrow(ConfigError);
    expect(act).toThrow(
      /percent-objective\.yaml:9:\d+: monitors\[0\]\.slos\[0\]\.objective: must be between 0 and 1, exclusive \(got 99\.9\)/,
    );
  });

  test('the cdk app prints the ConfigError and exits with status 1, without a stack trace', () => {
    // Prepare
    const env = { ...process.env, CDK_CONTEXT_JSON: JSON.stringify({ config: FIXTURES.percentObjective }) };

    // Act
    const run = spawnSync(join(PROJECT_ROOT, 'node_modules/.bin/tsx'), ['infra/app.ts'], {
      cwd: PROJECT_ROOT,
      env,
      encoding: 'utf8',
    });

    // Assess
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('monitors[0].slos[0].objective: must be between 0 and 1');
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });

  test('a missing configuration file fails the synth and says how to pass another one', () => {
    // Prepare
    const app = driftwatchApp({ config: 'config/does-not-exist.yaml' });

    // Act
    const act = () => buildDriftwatchApp(app);

    // Assess
    expect(act).toThrow(/config\/does-not-exist\.yaml not found.*-c config=/);
  });

  test.each(['ingest', 'aggregator'] as const)(
    'the %s function receives the validated, resolved configuration in DRIFTWATCH_CONFIG',
    (part) => {
      // Prepare
      const { template, stack } = synthDriftwatch();
      const fn = part === 'ingest' ? stack.ingest.handler.function : stack.aggregator.handler.function;

      // Act
      const resource = template.toJSON().Resources[logicalIdOf(fn)] as {
        Properties: { Environment: { Variables: Record<string, string> } };
      };
      const shipped = resource.Properties.Environment.Variables[FUNCTION_ENVIRONMENT.config] ?? 'null';

      // Assess
      expect(configFromEnv({ [FUNCTION_ENVIRONMENT.config]: shipped })).toStrictEqual(
        parseConfig(readFileSync(FIXTURES.twoMonitors, 'utf8'), FIXTURES.twoMonitors).config,
      );
    },
  );

  test('a configuration too large for the Lambda environment is bundled as a file instead', () => {
    // Prepare
    const file = writeLargeConfig();
    const { template } = synthDriftwatch({ config: file });

    // Act
    const environment = {
      Variables: Match.objectLike({
        [FUNCTION_ENVIRONMENT.configFile]: CONFIG_FILE_RUNTIME_PATH,
        [FUNCTION_ENVIRONMENT.config]: Match.absent(),
      }),
    };

    // Assess
    expect(loadMonitorConfig(file).json.length).toBeGreaterThan(CONFIG_ENVIRONMENT_BUDGET_BYTES);
    template.hasResourceProperties('AWS::Lambda::Function', { Environment: environment });
  });

  test('a warning of the configuration validator becomes a synth warning', () => {
    // Prepare
    const { stack } = synthDriftwatch({ config: FIXTURES.neverAlerts });

    // Act
    const annotations = Annotations.fromStack(stack);

    // Assess
    annotations.hasWarning(
      '*',
      Match.stringLikeRegexp('never-alerts\\.yaml:\\d+:\\d+: monitors\\[0\\]\\.name: .*never alert'),
    );
  });
});

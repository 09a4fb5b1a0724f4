import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { parseConfig } from '../../../functions/domain/config/load-config.ts';
import {
  RESOLVED_CONFIG_FORMAT,
  ResolvedConfigError,
  writeResolvedConfig,
} from '../../../functions/domain/config/resolved-config.ts';
import { configFromEnv } from '../../../functions/handlers/config-from-env.ts';
import { MissingEnvError } from '../../../functions/handlers/env.ts';
import { CONFIG } from '../evaluator/fixtures.ts';

const EXAMPLE = 'config/driftwatch.example.yaml';
const resolved = (text: string, file: string) => parseConfig(text, file).config;
/** The configuration as `cdk synth` hands it to the functions. */
const SHIPPED = writeResolvedConfig(resolved(CONFIG, 'driftwatch.yaml'), 'driftwatch.yaml');

describe('Function: configFromEnv', () => {
  test('DRIFTWATCH_CONFIG holds the resolved configuration, read back exactly as validated', () => {
    expect(configFromEnv({ DRIFTWATCH_CONFIG: SHIPPED })).toStrictEqual(resolved(CONFIG, 'driftwatch.yaml'));
  });

  test.each([EXAMPLE, 'config/demo.yaml'])(
    'the shipped configuration of %s equals the validated one, every default and duration included',
    (file) => {
      // Prepare
      const config = resolved(readFileSync(file, 'utf8'), file);

      // Act
      const read = configFromEnv({ DRIFTWATCH_CONFIG: writeResolvedConfig(config, file) });

      // Assess
      expect(read).toStrictEqual(config);
    },
  );

  test('DRIFTWATCH_CONFIG_FILE names a bundled file when the text was too large for the environment', () => {
    // Prepare
    const file = join(mkdtempSync(join(tmpdir(), 'dw-')), 'driftwatch.config.json');
    writeFileSync(file, SHIPPED);

    // Act + Assess
    expect(configFromEnv({ DRIFTWATCH_CONFIG_FILE: file }).monitors.map((m) => m.name)).toEqual(['triage']);
  });

  test('neither variable set is a MissingEnvError naming both', () => {
    expect(() => configFromEnv({})).toThrow(MissingEnvError);
    expect(() => configFromEnv({})).toThrow(/DRIFTWATCH_CONFIG or DRIFTWATCH_CONFIG_FILE/);
  });

  test.each([
    ['YAML text', CONFIG, /DRIFTWATCH_CONFIG must hold the configuration as JSON written by cdk synth/],
    [
      'the YAML document as JSON (not resolved by synth)',
      JSON.stringify(parse(CONFIG)),
      new RegExp(
        `not a configuration written by cdk synth \\(expected "format": "${RESOLVED_CONFIG_FORMAT}"\\)`,
      ),
    ],
    [
      'a tagged document without monitors',
      JSON.stringify({ format: RESOLVED_CONFIG_FORMAT, source: 'x', config: {} }),
      /DRIFTWATCH_CONFIG: the document has no list of monitors/,
    ],
  ])('%s is refused with a ResolvedConfigError that says what is wrong', (_name, text, message) => {
    expect(() => configFromEnv({ DRIFTWATCH_CONFIG: text })).toThrow(ResolvedConfigError);
    expect(() => configFromEnv({ DRIFTWATCH_CONFIG: text })).toThrow(message);
  });
});

describe('Function: writeResolvedConfig', () => {
  test('a number JSON cannot carry stops the synth instead of reaching the functions as null', () => {
    // Prepare
    const config = resolved(CONFIG, 'driftwatch.yaml');
    const broken = { ...config, evaluationIntervalMs: Number.POSITIVE_INFINITY };

    // Act
    const act = () => writeResolvedConfig(broken, 'driftwatch.yaml');

    // Assess
    expect(act).toThrow(ResolvedConfigError);
    expect(act).toThrow('driftwatch.yaml: evaluationIntervalMs is Infinity, which JSON cannot carry');
  });
});

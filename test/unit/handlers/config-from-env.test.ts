import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { configFromEnv } from '../../../functions/handlers/config-from-env.ts';

const exampleJson = JSON.stringify(parse(readFileSync('config/driftwatch.example.yaml', 'utf8')));

describe('Function: configFromEnv', () => {
  test('it reads the configuration JSON that cdk synth puts in DRIFTWATCH_CONFIG', () => {
    // Act
    const config = configFromEnv({ DRIFTWATCH_CONFIG: exampleJson });

    // Assess
    expect(config.monitors.map((m) => m.name)).toEqual([
      'support-triage',
      'code-review-agent',
      'fraud-screening',
    ]);
  });

  test('it names both variables when neither is set', () => {
    expect(() => configFromEnv({})).toThrow(
      'environment variable DRIFTWATCH_CONFIG or DRIFTWATCH_CONFIG_FILE is required but not set',
    );
  });

  test('it says the variable does not hold JSON when it does not', () => {
    expect(() => configFromEnv({ DRIFTWATCH_CONFIG: 'monitors: []' })).toThrow(
      'DRIFTWATCH_CONFIG must hold the configuration as JSON',
    );
  });

  test('it reports an invalid configuration with the variable name and the path of the problem', () => {
    // Prepare
    const bad = JSON.parse(exampleJson);
    bad.monitors[0].slos[0].objective = 99.9;

    // Act / Assess
    expect(() => configFromEnv({ DRIFTWATCH_CONFIG: JSON.stringify(bad) })).toThrow(
      /DRIFTWATCH_CONFIG: monitors\[0\]\.slos\[0\]\.objective: must be between 0 and 1/,
    );
  });
});

import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';

/** Runs the command line as the `driftwatch` bin does (through tsx), with its output captured. */
function driftwatch(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'functions/cli/main.ts', ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('Command: driftwatch', () => {
  test('Its help lists every command.', { timeout: 120_000 }, () => {
    // Act
    const run = driftwatch('--help');

    // Assess
    expect(run.status).toBe(0);
    for (const command of ['evaluate', 'start', 'demo', 'report', 'freeze-baseline'])
      expect(run.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
  });

  test.each([
    ['report', '--week <week>'],
    ['freeze-baseline', '--monitor <name>'],
    ['evaluate', '--events <file>'],
  ])('`%s` names its missing required option and exits with 1.', { timeout: 120_000 }, (command, option) => {
    // Act
    const run = driftwatch(command);

    // Assess
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`required option '${option}' not specified`);
  });

  test('`report --help` shows the options of the report command.', { timeout: 120_000 }, () => {
    // Act
    const run = driftwatch('report', '--help');

    // Assess
    expect(run.status).toBe(0);
    for (const option of ['--week', '--events', '--state-table', '--endpoint', '--out', '--at'])
      expect(run.stdout).toContain(option);
  });
});

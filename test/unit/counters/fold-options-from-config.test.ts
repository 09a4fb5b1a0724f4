import { describe, expect, test } from 'vitest';
import { parseConfig } from '../../../functions/domain/config/load-config.ts';
import {
  DEFAULT_TASK_SLA_MS,
  foldOptionsFromMonitor,
  foldOptionsLookup,
} from '../../../functions/domain/counters/fold-options-from-config.ts';

const yaml = `
version: 1
monitors:
  - name: with-everything
    task: { sla: 10m }
    slos: []
    drift:
      features:
        - { name: amount, kind: numeric }
        - { name: channel, kind: categorical, categories: [email, chat] }
        - { name: language, kind: categorical }
        - { name: card_present, kind: boolean }
      baseline: { trailing: { length: 7d, offset: 1d } }
    alerts: { runbookUrl: https://runbooks.example.com/a }
  - name: bare
    slos: []
    alerts: { runbookUrl: https://runbooks.example.com/b }
`;

describe('Function: foldOptionsFromMonitor', () => {
  const { config } = parseConfig(yaml, 'test.yaml');

  test('It takes the task SLA and every drift feature with its kind and declared categories.', () => {
    // Prepare
    const monitor = config.monitors[0];
    if (!monitor) throw new Error('no monitor');

    // Act
    const options = foldOptionsFromMonitor(monitor);

    // Assess
    expect(options).toEqual({
      taskSlaMs: 10 * 60_000,
      features: [
        { name: 'amount', kind: 'numeric' },
        { name: 'channel', kind: 'categorical', categories: ['email', 'chat'] },
        { name: 'language', kind: 'categorical' },
        { name: 'card_present', kind: 'boolean' },
      ],
    });
  });

  test('It falls back to a 15-minute SLA and no features for a monitor without task or drift settings.', () => {
    // Prepare
    const monitor = config.monitors[1];
    if (!monitor) throw new Error('no monitor');

    // Act
    const options = foldOptionsFromMonitor(monitor);

    // Assess
    expect(options).toEqual({ taskSlaMs: DEFAULT_TASK_SLA_MS, features: [] });
    expect(DEFAULT_TASK_SLA_MS).toBe(15 * 60_000);
  });
});

describe('Function: foldOptionsLookup', () => {
  test('It finds options by monitor name and answers undefined for an unknown monitor.', () => {
    // Prepare
    const { config } = parseConfig(yaml, 'test.yaml');

    // Act
    const lookup = foldOptionsLookup(config);

    // Assess
    expect(lookup('bare')).toEqual({ taskSlaMs: DEFAULT_TASK_SLA_MS, features: [] });
    expect(lookup('with-everything')?.taskSlaMs).toBe(600_000);
    expect(lookup('nobody')).toBeUndefined();
  });
});

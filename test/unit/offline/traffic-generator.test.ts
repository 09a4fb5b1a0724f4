import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseConfig } from '../../../functions/domain/config/load-config.ts';
import type { DriftwatchEvent } from '../../../functions/domain/events/event-schema.ts';
import { validateEvent } from '../../../functions/domain/events/validate-event.ts';
import { trafficForMonitor } from '../../../functions/offline/traffic-from-config.ts';
import { generateTraffic } from '../../../functions/offline/traffic-generator.ts';
import type { TrafficOptions } from '../../../functions/offline/traffic-scenario.ts';

const DAY = 86_400_000;
const { config } = parseConfig(readFileSync('config/driftwatch.example.yaml', 'utf8'), 'example.yaml');
const end = Date.parse('2026-11-20T00:00:00Z');
const options: TrafficOptions = {
  monitors: config.monitors.map(trafficForMonitor),
  start: end - 2 * DAY,
  durationMs: 2 * DAY,
  events: 5000,
  seed: 11,
};
const events = [...generateTraffic(options)];

describe('Function: generateTraffic', () => {
  test('It produces about the number of events asked for, every one valid, none after the end.', () => {
    // Prepare
    const times = events.map((e) => Date.parse(e.time));

    // Act
    const invalid = events.filter((e, i) => !validateEvent(e, i).ok);

    // Assess
    expect(events.length).toBeGreaterThan(4500);
    expect(events.length).toBeLessThan(5500);
    expect(invalid).toEqual([]);
    expect(Math.max(...times)).toBeLessThan(end);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(options.start);
  });

  test('It is deterministic for a seed and different for another.', () => {
    // Prepare
    const again = [...generateTraffic(options)];

    // Act
    const other = [...generateTraffic({ ...options, seed: 12 })];

    // Assess
    expect(again).toEqual(events);
    expect(other).not.toEqual(events);
  });

  test('It sends every monitor’s decisions, labels and task events, with unique ids, most labels after their decision.', () => {
    // Prepare
    const byType = (t: DriftwatchEvent['type']) => events.filter((e) => e.type === t);
    const decisionAt = new Map(byType('decision').map((e) => [e.id, events.indexOf(e)]));

    // Act
    const early = byType('label').filter(
      (e) => e.type === 'label' && (decisionAt.get(e.decisionId) ?? -1) > events.indexOf(e),
    );

    // Assess
    for (const m of config.monitors)
      expect(events.some((e) => e.monitor === m.name && e.type === 'decision')).toBe(true);
    expect(new Set(events.map((e) => `${e.monitor}/${e.id}`)).size).toBe(events.length);
    expect(byType('label').length).toBeGreaterThan(byType('decision').length / 2);
    expect(early.length).toBeGreaterThan(0);
    expect(early.length).toBeLessThan(byType('label').length / 5);
    expect(byType('task').length).toBeGreaterThan(0);
  });
});

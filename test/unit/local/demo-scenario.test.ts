import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  DEMO_CONFIG_PATH,
  DEMO_MONITORS,
  demoScenario,
  demoWeekStart,
  evaluationSchedule,
} from '../../../functions/demo/demo-scenario.ts';
import { parseConfig } from '../../../functions/domain/config/load-config.ts';
import { isoWeekOf } from '../../../functions/report/iso-week.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('Function: demoWeekStart', () => {
  // Reference: Python `date.fromisoformat(d).isocalendar()` — the Monday of the ISO week before d's week.
  test.each([
    ['2026-11-26T10:00:00Z', '2026-11-16'],
    ['2026-11-23T00:00:00Z', '2026-11-16'],
    ['2026-11-22T23:59:59Z', '2026-11-09'],
    ['2027-01-01T12:00:00Z', '2026-12-21'],
    ['2026-03-02T00:00:01Z', '2026-02-23'],
  ])('on %s the demo replays the week starting %s', (now, monday) => {
    // Act
    const start = demoWeekStart(Date.parse(now));

    // Assess
    expect(new Date(start).toISOString()).toBe(`${monday}T00:00:00.000Z`);
    expect(isoWeekOf(start).from).toBe(start);
    expect(start + 7 * DAY).toBeLessThanOrEqual(Date.parse(now));
  });
});

describe('Function: evaluationSchedule', () => {
  const start = Date.UTC(2026, 10, 16);
  const end = start + 7 * DAY;

  test('without busy periods it evaluates at every quiet step from the end of the first step to the week end', () => {
    // Act
    const times = evaluationSchedule(start, end, [], HOUR, 10 * 60_000);

    // Assess
    expect(times).toHaveLength(168);
    expect(times[0]).toBe(start + HOUR);
    expect(times.at(-1)).toBe(end);
  });

  test('inside a busy period the cadence is the busy step, starting at the busy period', () => {
    // Prepare
    const busy = { from: start + 3 * DAY + 13 * HOUR + 20 * 60_000, to: start + 3 * DAY + 15 * HOUR };

    // Act
    const times = evaluationSchedule(start, end, [busy], HOUR, 10 * 60_000);
    const inside = times.filter((t) => t >= busy.from && t <= busy.to);

    // Assess
    expect(inside[0]).toBe(busy.from);
    expect(inside.at(-1)).toBe(busy.to);
    expect(inside).toHaveLength(11);
    expect(times).toHaveLength(168 + 11 - 2);
  });

  test('for any busy periods, evaluations are minute-aligned, increasing, inside the week and never further apart than the quiet step', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            from: fc.integer({ min: 0, max: 7 * 24 * 60 }),
            length: fc.integer({ min: 1, max: 24 * 60 }),
          }),
          { maxLength: 4 },
        ),
        fc.constantFrom(HOUR, 2 * HOUR, 30 * 60_000),
        fc.constantFrom(5 * 60_000, 10 * 60_000),
        (periods, quiet, busyStep) => {
          // Prepare
          const busy = periods.map((p) => ({
            from: start + p.from * 60_000,
            to: start + (p.from + p.length) * 60_000,
          }));

          // Act
          const times = evaluationSchedule(start, end, busy, quiet, busyStep);

          // Assess
          let previous = start;
          for (const t of times) {
            if (t % 60_000 !== 0 || t <= previous || t - previous > quiet || t > end) return false;
            previous = t;
          }
          const set = new Set(times);
          return busy.every((b) =>
            times
              .filter((t) => t > b.from && t < b.to - busyStep && t + busyStep <= end)
              .every((t) => set.has(t + busyStep)),
          );
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('Function: demoScenario', () => {
  const scenario = demoScenario(Date.UTC(2026, 10, 16));
  const { config } = parseConfig(
    readFileSync(new URL(`../../../${DEMO_CONFIG_PATH}`, import.meta.url), 'utf8'),
    DEMO_CONFIG_PATH,
  );

  test('the shipped demo configuration is valid and names exactly the scenario’s agents', () => {
    // Assess
    expect(config.monitors.map((m) => m.name)).toEqual(DEMO_MONITORS.map((m) => m.monitor));
  });

  test('every incident starts after a day of baseline traffic, and every expected alert fires after its incident starts and resolves after it ends', () => {
    // Assess
    for (const incident of scenario.incidents) {
      expect(incident.from).toBeGreaterThan(scenario.weekStart + DAY);
      expect(incident.to).toBeLessThan(scenario.weekEnd - 12 * HOUR);
    }
    for (const alert of scenario.expectedAlerts) {
      const incident = scenario.incidents.find((i) => i.monitor === alert.monitor);
      expect(incident).toBeDefined();
      expect(alert.firesWithin.from).toBeGreaterThanOrEqual(incident?.from ?? Number.NaN);
      expect(alert.resolvesWithin?.from).toBeGreaterThanOrEqual(incident?.to ?? Number.NaN);
      expect(alert.resolvesWithin?.to).toBeLessThanOrEqual(scenario.weekEnd);
    }
  });

  test('every expected alert names an SLO or a feature of its monitor in the configuration', () => {
    // Assess
    for (const alert of scenario.expectedAlerts) {
      const monitor = config.monitors.find((m) => m.name === alert.monitor);
      const subjects =
        alert.kind === 'slo' ? monitor?.slos.map((s) => s.name) : monitor?.drift?.features.map((f) => f.name);
      expect(subjects).toContain(alert.subject);
    }
  });

  test('the outage is evaluated every 10 minutes and the quiet hours every hour', () => {
    // Prepare
    const outage = scenario.incidents.find((i) => i.kind === 'outage');
    const times = scenario.evaluationTimes;

    // Act
    const during = times.filter((t) => outage && t >= outage.from && t <= outage.to);

    // Assess
    expect(during).toHaveLength(10);
    expect(times.filter((t) => t < (outage?.from ?? 0) - HOUR).every((t) => t % HOUR === 0)).toBe(true);
  });
});

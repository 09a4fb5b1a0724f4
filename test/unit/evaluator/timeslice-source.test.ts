import { describe, expect, test } from 'vitest';
import type { Monitor, TimesliceSloConfig } from '../../../functions/domain/config/config-types.ts';
import { parseConfig } from '../../../functions/domain/config/load-config.ts';
import { foldOptionsFromMonitor } from '../../../functions/domain/counters/fold-options-from-config.ts';
import {
  evaluateMonitor,
  measureTimeslice,
  timesliceRange,
} from '../../../functions/domain/evaluation/evaluate-monitor.ts';
import type { WindowSource } from '../../../functions/domain/evaluation/window-source.ts';
import type { DriftwatchEvent } from '../../../functions/domain/events/event-schema.ts';
import type { Timeslice } from '../../../functions/domain/slo/threshold-objective.ts';
import { InMemoryPipeline } from '../../../functions/offline/in-memory-pipeline.ts';

const CONFIG = `
version: 1
monitors:
  - name: triage
    positiveLabel: escalate
    slos:
      - name: triage-f1
        sli: f1
        threshold: 0.8
        objective: 0.9
        timeslice: 1h
        minSliceEvents: 5
        minEvents: 5
        alerting:
          - { severity: ticket, factor: 5, longWindow: 2h, shortWindow: 1h }
    alerts: { runbookUrl: 'https://runbooks.example.com/triage' }
`;
const MONITOR: Monitor = (() => {
  const m = parseConfig(CONFIG, 'test.yaml').config.monitors[0];
  if (!m) throw new Error('no monitor');
  return m;
})();
const SLO = MONITOR.slos[0] as TimesliceSloConfig;
const at = (h: number, m = 0) => Date.UTC(2026, 10, 20, h, m);
const iso = (t: number) => new Date(t).toISOString();

/** 10 labelled decisions an hour from 08:00 to 10:00: all right in hour 8, every other one wrong in hour 9. */
function pipeline(): InMemoryPipeline {
  const p = new InMemoryPipeline(() => foldOptionsFromMonitor(MONITOR));
  for (const hour of [8, 9]) {
    for (let k = 0; k < 10; k++) {
      const id = `d${hour}-${k}`;
      const actual = k < 5 ? 'escalate' : 'answer';
      const wrong = hour === 9 && k % 2 === 0;
      const predicted = wrong === (actual === 'escalate') ? 'answer' : 'escalate';
      const events: DriftwatchEvent[] = [
        { type: 'decision', id, monitor: 'triage', time: iso(at(hour, k * 5)), predicted },
        {
          type: 'label',
          id: `${id}-l`,
          monitor: 'triage',
          time: iso(at(hour, k * 5) + 1000),
          decisionId: id,
          actual,
        },
      ];
      for (const e of events) p.ingest(e);
    }
  }
  return p;
}

describe('Function: timesliceRange', () => {
  test.each([
    ['A 6-hour window reads the 6 whole slices before the last boundary', 6, at(10, 7), [at(4), at(10)]],
    ['A window of one slice reads the latest slice on the boundary', 1, at(10, 0), [at(9), at(10)]],
    ['A window of one slice still reads the latest slice a minute later', 1, at(10, 1), [at(9), at(10)]],
    ['A window shorter than a slice reads the latest slice', 5 / 60, at(10, 59), [at(9), at(10)]],
  ])('%s.', (_name, hours, asOf, [from, to]) => {
    expect(timesliceRange(SLO, hours * 3_600_000, asOf)).toEqual({ from, to });
  });

  test('A 30-day period of hourly slices reads exactly 720 slices.', () => {
    const r = timesliceRange(SLO, 30 * 24 * 3_600_000, at(10, 7));
    expect((r.to - r.from) / 3_600_000).toBe(720);
  });
});

describe('Function: evaluateMonitor (timeslice measurements from the source)', () => {
  test('A 1-hour short window keeps judging the latest slice between boundaries instead of none.', () => {
    // Prepare
    const p = pipeline();
    const source: WindowSource = { counters: p.countersBetween.bind(p) };

    // Act
    const shorts = [at(10, 0), at(10, 1), at(10, 30), at(10, 59)].map(
      (t) => evaluateMonitor(MONITOR, t, source).slos[0]?.burnRates[0]?.short,
    );

    // Assess: every evaluation of hour 10 judges hour 9 (bad), so the rule cannot flip at :01.
    expect(shorts).toEqual(Array.from({ length: 4 }, () => ({ good: 0, total: 1 })));
  });

  test('Stored measurements replace the slices’ counters, and the slices are not read.', () => {
    // Prepare
    const p = pipeline();
    const read: string[] = [];
    const stored = new Map<number, Timeslice>([[at(8), { value: 0.1, events: 10 }]]);
    const source: WindowSource = {
      counters: (m, from, to) => {
        read.push(`${iso(from)}..${iso(to)}`);
        return p.countersBetween(m, from, to);
      },
      timeslice: (_m, _slo, from) => stored.get(from),
    };

    // Act
    const slo = evaluateMonitor(MONITOR, at(10, 0), source).slos[0];

    // Assess: hour 8 is read as bad (stored F1 0.1), hour 9 measured as bad from its counters.
    expect(slo?.burnRates[0]?.long).toEqual({ good: 0, total: 2 });
    expect(read).not.toContain(`${iso(at(8))}..${iso(at(9))}`);
    expect(read).toContain(`${iso(at(9))}..${iso(at(10))}`);
  });

  test('measureTimeslice gives what the evaluation computes for a slice: the filtered metric and its labelled decisions.', () => {
    // Prepare
    const p = pipeline();

    // Act
    const good = measureTimeslice(MONITOR, SLO, p.countersBetween('triage', at(8), at(9)));
    const bad = measureTimeslice(MONITOR, SLO, p.countersBetween('triage', at(9), at(10)));
    const empty = measureTimeslice(MONITOR, SLO, p.countersBetween('triage', at(11), at(12)));

    // Assess: hour 9 has tp 2, fn 3, fp 2 → F1 = 2·2 / (2·2 + 3 + 2) = 4/9.
    expect(good).toEqual({ value: 1, events: 10 });
    expect(bad.events).toBe(10);
    expect(bad.value).toBeCloseTo(4 / 9, 12);
    expect(empty).toEqual({ value: null, events: 0 });
  });
});

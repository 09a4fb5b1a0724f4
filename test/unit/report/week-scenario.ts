import type { MonitorConfig } from '../../../functions/domain/config/config-types.ts';
import { parseConfig } from '../../../functions/domain/config/load-config.ts';
import type { DriftwatchEvent } from '../../../functions/domain/events/event-schema.ts';
import { generateTraffic } from '../../../functions/offline/traffic-generator.ts';
import type { Incident, MonitorTraffic } from '../../../functions/offline/traffic-scenario.ts';
import { type IsoWeek, parseIsoWeek } from '../../../functions/report/iso-week.ts';

/**
 * A reported week with incidents, for the report tests, the browser test and the README screenshot:
 * two weeks of normal traffic (the drift baseline) and then week 2026-W47, in which
 * - fraud-screening: `amount` is multiplied by 2.5 on Thursday and Friday (drift), and the canary's accuracy
 *   falls to 60% on Friday and Saturday (regression);
 * - review-agent: every task fails on Wednesday 10:00–14:00 (outage).
 */

export const WEEK: IsoWeek = parseIsoWeek('2026-W47');
const DAY = 86_400_000;
const HOUR = 3_600_000;

export const CONFIG_YAML = `
version: 1
monitors:
  - name: fraud-screening
    description: Screens card payments; "fraud" holds a payment for manual review.
    positiveLabel: fraud
    slos:
      - name: fraud-recall
        sli: recall
        objective: 0.9
        alerting: none
      - name: fraud-precision
        sli: precision
        objective: 0.85
        alerting: none
      - name: fraud-f1
        sli: f1
        threshold: 0.8
        objective: 0.9
        timeslice: 6h
        minSliceEvents: 20
        alerting: none
    drift:
      features:
        - { name: amount, kind: numeric, method: ks }
        - { name: country, kind: categorical, categories: [de, fr, nl, es] }
      includePrediction: true
      baseline: { trailing: { length: 7d, offset: 1d } }
      window: 1d
      minSamples: 100
    alerts:
      runbookUrl: https://runbooks.example.com/fraud-screening
  - name: review-agent
    description: Reviews pull requests; hands off to a human when unsure.
    task:
      sla: 30m
      timeout: 2h
      handedOffCounts: excluded
    slos:
      - name: review-completion
        sli: completion
        objective: 0.97
        minEvents: 30
      - name: review-latency
        sli: latency
        threshold: 20m
        objective: 0.95
        minEvents: 30
    alerts:
      runbookUrl: https://runbooks.example.com/review-agent
`;

export const CONFIG: MonitorConfig = parseConfig(CONFIG_YAML, 'week-scenario.yaml').config;

const TRAFFIC: MonitorTraffic[] = [
  {
    monitor: 'fraud-screening',
    classes: ['fraud', 'ok', 'review'],
    tasks: ['card', 'transfer'],
    variants: [
      { name: 'control', share: 0.8, accuracy: 0.95 },
      { name: 'canary', share: 0.2, accuracy: 0.95 },
    ],
    features: [
      { name: 'amount', kind: 'numeric', median: 80, sigma: 0.9 },
      { name: 'country', kind: 'categorical', categories: ['de', 'fr', 'nl', 'es'] },
    ],
    labelRate: 0.85,
    labelDelayMedianMs: 2 * HOUR,
    taskShare: 0,
    taskSlaMs: 30 * 60_000,
    taskLatencyMedianMs: 5 * 60_000,
    taskFailRate: 0,
    taskHandoffRate: 0,
    taskNeverEndsRate: 0,
    weight: 1,
  },
  {
    monitor: 'review-agent',
    classes: ['approve', 'comment', 'reject'],
    tasks: ['review'],
    variants: [{ name: 'control', share: 1, accuracy: 0.9 }],
    features: [],
    labelRate: 0.6,
    labelDelayMedianMs: 6 * HOUR,
    taskShare: 0.6,
    taskSlaMs: 30 * 60_000,
    taskLatencyMedianMs: 6 * 60_000,
    taskFailRate: 0.003,
    taskHandoffRate: 0.02,
    taskNeverEndsRate: 0.002,
    weight: 0.6,
  },
];

export const INCIDENTS: readonly Incident[] = [
  {
    kind: 'drift',
    monitor: 'fraud-screening',
    feature: 'amount',
    from: WEEK.from + 3 * DAY,
    to: WEEK.from + 5 * DAY,
    magnitude: 2.5,
  },
  {
    kind: 'regression',
    monitor: 'fraud-screening',
    variant: 'canary',
    from: WEEK.from + 4 * DAY,
    to: WEEK.from + 6 * DAY,
    accuracy: 0.6,
  },
  {
    kind: 'outage',
    monitor: 'review-agent',
    from: WEEK.from + 2 * DAY + 10 * HOUR,
    to: WEEK.from + 2 * DAY + 14 * HOUR,
  },
];

/** The events, in arrival order: three weeks ending at the end of the reported week. Deterministic. */
export function weekEvents(events = 36_000, seed = 47): DriftwatchEvent[] {
  return [
    ...generateTraffic({
      monitors: TRAFFIC,
      start: WEEK.from - 14 * DAY,
      durationMs: 21 * DAY,
      events,
      seed,
      incidents: INCIDENTS,
    }),
  ];
}

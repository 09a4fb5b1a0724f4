import type { AlertKind } from '../domain/alerts/alert-key.ts';
import type { Incident, MonitorTraffic, TrafficOptions } from '../offline/traffic-scenario.ts';

/**
 * The week `npm run demo` replays: three agents (config/demo.yaml), seven days of traffic, and three
 * incidents, each built to trip exactly one kind of alert — and nothing else in the week may alert.
 *
 * | when (UTC, the demo's week)  | what happens                                                   | alert                                   |
 * | ---------------------------- | -------------------------------------------------------------- | --------------------------------------- |
 * | Tue 10:00 – Wed 16:00        | support-triage's canary (40% of traffic) answers at 50% accuracy | ticket support-triage/canary-f1         |
 * | Thu 14:00 – 15:30            | code-review-agent fails every review (an outage)               | page, then ticket, review-completion    |
 * | Fri 00:00 – Sat 12:00        | fraud-screening's payment amounts grow 1.8×                    | ticket drift fraud-screening/amount     |
 *
 * The incidents are far enough apart (and the objectives set with enough margin over the healthy error rates,
 * see config/demo.yaml) that normal noise never alerts; the windows in which each alert fires and resolves
 * follow from the alert rules and are asserted by the demo's test.
 */

export const DEMO_CONFIG_PATH = 'config/demo.yaml';
export const DEMO_SEED = 20_261_116;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Traffic per minute, summed over the three agents: about 2.6 events a minute, 26,000 in the week. Small
 * agents — DynamoDB Local costs a few milliseconds of CPU per event, and the replay must fit in a few
 * minutes on two cores — but enough for every alert rule below to see its minimum number of events.
 */
export const DEMO_EVENTS_PER_MINUTE = 2.56;

/** A Monday–Sunday week, as offsets from its Monday 00:00 UTC. */
const at = (day: number, hours: number, minutes = 0) => day * DAY + hours * HOUR + minutes * MINUTE;
const TUE = 1;
const WED = 2;
const THU = 3;
const FRI = 4;
const SAT = 5;

export const DEMO_MONITORS: readonly MonitorTraffic[] = [
  {
    monitor: 'support-triage',
    classes: ['escalate', 'answer', 'refund'],
    tasks: ['triage'],
    variants: [
      { name: 'control', share: 0.6, accuracy: 0.97 },
      { name: 'canary', share: 0.4, accuracy: 0.97 },
    ],
    features: [
      { name: 'message_length', kind: 'numeric', median: 400, sigma: 0.7 },
      { name: 'channel', kind: 'categorical', categories: ['email', 'chat', 'phone'] },
    ],
    labelRate: 0.8,
    labelDelayMedianMs: 10 * MINUTE,
    taskShare: 0,
    taskSlaMs: 15 * MINUTE,
    taskLatencyMedianMs: MINUTE,
    taskFailRate: 0,
    taskHandoffRate: 0,
    taskNeverEndsRate: 0,
    // Decisions per minute.
    weight: 0.6,
  },
  {
    monitor: 'code-review-agent',
    classes: ['approve', 'request-changes'],
    tasks: ['review'],
    variants: [{ name: 'control', share: 1, accuracy: 0.9 }],
    features: [],
    labelRate: 0,
    labelDelayMedianMs: HOUR,
    taskShare: 1,
    taskSlaMs: 30 * MINUTE,
    taskLatencyMedianMs: 2.5 * MINUTE,
    taskFailRate: 0.0002,
    taskHandoffRate: 0.05,
    taskNeverEndsRate: 0,
    // Reviews per minute.
    weight: 0.4,
  },
  {
    monitor: 'fraud-screening',
    // One payment in four is fraud: three `legit` entries make the class draw 25% fraud.
    classes: ['fraud', 'legit', 'legit', 'legit'],
    tasks: ['card-payment'],
    variants: [{ name: 'control', share: 1, accuracy: 0.985 }],
    features: [
      { name: 'amount', kind: 'numeric', median: 60, sigma: 0.9 },
      {
        name: 'merchant_category',
        kind: 'categorical',
        categories: ['grocery', 'travel', 'electronics', 'fuel', 'other-retail'],
      },
      { name: 'card_present', kind: 'boolean', categories: ['true', 'false'] },
    ],
    labelRate: 0.7,
    labelDelayMedianMs: 30 * MINUTE,
    taskShare: 0,
    taskSlaMs: 15 * MINUTE,
    taskLatencyMedianMs: MINUTE,
    taskFailRate: 0,
    taskHandoffRate: 0,
    taskNeverEndsRate: 0,
    // Payments screened per minute.
    weight: 0.4,
  },
];

/** An alert the scenario causes: when it must fire and, unless it stays open, when it must resolve. */
export interface ExpectedAlert {
  readonly monitor: string;
  readonly kind: AlertKind;
  readonly subject: string;
  readonly severity: 'page' | 'ticket';
  /** It fires at an evaluation in [from, to) (epoch ms). */
  readonly firesWithin: { readonly from: number; readonly to: number };
  /** It resolves at an evaluation in [from, to); null: still firing at the end of the week. */
  readonly resolvesWithin: { readonly from: number; readonly to: number } | null;
  /** The story line printed beside it. */
  readonly story: string;
}

export interface DemoScenario {
  /** Monday 00:00 UTC of the replayed week. */
  readonly weekStart: number;
  readonly weekEnd: number;
  readonly traffic: TrafficOptions;
  readonly incidents: readonly Incident[];
  readonly expectedAlerts: readonly ExpectedAlert[];
  /** Evaluation times, ascending (epoch ms, minute-aligned). */
  readonly evaluationTimes: readonly number[];
}

export interface DemoScenarioOptions {
  /** Evaluation cadence outside the incidents (simulated ms). @default 1 hour */
  readonly quietEveryMs?: number;
  /** Evaluation cadence around the incidents. @default 10 minutes */
  readonly busyEveryMs?: number;
}

/**
 * When to evaluate: every `busyEveryMs` from shortly before each incident until its alerts have had time to
 * resolve, every `quietEveryMs` elsewhere — nothing changes between quiet evaluations but the slowly moving
 * windows, and the replay stays within a few minutes. Always from the end of the first hour to the week's end.
 *
 * Complexity: O(evaluations).
 * @example evaluationSchedule(start, start + 7 * 86_400_000, [], 3_600_000, 600_000).length // 168
 */
export function evaluationSchedule(
  weekStart: number,
  weekEnd: number,
  busy: readonly { readonly from: number; readonly to: number }[],
  quietEveryMs: number,
  busyEveryMs: number,
): number[] {
  const out: number[] = [];
  let t = weekStart + quietEveryMs;
  while (t <= weekEnd) {
    out.push(t);
    const current = t;
    const step = busy.some((b) => current >= b.from && current < b.to) ? busyEveryMs : quietEveryMs;
    // The next multiple of the step keeps evaluations on round times (snapshots are stored every 5 minutes).
    let next = (Math.floor(t / step) + 1) * step;
    // A busy period that starts before then starts the busy cadence at its start.
    for (const b of busy) {
      if (b.from > current && b.from < next)
        next = Math.min(next, Math.ceil(b.from / busyEveryMs) * busyEveryMs);
    }
    t = next;
  }
  return out;
}

/**
 * The demo week ending at the Monday 00:00 UTC on or before `now`, i.e. the last complete ISO week — the week
 * the weekly report of `now` covers.
 *
 * Complexity: O(1).
 * @example new Date(demoWeekStart(Date.parse('2026-11-26T10:00:00Z'))).toISOString() // '2026-11-16T00:00:00.000Z'
 */
export function demoWeekStart(now: number): number {
  const dayStart = Math.floor(now / DAY) * DAY;
  const weekday = (new Date(dayStart).getUTCDay() + 6) % 7;
  return dayStart - weekday * DAY - 7 * DAY;
}

/**
 * The demo's week, traffic, incidents, expected alerts and evaluation times for the week starting at
 * `weekStart` (a Monday 00:00 UTC). Deterministic. O(evaluations).
 *
 * @example demoScenario(demoWeekStart(Date.now())).expectedAlerts.length // 4
 */
export function demoScenario(weekStart: number, options: DemoScenarioOptions = {}): DemoScenario {
  const w = (offset: number) => weekStart + offset;
  const regression = { from: w(at(TUE, 10)), to: w(at(WED, 16)) };
  const outage = { from: w(at(THU, 14)), to: w(at(THU, 15, 30)) };
  const drift = { from: w(at(FRI, 0)), to: w(at(SAT, 12)) };
  const incidents: Incident[] = [
    { kind: 'regression', monitor: 'support-triage', variant: 'canary', accuracy: 0.5, ...regression },
    { kind: 'outage', monitor: 'code-review-agent', ...outage },
    { kind: 'drift', monitor: 'fraud-screening', feature: 'amount', magnitude: 1.8, ...drift },
  ];
  const expectedAlerts: ExpectedAlert[] = [
    {
      monitor: 'support-triage',
      kind: 'slo',
      subject: 'canary-f1',
      severity: 'ticket',
      // More than half of the canary's 2-hour slices in 8 hours, and both slices of the last 4 hours, bad.
      firesWithin: { from: regression.from + 2 * HOUR, to: regression.from + 9 * HOUR },
      // The first good slice after the rollback halves the 4-hour window's bad share.
      resolvesWithin: { from: regression.to, to: regression.to + 5 * HOUR },
      story: 'the canary regressed: its F1 fell below 0.8 hour after hour',
    },
    {
      monitor: 'code-review-agent',
      kind: 'slo',
      subject: 'review-completion',
      severity: 'page',
      // 6x over 6h and 30m: about twenty minutes into the outage.
      firesWithin: { from: outage.from, to: outage.from + 45 * MINUTE },
      // The 30-minute short window clears half an hour after the outage.
      resolvesWithin: { from: outage.to, to: outage.to + 90 * MINUTE },
      story: 'every review failed: the completion SLO burns at 100x',
    },
    {
      monitor: 'code-review-agent',
      kind: 'slo',
      subject: 'review-completion',
      severity: 'ticket',
      // Suppressed while the page fires; the slow rules (1d/2h, 3d/6h) still burn once it resolves.
      firesWithin: { from: outage.to, to: outage.to + 2 * HOUR },
      resolvesWithin: { from: outage.to + 5 * HOUR, to: outage.to + 8 * HOUR },
      story: 'the outage spent a fifth of the 30-day error budget: a ticket follows the page',
    },
    {
      monitor: 'fraud-screening',
      kind: 'drift',
      subject: 'amount',
      severity: 'ticket',
      // KS D over 0.12 (and significant) once about half of the 1-day window has drifted; confirmed by the
      // next evaluation.
      firesWithin: { from: drift.from + 3 * HOUR, to: drift.from + 18 * HOUR },
      // Clear once the window holds little enough of the drift (the day-aligned baseline takes in Friday at
      // Sunday 00:00), confirmed over an hour.
      resolvesWithin: { from: drift.to + 6 * HOUR, to: drift.to + 22 * HOUR },
      story: 'payment amounts moved away from the baseline week',
    },
  ];
  const weekEnd = weekStart + 7 * DAY;
  // Only the outage needs minutes: its page's short window is 5 minutes long. The canary's slices are 2
  // hours and the drift window a day, so hourly evaluations see them as well.
  const busy = [{ from: outage.from - HOUR, to: outage.to + 8 * HOUR }];
  return {
    weekStart,
    weekEnd,
    traffic: {
      monitors: DEMO_MONITORS,
      start: weekStart,
      durationMs: 7 * DAY,
      events: DEMO_EVENTS_PER_MINUTE * 7 * 24 * 60,
      seed: DEMO_SEED,
      incidents,
    },
    incidents,
    expectedAlerts,
    evaluationTimes: evaluationSchedule(
      weekStart,
      weekEnd,
      busy,
      options.quietEveryMs ?? HOUR,
      options.busyEveryMs ?? 10 * MINUTE,
    ),
  };
}

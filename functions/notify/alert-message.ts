import type { AlertKey } from '../domain/alerts/alert-key.ts';
import { alertId } from '../domain/alerts/alert-key.ts';
import type { AlertNotice, AlertState } from '../domain/alerts/alert-transition.ts';
import { NO_DATA_SILENCE_MS } from '../domain/alerts/no-data.ts';
import type { Monitor, SloConfig } from '../domain/config/config-types.ts';
import type {
  BurnRateEvaluation,
  MonitorEvaluation,
  SloEvaluation,
  WindowMeasures,
} from '../domain/evaluation/evaluation-types.ts';
import type { FeatureDriftResult } from '../domain/evaluation/feature-drift.ts';
import { type HeadlineQuality, headlineQuality } from '../domain/evaluation/headline-quality.ts';
import { formatDuration } from '../domain/slo/durations.ts';
import { alertSubject } from './alert-subject.ts';

/** Version of the JSON in `Message`; bumped when a field changes meaning. */
export const ALERT_MESSAGE_VERSION = 1;

export interface BurnRateDetail {
  readonly severity: 'page' | 'ticket';
  readonly factor: number;
  readonly longWindow: string;
  readonly shortWindow: string;
  readonly longBurnRate: number | null;
  readonly shortBurnRate: number | null;
  readonly status: string;
  readonly long: { readonly good: number; readonly total: number };
  readonly short: { readonly good: number; readonly total: number };
}

/** Quality of one rollout variant in an alert message. */
export type VariantQuality = HeadlineQuality;

export interface SloDetail {
  readonly sli: string;
  readonly objective: number;
  readonly period: string;
  readonly filter: { readonly task?: string; readonly variant?: string };
  /** Good / total over the period (events, or timeslices for a threshold objective). */
  readonly ratio: number | null;
  readonly threshold?: number;
  readonly timeslice?: string;
  /** Burn rate per window, e.g. { "1h": 20.4, "5m": 22.1 }: every window of every rule. */
  readonly burnRates: Readonly<Record<string, number | null>>;
  readonly rules: readonly BurnRateDetail[];
  /** Share of the period's error budget consumed and remaining (null before the first event). */
  readonly budget: { readonly consumed: number; readonly remaining: number } | null;
  /** Quality per rollout variant over the alert window (quality SLIs only). */
  readonly qualityByVariant?: Readonly<Record<string, VariantQuality>>;
}

export interface DriftDetail {
  readonly method: string;
  readonly statistic: number | null;
  readonly threshold: number;
  readonly pValue: number | null;
  readonly adjustedPValue: number | null;
  readonly referenceSize: number;
  readonly currentSize: number;
  readonly baseline: { readonly from: string; readonly to: string } | null;
  readonly approximate: boolean;
  readonly detail: string;
}

/** The JSON of an alert's SNS `Message`. Never holds feature values (they may be personal data). */
export interface AlertMessageBody {
  readonly version: typeof ALERT_MESSAGE_VERSION;
  /** Stable per notification: a consumer can drop a repeated delivery by it. */
  readonly notificationId: string;
  readonly summary: string;
  readonly monitor: string;
  readonly kind: AlertKey['kind'];
  readonly slo?: string;
  readonly feature?: string;
  readonly severity: AlertKey['severity'];
  readonly state: 'firing' | 'resolved';
  readonly renotification: boolean;
  readonly sequence: number;
  readonly incidentStartedAt: string | null;
  readonly resolvedAt?: string;
  readonly evaluatedAt: string;
  /** The window the numbers describe: the alert rule's long window, the drift window, the silence window. */
  readonly window: { readonly length: string; readonly from: string; readonly to: string } | null;
  readonly sloDetail?: SloDetail;
  readonly drift?: DriftDetail;
  readonly runbook: string;
  readonly dashboard: string | null;
}

export interface AlertMessage {
  readonly notificationId: string;
  readonly subject: string;
  /** JSON of {@link AlertMessageBody}. */
  readonly message: string;
  /** SNS MessageAttributes (all String) for subscription filter policies. */
  readonly attributes: Readonly<Record<'monitor' | 'severity' | 'state' | 'kind' | 'notificationId', string>>;
}

export interface AlertMessageInput {
  readonly key: AlertKey;
  readonly notice: AlertNotice;
  /** The alert's state after the transition that sends this notice. */
  readonly state: AlertState;
  readonly monitor: Monitor;
  readonly evaluation: MonitorEvaluation<WindowMeasures>;
  /** Events in the same half hour yesterday, for a "no data" alert. */
  readonly noDataReferenceEvents?: number;
}

const iso = (t: number) => new Date(t).toISOString();

/**
 * The id of the notifications of one incident start with this: `<monitor>:<alert id>:<incident start ISO>:`.
 * @example incidentPrefix(key, Date.UTC(2026, 0, 1)) // 'm:slo#completion#page:2026-01-01T00:00:00.000Z:'
 */
export function incidentPrefix(key: AlertKey, firingSince: number | undefined): string {
  return `${key.monitor}:${alertId(key)}:${firingSince === undefined ? '-' : iso(firingSince)}:`;
}

/** Burn rates and ratios as people read them: 20.4x, 3.17x, 0.052x. */
function rate(value: number | null): string {
  if (value === null) return 'n/a';
  if (value >= 10) return `${value.toFixed(1)}x`;
  return `${Number(value.toPrecision(3))}x`;
}

function percent(share: number): string {
  return `${Number((share * 100).toPrecision(3))}%`;
}

function number(value: number | null): string {
  return value === null ? 'n/a' : String(Number(value.toPrecision(3)));
}

function duration(ms: number): string {
  if (ms <= 0) return '0m';
  return formatDuration(Math.max(60_000, Math.round(ms / 60_000) * 60_000));
}

/** The rule the alert is about: the first firing rule of its severity, else the first of its severity. */
function ruleOf(slo: SloEvaluation, severity: AlertKey['severity']): BurnRateEvaluation | undefined {
  const rules = slo.burnRates.filter((r) => r.severity === severity);
  return rules.find((r) => r.status === 'firing') ?? rules[0];
}

function windowOf(evaluation: MonitorEvaluation<WindowMeasures>, length: string): WindowMeasures | undefined {
  return evaluation.windows.find((w) => w.window === length);
}

function sloDetail(
  slo: SloEvaluation,
  config: SloConfig | undefined,
  window: WindowMeasures | undefined,
): SloDetail {
  const burnRates: Record<string, number | null> = {};
  for (const r of slo.burnRates) {
    burnRates[r.longWindow] ??= r.longBurnRate;
    burnRates[r.shortWindow] ??= r.shortBurnRate;
  }
  const quality = slo.sli !== 'completion' && slo.sli !== 'latency' && window !== undefined;
  const byVariant: Record<string, VariantQuality> = {};
  if (quality)
    for (const [v, q] of Object.entries(window.qualityByVariant)) byVariant[v] = headlineQuality(q);
  return {
    sli: slo.sli,
    objective: slo.objective,
    period: slo.period,
    filter: config?.filter ?? {},
    ratio: slo.ratio,
    ...(slo.threshold === undefined ? {} : { threshold: slo.threshold }),
    ...(slo.timeslice === undefined ? {} : { timeslice: slo.timeslice }),
    burnRates,
    rules: slo.burnRates.map((r) => ({
      severity: r.severity,
      factor: r.factor,
      longWindow: r.longWindow,
      shortWindow: r.shortWindow,
      longBurnRate: r.longBurnRate,
      shortBurnRate: r.shortBurnRate,
      status: r.status,
      long: r.long,
      short: r.short,
    })),
    budget: slo.budget ? { consumed: slo.budget.consumed, remaining: slo.budget.remaining } : null,
    ...(quality ? { qualityByVariant: byVariant } : {}),
  };
}

function driftDetail(
  feature: FeatureDriftResult,
  evaluation: MonitorEvaluation<WindowMeasures>,
): DriftDetail {
  return {
    method: feature.method,
    statistic: feature.statistic,
    threshold: feature.threshold,
    pValue: feature.pValue,
    adjustedPValue: feature.adjustedPValue,
    referenceSize: feature.referenceSize,
    currentSize: feature.currentSize,
    baseline: evaluation.drift?.baseline ?? null,
    approximate: feature.approximate,
    detail: feature.detail,
  };
}

function filterText(config: SloConfig | undefined): string {
  const parts: string[] = [];
  if (config?.filter.task !== undefined) parts.push(`task ${config.filter.task}`);
  if (config?.filter.variant !== undefined) parts.push(`variant ${config.filter.variant}`);
  return parts.length === 0 ? '' : ` [${parts.join(', ')}]`;
}

function objectiveText(slo: SloEvaluation): string {
  if (slo.threshold !== undefined) {
    return `${slo.sli} >= ${slo.threshold} in ${percent(slo.objective)} of ${slo.timeslice ?? ''} slices over ${slo.period}`;
  }
  return `${slo.sli} ${percent(slo.objective)} over ${slo.period}`;
}

function variantsText(detail: SloDetail): string {
  const entries = Object.entries(detail.qualityByVariant ?? {});
  if (entries.length < 2) return '';
  const metric = detail.sli === 'accuracy' ? 'accuracy' : detail.sli === 'f1' ? 'f1' : detail.sli;
  const pick = (q: VariantQuality) =>
    metric === 'precision'
      ? q.precision
      : metric === 'recall'
        ? q.recall
        : metric === 'f1'
          ? q.f1
          : q.accuracy;
  return ` ${metric.toUpperCase()} by variant: ${entries.map(([v, q]) => `${v} ${number(pick(q))}`).join(', ')}.`;
}

/**
 * Builds the SNS notification of an alert transition or re-notification, as DESIGN.md ("Alert message")
 * describes: a Subject of at most 99 printable ASCII characters, a JSON Message with a readable `summary`
 * line and the structured numbers behind it (burn rates per window, error budget consumed and remaining,
 * drift method, statistic and threshold, the window, evaluation time, runbook and dashboard links), and
 * String MessageAttributes `monitor`, `severity`, `state`, `kind` for subscription filter policies. The
 * notification id `<monitor>:<alert id>:<incident start>:<sequence>` is the same however often a delivery is
 * retried. Feature values never appear: drift is described by its statistics only. Pure.
 *
 * Complexity: O(rules + windows + variants).
 * @example buildAlertMessage({ key, notice: { kind: 'firing', sequence: 1 }, state, monitor, evaluation }).subject
 *   // 'PAGE firing: support-triage/escalation-recall burn 20.4x over 1h'
 */
export function buildAlertMessage(input: AlertMessageInput): AlertMessage {
  const { key, notice, state, monitor, evaluation } = input;
  const firing = notice.kind !== 'resolved';
  const renotification = notice.kind === 'renotify';
  const severity = key.severity.toUpperCase();
  const incidentStart = state.firingSince ?? null;
  const notificationId = `${incidentPrefix(key, state.firingSince)}${notice.sequence}`;
  const lasted =
    incidentStart === null ? '' : ` after ${duration(Date.parse(evaluation.asOf) - incidentStart)}`;
  const since = incidentStart === null ? '' : ` since ${iso(incidentStart)}`;
  const head = `${severity} ${firing ? (renotification ? 'still firing' : 'firing') : 'resolved'}: `;
  const name = `${key.monitor}/${key.subject}`;
  let tail = '';
  let summary: string;
  let window: AlertMessageBody['window'] = null;
  let extra: Pick<AlertMessageBody, 'slo' | 'feature' | 'sloDetail' | 'drift'> = {};

  if (key.kind === 'slo') {
    const slo = evaluation.slos.find((s) => s.name === key.subject);
    const config = monitor.slos.find((s) => s.name === key.subject);
    const rule = slo ? ruleOf(slo, key.severity) : undefined;
    const ruleWindow = rule ? windowOf(evaluation, rule.longWindow) : undefined;
    if (rule && ruleWindow) window = { length: rule.longWindow, from: ruleWindow.from, to: ruleWindow.to };
    if (slo) {
      const detail = sloDetail(slo, config, ruleWindow);
      extra = { slo: key.subject, sloDetail: detail };
      const budget = slo.budget
        ? ` ${percent(slo.budget.consumed)} of the ${slo.period} error budget consumed, ${percent(slo.budget.remaining)} remaining.`
        : '';
      const burn = rule
        ? `${rate(rule.longBurnRate)} over ${rule.longWindow} and ${rate(rule.shortBurnRate)} over ${rule.shortWindow}`
        : 'no burn-rate rule';
      tail = rule ? ` burn ${rate(rule.longBurnRate)} over ${rule.longWindow}` : '';
      const what = `${key.monitor} SLO ${key.subject}${filterText(config)} (${objectiveText(slo)})`;
      summary = firing
        ? `${severity}${renotification ? ` still firing${since}` : ''}: ${what} is burning its error budget too fast: ${burn} (threshold ${rule ? rate(rule.factor) : 'n/a'}).${budget}${variantsText(detail)}`
        : `RESOLVED ${key.severity}: ${what} is back under its ${key.severity} burn-rate thresholds${lasted}: ${burn}.${budget}${variantsText(detail)}`;
    } else {
      extra = { slo: key.subject };
      summary = `RESOLVED ${key.severity}: ${key.monitor} SLO ${key.subject} is no longer in the configuration${lasted}.`;
    }
  } else if (key.kind === 'drift') {
    const feature = evaluation.drift?.features.find((f) => f.feature === key.subject);
    if (evaluation.drift) {
      const w = evaluation.drift.window;
      window = { length: duration(Date.parse(w.to) - Date.parse(w.from)), from: w.from, to: w.to };
    }
    if (feature) {
      extra = { feature: key.subject, drift: driftDetail(feature, evaluation) };
      const comparison = `${feature.method} ${number(feature.statistic)} ${firing ? '>=' : 'vs'} threshold ${number(feature.threshold)}`;
      const p = feature.adjustedPValue === null ? '' : `, adjusted p-value ${number(feature.adjustedPValue)}`;
      tail = ` ${feature.method} ${number(feature.statistic)}`;
      const baseline = evaluation.drift
        ? ` (window ${evaluation.drift.window.from}..${evaluation.drift.window.to} vs baseline ${evaluation.drift.baseline.from}..${evaluation.drift.baseline.to})`
        : '';
      summary = firing
        ? `${severity}${renotification ? ` still firing${since}` : ''}: ${key.monitor} feature ${key.subject} drifted from its baseline: ${comparison}${p}${baseline}.`
        : `RESOLVED ${key.severity}: ${key.monitor} feature ${key.subject} no longer drifts${lasted}: ${comparison}${p}.`;
    } else {
      extra = { feature: key.subject };
      summary = `RESOLVED ${key.severity}: ${key.monitor} feature ${key.subject} is no longer tested for drift${lasted}.`;
    }
  } else {
    const to = Date.parse(evaluation.asOf);
    window = {
      length: duration(NO_DATA_SILENCE_MS),
      from: iso(to - NO_DATA_SILENCE_MS),
      to: evaluation.asOf,
    };
    const reference =
      input.noDataReferenceEvents === undefined
        ? ''
        : ` (the same half hour yesterday had ${input.noDataReferenceEvents})`;
    tail = ' no events';
    summary = firing
      ? `${severity}${renotification ? ` still firing${since}` : ''}: ${key.monitor} sent no decisions or tasks in the last ${duration(NO_DATA_SILENCE_MS)}${reference}.`
      : `RESOLVED ${key.severity}: ${key.monitor} is sending events again${lasted}.`;
  }

  const body: AlertMessageBody = {
    version: ALERT_MESSAGE_VERSION,
    notificationId,
    summary,
    monitor: key.monitor,
    kind: key.kind,
    ...extra,
    severity: key.severity,
    state: firing ? 'firing' : 'resolved',
    renotification,
    sequence: notice.sequence,
    incidentStartedAt: incidentStart === null ? null : iso(incidentStart),
    ...(state.resolvedAt !== undefined && !firing ? { resolvedAt: iso(state.resolvedAt) } : {}),
    evaluatedAt: evaluation.asOf,
    window,
    runbook: monitor.alerts.runbookUrl,
    dashboard: monitor.alerts.dashboardUrl ?? null,
  };
  return {
    notificationId,
    subject: alertSubject(head, name, tail),
    message: JSON.stringify(body),
    attributes: {
      monitor: key.monitor,
      severity: key.severity,
      state: body.state,
      kind: key.kind,
      notificationId,
    },
  };
}

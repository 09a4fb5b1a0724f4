import { burnRateThreshold } from '../slo/burn-rate.ts';
import { DAY_MS, formatDuration } from '../slo/durations.ts';
import { canEverFire, maxAchievableBurnRate } from '../slo/multiwindow-alert.ts';
import type { ConfigPath } from './config-issues.ts';
import type { AlertRule, DriftConfig, Monitor, MonitorConfig, SloConfig } from './config-types.ts';

/**
 * How long the pipeline keeps counter buckets. Windows, periods and baselines reaching further back than this
 * read missing buckets. Must match the store's bucket TTL.
 */
export const BUCKET_RETENTION_MS = 30 * DAY_MS;

/** A warning before it is located in a file: its kind, where it points, and what to do about it. */
export interface ConfigWarningDraft {
  readonly code: ConfigWarningCode;
  readonly path: ConfigPath;
  readonly message: string;
}

export type ConfigWarningCode =
  | 'alert-never-fires'
  | 'single-event-pages'
  | 'min-events-zero'
  | 'short-window-not-shorter'
  | 'window-longer-than-period'
  | 'window-beyond-retention'
  | 'window-shorter-than-timeslice'
  | 'evaluation-slower-than-short-window'
  | 'timeout-before-sla'
  | 'latency-threshold-beyond-timeout'
  | 'duplicate-feature'
  | 'baseline-overlaps-window'
  | 'drift-tests-nothing'
  | 'monitor-watches-nothing'
  | 'renotify-faster-than-evaluation';

/**
 * Finds settings that are valid but will not behave as their author expects: alert rules that can never
 * fire (a 14.4× page needs an objective above 1 − 1/14.4 ≈ 93.06%: SRE Workbook ch. 5, "Extreme availability
 * goals"), single failures that page on low traffic (ch. 5, "Low-traffic services"), windows the pipeline
 * cannot read (longer than the period or than the 30 days of buckets kept), drift features listed twice…
 *
 * Complexity: O(monitors × (SLOs × rules + features)).
 * @example configWarnings(config).map((w) => w.code) // ['alert-never-fires']
 */
export function configWarnings(config: MonitorConfig): ConfigWarningDraft[] {
  const warnings: ConfigWarningDraft[] = [];
  config.monitors.forEach((monitor, m) => {
    const at = (...path: ConfigPath): ConfigPath => ['monitors', m, ...path];
    monitorWarnings(config, monitor, at, warnings);
    monitor.slos.forEach((slo, s) => {
      sloWarnings(config, monitor, slo, (...path) => at('slos', s, ...path), warnings);
    });
    if (monitor.drift !== undefined)
      driftWarnings(monitor.drift, (...path) => at('drift', ...path), warnings);
  });
  return warnings;
}

type At = (...path: ConfigPath) => ConfigPath;

function monitorWarnings(config: MonitorConfig, monitor: Monitor, at: At, out: ConfigWarningDraft[]): void {
  const drift = monitor.drift;
  const driftTestsSomething = drift !== undefined && (drift.features.length > 0 || drift.includePrediction);
  if (monitor.slos.length === 0 && !driftTestsSomething) {
    out.push({
      code: 'monitor-watches-nothing',
      path: at('name'),
      message: `monitor "${monitor.name}" has no SLOs and no drift to test: it will never alert`,
    });
  }
  const { task } = monitor;
  if (task !== undefined && task.timeoutMs < task.slaMs) {
    out.push({
      code: 'timeout-before-sla',
      path: at('task', 'timeout'),
      message: `the timeout (${formatDuration(task.timeoutMs)}) is shorter than the SLA (${formatDuration(task.slaMs)}): tasks time out before they can be late, so the SLA is effectively ${formatDuration(task.timeoutMs)}`,
    });
  }
  if (monitor.alerts.renotifyIntervalMs < config.evaluationIntervalMs) {
    out.push({
      code: 'renotify-faster-than-evaluation',
      path: at('alerts', 'renotifyInterval'),
      message: `re-notifying every ${formatDuration(monitor.alerts.renotifyIntervalMs)} is faster than evaluations (every ${formatDuration(config.evaluationIntervalMs)}): a firing alert is re-sent at every evaluation`,
    });
  }
}

function sloWarnings(
  config: MonitorConfig,
  monitor: Monitor,
  slo: SloConfig,
  at: At,
  out: ConfigWarningDraft[],
): void {
  const custom = slo.alertingSource === 'custom';
  const rulePath = (r: number, key?: string): ConfigPath =>
    custom ? at('alerting', r, ...(key === undefined ? [] : [key])) : at('objective');
  const describeRule = (rule: AlertRule) =>
    `the ${rule.severity} rule ${rule.factor}× over ${formatDuration(rule.longWindowMs)}/${formatDuration(rule.shortWindowMs)}${custom ? '' : ' (Workbook default)'}`;

  if (slo.periodMs > BUCKET_RETENTION_MS) {
    out.push({
      code: 'window-beyond-retention',
      path: at('period'),
      message: `the period (${formatDuration(slo.periodMs)}) is longer than the ${formatDuration(BUCKET_RETENTION_MS)} of counters the pipeline keeps: budget figures cannot cover the whole period`,
    });
  }
  if (slo.minEvents === 0 && slo.alerting.length > 0) {
    out.push({
      code: 'min-events-zero',
      path: at('minEvents'),
      message: 'minEvents is 0: a single bad event in an otherwise quiet window can fire an alert',
    });
  }

  let lowTraffic: { rule: AlertRule; needed: bigint } | undefined;
  slo.alerting.forEach((rule, r) => {
    if (!canEverFire(rule, slo.objective)) {
      const needed = (1 - 1 / rule.factor) * 100;
      out.push({
        code: 'alert-never-fires',
        path: rulePath(r),
        message: `${describeRule(rule)} can never fire: at objective ${slo.objective} the highest possible burn rate is ${round(maxAchievableBurnRate(slo.objective))}× (every event bad); it needs an objective above ${needed.toFixed(2)}% or a factor below ${round(maxAchievableBurnRate(slo.objective))}`,
      });
    } else if (rule.severity === 'page' && slo.minEvents > 0) {
      // One bad event among N exceeds the threshold p/q when 1/N > p/q, i.e. N < q/p.
      const { numerator, denominator } = burnRateThreshold(rule.factor, slo.objective).errorRatio;
      const needed = (denominator + numerator - 1n) / numerator;
      if (BigInt(slo.minEvents) < needed && (lowTraffic === undefined || needed > lowTraffic.needed)) {
        lowTraffic = { rule, needed };
      }
    }
    if (custom && rule.shortWindowMs >= rule.longWindowMs) {
      out.push({
        code: 'short-window-not-shorter',
        path: rulePath(r, 'shortWindow'),
        message: `the short window (${formatDuration(rule.shortWindowMs)}) is not shorter than the long window (${formatDuration(rule.longWindowMs)}): it cannot make the alert reset sooner; the Workbook uses 1/12 of the long window`,
      });
    }
    if (rule.longWindowMs > slo.periodMs) {
      out.push({
        code: 'window-longer-than-period',
        path: rulePath(r, 'longWindow'),
        message: `the long window (${formatDuration(rule.longWindowMs)}) is longer than the SLO period (${formatDuration(slo.periodMs)})`,
      });
    }
    if (rule.longWindowMs > BUCKET_RETENTION_MS) {
      out.push({
        code: 'window-beyond-retention',
        path: rulePath(r, 'longWindow'),
        message: `the long window (${formatDuration(rule.longWindowMs)}) reaches beyond the ${formatDuration(BUCKET_RETENTION_MS)} of counters the pipeline keeps`,
      });
    }
    if (config.evaluationIntervalMs > rule.shortWindowMs) {
      out.push({
        code: 'evaluation-slower-than-short-window',
        path: rulePath(r, 'shortWindow'),
        message: `evaluations run every ${formatDuration(config.evaluationIntervalMs)}, longer than the ${formatDuration(rule.shortWindowMs)} short window of ${describeRule(rule)}: short bursts fall between evaluations`,
      });
    }
    if (slo.budgetingMethod === 'timeslices' && rule.shortWindowMs < slo.timesliceMs) {
      out.push({
        code: 'window-shorter-than-timeslice',
        path: rulePath(r, 'shortWindow'),
        message: `the ${formatDuration(rule.shortWindowMs)} short window of ${describeRule(rule)} is shorter than the ${formatDuration(slo.timesliceMs)} timeslice: it reads the latest slice, so the alert resets only after a good slice`,
      });
    }
  });

  if (lowTraffic !== undefined) {
    const { rule, needed } = lowTraffic;
    out.push({
      code: 'single-event-pages',
      path: at('minEvents'),
      message: `with minEvents ${slo.minEvents}, one bad event among ${slo.minEvents} in the ${formatDuration(rule.longWindowMs)} window (${round(100 / slo.minEvents)}%) already exceeds ${describeRule(rule)} (${round(rule.factor * (1 - slo.objective) * 100)}%): raise minEvents to at least ${needed} so a single failure cannot page`,
    });
  }

  if (slo.sli === 'latency' && monitor.task !== undefined && slo.thresholdMs >= monitor.task.timeoutMs) {
    out.push({
      code: 'latency-threshold-beyond-timeout',
      path: at('threshold'),
      message: `the latency threshold (${formatDuration(slo.thresholdMs)}) is not below the task timeout (${formatDuration(monitor.task.timeoutMs)}): every completed task meets it`,
    });
  }
}

function driftWarnings(drift: DriftConfig, at: At, out: ConfigWarningDraft[]): void {
  const first = new Map<string, number>();
  drift.features.forEach((feature, f) => {
    const earlier = first.get(feature.name);
    if (earlier === undefined) first.set(feature.name, f);
    else {
      out.push({
        code: 'duplicate-feature',
        path: at('features', f, 'name'),
        message: `"${feature.name}" is listed again (same as features[${earlier}]); it is tested once`,
      });
    }
  });
  if (drift.features.length === 0 && !drift.includePrediction) {
    out.push({
      code: 'drift-tests-nothing',
      path: at('features'),
      message: 'drift lists no features and includePrediction is false: nothing is tested',
    });
  }
  if (drift.windowMs > BUCKET_RETENTION_MS) {
    out.push({
      code: 'window-beyond-retention',
      path: at('window'),
      message: `the drift window (${formatDuration(drift.windowMs)}) reaches beyond the ${formatDuration(BUCKET_RETENTION_MS)} of counters the pipeline keeps`,
    });
  }
  const { baseline } = drift;
  if (baseline.kind === 'trailing') {
    if (baseline.offsetMs < drift.windowMs) {
      out.push({
        code: 'baseline-overlaps-window',
        path: at('baseline', 'trailing', 'offset'),
        message: `the baseline ends ${formatDuration(baseline.offsetMs)} ago but the window covers the last ${formatDuration(drift.windowMs)}: they overlap, which hides drift; set offset to at least ${formatDuration(drift.windowMs)}`,
      });
    }
    const reach = baseline.offsetMs + baseline.lengthMs;
    if (reach > BUCKET_RETENTION_MS) {
      out.push({
        code: 'window-beyond-retention',
        path: at('baseline', 'trailing'),
        message: `the baseline reaches ${formatDuration(reach)} back, beyond the ${formatDuration(BUCKET_RETENTION_MS)} of counters the pipeline keeps`,
      });
    }
  }
}

/** Up to 4 decimals, without trailing zeros: 14.409221902017292 → 14.4092. */
function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

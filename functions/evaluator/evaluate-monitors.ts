import type { Monitor, MonitorConfig } from '../domain/config/config-types.ts';
import type { PipelineEvaluation } from '../domain/evaluation/evaluation-types.ts';
import type { AlertPublisher } from '../notify/sns-publisher.ts';
import type { StateReaderDeps } from '../store/evaluation-batch-get.ts';
import { saveSnapshot } from '../store/evaluation-snapshot-store.ts';
import type { StoreLogger } from '../store/logger.ts';
import { type AlertDispatchSummary, dispatchAlerts } from './alert-dispatch.ts';
import { evaluateFromState, type ItemsRead } from './evaluate-from-state.ts';
import { type MetricsPort, publishEvaluationMetrics } from './evaluation-metrics.ts';
import { evaluationSnapshot, SNAPSHOT_INTERVAL_MS, snapshotDue } from './evaluation-snapshot.ts';

export interface EvaluatorDeps extends StateReaderDeps {
  readonly publisher: AlertPublisher;
  readonly logger: StoreLogger;
  readonly metrics?: MetricsPort;
  /** Wall clock (claims, durations). */
  readonly now: () => number;
  /** Unique per run (claims). */
  readonly runId: string;
  /** Monitors evaluated at once. @default 8 */
  readonly concurrency?: number;
  /** @default SNAPSHOT_INTERVAL_MS */
  readonly snapshotIntervalMs?: number;
}

export type MonitorRunResult =
  | {
      readonly monitor: string;
      readonly ok: true;
      readonly evaluation: PipelineEvaluation;
      readonly itemsRead: ItemsRead;
      readonly alerts: AlertDispatchSummary;
      readonly snapshot: boolean;
      readonly slicesStored: number;
      readonly durationMs: number;
    }
  | { readonly monitor: string; readonly ok: false; readonly error: string };

export interface EvaluationRunSummary {
  readonly asOf: string;
  readonly monitors: readonly MonitorRunResult[];
  readonly failed: readonly string[];
}

/** Some monitors could not be evaluated; the others were. Thrown after the run so Lambda reports an error. */
export class EvaluationRunError extends Error {
  readonly summary: EvaluationRunSummary;

  constructor(summary: EvaluationRunSummary) {
    super(
      `evaluation as of ${summary.asOf} failed for ${summary.failed.length} monitor(s): ${summary.failed.join(', ')}`,
    );
    this.name = 'EvaluationRunError';
    this.summary = summary;
  }
}

async function evaluateOne(
  deps: EvaluatorDeps,
  config: MonitorConfig,
  monitor: Monitor,
  asOf: number,
): Promise<MonitorRunResult> {
  const started = deps.now();
  const state = await evaluateFromState(deps, monitor, asOf);
  const snapshot = snapshotDue(
    asOf,
    config.evaluationIntervalMs,
    deps.snapshotIntervalMs ?? SNAPSHOT_INTERVAL_MS,
  );
  if (snapshot) await saveSnapshot(deps, evaluationSnapshot(state.evaluation));
  const alerts = await dispatchAlerts(deps, {
    monitor,
    evaluation: state.evaluation,
    asOf,
    noData: { condition: state.noData.condition, referenceEvents: state.noData.referenceEvents },
  });
  if (deps.metrics) publishEvaluationMetrics(deps.metrics, state.evaluation);
  const durationMs = deps.now() - started;
  // Counts and names only: never counters or feature values.
  deps.logger.info('monitor evaluated', {
    monitor: monitor.name,
    asOf: state.evaluation.asOf,
    itemsRead: state.itemsRead,
    bucketRequests: state.bucketRequests,
    slicesStored: state.slicesStored,
    pinnedBaseline: state.pinnedBaseline !== undefined,
    slosFiring: state.evaluation.slos.filter((s) => s.firing !== null).map((s) => `${s.name}:${s.firing}`),
    featuresDrifted: (state.evaluation.drift?.features ?? [])
      .filter((f) => f.status === 'drifted')
      .map((f) => f.feature),
    silent: state.noData.condition === 'firing',
    alerts: alerts.alerts,
    alertsFiring: alerts.firing,
    transitions: alerts.transitions,
    published: alerts.published.length,
    pendingNotifications: alerts.pending,
    publishFailures: alerts.publishFailures,
    conflicts: alerts.conflicts,
    durationMs,
  });
  return {
    monitor: monitor.name,
    ok: true,
    evaluation: state.evaluation,
    itemsRead: state.itemsRead,
    alerts,
    snapshot,
    slicesStored: state.slicesStored,
    durationMs,
  };
}

/**
 * Evaluates every monitor of the configuration as of `asOf` (the schedule's time): reads, evaluates, stores a
 * snapshot when due, drives the alerts and publishes metrics. Monitors run `concurrency` at a time; one
 * monitor's failure is logged and does not stop the others.
 *
 * @throws {EvaluationRunError} after all monitors ran, when any failed (so the failure shows as a Lambda
 *   error; a retry is safe: alert state ignores evaluations it has already seen).
 * @example const summary = await evaluateMonitors(deps, config, Date.parse(event.time));
 */
export async function evaluateMonitors(
  deps: EvaluatorDeps,
  config: MonitorConfig,
  asOf: number,
): Promise<EvaluationRunSummary> {
  const results: MonitorRunResult[] = new Array(config.monitors.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < config.monitors.length; i = next++) {
      const monitor = config.monitors[i] as Monitor;
      try {
        results[i] = await evaluateOne(deps, config, monitor, asOf);
      } catch (error) {
        const name = error instanceof Error ? error.name : 'unknown error';
        const message = error instanceof Error ? error.message : String(error);
        deps.logger.error('monitor evaluation failed', { monitor: monitor.name, error: name, message });
        results[i] = { monitor: monitor.name, ok: false, error: `${name}: ${message}` };
      }
    }
  };
  const workers = Math.max(1, Math.min(deps.concurrency ?? 8, config.monitors.length));
  await Promise.all(Array.from({ length: workers }, worker));
  const summary: EvaluationRunSummary = {
    asOf: new Date(Math.floor(asOf / 60_000) * 60_000).toISOString(),
    monitors: results,
    failed: results.filter((r) => !r.ok).map((r) => r.monitor),
  };
  if (summary.failed.length > 0) throw new EvaluationRunError(summary);
  return summary;
}

import type { MonitorConfig } from '../domain/config/config-types.ts';
import type { MonitorEvaluation, WindowMeasures } from '../domain/evaluation/evaluation-types.ts';
import type { HeadlineQuality } from '../domain/evaluation/headline-quality.ts';
import { type EvaluationSnapshot, evaluationSnapshot } from '../evaluator/evaluation-snapshot.ts';
import { readAlertEpisodes } from '../store/alert-history-store.ts';
import { readAlertStates } from '../store/alert-state-store.ts';
import type { StateReaderDeps } from '../store/evaluation-batch-get.ts';
import { readSnapshots } from '../store/evaluation-snapshot-store.ts';

/**
 * What the local dashboard shows, as JSON (`/api/dashboard.json`) and as the page's input: per monitor the
 * latest evaluation's headline numbers (F1 / precision / recall, completion, every SLO's burn rates and error
 * budget, drift per feature), its open alerts and recent incidents, and time series for the charts, built from
 * the evaluator's stored snapshots. Everything is read from the State table the evaluator writes — the
 * dashboard shows what the pipeline computed, never numbers of its own.
 */

export interface SeriesPoint {
  /** Evaluation time, epoch ms. */
  readonly t: number;
  readonly precision: number | null;
  readonly recall: number | null;
  readonly f1: number | null;
  /** F1 per rollout variant. */
  readonly variantF1: Readonly<Record<string, number | null>>;
  readonly completion: number | null;
  /** Error budget remaining per SLO (share of the period's budget; negative once overspent). */
  readonly budgetRemaining: Readonly<Record<string, number | null>>;
  /** Drift statistic divided by its threshold per feature (≥ 1 is over the threshold). */
  readonly driftRatio: Readonly<Record<string, number | null>>;
}

export interface OpenAlert {
  readonly kind: 'slo' | 'drift' | 'nodata';
  readonly subject: string;
  readonly severity: 'page' | 'ticket';
  /** ISO time the incident opened. */
  readonly firingSince: string | null;
}

export interface RecentAlert {
  readonly kind: 'slo' | 'drift' | 'nodata';
  readonly subject: string;
  readonly severity: 'page' | 'ticket';
  readonly firedAt: string;
  readonly resolvedAt: string | null;
}

export interface MonitorPanel {
  readonly name: string;
  readonly description: string | null;
  readonly positiveLabel: string | null;
  /** The latest evaluation's time; null before the first snapshot. */
  readonly evaluatedAt: string | null;
  readonly headlineWindow: string | null;
  readonly quality: HeadlineQuality | null;
  readonly variants: Readonly<Record<string, HeadlineQuality>>;
  readonly completion: {
    readonly ratio: number | null;
    readonly tasks: number;
    readonly latencyP95Ms: number | null;
  } | null;
  readonly slos: EvaluationSnapshot['slos'];
  readonly drift: EvaluationSnapshot['drift'];
  readonly openAlerts: readonly OpenAlert[];
  readonly recentAlerts: readonly RecentAlert[];
  /** The objective of each SLO, for reference lines. */
  readonly objectives: Readonly<Record<string, number>>;
  readonly series: readonly SeriesPoint[];
}

export interface DashboardData {
  /** Wall-clock time the data was read. */
  readonly generatedAt: string;
  /** The latest evaluation time over all monitors; null before the first evaluation. */
  readonly asOf: string | null;
  readonly configPath: string;
  /** How far back the series and recent alerts go, ms. */
  readonly historyMs: number;
  readonly monitors: readonly MonitorPanel[];
}

/**
 * The chart point of a snapshot: the headline window's quality and completion, budgets, drift ratios. Pure.
 *
 * Complexity: O(windows + SLOs + variants + features).
 * @example seriesPoint(snapshot).f1 // 0.86
 */
export function seriesPoint(snapshot: EvaluationSnapshot): SeriesPoint {
  const headline = snapshot.windows.find((w) => w.window === snapshot.headlineWindow);
  const variantF1: Record<string, number | null> = {};
  for (const [v, q] of Object.entries(snapshot.variants)) variantF1[v] = q.f1;
  const budgetRemaining: Record<string, number | null> = {};
  for (const slo of snapshot.slos) budgetRemaining[slo.name] = slo.budgetRemaining;
  const driftRatio: Record<string, number | null> = {};
  for (const d of snapshot.drift) {
    driftRatio[d.feature] = d.statistic === null || !(d.threshold > 0) ? null : d.statistic / d.threshold;
  }
  return {
    t: Date.parse(snapshot.asOf),
    precision: headline?.quality.precision ?? null,
    recall: headline?.quality.recall ?? null,
    f1: headline?.quality.f1 ?? null,
    variantF1,
    completion: headline && headline.tasks > 0 ? headline.completion : null,
    budgetRemaining,
    driftRatio,
  };
}

/**
 * Keeps at most `max` points, evenly over time, always keeping the last: charts need a few hundred points
 * whatever the history's length. Pure.
 *
 * Complexity: O(points).
 * @example thinSeries(points, 300).length <= 300
 */
export function thinSeries<T extends { readonly t: number }>(points: readonly T[], max: number): T[] {
  if (points.length <= max) return [...points];
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last || max < 2) return last ? [last] : [];
  const step = (last.t - first.t) / (max - 1);
  const out: T[] = [];
  let next = first.t;
  for (const p of points) {
    if (p.t >= next) {
      out.push(p);
      next = p.t + step;
    }
  }
  if (out[out.length - 1] !== last) out.push(last);
  return out;
}

interface MonitorCache {
  latest: EvaluationSnapshot | undefined;
  points: SeriesPoint[];
  /** Snapshots up to this time (epoch ms) have been read. */
  readUntil: number;
}

export interface DashboardSourceOptions {
  readonly deps: StateReaderDeps;
  readonly config: MonitorConfig;
  readonly configPath: string;
  /** How far back the charts go. */
  readonly historyMs: number;
  /** Most points per chart. @default 360 */
  readonly maxPoints?: number;
  /** Wall clock, for the first read of snapshots. @default Date.now */
  readonly now?: () => number;
}

/** Far enough in the future for any simulated run. */
const END_OF_TIME = Date.UTC(9999, 0, 1);
const ALERT_KINDS = new Set(['slo', 'drift', 'nodata']);

/**
 * Reads the dashboard's data, incrementally: each refresh queries only the snapshots stored since the last
 * one (a Query per monitor), plus the alert states and the episodes of the history window. Refreshes are
 * serialised, so concurrent page loads share one read.
 */
export class DashboardSource {
  readonly #options: DashboardSourceOptions;
  readonly #cache = new Map<string, MonitorCache>();
  #pending: Promise<DashboardData> | undefined;

  constructor(options: DashboardSourceOptions) {
    this.#options = options;
  }

  /** The current data (one refresh at a time; callers during a refresh share its result). */
  read(): Promise<DashboardData> {
    this.#pending ??= this.#refresh().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  #cacheFor(name: string): MonitorCache {
    let cache = this.#cache.get(name);
    if (!cache) {
      // The first read goes a day further back than the history, so a just-finished replay is found whole.
      const now = (this.#options.now ?? Date.now)();
      cache = { latest: undefined, points: [], readUntil: now - this.#options.historyMs - 86_400_000 };
      this.#cache.set(name, cache);
    }
    return cache;
  }

  #add(cache: MonitorCache, snapshot: EvaluationSnapshot): void {
    const point = seriesPoint(snapshot);
    const last = cache.points[cache.points.length - 1];
    if (last && last.t > point.t) return;
    if (last && last.t === point.t) cache.points[cache.points.length - 1] = point;
    else cache.points.push(point);
    cache.latest = snapshot;
  }

  /**
   * Shows the evaluations of a run at once. The evaluator stores a snapshot every 5 minutes only; the local
   * stack hands every run's evaluations here so the page shows the latest run, whatever the minute.
   */
  recordEvaluations(evaluations: readonly MonitorEvaluation<WindowMeasures>[]): void {
    for (const evaluation of evaluations)
      this.#add(this.#cacheFor(evaluation.monitor), evaluationSnapshot(evaluation));
  }

  async #refreshMonitor(name: string): Promise<MonitorCache> {
    const { deps, historyMs } = this.#options;
    const cache = this.#cacheFor(name);
    const snapshots = await readSnapshots(deps, name, cache.readUntil, END_OF_TIME);
    for (const s of snapshots) {
      this.#add(cache, s);
      cache.readUntil = Math.max(cache.readUntil, Date.parse(s.asOf) + 1);
    }
    const latestT = cache.latest ? Date.parse(cache.latest.asOf) : undefined;
    if (latestT !== undefined) {
      const from = latestT - historyMs;
      const firstKept = cache.points.findIndex((p) => p.t >= from);
      if (firstKept > 0) cache.points.splice(0, firstKept);
    }
    return cache;
  }

  async #refresh(): Promise<DashboardData> {
    const { deps, config, historyMs } = this.#options;
    const panels = await Promise.all(
      config.monitors.map(async (monitor): Promise<MonitorPanel> => {
        const cache = await this.#refreshMonitor(monitor.name);
        const latest = cache.latest;
        const latestT = latest ? Date.parse(latest.asOf) : (this.#options.now ?? Date.now)();
        const [states, episodes] = await Promise.all([
          readAlertStates(deps, monitor.name),
          readAlertEpisodes(deps, monitor.name, latestT - historyMs, END_OF_TIME),
        ]);
        const headline = latest?.windows.find((w) => w.window === latest.headlineWindow);
        const objectives: Record<string, number> = {};
        for (const slo of monitor.slos) objectives[slo.name] = slo.objective;
        return {
          name: monitor.name,
          description: monitor.description ?? null,
          positiveLabel: monitor.positiveLabel ?? null,
          evaluatedAt: latest?.asOf ?? null,
          headlineWindow: latest?.headlineWindow ?? null,
          quality: headline?.quality ?? null,
          variants: latest?.variants ?? {},
          completion: headline
            ? { ratio: headline.completion, tasks: headline.tasks, latencyP95Ms: headline.latencyP95Ms }
            : null,
          slos: latest?.slos ?? [],
          drift: latest?.drift ?? [],
          openAlerts: states
            .filter((s) => s.state.status === 'firing' && ALERT_KINDS.has(s.key.kind))
            .map((s) => ({
              kind: s.key.kind,
              subject: s.key.subject,
              severity: s.key.severity,
              firingSince:
                s.state.firingSince === undefined ? null : new Date(s.state.firingSince).toISOString(),
            })),
          recentAlerts: episodes.map((e) => ({
            kind: e.kind,
            subject: e.subject,
            severity: e.severity,
            firedAt: new Date(e.firedAt).toISOString(),
            resolvedAt: e.resolvedAt === undefined ? null : new Date(e.resolvedAt).toISOString(),
          })),
          objectives,
          series: thinSeries(cache.points, this.#options.maxPoints ?? 360),
        };
      }),
    );
    const times = panels.flatMap((p) => (p.evaluatedAt ? [Date.parse(p.evaluatedAt)] : []));
    return {
      generatedAt: new Date().toISOString(),
      asOf: times.length > 0 ? new Date(Math.max(...times)).toISOString() : null,
      configPath: this.#options.configPath,
      historyMs,
      monitors: panels,
    };
  }
}

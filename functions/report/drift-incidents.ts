import type { DriftStatus } from '../domain/evaluation/feature-drift.ts';
import type { AlertEpisode } from './report-source.ts';
import type { DriftIncident } from './report-types.ts';

/** One feature's verdict in one drift check. */
export interface FeatureVerdict {
  readonly feature: string;
  readonly status: DriftStatus;
  readonly method: string;
  readonly statistic: number | null;
  readonly threshold: number;
}

/** A drift check: the window [windowFrom, windowTo) compared with the baseline, every feature's verdict. */
export interface DriftCheck {
  readonly windowFrom: number;
  readonly windowTo: number;
  readonly features: readonly FeatureVerdict[];
}

const iso = (t: number) => new Date(t).toISOString();

/** How far past its threshold a verdict is; the peak of an incident is the verdict with the largest one. */
function severityOf(v: FeatureVerdict): number {
  if (v.statistic === null) return Number.NEGATIVE_INFINITY;
  return v.threshold > 0 ? v.statistic / v.threshold : v.statistic;
}

/**
 * Drift incidents from a series of drift checks in time order: the checks in which a feature drifted,
 * grouped into runs of consecutive checks, each run an incident from the start of its first drifted window
 * to the end of its last. A check without enough data for a verdict ends a run (drift is not assumed).
 * The incident carries the method and statistic of its strongest verdict (largest statistic/threshold).
 * The last run is `ongoing` when the last check still found drift.
 *
 * Complexity: O(checks × features).
 *
 * @example
 * incidentsFromChecks([{ windowFrom: 0, windowTo: 10, features: [{ feature: 'amount', status: 'drifted',
 *   method: 'ks', statistic: 0.3, threshold: 0.1 }] }])[0]?.durationMs // 10
 */
export function incidentsFromChecks(checks: readonly DriftCheck[]): DriftIncident[] {
  const sorted = [...checks].sort((a, b) => a.windowTo - b.windowTo);
  const open = new Map<string, { from: number; to: number; peak: FeatureVerdict; checks: number }>();
  const out: DriftIncident[] = [];
  const close = (feature: string, ongoing: boolean) => {
    const run = open.get(feature);
    if (!run) return;
    open.delete(feature);
    out.push({
      feature,
      method: run.peak.method,
      statistic: run.peak.statistic,
      threshold: run.peak.threshold,
      from: iso(run.from),
      to: iso(run.to),
      durationMs: run.to - run.from,
      ongoing,
      checks: run.checks,
    });
  };
  for (const check of sorted) {
    const seen = new Set<string>();
    for (const verdict of check.features) {
      seen.add(verdict.feature);
      if (verdict.status !== 'drifted') {
        close(verdict.feature, false);
        continue;
      }
      const run = open.get(verdict.feature);
      if (run) {
        run.to = Math.max(run.to, check.windowTo);
        run.checks++;
        if (severityOf(verdict) > severityOf(run.peak)) run.peak = verdict;
      } else {
        open.set(verdict.feature, { from: check.windowFrom, to: check.windowTo, peak: verdict, checks: 1 });
      }
    }
    // A feature missing from a check (configuration changed) ends its run too.
    for (const feature of [...open.keys()]) if (!seen.has(feature)) close(feature, false);
  }
  for (const feature of [...open.keys()]) close(feature, true);
  return out.sort((a, b) => a.from.localeCompare(b.from) || a.feature.localeCompare(b.feature));
}

/**
 * Drift incidents from the alert history: every drift alert episode that was firing at some time in
 * [from, to), as it happened (its times are not clipped to the week). An episode still firing at `asOf`
 * is ongoing and lasts until `asOf`.
 *
 * Complexity: O(e log e) for e episodes.
 *
 * @example incidentsFromAlerts([{ monitor: 'm', kind: 'drift', subject: 'amount', severity: 'ticket',
 *   firedAt: 0, resolvedAt: 60_000 }], 0, 1e9, 1e9)[0]?.durationMs // 60000
 */
export function incidentsFromAlerts(
  episodes: readonly AlertEpisode[],
  from: number,
  to: number,
  asOf: number,
): DriftIncident[] {
  return episodes
    .filter(
      (e) => e.kind === 'drift' && e.firedAt < to && (e.resolvedAt === undefined || e.resolvedAt > from),
    )
    .map((e) => {
      const ongoing = e.resolvedAt === undefined || e.resolvedAt > asOf;
      const end = ongoing ? asOf : (e.resolvedAt ?? asOf);
      return {
        feature: e.subject,
        method: e.method ?? null,
        statistic: e.statistic ?? null,
        threshold: e.threshold ?? null,
        from: iso(e.firedAt),
        to: iso(end),
        durationMs: Math.max(0, end - e.firedAt),
        ongoing,
        severity: e.severity,
      };
    })
    .sort((a, b) => a.from.localeCompare(b.from) || a.feature.localeCompare(b.feature));
}

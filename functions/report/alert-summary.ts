import { quantile } from '../domain/metrics/percentiles.ts';
import type { AlertEpisode } from './report-source.ts';
import type { AlertRow, AlertSection } from './report-types.ts';

const iso = (t: number) => new Date(t).toISOString();

/**
 * The alerts of a monitor in the week [from, to): every episode firing at some time in the week, how long it
 * fired (to its resolution, or to `asOf` while still firing), how many started and how many were resolved
 * within the week, and the median time to resolve of those resolved in the week (type-7 sample median).
 * An episode resolved after `asOf` (a history read later than the report's instant) counts as ongoing.
 *
 * Source: time-to-resolve as in the SRE Workbook, ch. 9 "Incident Response" (MTTR-style summary, median
 * rather than mean because a few long incidents dominate a mean).
 * Complexity: O(e log e) for e episodes.
 *
 * @example summarizeAlerts([{ monitor: 'm', kind: 'slo', subject: 'recall', severity: 'page', firedAt: 10,
 *   resolvedAt: 70 }], 0, 100, 100).medianTimeToResolveMs // 60
 */
export function summarizeAlerts(
  episodes: readonly AlertEpisode[],
  from: number,
  to: number,
  asOf: number,
): AlertSection {
  const rows: AlertRow[] = [];
  let fired = 0;
  let resolved = 0;
  const resolveTimes: number[] = [];
  const inWeek = episodes
    .filter((e) => e.firedAt < to && (e.resolvedAt === undefined || e.resolvedAt > from))
    .sort((a, b) => a.firedAt - b.firedAt || a.subject.localeCompare(b.subject));
  for (const e of inWeek) {
    const ongoing = e.resolvedAt === undefined || e.resolvedAt > asOf;
    const end = ongoing ? asOf : (e.resolvedAt ?? asOf);
    rows.push({
      kind: e.kind,
      subject: e.subject,
      severity: e.severity,
      firedAt: iso(e.firedAt),
      resolvedAt: ongoing || e.resolvedAt === undefined ? null : iso(e.resolvedAt),
      durationMs: Math.max(0, end - e.firedAt),
      ongoing,
    });
    if (e.firedAt >= from) fired++;
    if (!ongoing && e.resolvedAt !== undefined && e.resolvedAt >= from && e.resolvedAt < to) {
      resolved++;
      resolveTimes.push(Math.max(0, e.resolvedAt - e.firedAt));
    }
  }
  resolveTimes.sort((a, b) => a - b);
  return {
    available: true,
    episodes: rows,
    fired,
    resolved,
    medianTimeToResolveMs: resolveTimes.length === 0 ? null : quantile(resolveTimes, 0.5),
  };
}

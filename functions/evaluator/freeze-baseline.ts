import type { Monitor } from '../domain/config/config-types.ts';
import { baselineRange } from '../domain/evaluation/evaluate-monitor.ts';
import { type PinnedBaseline, savePinnedBaseline } from '../store/baseline-store.ts';
import type { StateReaderDeps } from '../store/evaluation-batch-get.ts';

/** The monitor has no drift section, so there is no baseline to freeze. */
export class NoBaselineError extends Error {
  constructor(monitor: string) {
    super(`monitor ${monitor} has no drift configuration: there is no baseline to freeze`);
    this.name = 'NoBaselineError';
  }
}

/**
 * Freezes a monitor's drift baseline: stores the range its configured baseline covers as of `asOf` (for a
 * trailing baseline, e.g. the 7 days ending yesterday) so every later evaluation compares with that fixed
 * range instead of a moving one — typically right after validating a model version. Replaces an earlier
 * pin; `deletePinnedBaseline` undoes it. Day buckets are kept 400 days, so a day-aligned pin stays readable
 * that long.
 *
 * @throws {NoBaselineError} when the monitor has no drift configuration.
 * @example const pin = await freezeBaseline(deps, monitor, Date.now());
 */
export async function freezeBaseline(
  deps: StateReaderDeps,
  monitor: Monitor,
  asOf: number,
  now: () => number = Date.now,
): Promise<PinnedBaseline> {
  const range = baselineRange(monitor, asOf);
  if (!range) throw new NoBaselineError(monitor.name);
  const pin: PinnedBaseline = { from: range.from, to: range.to, frozenAt: now(), asOf };
  await savePinnedBaseline(deps, monitor.name, pin);
  return pin;
}

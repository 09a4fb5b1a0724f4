import { InvalidStatisticInputError } from '../errors.ts';
import { burnRateThreshold } from './burn-rate.ts';
import type { Rational } from './exact-decimal.ts';
import {
  compareRationals,
  divideRationals,
  multiplyRationals,
  oneMinus,
  rationalToNumber,
  toRational,
} from './exact-decimal.ts';

/** A constant incident seen by one burn-rate window. */
export interface IncidentWindow {
  /** Error ratio during the incident, in [0, 1] (1 = full outage). */
  readonly errorRatio: number;
  /** Burn-rate factor of the rule (e.g. 14.4). */
  readonly factor: number;
  /** SLO objective in (0, 1). */
  readonly objective: number;
  /** Window length in milliseconds. */
  readonly windowMs: number;
}

/**
 * Time from the start of a constant incident until the window's error ratio exceeds the rule's threshold,
 * for a window that was clean before: (1 − SLO) / error ratio × window × burn rate (SRE Workbook ch. 5,
 * "Alert on burn rate"). A full outage against 14.4× over 1 h at 99.9% is detected after 0.0144 h ≈ 52 s.
 * An incident at or below the threshold is never detected: Infinity.
 *
 * Complexity: O(1).
 * @throws {InvalidStatisticInputError} for an error ratio outside [0, 1], a bad factor, objective or window.
 * @example detectionTime({ errorRatio: 1, factor: 1, objective: 0.999, windowMs: 36 * 3_600_000 }) // 129_600 ms ≈ 2 min 10 s
 */
export function detectionTime(incident: IncidentWindow): number {
  const { ratio, threshold, window } = prepare(incident);
  if (compareRationals(ratio, threshold) <= 0) return Number.POSITIVE_INFINITY;
  return rationalToNumber(divideRationals(multiplyRationals(threshold, window), ratio));
}

/**
 * Time from the end of a constant incident until the window's error ratio falls back to the threshold,
 * for a window that was full of the incident when it ended: window × (1 − threshold / error ratio)
 * (SRE Workbook ch. 5: a 36× rule over 1 h keeps firing 58 minutes after a full outage; a 5-minute short
 * window stops a multiwindow alert about 5 minutes after the errors stop). 0 when the incident never
 * crossed the threshold. For a multiwindow rule the short window decides, as it resets first.
 *
 * Complexity: O(1).
 * @throws {InvalidStatisticInputError} for an error ratio outside [0, 1], a bad factor, objective or window.
 * @example resetTime({ errorRatio: 1, factor: 36, objective: 0.999, windowMs: 3_600_000 }) // 3_470_400 ms ≈ 58 min
 */
export function resetTime(incident: IncidentWindow): number {
  const { ratio, threshold, window } = prepare(incident);
  if (compareRationals(ratio, threshold) <= 0) return 0;
  return rationalToNumber(multiplyRationals(window, oneMinus(divideRationals(threshold, ratio))));
}

function prepare(incident: IncidentWindow): { ratio: Rational; threshold: Rational; window: Rational } {
  const { errorRatio, factor, objective, windowMs } = incident;
  if (!(Number.isFinite(errorRatio) && errorRatio >= 0 && errorRatio <= 1)) {
    throw new InvalidStatisticInputError(`error ratio must be within [0, 1] (got ${String(errorRatio)})`);
  }
  if (!(Number.isFinite(windowMs) && windowMs > 0)) {
    throw new InvalidStatisticInputError(`window must be a positive duration (got ${String(windowMs)} ms)`);
  }
  return {
    ratio: toRational(errorRatio),
    threshold: burnRateThreshold(factor, objective).errorRatio,
    window: toRational(windowMs),
  };
}

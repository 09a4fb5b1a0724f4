import { InvalidStatisticInputError } from '../../domain/errors.ts';

/** An axis: its rounded bounds and the tick values between them (inclusive). */
export interface NiceScale {
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly ticks: readonly number[];
}

/** The smallest "nice" number (1, 2, 2.5 or 5 times a power of ten) ≥ x. */
function niceStep(x: number): number {
  const power = 10 ** Math.floor(Math.log10(x));
  const fraction = x / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

/**
 * Axis bounds and ticks for data in [lo, hi]: the step is 1, 2, 2.5 or 5 × 10^k, chosen so that at most
 * `maxTicks` ticks cover the data, and the bounds are the multiples of the step around it. A flat range
 * (lo = hi) is widened by one unit (or 10% of its magnitude) so the axis still has a height.
 *
 * Source: P. S. Heckbert, "Nice numbers for graph labels", Graphics Gems (1990), with the 2.5 step of
 * Wilkinson's "The Grammar of Graphics" (2005) candidate set.
 * Complexity: O(ticks).
 *
 * @throws {InvalidStatisticInputError} for non-finite bounds, lo > hi, or fewer than 3 ticks.
 * @example niceScale(0.87, 0.97, 6).ticks // [0.85, 0.875, 0.9, 0.925, 0.95, 0.975]
 */
export function niceScale(lo: number, hi: number, maxTicks = 6): NiceScale {
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || lo > hi) {
    throw new InvalidStatisticInputError(`axis range must be finite with lo ≤ hi, got [${lo}, ${hi}]`);
  }
  // With 3 ticks allowed the loop below always ends: a large enough step puts the bounds on −step, 0, +step.
  if (!(maxTicks >= 3)) {
    throw new InvalidStatisticInputError(`an axis needs at least 3 ticks, got ${maxTicks}`);
  }
  let a = lo;
  let b = hi;
  // A range too narrow to be told apart from its magnitude in floating point is treated as flat.
  if (b - a <= Math.max(Math.abs(a), Math.abs(b)) * 1e-9 || b - a < 1e-100) {
    const pad = Math.abs(a) < 1e-100 ? 1 : Math.abs(a) * 0.1;
    a -= pad;
    b += pad;
  }
  const lower = (s: number) => {
    const m = Math.floor(a / s) * s;
    return m > a ? m - s : m; // a / s can underflow to −0 for tiny negative a
  };
  const upper = (s: number) => {
    const m = Math.ceil(b / s) * s;
    return m < b ? m + s : m;
  };
  let step = niceStep((b - a) / (maxTicks - 1));
  let min = lower(step);
  let max = upper(step);
  // Rounding the bounds outwards can add a tick; take the next nice step when it does.
  while (Math.round((max - min) / step) + 1 > maxTicks) {
    step = niceStep(step * 1.01);
    min = lower(step);
    max = upper(step);
  }
  const n = Math.round((max - min) / step);
  // Ticks are computed from integers times the step so 0.1 + 0.2 artefacts do not accumulate.
  const decimals = Math.min(100, Math.max(0, -Math.floor(Math.log10(step)) + 2));
  const round = (v: number) => Number(v.toFixed(decimals));
  const ticks = Array.from({ length: n + 1 }, (_, i) => round(min + i * step));
  return { min: round(min), max: round(max), step, ticks };
}

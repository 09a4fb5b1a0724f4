/**
 * Number and time formatting shared by the HTML and the text summary. Fixed English formats, UTC times:
 * a governance report must read the same wherever and by whomever it is opened.
 */

const DASH = '—';

/**
 * Escapes text for HTML and SVG (element content and attribute values).
 * Complexity: O(length).
 * @example escapeHtml('a < b') // 'a &lt; b'
 */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * Decimals needed to show an objective exactly as a percentage, plus one (0.95 → 1, 0.999 → 2).
 * Complexity: O(1).
 * @example objectiveDecimals(0.999) // 2
 */
export function objectiveDecimals(objective: number): number {
  const text = String(Math.round(objective * 1e8) / 1e6);
  const dot = text.indexOf('.');
  return Math.min(4, (dot === -1 ? 0 : text.length - dot - 1) + 1);
}

/**
 * A ratio as a percentage, `—` for no data.
 * Complexity: O(1).
 * @example pct(0.9514) // '95.1%'
 */
export function pct(ratio: number | null | undefined, decimals = 1): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return DASH;
  return `${(ratio * 100).toFixed(decimals)}%`;
}

/**
 * A score in [0, 1] with three decimals, `—` for no data.
 * Complexity: O(1).
 * @example score(0.91764) // '0.918'
 */
export function score(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  return value.toFixed(3);
}

/**
 * An integer with thousands separators.
 * Complexity: O(digits).
 * @example count(1234567) // '1,234,567'
 */
export function count(n: number): string {
  return Math.round(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * A duration in its largest unit and the next one: `3d 4h`, `2h 15m`, `45m`, `30s` (rounded to seconds).
 * Complexity: O(1).
 * @example duration(8_100_000) // '2h 15m'
 */
export function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return DASH;
  const units: readonly (readonly [string, number])[] = [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1_000],
  ];
  const rest = Math.max(0, Math.round(ms / 1000) * 1000);
  const first = units.findIndex(([, size]) => rest >= size);
  const [unit, size] = units[first] ?? ['s', 1_000];
  if (first === -1) return '0s';
  const n = Math.floor(rest / size);
  const next = units[first + 1];
  const m = next ? Math.floor((rest - n * size) / next[1]) : 0;
  return next && m > 0 ? `${n}${unit} ${m}${next[0]}` : `${n}${unit}`;
}

/**
 * The unit a set of latencies reads best in.
 * Complexity: O(1).
 * @example latencyUnit(252_000).unit // 'min'
 */
export function latencyUnit(maxMs: number): { readonly unit: 'ms' | 's' | 'min'; readonly divisor: number } {
  if (maxMs >= 120_000) return { unit: 'min', divisor: 60_000 };
  if (maxMs >= 2_000) return { unit: 's', divisor: 1_000 };
  return { unit: 'ms', divisor: 1 };
}

/**
 * A latency in a readable unit: `850 ms`, `12.3 s`, `4.2 min`.
 * Complexity: O(1).
 * @example latency(12_345) // '12.3 s'
 */
export function latency(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return DASH;
  const { unit, divisor } = latencyUnit(ms);
  const value = ms / divisor;
  return `${unit === 'ms' ? Math.round(value) : value.toFixed(1)} ${unit}`;
}

/**
 * `2026-11-18 10:00` (UTC).
 * Complexity: O(1).
 * @example dateTime('2026-11-18T10:00:00.000Z') // '2026-11-18 10:00'
 */
export function dateTime(isoTime: string | null): string {
  if (isoTime === null) return DASH;
  return `${isoTime.slice(0, 10)} ${isoTime.slice(11, 16)}`;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/**
 * `Mon 16` for a `YYYY-MM-DD` date.
 * Complexity: O(1).
 * @example dayLabel('2026-11-16') // 'Mon 16'
 */
export function dayLabel(isoDate: string): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  return `${WEEKDAYS[d.getUTCDay()] ?? ''} ${d.getUTCDate()}`;
}

/**
 * A signed change in percentage points: `+1.2 pp`, `−0.4 pp`.
 * Complexity: O(1).
 * @example pointsChange(0.0123) // '+1.2 pp'
 */
export function pointsChange(delta: number | null): string {
  if (delta === null || !Number.isFinite(delta)) return DASH;
  const pp = delta * 100;
  if (Math.abs(pp) < 0.05) return '±0.0 pp';
  return `${pp > 0 ? '+' : '−'}${Math.abs(pp).toFixed(1)} pp`;
}

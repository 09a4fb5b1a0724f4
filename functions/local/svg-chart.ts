/**
 * Small inline-SVG time-series charts for the local dashboard: no script, no external asset, so the page
 * renders the same in a browser, in a screenshot and in a saved HTML file.
 */

import { escapeHtml } from '../report/render/format.ts';

export interface ChartSeries {
  readonly name: string;
  readonly color: string;
  readonly dashed?: boolean;
  /** Values at the chart's times; null leaves a gap. */
  readonly values: readonly (number | null)[];
}

export interface ChartOptions {
  /** Epoch ms of each point, ascending. */
  readonly times: readonly number[];
  readonly series: readonly ChartSeries[];
  /** Fixed y range; default: the data's range, padded. */
  readonly yMin?: number;
  readonly yMax?: number;
  /** Horizontal reference lines, e.g. an objective or a threshold. */
  readonly references?: readonly { readonly value: number; readonly label: string }[];
  /** Shaded time ranges (open alerts), epoch ms. */
  readonly bands?: readonly { readonly from: number; readonly to: number; readonly color: string }[];
  readonly width?: number;
  readonly height?: number;
  readonly formatY?: (value: number) => string;
  /** Accessible title. */
  readonly title: string;
}

const fmt = (n: number) => (Math.round(n * 10) / 10).toString();

function timeLabel(ms: number, spanMs: number): string {
  const iso = new Date(ms).toISOString();
  // Over two days: the date matters; under: the time of day.
  return spanMs > 2 * 86_400_000 ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}` : `${iso.slice(11, 16)}Z`;
}

/** Polyline path segments of one series; a null value breaks the line. O(points). */
function pathOf(
  times: readonly number[],
  values: readonly (number | null)[],
  x: (t: number) => number,
  y: (v: number) => number,
): string {
  let d = '';
  let pen = false;
  for (let i = 0; i < times.length; i++) {
    const v = values[i];
    const t = times[i];
    if (v === null || v === undefined || t === undefined || !Number.isFinite(v)) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${fmt(x(t))} ${fmt(y(v))}`;
    pen = true;
  }
  return d;
}

/**
 * An SVG line chart of time series with axes labels, reference lines, shaded bands and a legend. Isolated
 * points (a value between two gaps) are drawn as dots so a single evaluation still shows. Pure.
 *
 * Complexity: O(series × points).
 * @example lineChart({ title: 'F1', times: [0, 60_000], series: [{ name: 'f1', color: '#06c', values: [0.9, 0.8] }], yMin: 0, yMax: 1 })
 */
export function lineChart(options: ChartOptions): string {
  const width = options.width ?? 520;
  const height = options.height ?? 160;
  const left = 44;
  const right = 8;
  const top = 8;
  const bottom = 34;
  const times = options.times;
  const values = options.series.flatMap((s) =>
    s.values.filter((v): v is number => v !== null && Number.isFinite(v)),
  );
  const refs = options.references ?? [];
  let yMin = options.yMin ?? Math.min(...values, ...refs.map((r) => r.value));
  let yMax = options.yMax ?? Math.max(...values, ...refs.map((r) => r.value));
  if (!Number.isFinite(yMin) || !Number.isFinite(yMax)) {
    yMin = 0;
    yMax = 1;
  }
  if (yMax - yMin < 1e-9) {
    yMax += 0.5;
    yMin -= 0.5;
  } else if (options.yMin === undefined || options.yMax === undefined) {
    const pad = (yMax - yMin) * 0.08;
    if (options.yMin === undefined) yMin -= pad;
    if (options.yMax === undefined) yMax += pad;
  }
  const t0 = times[0] ?? 0;
  const t1 = times[times.length - 1] ?? t0;
  const span = Math.max(1, t1 - t0);
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const x = (t: number) => left + ((t - t0) / span) * plotW;
  const y = (v: number) => top + (1 - (Math.min(yMax, Math.max(yMin, v)) - yMin) / (yMax - yMin)) * plotH;
  const formatY = options.formatY ?? ((v: number) => String(Number(v.toPrecision(3))));
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(options.title)}">`,
  );
  parts.push(`<title>${escapeHtml(options.title)}</title>`);
  parts.push(
    `<rect x="${left}" y="${top}" width="${plotW}" height="${plotH}" fill="#fafafa" stroke="#ddd"/>`,
  );
  for (const band of options.bands ?? []) {
    const from = Math.max(t0, band.from);
    const to = Math.min(t1, band.to);
    if (!(to > from)) continue;
    parts.push(
      `<rect x="${fmt(x(from))}" y="${top}" width="${fmt(Math.max(1, x(to) - x(from)))}" height="${plotH}" fill="${band.color}" opacity="0.18"/>`,
    );
  }
  for (const v of [yMin, (yMin + yMax) / 2, yMax]) {
    parts.push(
      `<text x="${left - 4}" y="${fmt(y(v) + 3)}" font-size="10" text-anchor="end" fill="#666">${escapeHtml(formatY(v))}</text>`,
    );
  }
  for (const ref of refs) {
    const yy = fmt(y(ref.value));
    parts.push(
      `<line x1="${left}" x2="${left + plotW}" y1="${yy}" y2="${yy}" stroke="#c00" stroke-width="1" stroke-dasharray="4 3"/>`,
    );
    parts.push(
      `<text x="${left + plotW - 2}" y="${fmt(y(ref.value) - 3)}" font-size="9" text-anchor="end" fill="#c00">${escapeHtml(ref.label)}</text>`,
    );
  }
  if (times.length > 0) {
    parts.push(
      `<text x="${left}" y="${height - bottom + 13}" font-size="10" fill="#666">${escapeHtml(timeLabel(t0, span))}</text>`,
    );
    parts.push(
      `<text x="${left + plotW}" y="${height - bottom + 13}" font-size="10" text-anchor="end" fill="#666">${escapeHtml(timeLabel(t1, span))}</text>`,
    );
  }
  for (const s of options.series) {
    const d = pathOf(times, s.values, x, y);
    if (d !== '') {
      parts.push(
        `<path d="${d}" fill="none" stroke="${s.color}" stroke-width="1.6"${s.dashed ? ' stroke-dasharray="5 3"' : ''}/>`,
      );
    }
    for (let i = 0; i < times.length; i++) {
      const v = s.values[i];
      const prev = s.values[i - 1];
      const next = s.values[i + 1];
      const t = times[i];
      if (v === null || v === undefined || t === undefined || !Number.isFinite(v)) continue;
      if ((prev === null || prev === undefined) && (next === null || next === undefined)) {
        parts.push(`<circle cx="${fmt(x(t))}" cy="${fmt(y(v))}" r="2.2" fill="${s.color}"/>`);
      }
    }
  }
  let lx = left;
  for (const s of options.series) {
    const ly = height - 8;
    parts.push(
      `<line x1="${lx}" x2="${lx + 14}" y1="${ly - 3}" y2="${ly - 3}" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="4 2"' : ''}/>`,
    );
    parts.push(`<text x="${lx + 17}" y="${ly}" font-size="10" fill="#333">${escapeHtml(s.name)}</text>`);
    lx += 24 + s.name.length * 6;
  }
  parts.push('</svg>');
  return parts.join('');
}

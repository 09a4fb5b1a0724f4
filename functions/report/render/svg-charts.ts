import { escapeHtml } from './format.ts';
import { niceScale } from './nice-ticks.ts';

/**
 * Inline SVG charts for the report: no script, no external font or image, so they render offline, in a
 * mail client that keeps inline SVG, and on paper. Every series differs by dash pattern and marker shape (bars
 * by fill pattern), not only by colour, so a black-and-white print stays legible. Each chart has a <title>
 * and <desc> (read by screen readers and shown as a tooltip), a visible title, labelled axes with units,
 * and objectives drawn as labelled reference lines. Data elements carry `data-points` (how many values they
 * draw), which the browser test reads.
 */

export interface ChartSeries {
  readonly name: string;
  /** One value per category; null where there is no data (the line is broken there). */
  readonly values: readonly (number | null)[];
}

/** A horizontal line at a value of the y axis: an objective, a threshold, "budget exhausted". */
export interface ReferenceLine {
  readonly value: number;
  readonly label: string;
}

export interface ChartFrame {
  /** Unique within the document: `[a-z0-9-]`. Prefixes the ids of the chart's title and patterns. */
  readonly id: string;
  readonly title: string;
  /** A sentence describing what the chart shows, for screen readers. */
  readonly description: string;
  readonly xLabel: string;
  /** With the unit, e.g. `completion (%)`. */
  readonly yLabel: string;
}

export interface CategoryChartSpec extends ChartFrame {
  readonly categories: readonly string[];
  readonly series: readonly ChartSeries[];
  readonly references?: readonly ReferenceLine[];
  /** Values the y axis must include (e.g. 0 for bars or a burn-down). */
  readonly include?: readonly number[];
  /** Hard bounds of the axis after rounding (e.g. a ratio never shows above 1). */
  readonly limits?: { readonly min?: number; readonly max?: number };
  /** Formats a y tick. */
  readonly format: (value: number) => string;
}

export interface TimelineSpan {
  readonly row: string;
  readonly from: number;
  readonly to: number;
  readonly label: string;
}

export interface TimelineSpec {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly xLabel: string;
  readonly rows: readonly string[];
  readonly from: number;
  readonly to: number;
  readonly ticks: readonly { readonly at: number; readonly label: string }[];
  readonly spans: readonly TimelineSpan[];
}

const WIDTH = 490;
const PLOT = { left: 64, right: 24, top: 44 };
const PLOT_HEIGHT = 170;
const COLOURS = ['#1f4e79', '#b03a2e', '#1e7b34', '#6c3483', '#8a5a00', '#333333'];
const DASHES = ['', '8 4', '2 3', '10 3 2 3', '5 2 1 2', '1 1'];
const MARKERS = ['circle', 'square', 'triangle', 'diamond', 'cross', 'circle-open'] as const;
type Marker = (typeof MARKERS)[number];

const f = (v: number) => (Math.round(v * 10) / 10).toString();

function pick<T>(list: readonly T[], i: number): T {
  return list[i % list.length] as T;
}

function marker(kind: Marker, x: number, y: number, colour: string): string {
  const r = 3.6;
  switch (kind) {
    case 'circle':
      return `<circle cx="${f(x)}" cy="${f(y)}" r="${r}" fill="${colour}"/>`;
    case 'circle-open':
      return `<circle cx="${f(x)}" cy="${f(y)}" r="${r}" fill="#fff" stroke="${colour}" stroke-width="1.5"/>`;
    case 'square':
      return `<rect x="${f(x - r)}" y="${f(y - r)}" width="${f(2 * r)}" height="${f(2 * r)}" fill="#fff" stroke="${colour}" stroke-width="1.5"/>`;
    case 'triangle':
      return `<path d="M${f(x)} ${f(y - r - 0.8)}L${f(x + r + 0.4)} ${f(y + r - 0.4)}L${f(x - r - 0.4)} ${f(y + r - 0.4)}Z" fill="${colour}"/>`;
    case 'diamond':
      return `<path d="M${f(x)} ${f(y - r - 0.6)}L${f(x + r + 0.6)} ${f(y)}L${f(x)} ${f(y + r + 0.6)}L${f(x - r - 0.6)} ${f(y)}Z" fill="#fff" stroke="${colour}" stroke-width="1.5"/>`;
    case 'cross':
      return `<path d="M${f(x - r)} ${f(y - r)}L${f(x + r)} ${f(y + r)}M${f(x - r)} ${f(y + r)}L${f(x + r)} ${f(y - r)}" stroke="${colour}" stroke-width="1.8"/>`;
  }
}

/** Fill patterns for bars and spans: solid, diagonal, cross-hatch, dots — distinct in black and white. */
function patternDefs(id: string, count: number): string {
  const defs: string[] = [];
  for (let i = 0; i < count; i++) {
    const c = pick(COLOURS, i);
    const pid = `${id}-p${i}`;
    switch (i % 4) {
      case 0:
        defs.push(
          `<pattern id="${pid}" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="${c}"/></pattern>`,
        );
        break;
      case 1:
        defs.push(
          `<pattern id="${pid}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/><rect width="2.5" height="6" fill="${c}"/></pattern>`,
        );
        break;
      case 2:
        defs.push(
          `<pattern id="${pid}" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#fff"/><path d="M0 0L6 6M6 0L0 6" stroke="${c}" stroke-width="1.2"/></pattern>`,
        );
        break;
      default:
        defs.push(
          `<pattern id="${pid}" width="5" height="5" patternUnits="userSpaceOnUse"><rect width="5" height="5" fill="#fff"/><circle cx="2.5" cy="2.5" r="1.3" fill="${c}"/></pattern>`,
        );
    }
  }
  return `<defs>${defs.join('')}</defs>`;
}

/** Rough width of a label in the 11px sans-serif the charts use (no font metrics offline). */
function textWidth(text: string, size = 11): number {
  return text.length * size * 0.56;
}

/** Splits a title into at most two lines that fit the chart's width (a long title wraps at a space). */
function titleLines(title: string): string[] {
  const max = Math.floor((WIDTH - PLOT.left / 2 - PLOT.right) / (13 * 0.54));
  if (title.length <= max) return [title];
  const cut = title.lastIndexOf(' ', max);
  const at = cut > max / 2 ? cut : max;
  const rest = title.slice(at).trim();
  return [title.slice(0, at).trim(), rest.length > max ? `${rest.slice(0, max - 1)}…` : rest];
}

function svgOpen(frame: { id: string; title: string; description: string }, height: number): string {
  const t = escapeHtml(frame.title);
  const lines = titleLines(frame.title);
  const x = PLOT.left / 2;
  const text =
    lines.length === 1
      ? t
      : lines
          .map(
            (line, i) =>
              `<tspan x="${x}" dy="${i === 0 ? 0 : 15}">${escapeHtml(line)}${i === 0 ? ' ' : ''}</tspan>`,
          )
          .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="${frame.id}" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" ` +
    `role="img" aria-labelledby="${frame.id}-title ${frame.id}-desc" font-family="Helvetica, Arial, sans-serif" font-size="11">` +
    `<title id="${frame.id}-title">${t}</title><desc id="${frame.id}-desc">${escapeHtml(frame.description)}</desc>` +
    `<rect width="${WIDTH}" height="${height}" fill="#fff"/>` +
    `<text class="chart-title" x="${x}" y="${lines.length === 1 ? 22 : 15}" font-size="13" font-weight="bold" fill="#111">${text}</text>`
  );
}

interface LegendItem {
  readonly name: string;
  readonly draw: (x: number, y: number) => string;
}

/** Legend rows under the x-axis label; returns the markup and the height used. */
function legend(items: readonly LegendItem[], top: number): { svg: string; height: number } {
  if (items.length === 0) return { svg: '', height: 0 };
  const out: string[] = ['<g class="legend">'];
  let x = PLOT.left;
  let y = top + 10;
  for (const item of items) {
    const w = 34 + textWidth(item.name) + 18;
    if (x + w > WIDTH - PLOT.right && x > PLOT.left) {
      x = PLOT.left;
      y += 18;
    }
    out.push(
      item.draw(x, y),
      `<text x="${f(x + 34)}" y="${f(y + 4)}" fill="#111">${escapeHtml(item.name)}</text>`,
    );
    x += w;
  }
  out.push('</g>');
  return { svg: out.join(''), height: y - top + 14 };
}

interface YAxis {
  readonly min: number;
  readonly max: number;
  readonly ticks: readonly number[];
  readonly y: (v: number) => number;
}

function yAxisFor(spec: CategoryChartSpec): YAxis {
  const values: number[] = [...(spec.include ?? []), ...(spec.references ?? []).map((r) => r.value)];
  for (const s of spec.series) for (const v of s.values) if (v !== null && Number.isFinite(v)) values.push(v);
  const lo = values.length === 0 ? 0 : Math.min(...values);
  const hi = values.length === 0 ? 1 : Math.max(...values);
  const scale = niceScale(lo, hi, 6);
  const min = Math.max(spec.limits?.min ?? Number.NEGATIVE_INFINITY, scale.min);
  let max = Math.min(spec.limits?.max ?? Number.POSITIVE_INFINITY, scale.max);
  if (max <= min) max = min + scale.step;
  const ticks = scale.ticks.filter((t) => t >= min - 1e-12 && t <= max + 1e-12);
  const top = PLOT.top;
  const bottom = PLOT.top + PLOT_HEIGHT;
  return { min, max, ticks, y: (v) => bottom - ((v - min) / (max - min)) * (bottom - top) };
}

function axes(spec: CategoryChartSpec, axis: YAxis, xAt: (i: number) => number): string {
  const bottom = PLOT.top + PLOT_HEIGHT;
  const right = WIDTH - PLOT.right;
  const out: string[] = ['<g class="axes">'];
  for (const t of axis.ticks) {
    const y = axis.y(t);
    out.push(
      `<line x1="${PLOT.left}" x2="${right}" y1="${f(y)}" y2="${f(y)}" stroke="#ddd" stroke-width="1"/>`,
      `<text x="${PLOT.left - 6}" y="${f(y + 4)}" text-anchor="end" fill="#333">${escapeHtml(spec.format(t))}</text>`,
    );
  }
  out.push(
    `<line x1="${PLOT.left}" x2="${PLOT.left}" y1="${PLOT.top}" y2="${bottom}" stroke="#333"/>`,
    `<line x1="${PLOT.left}" x2="${right}" y1="${bottom}" y2="${bottom}" stroke="#333"/>`,
  );
  const every = Math.max(1, Math.ceil(spec.categories.length / 10));
  spec.categories.forEach((c, i) => {
    const x = xAt(i);
    out.push(`<line x1="${f(x)}" x2="${f(x)}" y1="${bottom}" y2="${bottom + 4}" stroke="#333"/>`);
    if (i % every === 0) {
      out.push(
        `<text x="${f(x)}" y="${bottom + 16}" text-anchor="middle" fill="#333">${escapeHtml(c)}</text>`,
      );
    }
  });
  const midY = PLOT.top + PLOT_HEIGHT / 2;
  out.push(
    `<text class="axis-label" x="${f((PLOT.left + right) / 2)}" y="${bottom + 32}" text-anchor="middle" fill="#111">${escapeHtml(spec.xLabel)}</text>`,
    `<text class="axis-label" transform="translate(14 ${f(midY)}) rotate(-90)" text-anchor="middle" fill="#111">${escapeHtml(spec.yLabel)}</text>`,
    '</g>',
  );
  return out.join('');
}

/**
 * Objective and threshold lines with their labels. A label goes above its line at the right end; when that
 * would overlap another label, at the left end, and failing that below the line.
 */
function references(spec: CategoryChartSpec, axis: YAxis): { svg: string; items: LegendItem[] } {
  const out: string[] = [];
  const items: LegendItem[] = [];
  const right = WIDTH - PLOT.right;
  const placed: { side: 'left' | 'right'; y: number }[] = [];
  const free = (side: 'left' | 'right', y: number) =>
    placed.every((p) => p.side !== side || Math.abs(p.y - y) >= 12);
  const visible = (spec.references ?? []).filter(
    (r) => r.value >= axis.min - 1e-12 && r.value <= axis.max + 1e-12,
  );
  for (const r of visible) {
    const y = axis.y(r.value);
    const candidates: { side: 'left' | 'right'; y: number }[] = [
      { side: 'right', y: y - 4 },
      { side: 'left', y: y - 4 },
      { side: 'right', y: y + 12 },
      { side: 'left', y: y + 12 },
    ];
    const spot = candidates.find((c) => free(c.side, c.y)) ?? { side: 'right' as const, y: y - 4 };
    placed.push(spot);
    const x = spot.side === 'right' ? right - 4 : PLOT.left + 4;
    out.push(
      `<g class="reference" data-value="${r.value}"><line x1="${PLOT.left}" x2="${right}" y1="${f(y)}" y2="${f(y)}" stroke="#000" stroke-width="1.6" stroke-dasharray="6 3 1 3"/>` +
        `<text x="${x}" y="${f(spot.y)}" text-anchor="${spot.side === 'right' ? 'end' : 'start'}" fill="#000" font-weight="bold" stroke="#fff" stroke-width="3" paint-order="stroke">${escapeHtml(r.label)}</text></g>`,
    );
  }
  if (visible.length > 0) {
    items.push({
      name: 'objective / threshold',
      draw: (x, y) =>
        `<line x1="${x}" x2="${x + 28}" y1="${y}" y2="${y}" stroke="#000" stroke-width="1.6" stroke-dasharray="6 3 1 3"/>`,
    });
  }
  return { svg: out.join(''), items };
}

/** The chart's <svg> around its body, with the legend under the axes and the height that fits both. */
function wrap(frame: ChartFrame, body: readonly string[], items: readonly LegendItem[]): string {
  const axisBottom = PLOT.top + PLOT_HEIGHT + 40;
  const { svg, height } = legend(items, axisBottom);
  return `${svgOpen(frame, Math.ceil(axisBottom + height + 8))}${body.join('')}${svg}</svg>`;
}

/**
 * True when a chart would draw at least one value.
 * Complexity: O(values).
 * @example hasData([{ name: 'a', values: [null, 0.9] }]) // true
 */
export function hasData(series: readonly ChartSeries[]): boolean {
  return series.some((s) => s.values.some((v) => v !== null && Number.isFinite(v)));
}

/**
 * A line chart over categories (days, thresholds): one line per series, broken where a value is null, with
 * a marker at every value. O(series × categories).
 * @example lineChart({ id: 'm-q', title: 'F1 per day', description: '…', xLabel: 'day (UTC)', yLabel: 'F1', categories: ['Mon'], series: [{ name: 'F1', values: [0.9] }], format: String })
 */
export function lineChart(spec: CategoryChartSpec): string {
  const axis = yAxisFor(spec);
  const n = Math.max(1, spec.categories.length);
  const band = (WIDTH - PLOT.right - PLOT.left) / n;
  const xAt = (i: number) => PLOT.left + band * (i + 0.5);
  const parts: string[] = [axes(spec, axis, xAt)];
  const refs = references(spec, axis);
  parts.push(refs.svg);
  const items: LegendItem[] = [];
  spec.series.forEach((s, k) => {
    const colour = pick(COLOURS, k);
    const dash = pick(DASHES, k);
    const mark = pick(MARKERS, k);
    let d = '';
    let pen = false;
    const marks: string[] = [];
    let points = 0;
    s.values.forEach((v, i) => {
      if (v === null || !Number.isFinite(v)) {
        pen = false;
        return;
      }
      const clamped = Math.min(axis.max, Math.max(axis.min, v));
      const x = xAt(i);
      const y = axis.y(clamped);
      d += `${pen ? 'L' : 'M'}${f(x)} ${f(y)}`;
      pen = true;
      points++;
      marks.push(marker(mark, x, y, colour));
    });
    parts.push(
      `<g class="series" data-series="${escapeHtml(s.name)}" data-points="${points}">` +
        (d === ''
          ? ''
          : `<path d="${d}" fill="none" stroke="${colour}" stroke-width="2"${dash === '' ? '' : ` stroke-dasharray="${dash}"`}/>`) +
        `${marks.join('')}</g>`,
    );
    items.push({
      name: s.name,
      draw: (x, y) =>
        `<line x1="${x}" x2="${x + 28}" y1="${y}" y2="${y}" stroke="${colour}" stroke-width="2"${dash === '' ? '' : ` stroke-dasharray="${dash}"`}/>${marker(mark, x + 14, y, colour)}`,
    });
  });
  return wrap(spec, parts, [...items, ...refs.items]);
}

/**
 * Grouped bars over categories, one fill pattern per series. O(series × categories).
 * @example barChart({ ...spec, series: [{ name: 'labelled', values: [0.84, 0.86] }] })
 */
export function barChart(spec: CategoryChartSpec): string {
  const axis = yAxisFor({ ...spec, include: [...(spec.include ?? []), 0] });
  const n = Math.max(1, spec.categories.length);
  const band = (WIDTH - PLOT.right - PLOT.left) / n;
  const xAt = (i: number) => PLOT.left + band * (i + 0.5);
  const parts: string[] = [patternDefs(spec.id, spec.series.length), axes(spec, axis, xAt)];
  const base = axis.y(Math.max(axis.min, Math.min(axis.max, 0)));
  const groups = Math.max(1, spec.series.length);
  const barWidth = (band * 0.72) / groups;
  const items: LegendItem[] = [];
  spec.series.forEach((s, k) => {
    const colour = pick(COLOURS, k);
    const bars: string[] = [];
    s.values.forEach((v, i) => {
      if (v === null || !Number.isFinite(v)) return;
      const x = xAt(i) - (band * 0.72) / 2 + k * barWidth;
      const y = axis.y(Math.min(axis.max, Math.max(axis.min, v)));
      const top = Math.min(y, base);
      const h = Math.max(0.8, Math.abs(base - y));
      bars.push(
        `<rect class="bar" x="${f(x)}" y="${f(top)}" width="${f(barWidth - 1)}" height="${f(h)}" fill="url(#${spec.id}-p${k})" stroke="${colour}" stroke-width="1"><title>${escapeHtml(`${s.name}, ${spec.categories[i] ?? ''}: ${spec.format(v)}`)}</title></rect>`,
      );
    });
    parts.push(
      `<g class="series" data-series="${escapeHtml(s.name)}" data-points="${bars.length}">${bars.join('')}</g>`,
    );
    items.push({
      name: s.name,
      draw: (x, y) =>
        `<rect x="${x + 6}" y="${y - 6}" width="16" height="12" fill="url(#${spec.id}-p${k})" stroke="${colour}"/>`,
    });
  });
  const refs = references(spec, axis);
  parts.push(refs.svg);
  return wrap(spec, parts, [...items, ...refs.items]);
}

/**
 * Spans on a time axis, one row per subject (drift incidents per feature). O(spans).
 * @example timelineChart({ id: 'm-d', title: 'Drift', description: '…', xLabel: 'time', rows: ['amount'], from, to, ticks: [], spans: [{ row: 'amount', from, to, label: 'ks 0.4' }] })
 */
export function timelineChart(spec: TimelineSpec): string {
  const rowHeight = 24;
  const top = PLOT.top;
  const left = Math.max(PLOT.left, 16 + Math.max(0, ...spec.rows.map((r) => textWidth(r))));
  const right = WIDTH - PLOT.right;
  const height = spec.rows.length * rowHeight;
  const bottom = top + height;
  const x = (t: number) =>
    left + ((Math.min(spec.to, Math.max(spec.from, t)) - spec.from) / (spec.to - spec.from)) * (right - left);
  const total = bottom + 62;
  const out: string[] = [svgOpen(spec, total), patternDefs(spec.id, 2), '<g class="axes">'];
  for (const tick of spec.ticks) {
    const tx = x(tick.at);
    out.push(
      `<line x1="${f(tx)}" x2="${f(tx)}" y1="${top}" y2="${bottom + 4}" stroke="#ddd"/>`,
      `<text x="${f(tx)}" y="${bottom + 16}" text-anchor="middle" fill="#333">${escapeHtml(tick.label)}</text>`,
    );
  }
  spec.rows.forEach((row, i) => {
    const y = top + i * rowHeight + rowHeight / 2;
    out.push(
      `<text x="${f(left - 6)}" y="${f(y + 4)}" text-anchor="end" fill="#111">${escapeHtml(row)}</text>`,
    );
  });
  out.push(
    `<line x1="${f(left)}" x2="${f(right)}" y1="${bottom}" y2="${bottom}" stroke="#333"/>`,
    `<line x1="${f(left)}" x2="${f(left)}" y1="${top}" y2="${bottom}" stroke="#333"/>`,
    `<text class="axis-label" x="${f((left + right) / 2)}" y="${bottom + 34}" text-anchor="middle" fill="#111">${escapeHtml(spec.xLabel)}</text>`,
    '</g>',
  );
  const drawn = spec.spans.filter((s) => s.to > spec.from && s.from < spec.to && spec.rows.includes(s.row));
  out.push(`<g class="series" data-series="incidents" data-points="${drawn.length}">`);
  for (const s of drawn) {
    const i = spec.rows.indexOf(s.row);
    const x0 = x(s.from);
    const w = Math.max(2, x(s.to) - x0);
    out.push(
      `<rect class="span" x="${f(x0)}" y="${f(top + i * rowHeight + 5)}" width="${f(w)}" height="${rowHeight - 10}" fill="url(#${spec.id}-p1)" stroke="${pick(COLOURS, 1)}" stroke-width="1.2"><title>${escapeHtml(s.label)}</title></rect>`,
    );
  }
  out.push('</g></svg>');
  return out.join('');
}

/** Renders rows as a plain-text table with aligned columns (numbers right-aligned). O(cells). */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const numeric = header.map(
    (_, i) => rows.length > 0 && rows.every((r) => /^[-+]?[\d.,%×]+$|^–$/.test(r[i] ?? '')),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (numeric[i] ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)].join('\n');
}

export const dash = '–';

export function pct(x: number | null | undefined, digits = 1): string {
  return x === null || x === undefined ? dash : `${(x * 100).toFixed(digits)}%`;
}

export function num(x: number | null | undefined, digits = 3): string {
  return x === null || x === undefined ? dash : x.toFixed(digits);
}

export function ms(x: number | null | undefined): string {
  if (x === null || x === undefined) return dash;
  if (x < 1000) return `${Math.round(x)}ms`;
  if (x < 60_000) return `${(x / 1000).toFixed(1)}s`;
  return `${(x / 60_000).toFixed(1)}m`;
}

import { formatDuration } from '../domain/slo/durations.ts';
import { escapeHtml } from '../report/render/format.ts';
import type { DashboardData, MonitorPanel, SeriesPoint } from './dashboard-data.ts';
import { type ChartSeries, lineChart } from './svg-chart.ts';

/**
 * The local dashboard as one self-contained HTML page: a card per monitor with its headline numbers, SLO and
 * drift tables, open alerts and inline-SVG charts. A few lines of script re-fetch the page every
 * `refreshSeconds` and swap its content in place (no flicker, scroll kept); without script the page is still
 * complete.
 */

const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#17becf'];

function pct(v: number | null | undefined, digits = 1): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '–' : `${(v * 100).toFixed(digits)}%`;
}

function num(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '–' : String(Number(v.toPrecision(3)));
}

function burn(v: number | null | undefined): string {
  return v === null || v === undefined ? '–' : `${v >= 10 ? v.toFixed(1) : Number(v.toPrecision(2))}×`;
}

function shortTime(iso: string | null): string {
  return iso === null ? '–' : `${iso.slice(0, 10)} ${iso.slice(11, 16)}Z`;
}

function kpi(label: string, value: string, note = ''): string {
  return `<div class="kpi"><div class="kpi-label">${escapeHtml(label)}</div><div class="kpi-value">${escapeHtml(value)}</div>${
    note === '' ? '' : `<div class="kpi-note">${escapeHtml(note)}</div>`
  }</div>`;
}

function alertBadges(panel: MonitorPanel): string {
  if (panel.openAlerts.length === 0) return '<span class="badge ok">no open alerts</span>';
  return panel.openAlerts
    .map(
      (a) =>
        `<span class="badge ${a.severity}" title="firing since ${escapeHtml(shortTime(a.firingSince))}">${escapeHtml(
          a.severity.toUpperCase(),
        )} ${escapeHtml(a.kind === 'nodata' ? 'no data' : a.subject)}</span>`,
    )
    .join(' ');
}

function sloTable(panel: MonitorPanel): string {
  if (panel.slos.length === 0) return '';
  const rows = panel.slos
    .map((slo) => {
      const rates = Object.entries(slo.burnRates)
        .map(([w, r]) => `${escapeHtml(w)} ${escapeHtml(burn(r))}`)
        .join(' · ');
      const status =
        slo.firing === null
          ? '<span class="ok-text">ok</span>'
          : `<span class="badge ${slo.firing}">${slo.firing}</span>`;
      const objective = panel.objectives[slo.name];
      return `<tr><td>${escapeHtml(slo.name)}</td><td>${escapeHtml(slo.sli)}</td><td>${escapeHtml(pct(objective, 2))}</td><td>${escapeHtml(
        pct(slo.ratio, 2),
      )}</td><td>${escapeHtml(pct(slo.budgetRemaining))}</td><td class="rates">${rates}</td><td>${status}</td></tr>`;
    })
    .join('');
  return `<table><thead><tr><th>SLO</th><th>SLI</th><th>objective</th><th>period ratio</th><th>budget left</th><th>burn rates</th><th>status</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function driftTable(panel: MonitorPanel): string {
  if (panel.drift.length === 0) return '';
  const rows = panel.drift
    .map((d) => {
      const cls = d.status === 'drifted' ? 'badge ticket' : d.status === 'ok' ? 'ok-text' : 'muted';
      return `<tr><td>${escapeHtml(d.feature)}</td><td>${escapeHtml(d.method)}</td><td>${escapeHtml(num(d.statistic))}</td><td>${escapeHtml(
        num(d.threshold),
      )}</td><td><span class="${cls}">${escapeHtml(d.status.replace(/_/g, ' '))}</span></td></tr>`;
    })
    .join('');
  return `<table><thead><tr><th>feature</th><th>method</th><th>statistic</th><th>threshold</th><th>status</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function alertBands(panel: MonitorPanel, subjects: (kind: string, subject: string) => boolean, endT: number) {
  return panel.recentAlerts
    .filter((a) => subjects(a.kind, a.subject))
    .map((a) => ({
      from: Date.parse(a.firedAt),
      to: a.resolvedAt === null ? endT : Date.parse(a.resolvedAt),
      color: a.severity === 'page' ? '#d62728' : '#ff9900',
    }));
}

function charts(panel: MonitorPanel): string {
  const points: readonly SeriesPoint[] = panel.series;
  if (points.length === 0)
    return '<p class="muted">No evaluation stored yet: charts appear after the first evaluations.</p>';
  const times = points.map((p) => p.t);
  const endT = times[times.length - 1] ?? 0;
  const out: string[] = [];
  const has = (values: readonly (number | null)[]) => values.some((v) => v !== null);
  const quality: ChartSeries[] = [
    { name: 'F1', color: '#1f77b4', values: points.map((p) => p.f1) },
    { name: 'precision', color: '#2ca02c', values: points.map((p) => p.precision) },
    { name: 'recall', color: '#9467bd', values: points.map((p) => p.recall) },
  ];
  const variants = [...new Set(points.flatMap((p) => Object.keys(p.variantF1)))].sort();
  if (variants.length > 1) {
    variants.forEach((v, i) => {
      quality.push({
        name: `F1 ${v}`,
        color: PALETTE[(i + 3) % PALETTE.length] ?? '#888',
        dashed: true,
        values: points.map((p) => p.variantF1[v] ?? null),
      });
    });
  }
  if (quality.some((s) => has(s.values))) {
    out.push(
      chartBox(
        `Decision quality (${panel.headlineWindow ?? 'headline'} window)`,
        lineChart({
          title: `${panel.name} decision quality`,
          times,
          series: quality.filter((s) => has(s.values)),
          yMin: 0,
          yMax: 1,
          bands: alertBands(panel, (k) => k === 'slo', endT),
          formatY: (v) => v.toFixed(2),
        }),
      ),
    );
  }
  const completion = points.map((p) => p.completion);
  if (has(completion)) {
    const completionSlos = panel.slos.filter((s) => s.sli === 'completion');
    out.push(
      chartBox(
        `Task completion (${panel.headlineWindow ?? 'headline'} window)`,
        lineChart({
          title: `${panel.name} task completion`,
          times,
          series: [{ name: 'completed within SLA', color: '#1f77b4', values: completion }],
          yMax: 1,
          references: completionSlos.flatMap((s) => {
            const o = panel.objectives[s.name];
            return o === undefined ? [] : [{ value: o, label: `${s.name} objective` }];
          }),
          bands: alertBands(panel, (k, s) => k === 'slo' && completionSlos.some((c) => c.name === s), endT),
          formatY: (v) => pct(v, 1),
        }),
      ),
    );
  }
  const budgets = panel.slos.map((s, i) => ({
    name: s.name,
    color: PALETTE[i % PALETTE.length] ?? '#888',
    values: points.map((p) => p.budgetRemaining[s.name] ?? null),
  }));
  if (budgets.some((b) => has(b.values))) {
    out.push(
      chartBox(
        'Error budget remaining',
        lineChart({
          title: `${panel.name} error budget remaining`,
          times,
          series: budgets.filter((b) => has(b.values)),
          yMax: 1,
          references: [{ value: 0, label: 'exhausted' }],
          formatY: (v) => pct(v, 0),
        }),
      ),
    );
  }
  const features = [...new Set(points.flatMap((p) => Object.keys(p.driftRatio)))];
  const drift = features.map((f, i) => ({
    name: f,
    color: PALETTE[i % PALETTE.length] ?? '#888',
    values: points.map((p) => p.driftRatio[f] ?? null),
  }));
  if (drift.some((d) => has(d.values))) {
    out.push(
      chartBox(
        'Drift statistic ÷ threshold',
        lineChart({
          title: `${panel.name} drift`,
          times,
          series: drift.filter((d) => has(d.values)),
          yMin: 0,
          references: [{ value: 1, label: 'threshold' }],
          bands: alertBands(panel, (k) => k === 'drift', endT),
          formatY: (v) => v.toFixed(1),
        }),
      ),
    );
  }
  return `<div class="charts">${out.join('')}</div>`;
}

function chartBox(title: string, svg: string): string {
  return `<figure class="chart"><figcaption>${escapeHtml(title)}</figcaption>${svg}</figure>`;
}

function recentAlerts(panel: MonitorPanel, historyMs: number): string {
  if (panel.recentAlerts.length === 0) return '';
  const rows = [...panel.recentAlerts]
    .reverse()
    .slice(0, 12)
    .map((a) => {
      const lasted =
        a.resolvedAt === null
          ? 'open'
          : formatDuration(
              Math.max(
                60_000,
                Math.round((Date.parse(a.resolvedAt) - Date.parse(a.firedAt)) / 60_000) * 60_000,
              ),
            );
      return `<tr><td><span class="badge ${a.severity}">${a.severity}</span></td><td>${escapeHtml(a.kind)}</td><td>${escapeHtml(
        a.subject,
      )}</td><td>${escapeHtml(shortTime(a.firedAt))}</td><td>${escapeHtml(a.resolvedAt === null ? '–' : shortTime(a.resolvedAt))}</td><td>${escapeHtml(lasted)}</td></tr>`;
    })
    .join('');
  return `<details open><summary>Alerts in the last ${escapeHtml(formatDuration(historyMs))}</summary><table><thead><tr><th>severity</th><th>kind</th><th>subject</th><th>fired</th><th>resolved</th><th>lasted</th></tr></thead><tbody>${rows}</tbody></table></details>`;
}

function monitorCard(panel: MonitorPanel, historyMs: number): string {
  const q = panel.quality;
  const kpis: string[] = [];
  if (q && q.labelled > 0) {
    const note = `${q.labelled} labelled, ${panel.headlineWindow ?? ''}`;
    kpis.push(kpi('F1', num(q.f1), note), kpi('precision', num(q.precision)), kpi('recall', num(q.recall)));
    const variants = Object.entries(panel.variants);
    if (variants.length > 1)
      for (const [v, vq] of variants) kpis.push(kpi(`F1 ${v}`, num(vq.f1), `${vq.labelled} labelled`));
  }
  if (panel.completion && panel.completion.tasks > 0) {
    kpis.push(
      kpi(
        'completion',
        pct(panel.completion.ratio),
        `${panel.completion.tasks} tasks, ${panel.headlineWindow ?? ''}`,
      ),
      kpi(
        'latency p95',
        panel.completion.latencyP95Ms === null
          ? '–'
          : `${(panel.completion.latencyP95Ms / 1000).toFixed(0)} s`,
      ),
    );
  }
  if (kpis.length === 0) kpis.push(kpi('status', panel.evaluatedAt === null ? 'waiting' : 'no traffic'));
  return `<section class="monitor" data-monitor="${escapeHtml(panel.name)}">
<header><h2>${escapeHtml(panel.name)}</h2><div class="alerts">${alertBadges(panel)}</div></header>
${panel.description ? `<p class="muted">${escapeHtml(panel.description)}</p>` : ''}
<p class="muted small">evaluated ${escapeHtml(shortTime(panel.evaluatedAt))}</p>
<div class="kpis">${kpis.join('')}</div>
${sloTable(panel)}
${driftTable(panel)}
${charts(panel)}
${recentAlerts(panel, historyMs)}
</section>`;
}

const STYLE = `
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;background:#f3f4f6;color:#111}
.top{background:#111827;color:#fff;padding:10px 20px;display:flex;justify-content:space-between;align-items:baseline;flex-wrap:wrap;gap:8px}
.top h1{font-size:18px;margin:0}.top a{color:#93c5fd}.top .meta{font-size:12px;color:#d1d5db}
main{padding:16px 20px;display:grid;grid-template-columns:repeat(auto-fit,minmax(560px,1fr));gap:16px}
.monitor{background:#fff;border-radius:8px;padding:12px 16px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
.monitor header{display:flex;justify-content:space-between;align-items:center;gap:8px;flex-wrap:wrap}
.monitor h2{font-size:17px;margin:0}
.muted{color:#6b7280}.small{font-size:12px;margin:2px 0}
.kpis{display:flex;flex-wrap:wrap;gap:10px;margin:8px 0}
.kpi{background:#f9fafb;border:1px solid #e5e7eb;border-radius:6px;padding:6px 10px;min-width:80px}
.kpi-label{font-size:11px;color:#6b7280}.kpi-value{font-size:20px;font-weight:600}.kpi-note{font-size:10px;color:#9ca3af}
table{border-collapse:collapse;width:100%;font-size:12px;margin:8px 0}
th,td{text-align:left;padding:3px 6px;border-bottom:1px solid #eee}th{color:#6b7280;font-weight:500}
td.rates{font-variant-numeric:tabular-nums;color:#374151}
.badge{display:inline-block;border-radius:4px;padding:1px 6px;font-size:11px;font-weight:600}
.badge.page{background:#fee2e2;color:#b91c1c}.badge.ticket{background:#fef3c7;color:#92400e}.badge.ok{background:#dcfce7;color:#166534}
.ok-text{color:#166534}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(340px,1fr));gap:4px 16px}
figure.chart{margin:4px 0;min-width:0}figure.chart svg{width:100%;height:auto}
figcaption{font-size:12px;color:#374151;margin-bottom:2px}
details summary{font-size:12px;color:#374151;cursor:pointer}
`;

const REFRESH_SCRIPT = (seconds: number) => `
(function(){
  var ms=${Math.max(1, seconds) * 1000};
  function swap(){
    fetch(location.pathname,{cache:'no-store'}).then(function(r){return r.ok?r.text():null}).then(function(html){
      if(html){var doc=new DOMParser().parseFromString(html,'text/html');
        ['main','.top .meta'].forEach(function(sel){var a=document.querySelector(sel),b=doc.querySelector(sel);if(a&&b)a.innerHTML=b.innerHTML;});}
    }).catch(function(){}).then(function(){setTimeout(swap,ms)});
  }
  setTimeout(swap,ms);
})();`;

export interface DashboardPageOptions {
  /** Seconds between refreshes; 0 disables the script (saved pages, screenshots). */
  readonly refreshSeconds: number;
  /** Shown in the header (e.g. "local stack" or "demo replay"). */
  readonly title?: string;
}

/**
 * The dashboard page for the data. Pure; every value is HTML-escaped.
 *
 * Complexity: O(monitors × (points × series + rows)).
 * @example renderDashboardPage(data, { refreshSeconds: 10 }).startsWith('<!doctype html>') // true
 */
export function renderDashboardPage(data: DashboardData, options: DashboardPageOptions): string {
  const title = options.title ?? 'driftwatch — local';
  const meta = `as of ${escapeHtml(shortTime(data.asOf))} · config ${escapeHtml(data.configPath)} · history ${escapeHtml(
    formatDuration(data.historyMs),
  )} · <a href="/api/dashboard.json">dashboard.json</a>`;
  const cards =
    data.monitors.length === 0
      ? '<p>No monitors configured.</p>'
      : data.monitors.map((m) => monitorCard(m, data.historyMs)).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><link rel="icon" href="data:,"><style>${STYLE}</style></head>
<body><div class="top"><h1>${escapeHtml(title)}</h1><div class="meta">${meta}</div></div>
<main>${cards}</main>
${options.refreshSeconds > 0 ? `<script>${REFRESH_SCRIPT(options.refreshSeconds)}</script>` : ''}
</body></html>`;
}

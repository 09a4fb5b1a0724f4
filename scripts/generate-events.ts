/**
 * Writes realistic sample traffic for the monitors of a configuration as JSONL:
 *   npm run generate -- --events 1000000 --days 14 --out traffic.jsonl
 * Deterministic for a seed. Optional incidents: --drift monitor:feature:factor (numeric feature values are
 * multiplied by factor over the last day), --outage monitor:minutes (every task fails for that many minutes
 * two hours before the end).
 */
import { createWriteStream } from 'node:fs';
import { Command } from 'commander';
import { DEFAULT_CONFIG_PATH, loadConfigFile } from '../functions/config/load-config-file.ts';
import { trafficForMonitor } from '../functions/offline/traffic-from-config.ts';
import { generateTraffic } from '../functions/offline/traffic-generator.ts';
import type { Incident } from '../functions/offline/traffic-scenario.ts';

const DAY = 86_400_000;

const options = new Command()
  .option('--config <file>', 'monitor configuration', DEFAULT_CONFIG_PATH)
  .option('--events <n>', 'approximate number of events', '10000')
  .option('--days <n>', 'days of traffic', '14')
  .option('--end <time>', 'time of the last event (ISO-8601)', '2026-11-23T00:00:00Z')
  .option('--seed <n>', 'random seed', '42')
  .option('--drift <spec...>', 'monitor:feature:factor — shift a feature over the last day')
  .option('--outage <spec...>', 'monitor:minutes — every task fails, starting two hours before the end')
  .requiredOption('--out <file>', 'output JSONL file ("-" for stdout)')
  .parse()
  .opts();

const { config } = await loadConfigFile(options.config);
const end = Date.parse(options.end);
const durationMs = Number(options.days) * DAY;
const incidents: Incident[] = [];
for (const spec of (options.drift as string[] | undefined) ?? []) {
  const [monitor = '', feature = '', factor = '2'] = spec.split(':');
  incidents.push({ kind: 'drift', monitor, feature, from: end - DAY, to: end, magnitude: Number(factor) });
}
for (const spec of (options.outage as string[] | undefined) ?? []) {
  const [monitor = '', minutes = '30'] = spec.split(':');
  const from = end - 2 * 3_600_000;
  incidents.push({ kind: 'outage', monitor, from, to: from + Number(minutes) * 60_000 });
}
const out = options.out === '-' ? process.stdout : createWriteStream(options.out);
let buffer = '';
let n = 0;
for (const event of generateTraffic({
  monitors: config.monitors.map(trafficForMonitor),
  start: end - durationMs,
  durationMs,
  events: Number(options.events),
  seed: Number(options.seed),
  incidents,
})) {
  buffer += `${JSON.stringify(event)}\n`;
  n++;
  if (buffer.length > 1 << 20) {
    if (!out.write(buffer)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    buffer = '';
  }
}
out.write(buffer);
if (out !== process.stdout) out.end();
process.stderr.write(`wrote ${n} events to ${options.out}\n`);

/**
 * `npm run bench`: measures driftwatch and prints a markdown table, also written to bench/results.md.
 *   (a) `driftwatch evaluate` throughput on 1,000,000 generated events (bench/cli-throughput.ts);
 *   (b) evaluator CPU: evaluateMonitor for 100 monitors × 20 features over synthetic counters;
 *   (c) write units per event (bench/ingest-cost.ts) and Lambda bundle sizes (infra/bundle-size.ts), when
 *       those modules are present;
 *   (d) each function's cold start on its real bundle (bench/cold-init.ts).
 * Options: --events N (default 1000000), --runs N (default 3), --skip-cli, --skip-ingest, --skip-bundles.
 * Nothing is asserted: targets are printed beside the measurements.
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { coverRange } from '../functions/domain/buckets/cover-window.ts';
import { GRANULARITY_MS, type Granularity } from '../functions/domain/buckets/granularity.ts';
import type { Monitor } from '../functions/domain/config/config-types.ts';
import { parseConfig } from '../functions/domain/config/load-config.ts';
import { counterKey, COUNTER_KINDS as K } from '../functions/domain/counters/counter-key.ts';
import { addCounter, type CounterSet } from '../functions/domain/counters/counter-set.ts';
import { confidenceBin } from '../functions/domain/counters/decision-deltas.ts';
import { splitCounters } from '../functions/domain/evaluation/counter-part.ts';
import { evaluateMonitor } from '../functions/domain/evaluation/evaluate-monitor.ts';
import type { WindowSource } from '../functions/domain/evaluation/window-source.ts';
import { binIndex, binKey } from '../functions/domain/histogram/log-buckets.ts';
import { counterPartsFromItem } from '../functions/evaluator/counter-parts-from-item.ts';
import { SeededRandom } from '../functions/offline/random.ts';
import { counterAttributeName, type RawItem } from '../functions/store/counter-attributes.ts';
import { CLI_TARGET_EVENTS_PER_SECOND, measureCliThroughput } from './cli-throughput.ts';
import { COLD_INIT_TARGET_MS, describeSdk, measureColdInit } from './cold-init.ts';
import { medianOf } from './median.ts';

/** Passes over all monitors: the first as in a fresh container, the rest as in a warm one. */
const EVALUATOR_PASSES = 6;
const MONITORS = 100;
const FEATURES = 20;
const NUMERIC_FEATURES = 12;
const EVALUATOR_TARGET_MS = 1000;
const HOUR = GRANULARITY_MS['1h'];

type Row = readonly [measurement: string, value: string, target: string];

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : Number(args[i + 1]);
};
const log = (line: string) => process.stderr.write(`${line}\n`);

/** 100 monitors, each with 12 numeric and 8 categorical features, a recall, a completion and a latency SLO. */
function benchMonitors(): readonly Monitor[] {
  const monitors = Array.from({ length: MONITORS }, (_, m) => {
    const features = Array.from({ length: FEATURES }, (_, f) =>
      f < NUMERIC_FEATURES
        ? `        - { name: n${f}, kind: numeric }`
        : `        - { name: c${f}, kind: categorical, categories: [a, b, c, d, e, f] }`,
    ).join('\n');
    return `  - name: agent-${m}
    positiveLabel: escalate
    task: { sla: 10m, timeout: 30m }
    slos:
      - { name: recall, sli: recall, objective: 0.95 }
      - { name: completion, sli: completion, objective: 0.99 }
      - { name: latency, sli: latency, threshold: 5m, objective: 0.95 }
    drift:
      features:
${features}
      baseline: { trailing: { length: 7d, offset: 1d } }
    alerts: { runbookUrl: https://runbooks.example.com/agent-${m} }`;
  });
  return parseConfig(`version: 1\nmonitors:\n${monitors.join('\n')}\n`, 'bench.yaml').config.monitors;
}

/** One hour of a busy monitor's counters (≈ 50 decisions and 15 tasks a minute). */
function hourOfCounters(): CounterSet {
  const rnd = new SeededRandom(2026);
  const out: CounterSet = new Map();
  const classes = ['escalate', 'resolve', 'reply'];
  for (let i = 0; i < 3000; i++) {
    const task = rnd.pick(['main', 'follow-up']);
    const variant = rnd.next() < 0.9 ? 'control' : 'canary';
    const actual = rnd.pick(classes);
    const predicted = rnd.next() < 0.9 ? actual : rnd.pick(classes);
    addCounter(out, counterKey(K.decisions, task, variant));
    addCounter(out, counterKey(K.predicted, predicted));
    addCounter(out, counterKey(K.confidence, String(confidenceBin(rnd.next()))));
    if (rnd.next() < 0.85) {
      addCounter(out, counterKey(K.labelled, task, variant));
      addCounter(out, counterKey(K.confusion, task, variant, actual, predicted));
    }
    for (let f = 0; f < FEATURES; f++) {
      if (rnd.next() < 0.01)
        addCounter(out, counterKey(K.missingFeature, f < NUMERIC_FEATURES ? `n${f}` : `c${f}`));
      else if (f < NUMERIC_FEATURES)
        addCounter(out, counterKey(K.numericFeature, `n${f}`, binKey(binIndex(rnd.logNormal(100, 0.8)))));
      else
        addCounter(out, counterKey(K.categoricalFeature, `c${f}`, rnd.pick(['a', 'b', 'c', 'd', 'e', 'f'])));
    }
  }
  for (let i = 0; i < 900; i++) {
    const task = rnd.pick(['main', 'follow-up']);
    addCounter(out, counterKey(K.tasksStarted, task));
    const r = rnd.next();
    const outcome =
      r < 0.9 ? 'completedWithinSla' : r < 0.95 ? 'completedLate' : r < 0.98 ? 'failed' : 'handedOff';
    addCounter(out, counterKey(K.taskOutcome, task, outcome));
    if (outcome.startsWith('completed'))
      addCounter(out, counterKey(K.taskLatency, task, binKey(binIndex(rnd.logNormal(120_000, 0.6)))));
  }
  return out;
}

/** The hour's counters scaled to each granularity (a day holds 24 hours' worth, a minute 1/60). */
function bucketTemplates(): Record<Granularity, CounterSet> {
  const hour = hourOfCounters();
  const scaled = (g: Granularity) =>
    new Map([...hour].map(([k, n]) => [k, Math.max(1, Math.round((n * GRANULARITY_MS[g]) / HOUR))]));
  return { '1m': scaled('1m'), '10m': scaled('10m'), '1h': hour, '1d': scaled('1d') };
}

/** Sums the buckets that tile [from, to), as the evaluator does with the items it read. */
function coverSum(templates: Record<Granularity, CounterSet>, from: number, to: number): CounterSet {
  const out: CounterSet = new Map();
  if (from >= to) return out;
  for (const ref of coverRange(from, to))
    for (const [k, n] of templates[ref.granularity]) addCounter(out, k, n);
  return out;
}

function timeAll(
  monitors: readonly Monitor[],
  asOf: number,
  source: WindowSource,
): { wallMs: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  // As the evaluator Lambda evaluates: without the per-window counters listing (only the CLI prints it).
  for (const m of monitors) evaluateMonitor(m, asOf, source, { counters: false });
  const used = process.cpuUsage(cpu);
  return { wallMs: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}

function evaluatorRows(): Row[] {
  const monitors = benchMonitors();
  const templates = bucketTemplates();
  const asOf = Date.parse('2026-11-20T13:47:00Z');
  // Every monitor has the same synthetic traffic, so the sums of a range can be shared: after one warm-up
  // monitor, the timing is evaluateMonitor's own work (summaries, metrics, drift from histograms).
  const ranges = new Map<string, CounterSet>();
  const cached: WindowSource = {
    counters: (_monitor, from, to) => {
      const key = `${from}:${to}`;
      let set = ranges.get(key);
      if (!set) {
        set = coverSum(templates, from, to);
        ranges.set(key, set);
      }
      return set;
    },
  };
  // Each monitor reads its own buckets, as the evaluator Lambda does: every bucket of every monitor is
  // decoded by that monitor's evaluation (the reader caches by bucket, never across evaluations). Buckets
  // come split into core and feature counters, the shape the Lambda's reader decodes items into.
  const split = {
    '1m': splitCounters(templates['1m']),
    '10m': splitCounters(templates['10m']),
    '1h': splitCounters(templates['1h']),
    '1d': splitCounters(templates['1d']),
  };
  const bucketsRead = new Map<string, Granularity>();
  const summing: WindowSource = {
    counters: (_monitor, from, to) => coverSum(templates, from, to),
    bucket: (_monitor, ref) => {
      bucketsRead.set(`${ref.granularity}:${ref.start}`, ref.granularity);
      return split[ref.granularity];
    },
  };
  const first = monitors[0];
  if (first) evaluateMonitor(first, asOf, cached, { counters: false });
  // The first pass is a fresh container (code not yet optimised by the JIT); the evaluator runs every minute,
  // so most runs are in a warm container: the median of the following passes.
  const passes = (source: WindowSource) =>
    Array.from({ length: EVALUATOR_PASSES }, () => timeAll(monitors, asOf, source));
  const pure = passes(cached);
  const withSums = passes(summing);
  const describe = (runs: readonly { wallMs: number; cpuMs: number }[]) => {
    const [fresh, ...warm] = runs;
    const warmCpu = medianOf(warm.map((r) => r.cpuMs));
    return `${(fresh?.cpuMs ?? Number.NaN).toFixed(0)} ms CPU in a fresh process, ${warmCpu.toFixed(0)} ms CPU warm (median of ${warm.length} more passes)`;
  };
  log(
    `evaluator: ${describe(pure)} (shared range sums); ${describe(withSums)} (each monitor its own buckets)`,
  );
  const granularitiesRead = [...bucketsRead.values()];
  const decoding = itemDecoding(templates, granularitiesRead, counterPartsFromItem);
  log(`evaluator: decoding the items read: ${describe(decoding)}`);
  const converting = itemDecoding(templates, granularitiesRead, unmarshall);
  log(`evaluator: the document client's conversion of the same items: ${describe(converting)}`);
  const keys = templates['1h'].size;
  return [
    [
      `evaluateMonitor, ${MONITORS} monitors × ${FEATURES} features (${keys} counter keys a bucket), range sums given`,
      describe(pure),
      `< ${EVALUATOR_TARGET_MS} ms`,
    ],
    [
      `the same, each monitor decoding and adding up its own buckets (as the evaluator Lambda does)`,
      describe(withSums),
      `< ${EVALUATOR_TARGET_MS} ms`,
    ],
    [
      `before that, the Lambda turns the ${bucketsRead.size} bucket items a monitor reads, as DynamoDB returns them, into counters (counterPartsFromItem), for every monitor`,
      describe(decoding),
      '(part of the same < 1000 ms)',
    ],
    [
      `for comparison: converting the same items to plain objects, as reading them through the document client would (before any decoding)`,
      describe(converting),
      '–',
    ],
  ];
}

/**
 * The evaluator Lambda's other CPU cost: every bucket item it reads (AttributeValues, one number attribute per
 * counter, as BatchGetItem returns them) is decoded into counters before the evaluation sums them. Times
 * `decode` on every item for every monitor, on distinct items shaped like the ones the aggregator writes.
 */
function itemDecoding(
  templates: Record<Granularity, CounterSet>,
  granularities: readonly Granularity[],
  decode: (item: RawItem) => unknown,
): { wallMs: number; cpuMs: number }[] {
  const items = granularities.map((g, i) => {
    const item: Record<string, AttributeValue> = { pk: { S: 'B#bench' }, sk: { S: `${g}#${i}` } };
    for (const [k, n] of templates[g]) item[counterAttributeName(k)] = { N: String(n) };
    return item;
  });
  return Array.from({ length: EVALUATOR_PASSES }, () => {
    const cpu = process.cpuUsage();
    const start = performance.now();
    let decoded = 0;
    for (let m = 0; m < MONITORS; m++) for (const item of items) if (decode(item)) decoded++;
    const used = process.cpuUsage(cpu);
    if (decoded === 0) throw new Error('no items decoded');
    return { wallMs: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
  });
}

async function cliRows(): Promise<Row[]> {
  const result = await measureCliThroughput({
    events: option('--events', 1_000_000),
    runs: option('--runs', 3),
    log,
  });
  const runs = result.runs.map((r) => (r.wallMs / 1000).toFixed(2)).join(' / ');
  const cpu = result.runs.map((r) => (r.cpuMs / 1000).toFixed(2)).join(' / ');
  return [
    [
      `driftwatch evaluate, ${result.events.toLocaleString('en')} events (${(result.bytes / 1e6).toFixed(0)} MB), median of ${result.runs.length}`,
      `${Math.round(result.eventsPerSecond).toLocaleString('en')} events/s wall (runs ${runs} s)`,
      `≥ ${CLI_TARGET_EVENTS_PER_SECOND.toLocaleString('en')} events/s`,
    ],
    [
      'the same, per CPU second (user + system)',
      `${Math.round(result.eventsPerCpuSecond).toLocaleString('en')} events/s (runs ${cpu} s)`,
      `≥ ${CLI_TARGET_EVENTS_PER_SECOND.toLocaleString('en')} events/s`,
    ],
    [
      'reading the lines and JSON.parse alone, per CPU second (the ceiling of a JSON reader on this machine)',
      `${Math.round(result.parseOnlyEventsPerCpuSecond).toLocaleString('en')} events/s`,
      '–',
    ],
    ['peak resident set size of the process', `${(result.peakRssBytes / 2 ** 20).toFixed(0)} MiB`, '–'],
    [
      'one `driftwatch evaluate` of the same file in a new process (start-up and JIT warm-up included)',
      `${Math.round(result.events / (result.oneShot.wallMs / 1000)).toLocaleString('en')} events/s wall, ${Math.round(result.events / (result.oneShot.cpuMs / 1000)).toLocaleString('en')} per CPU second (${(result.oneShot.wallMs / 1000).toFixed(2)} s wall, ${(result.oneShot.cpuMs / 1000).toFixed(2)} s CPU)`,
      '–',
    ],
  ];
}

/** Imports an optional module; undefined when it does not exist (written by another part of the project). */
async function optional<T>(path: string): Promise<T | undefined> {
  try {
    return (await import(path)) as T;
  } catch (error) {
    if (
      error instanceof Error &&
      'code' in error &&
      error.code === 'ERR_MODULE_NOT_FOUND' &&
      error.message.includes(path.replace('../', ''))
    )
      return undefined;
    throw error;
  }
}

interface IngestCostModule {
  measureIngestCost(options: {
    rates: readonly number[];
    log?: (line: string) => void;
  }): Promise<
    readonly { rate: number; labels: string; events: number; wcuPerEvent: number; modelWcuPerEvent: number }[]
  >;
  TARGET_WCU_PER_EVENT?: number;
}

interface BundleSizeModule {
  measureBundleSizes(): Promise<readonly { name: string; kilobytes: number; withinTarget: boolean }[]>;
  BUNDLE_SIZE_TARGET_KB?: number;
}

async function ingestRows(): Promise<Row[]> {
  const module = await optional<IngestCostModule>('./ingest-cost.ts');
  if (!module) return [['write units per event (bench/ingest-cost.ts)', 'skipped: module not present', '–']];
  try {
    const rows = await module.measureIngestCost({ rates: [100], log });
    return rows.map((r) => [
      `ingest write units per event at ${r.rate}/s, ${r.labels} labels (${r.events} events)`,
      `${r.modelWcuPerEvent.toFixed(3)} WCU/event (DynamoDB Local: ${r.wcuPerEvent.toFixed(3)})`,
      `≤ ${module.TARGET_WCU_PER_EVENT ?? '–'}`,
    ]);
  } catch (error) {
    return [
      [
        'write units per event (bench/ingest-cost.ts)',
        `failed: ${error instanceof Error ? error.message : String(error)}`,
        '–',
      ],
    ];
  }
}

async function bundleRows(): Promise<Row[]> {
  const module = await optional<BundleSizeModule>('../infra/bundle-size.ts');
  if (!module) return [['Lambda bundle sizes (infra/bundle-size.ts)', 'skipped: module not present', '–']];
  try {
    const sizes = await module.measureBundleSizes();
    return sizes.map((b) => [
      `bundle of the ${b.name} function`,
      `${b.kilobytes.toFixed(1)} KB`,
      `≤ ${module.BUNDLE_SIZE_TARGET_KB ?? '–'} KB`,
    ]);
  } catch (error) {
    return [
      [
        'Lambda bundle sizes (infra/bundle-size.ts)',
        `failed: ${error instanceof Error ? error.message : String(error)}`,
        '–',
      ],
    ];
  }
}

async function coldInitRows(): Promise<Row[]> {
  const results = await measureColdInit(5, (line) => console.log(`cold start: ${line}`));
  return results.map((r) => [
    `cold start of the ${r.name} function: import, then first invocation (median of 5)`,
    `${r.importMs.toFixed(0)} ms, ${r.firstInvocationMs.toFixed(0)} ms (CPU ${r.importCpuMs.toFixed(0)}, ` +
      `${r.firstInvocationCpuMs.toFixed(0)} ms); ${describeSdk(r)}`,
    `< ${COLD_INIT_TARGET_MS} ms`,
  ]);
}

function markdown(rows: readonly Row[]): string {
  const escapeCell = (s: string) => s.replaceAll('|', '\\|');
  return [
    '| measurement | value | target |',
    '|---|---|---|',
    ...rows.map((r) => `| ${r.map(escapeCell).join(' | ')} |`),
  ].join('\n');
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  if (!flag('--skip-cli')) rows.push(...(await cliRows()));
  rows.push(...evaluatorRows());
  if (!flag('--skip-ingest')) rows.push(...(await ingestRows()));
  if (!flag('--skip-bundles')) rows.push(...(await bundleRows()), ...(await coldInitRows()));
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const [load1] = loadavg();
  const text = [
    '# Benchmark results',
    '',
    `Measured ${new Date().toISOString()} with Node ${process.version} on ${cpus().length} × ${cpu}` +
      ` (load average ${load1?.toFixed(1)} when done). Reproduce with \`npm run bench\`.`,
    '',
    markdown(rows),
    '',
  ].join('\n');
  process.stdout.write(text);
  writeFileSync('bench/results.md', text);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});

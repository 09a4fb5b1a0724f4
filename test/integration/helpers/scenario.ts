import type { FoldOptions } from '../../../functions/domain/counters/fold-options.ts';
import type { DriftwatchEvent } from '../../../functions/domain/events/event-schema.ts';

/** Deterministic synthetic traffic for one monitor: decisions with features, labels, tasks. */

export const FOLD_OPTIONS: FoldOptions = {
  taskSlaMs: 60_000,
  features: [
    { name: 'amount', kind: 'numeric' },
    { name: 'channel', kind: 'categorical', categories: ['email', 'chat'] },
    { name: 'vip', kind: 'boolean' },
    { name: 'user_id', kind: 'categorical' },
  ],
};

/** mulberry32: a tiny seeded PRNG, so every run generates the same traffic. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: readonly T[], seed: number): T[] {
  const random = rng(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

export interface ScenarioOptions {
  readonly monitor: string;
  readonly seed: number;
  readonly decisions: number;
  readonly tasks: number;
  /** Event times are spread over [start, start + spanMs). */
  readonly start: number;
  readonly spanMs: number;
  /** Share of decisions that get a label. */
  readonly labelShare?: number;
  /** Labels come up to this long after their decision. */
  readonly maxLabelDelayMs?: number;
  /** Share of labels sent before their decision. */
  readonly labelsFirstShare?: number;
  readonly idPrefix?: string;
}

const CLASSES = ['refund', 'escalate', 'answer'] as const;

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Events in arrival order: by time, except that a share of labels is moved before their decision. Every id is
 * unique, so no two events compete for the same slot (arrival order cannot change the counts).
 */
export function scenario(o: ScenarioOptions): DriftwatchEvent[] {
  const random = rng(o.seed);
  const prefix = o.idPrefix ?? `s${o.seed}`;
  const timed: { at: number; event: DriftwatchEvent; before?: string }[] = [];
  for (let i = 0; i < o.decisions; i++) {
    const time = o.start + Math.floor(random() * o.spanMs);
    const predicted = pick(random, CLASSES);
    const id = `${prefix}-d${i}`;
    const features: Record<string, number | string | boolean | null> = {
      amount: Math.round(Math.exp(random() * 8) * 100) / 100,
      channel: pick(random, ['email', 'chat', 'phone']),
      user_id: `u${Math.floor(random() * 500)}`,
    };
    if (random() < 0.8) features.vip = random() < 0.1;
    else if (random() < 0.5) features.vip = null;
    timed.push({
      at: time,
      event: {
        type: 'decision',
        id,
        monitor: o.monitor,
        time: iso(time),
        predicted,
        task: pick(random, ['triage', 'billing']),
        variant: random() < 0.8 ? 'control' : 'canary',
        confidence: Math.round(random() * 1000) / 1000,
        features,
      },
    });
    if (random() < (o.labelShare ?? 0.7)) {
      const labelTime = time + Math.floor(random() * (o.maxLabelDelayMs ?? 3_600_000));
      const actual = random() < 0.75 ? predicted : pick(random, CLASSES);
      const first = random() < (o.labelsFirstShare ?? 0.2);
      timed.push({
        at: first ? time - 1 : labelTime,
        event: {
          type: 'label',
          id: `${prefix}-l${i}`,
          monitor: o.monitor,
          time: iso(labelTime),
          decisionId: id,
          actual,
        },
      });
    }
  }
  for (let i = 0; i < o.tasks; i++) {
    const time = o.start + Math.floor(random() * o.spanMs);
    const taskId = `${prefix}-t${i}`;
    const task = pick(random, ['refund-request', 'address-change']);
    const deadline = random() < 0.3 ? { deadline: iso(time + 30_000) } : {};
    timed.push({
      at: time,
      event: {
        type: 'task',
        id: `${taskId}-s`,
        monitor: o.monitor,
        time: iso(time),
        taskId,
        status: 'started',
        task,
        ...deadline,
      },
    });
    if (random() < 0.9) {
      const end = time + Math.floor(random() * 120_000);
      const status = pick(random, ['completed', 'completed', 'completed', 'failed', 'handed_off'] as const);
      timed.push({
        at: random() < 0.1 ? time - 1 : end,
        event: { type: 'task', id: `${taskId}-e`, monitor: o.monitor, time: iso(end), taskId, status },
      });
    }
  }
  return timed.sort((a, b) => a.at - b.at).map((t) => t.event);
}

/** Splits a list into consecutive chunks of the given sizes, cycling through them. */
export function chunks<T>(items: readonly T[], sizes: readonly number[]): T[][] {
  const out: T[][] = [];
  let i = 0;
  let k = 0;
  while (i < items.length) {
    const size = Math.max(1, sizes[k++ % sizes.length] ?? 1);
    out.push(items.slice(i, i + size));
    i += size;
  }
  return out;
}

import type { DriftwatchEvent, FeatureValue } from '../domain/events/event-schema.ts';
import { SeededRandom } from './random.ts';
import type { FeatureTraffic, Incident, MonitorTraffic, TrafficOptions } from './traffic-scenario.ts';

/** Share of labels that reach the pipeline before their decision does (retries, out-of-order queues). */
const EARLY_LABEL_SHARE = 0.05;

class EventQueue {
  readonly #heap: DriftwatchEvent[] = [];
  readonly #times: number[] = [];

  get size(): number {
    return this.#heap.length;
  }

  push(event: DriftwatchEvent, time: number): void {
    const h = this.#heap;
    const t = this.#times;
    let i = h.length;
    h.push(event);
    t.push(time);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((t[parent] as number) <= time) break;
      h[i] = h[parent] as DriftwatchEvent;
      t[i] = t[parent] as number;
      i = parent;
    }
    h[i] = event;
    t[i] = time;
  }

  peekTime(): number {
    return this.#times[0] ?? Number.POSITIVE_INFINITY;
  }

  pop(): DriftwatchEvent | undefined {
    const h = this.#heap;
    const t = this.#times;
    const top = h[0];
    const last = h.pop();
    const lastTime = t.pop();
    if (h.length === 0 || last === undefined || lastTime === undefined) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      let mt = lastTime;
      if (l < h.length && (t[l] as number) < mt) {
        m = l;
        mt = t[l] as number;
      }
      if (r < h.length && (t[r] as number) < mt) {
        m = r;
        mt = t[r] as number;
      }
      if (m === i) break;
      h[i] = h[m] as DriftwatchEvent;
      t[i] = t[m] as number;
      i = m;
    }
    h[i] = last;
    t[i] = lastTime;
    return top;
  }
}

function active<T extends Incident['kind']>(
  incidents: readonly Incident[],
  kind: T,
  monitor: string,
  time: number,
): Extract<Incident, { kind: T }>[] {
  return incidents.filter(
    (i): i is Extract<Incident, { kind: T }> =>
      i.kind === kind && i.monitor === monitor && i.from <= time && time < i.to,
  );
}

function featureValue(
  rnd: SeededRandom,
  feature: FeatureTraffic,
  drift: readonly Extract<Incident, { kind: 'drift' }>[],
): FeatureValue {
  const shift = drift.find((d) => d.feature === feature.name);
  if (rnd.next() < 0.01) return null;
  if (feature.kind === 'numeric') {
    const v = rnd.logNormal(feature.median, feature.sigma) * (shift?.magnitude ?? 1);
    return Math.round(v * 100) / 100;
  }
  const categories = feature.categories;
  const last = categories[categories.length - 1];
  const value = shift && last !== undefined && rnd.next() < shift.magnitude ? last : rnd.pick(categories);
  return feature.kind === 'boolean' ? value === 'true' : value;
}

/**
 * Generates realistic traffic: decisions with features and confidences, labels that mostly arrive late (a
 * few early), and tasks that complete, fail, are handed off or never finish — with incidents injected.
 * Yields events roughly in time order (a label is emitted when its time comes). Deterministic for a seed.
 * O(events · log pending) time, memory bounded by the labels and terminals still pending.
 */
export function* generateTraffic(options: TrafficOptions): Generator<DriftwatchEvent> {
  const rnd = new SeededRandom(options.seed);
  const incidents = options.incidents ?? [];
  const totalWeight = options.monitors.reduce((s, m) => s + m.weight, 0);
  const perUnit = options.monitors.reduce(
    (s, m) =>
      s +
      (m.weight / totalWeight) *
        ((1 - m.taskShare) * (1 + m.labelRate) + m.taskShare * (2 - m.taskNeverEndsRate)),
    0,
  );
  const units = Math.max(1, Math.round(options.events / (perUnit || 1)));
  const step = options.durationMs / units;
  const queue = new EventQueue();
  const iso = (t: number) => new Date(Math.round(t)).toISOString();
  // Like a real export taken at the end: labels and task outcomes due later have not arrived yet.
  const end = options.start + options.durationMs;
  let seq = 0;
  for (let u = 0; u < units; u++) {
    const now = options.start + u * step + rnd.next() * step;
    while (queue.size > 0 && queue.peekTime() <= now) {
      const e = queue.pop();
      if (e) yield e;
    }
    const m: MonitorTraffic = rnd.weighted(options.monitors.map((x) => ({ value: x, weight: x.weight })));
    const id = `${m.monitor.slice(0, 3)}-${(seq++).toString(36)}`;
    if (rnd.next() < m.taskShare) {
      const task = rnd.pick(m.tasks);
      const taskId = `t-${id}`;
      queue.push(
        {
          type: 'task',
          id: `${taskId}-s`,
          monitor: m.monitor,
          time: iso(now),
          taskId,
          status: 'started',
          task,
        },
        now,
      );
      const down = active(incidents, 'outage', m.monitor, now).length > 0;
      const r = rnd.next();
      if (!down && r < m.taskNeverEndsRate) continue;
      const status =
        down || r < m.taskNeverEndsRate + m.taskFailRate
          ? 'failed'
          : r < m.taskNeverEndsRate + m.taskFailRate + m.taskHandoffRate
            ? 'handed_off'
            : 'completed';
      const end = now + (down ? rnd.logNormal(20_000, 0.5) : rnd.logNormal(m.taskLatencyMedianMs, 0.6));
      queue.push(
        { type: 'task', id: `${taskId}-e`, monitor: m.monitor, time: iso(end), taskId, status, task },
        end,
      );
      continue;
    }
    const variant = rnd.weighted(m.variants.map((v) => ({ value: v, weight: v.share })));
    const regression = active(incidents, 'regression', m.monitor, now).find(
      (i) => i.variant === variant.name,
    );
    const accuracy = regression?.accuracy ?? variant.accuracy;
    const actual = rnd.pick(m.classes);
    const correct = rnd.next() < accuracy;
    const predicted =
      correct || m.classes.length < 2 ? actual : rnd.pick(m.classes.filter((c) => c !== actual));
    const drift = active(incidents, 'drift', m.monitor, now);
    const features: Record<string, FeatureValue> = {};
    for (const f of m.features) features[f.name] = featureValue(rnd, f, drift);
    const confidence =
      Math.round(Math.min(1, Math.max(0, correct ? rnd.normal(0.82, 0.1) : rnd.normal(0.6, 0.15))) * 1000) /
      1000;
    const early = rnd.next() < m.labelRate * EARLY_LABEL_SHARE;
    const labelled = early || rnd.next() < m.labelRate;
    // An early label is delivered one second before its decision (which is delivered two seconds late).
    queue.push(
      {
        type: 'decision',
        id,
        monitor: m.monitor,
        time: iso(now),
        predicted,
        task: rnd.pick(m.tasks),
        confidence,
        variant: variant.name,
        features,
      },
      early ? now + 2000 : now,
    );
    if (labelled) {
      const at = early ? now + 1000 : now + rnd.logNormal(m.labelDelayMedianMs, 1.2);
      queue.push(
        { type: 'label', id: `l-${id}`, monitor: m.monitor, time: iso(at), decisionId: id, actual },
        at,
      );
    }
  }
  while (queue.size > 0 && queue.peekTime() < end) {
    const e = queue.pop();
    if (e) yield e;
  }
}

/**
 * The local stand-in for EventBridge Scheduler: invokes the evaluate handler with a scheduled event on a
 * fixed cadence. Every minute (the default) it fires just after each minute boundary with `time` = that
 * minute, as `rate(1 minute)` does; with a shorter interval (`--evaluate-every 5s`, for trying things out
 * and for tests) `time` is the current second, so consecutive runs within a minute are distinct evaluations
 * of the same minute-aligned windows. Runs never overlap: a slow run delays the next one.
 */

const MINUTE = 60_000;

/** The payload the scheduler sends (infra/schedule-payload.ts has the cloud one): `time` is what matters. */
export interface ScheduledEvaluationEvent {
  readonly id: string;
  readonly 'detail-type': 'Scheduled Event';
  readonly source: 'driftwatch.local-scheduler';
  readonly time: string;
  readonly detail: Record<string, never>;
}

/**
 * The scheduled event for an evaluation at `time` (epoch ms; rendered without milliseconds, like EventBridge).
 *
 * Complexity: O(1).
 * @example scheduledEvent(Date.UTC(2026, 10, 20, 10, 7)).time // '2026-11-20T10:07:00Z'
 */
export function scheduledEvent(time: number, id = `local-${time}`): ScheduledEvaluationEvent {
  const iso = new Date(Math.floor(time / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  return {
    id,
    'detail-type': 'Scheduled Event',
    source: 'driftwatch.local-scheduler',
    time: iso,
    detail: {},
  };
}

/**
 * The next run time after `now` for an interval: the next whole multiple of the interval when it divides a
 * minute or is a whole number of minutes (so minute schedules fire at :00), else now + interval. O(1).
 *
 * @example nextRunAt(Date.UTC(2026, 0, 1, 10, 0, 30), 60_000) // Date.UTC(2026, 0, 1, 10, 1)
 */
export function nextRunAt(now: number, intervalMs: number): number {
  if (MINUTE % intervalMs === 0 || intervalMs % MINUTE === 0)
    return (Math.floor(now / intervalMs) + 1) * intervalMs;
  return now + intervalMs;
}

export interface EvaluatorLoopOptions {
  readonly intervalMs: number;
  /** Runs one evaluation; errors are reported to onError and the loop goes on. */
  readonly evaluate: (event: ScheduledEvaluationEvent) => Promise<unknown>;
  readonly onError?: (error: unknown, event: ScheduledEvaluationEvent) => void;
  /** Milliseconds after the boundary to fire, so the last minute's stream records are aggregated. @default 2000 */
  readonly lagMs?: number;
  readonly now?: () => number;
}

/**
 * Runs `evaluate` on the cadence of {@link nextRunAt} until stopped; one run at a time, errors reported and
 * the schedule kept.
 *
 * @throws {RangeError} for an interval under a second.
 * @example new EvaluatorLoop({ intervalMs: 60_000, evaluate: (event) => handler(event) }).start();
 */
export class EvaluatorLoop {
  readonly #options: EvaluatorLoopOptions;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #stopped = true;
  /** Evaluations completed (successfully or not). */
  runs = 0;

  constructor(options: EvaluatorLoopOptions) {
    if (!(options.intervalMs >= 1000)) throw new RangeError('the evaluation interval must be at least 1 s');
    this.#options = options;
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#schedule();
  }

  #schedule(): void {
    if (this.#stopped) return;
    const now = (this.#options.now ?? Date.now)();
    const at = nextRunAt(now, this.#options.intervalMs);
    const lag = this.#options.intervalMs >= MINUTE ? (this.#options.lagMs ?? 2000) : 0;
    this.#timer = setTimeout(
      () => {
        // Minute schedules evaluate the boundary they were due at, whatever the timer's jitter.
        const time = this.#options.intervalMs >= MINUTE ? at : (this.#options.now ?? Date.now)();
        this.#running = this.runOnce(time).finally(() => {
          this.#running = undefined;
          this.#schedule();
        });
      },
      at + lag - now,
    );
  }

  /** One evaluation at `time` (epoch ms). */
  async runOnce(time: number): Promise<void> {
    const event = scheduledEvent(time);
    try {
      await this.#options.evaluate(event);
    } catch (error) {
      this.#options.onError?.(error, event);
    } finally {
      this.runs++;
    }
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }
}

import type { ReceivedAlert } from '../local/alert-printer.ts';
import type { ExpectedAlert } from './demo-scenario.ts';

/**
 * Checks the alerts a replay produced against the ones its scenario was built to cause: each expected alert
 * fires exactly once and resolves exactly once (or stays open) inside its windows, re-notifications happen
 * only while it is open, and no other alert exists.
 */

export interface AlertCheck {
  readonly ok: boolean;
  /** One line per problem; empty when ok. */
  readonly problems: readonly string[];
}

const keyOf = (a: { monitor: string; kind: string; subject: string; severity: string }) =>
  `${a.monitor}/${a.kind}/${a.subject}/${a.severity}`;

const iso = (t: number) => new Date(t).toISOString();

/**
 * Compares received alerts with the expected ones. Pure.
 *
 * Complexity: O(expected × received).
 * @example checkAlerts(scenario.expectedAlerts, received).problems // []
 */
export function checkAlerts(
  expected: readonly ExpectedAlert[],
  received: readonly ReceivedAlert[],
): AlertCheck {
  const problems: string[] = [];
  const expectedKeys = new Set(expected.map(keyOf));
  for (const alert of received) {
    if (!expectedKeys.has(keyOf(alert))) {
      problems.push(`unexpected alert ${keyOf(alert)} ${alert.state} at ${alert.evaluatedAt}`);
    }
  }
  for (const e of expected) {
    const key = keyOf(e);
    const mine = received.filter((a) => keyOf(a) === key);
    const fired = mine.filter((a) => a.state === 'firing' && !a.renotification);
    const resolved = mine.filter((a) => a.state === 'resolved');
    if (fired.length !== 1) {
      problems.push(`${key} fired ${fired.length} times (expected once)`);
    }
    const firedAt = fired[0] ? Date.parse(fired[0].evaluatedAt) : undefined;
    if (firedAt !== undefined && !(firedAt >= e.firesWithin.from && firedAt < e.firesWithin.to)) {
      problems.push(
        `${key} fired at ${iso(firedAt)}, expected in [${iso(e.firesWithin.from)}, ${iso(e.firesWithin.to)})`,
      );
    }
    if (e.resolvesWithin === null) {
      if (resolved.length > 0)
        problems.push(`${key} resolved ${resolved.length} times (expected to stay open)`);
    } else {
      if (resolved.length !== 1) problems.push(`${key} resolved ${resolved.length} times (expected once)`);
      const resolvedAt = resolved[0] ? Date.parse(resolved[0].evaluatedAt) : undefined;
      if (
        resolvedAt !== undefined &&
        !(resolvedAt >= e.resolvesWithin.from && resolvedAt < e.resolvesWithin.to)
      ) {
        problems.push(
          `${key} resolved at ${iso(resolvedAt)}, expected in [${iso(e.resolvesWithin.from)}, ${iso(e.resolvesWithin.to)})`,
        );
      }
    }
    const end = resolved[0] ? Date.parse(resolved[0].evaluatedAt) : Number.POSITIVE_INFINITY;
    for (const r of mine.filter((a) => a.renotification)) {
      const t = Date.parse(r.evaluatedAt);
      if (firedAt === undefined || t <= firedAt || t >= end) {
        problems.push(`${key} re-notified at ${r.evaluatedAt}, outside its incident`);
      }
    }
  }
  return { ok: problems.length === 0, problems };
}

import { binIndex, binKey } from '../histogram/log-buckets.ts';
import type { DecisionRecord } from '../pairing/decision-record.ts';
import { counterKey, COUNTER_KINDS as K } from './counter-key.ts';
import { categoryOf } from './feature-value-key.ts';
import type { CounterDelta, FoldOptions } from './fold-options.ts';

/** Equal-width confidence bins over [0, 1]; a confidence of exactly 1 falls in the last bin. */
export const CONFIDENCE_BINS = 20;

export function confidenceBin(confidence: number): number {
  return Math.min(CONFIDENCE_BINS - 1, Math.floor(confidence * CONFIDENCE_BINS));
}

/**
 * The counters a change of a decision record adds. A decision is counted when it first appears; a
 * (decision, label) pair is counted once, when the second of the two arrives — always in the bucket of the
 * decision's time, so a label that comes days late still lands beside its decision. Feature values are only
 * counted for configured features; a value of the wrong type counts as missing. Pure; O(features).
 */
export function decisionDeltas(
  before: DecisionRecord | undefined,
  after: DecisionRecord,
  options: FoldOptions,
): CounterDelta[] {
  const out: CounterDelta[] = [];
  const decision = after.decision;
  if (!decision) return out;
  const monitor = after.monitor;
  const time = decision.time;
  const push = (key: string) => out.push({ monitor, time, key, n: 1 });

  if (!before?.decision) {
    push(counterKey(K.decisions, decision.task, decision.variant));
    push(counterKey(K.predicted, decision.predicted));
    if (decision.confidence !== undefined)
      push(counterKey(K.confidence, String(confidenceBin(decision.confidence))));
    for (const feature of options.features) {
      const value = decision.features?.[feature.name];
      if (feature.kind === 'numeric') {
        if (typeof value === 'number' && Number.isFinite(value)) {
          push(counterKey(K.numericFeature, feature.name, binKey(binIndex(value))));
        } else {
          push(counterKey(K.missingFeature, feature.name));
        }
        continue;
      }
      const category = categoryOf(feature, value);
      push(
        category === undefined
          ? counterKey(K.missingFeature, feature.name)
          : counterKey(K.categoricalFeature, feature.name, category),
      );
    }
  }
  const wasPaired = before?.decision !== undefined && before.label !== undefined;
  if (!wasPaired && after.label) {
    push(counterKey(K.labelled, decision.task, decision.variant));
    push(counterKey(K.confusion, decision.task, decision.variant, after.label.actual, decision.predicted));
  }
  return out;
}

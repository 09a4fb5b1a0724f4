import { DEFAULT_TASK, DEFAULT_VARIANT } from '../events/event-defaults.ts';
import type { DecisionEvent, FeatureValue, LabelEvent } from '../events/event-schema.ts';

/**
 * A decision and its label meet in one record keyed by decision id: whichever arrives second completes
 * the pair, so a label may come before its decision or days after it. The DynamoDB item of the Events
 * table and the offline evaluator's in-memory map hold the same record.
 */
export interface DecisionFacts {
  readonly eventId: string;
  /** Epoch ms. */
  readonly time: number;
  readonly predicted: string;
  readonly task: string;
  readonly variant: string;
  readonly confidence?: number;
  readonly features?: Readonly<Record<string, FeatureValue>>;
  readonly version?: string;
}

export interface LabelFacts {
  readonly eventId: string;
  readonly time: number;
  readonly actual: string;
}

export interface DecisionRecord {
  readonly monitor: string;
  readonly decisionId: string;
  readonly decision?: DecisionFacts;
  readonly label?: LabelFacts;
}

/**
 * accepted: the event changed the record; duplicate: the same event was already applied (an idempotent
 * re-delivery, counted nowhere); conflict: a different event already filled that slot (first one wins).
 */
export type MergeOutcome =
  | { readonly kind: 'accepted' }
  | { readonly kind: 'duplicate' }
  | { readonly kind: 'conflict'; readonly reason: string };

export function decisionFacts(event: DecisionEvent): DecisionFacts {
  return {
    eventId: event.id,
    time: Date.parse(event.time),
    predicted: event.predicted,
    task: event.task ?? DEFAULT_TASK,
    variant: event.variant ?? DEFAULT_VARIANT,
    ...(event.confidence === undefined ? {} : { confidence: event.confidence }),
    ...(event.features === undefined ? {} : { features: event.features }),
    ...(event.version === undefined ? {} : { version: event.version }),
  };
}

export function labelFacts(event: LabelEvent): LabelFacts {
  return { eventId: event.id, time: Date.parse(event.time), actual: event.actual };
}

/** Applies a decision or label event to the record for its decision id. Pure; O(1). */
export function mergeIntoDecisionRecord(
  record: DecisionRecord | undefined,
  event: DecisionEvent | LabelEvent,
): { record: DecisionRecord; outcome: MergeOutcome } {
  const base: DecisionRecord = record ?? {
    monitor: event.monitor,
    decisionId: event.type === 'decision' ? event.id : event.decisionId,
  };
  if (event.type === 'decision') {
    if (base.decision) return { record: base, outcome: { kind: 'duplicate' } };
    return { record: { ...base, decision: decisionFacts(event) }, outcome: { kind: 'accepted' } };
  }
  if (base.label) {
    if (base.label.eventId === event.id) return { record: base, outcome: { kind: 'duplicate' } };
    return {
      record: base,
      outcome: {
        kind: 'conflict',
        reason: `decision ${event.decisionId} already has a label (from event ${base.label.eventId}); the first label wins`,
      },
    };
  }
  return { record: { ...base, label: labelFacts(event) }, outcome: { kind: 'accepted' } };
}

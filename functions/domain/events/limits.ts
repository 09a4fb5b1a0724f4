/**
 * Limits of the public event contract. They are part of the contract (documented in the README and in the
 * generated JSON Schema) and keep every stored item well below DynamoDB's 400 KB item limit and one write
 * unit (1 KB) for typical events, which is what keeps ingest at about one write unit per event.
 */
export const EVENT_LIMITS = {
  /** Largest serialised event accepted, in bytes (UTF-8). */
  maxEventBytes: 8 * 1024,
  /** Most events in one ingest request. */
  maxBatchEvents: 500,
  /** Largest ingest request body, in bytes. */
  maxBatchBytes: 1024 * 1024,
  /** Longest producer id (event id, decision id, task id). */
  maxIdLength: 128,
  /** Longest label, class, category value or version string. */
  maxLabelLength: 256,
  /** Longest monitor, task or variant name. */
  maxNameLength: 64,
  /** Most features on one decision. */
  maxFeatures: 64,
  /** Longest feature name. */
  maxFeatureNameLength: 64,
} as const;

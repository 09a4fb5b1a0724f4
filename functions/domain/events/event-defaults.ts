/**
 * What an event that leaves out an optional field is counted under. Apart from the schema so that code
 * which only counts events (the aggregator, the evaluator, the report) does not bundle the schema library.
 */

/** The variant a decision without one is counted under. */
export const DEFAULT_VARIANT = 'control';
/** The task name used when a decision or task event names none. */
export const DEFAULT_TASK = 'default';

import * as z from 'zod';
import { EVENT_LIMITS } from './limits.ts';

/**
 * The public event contract. Producers send three kinds of events; every event carries the producer's
 * idempotency key (`id`), the monitor it belongs to and the time it happened (ISO-8601 with a zone).
 *
 * Text fields may not contain control characters: they become parts of counter keys, where U+001F is the
 * separator, and they are printed in alerts and reports.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const NO_CONTROL_CHARS = /^[^\u0000-\u001f\u007f]+$/;

const text = (max: number) =>
  z.string().min(1).max(max).regex(NO_CONTROL_CHARS, { message: 'must not contain control characters' });

export const MONITOR_NAME = /^[a-z0-9][a-z0-9-]*$/;

const monitorName = z.string().min(1).max(EVENT_LIMITS.maxNameLength).regex(MONITOR_NAME, {
  message: 'must be lower-case letters, digits and dashes, starting with a letter or digit',
});

const producerId = text(EVENT_LIMITS.maxIdLength);
const name = text(EVENT_LIMITS.maxNameLength);
const label = text(EVENT_LIMITS.maxLabelLength);
const isoTime = z.iso.datetime({
  offset: true,
  message: 'must be an ISO-8601 date-time with a zone, e.g. 2026-11-20T10:00:00Z',
});

const featureName = z
  .string()
  .min(1)
  .max(EVENT_LIMITS.maxFeatureNameLength)
  .regex(/^[A-Za-z0-9_.:-]+$/, { message: 'must be letters, digits, _ . : or -' });

/** A feature value: numbers must be finite (JSON cannot carry NaN); null marks a missing value. */
export const featureValueSchema = z.union([z.number(), label, z.boolean(), z.null()], {
  error: `must be a number, a string of 1 to ${EVENT_LIMITS.maxLabelLength} characters without control characters, a boolean or null`,
});

const features = z
  .record(featureName, featureValueSchema)
  .refine((f) => Object.keys(f).length <= EVENT_LIMITS.maxFeatures, {
    message: `at most ${EVENT_LIMITS.maxFeatures} features`,
  })
  // The refinement is code; this states the same limit in the generated JSON Schema.
  .meta({ maxProperties: EVENT_LIMITS.maxFeatures });

const base = {
  id: producerId.describe("The producer's idempotency key: a re-sent event with the same id is a duplicate."),
  monitor: monitorName.describe('The monitored agent or model, as named in the configuration.'),
  time: isoTime.describe('When it happened, ISO-8601 with a zone.'),
};

export const decisionEventSchema = z
  .object({
    type: z.literal('decision'),
    ...base,
    predicted: label.describe('The class or action the agent chose.'),
    task: name.optional().describe('The task or workflow the decision belongs to.'),
    confidence: z.number().min(0).max(1).optional().describe("The agent's confidence in [0, 1]."),
    features: features
      .optional()
      .describe('Decision inputs: numbers, strings, booleans, or null for missing.'),
    variant: name
      .optional()
      .describe('Rollout variant, e.g. control, canary, shadow. Defaults to "control".'),
    version: label.optional().describe('Model or agent version.'),
  })
  .strict();

export const labelEventSchema = z
  .object({
    type: z.literal('label'),
    ...base,
    decisionId: producerId.describe('The id of the decision this label is the ground truth for.'),
    actual: label.describe('The correct class or action.'),
  })
  .strict();

export const TASK_STATUSES = ['started', 'completed', 'failed', 'handed_off'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const taskEventSchema = z
  .object({
    type: z.literal('task'),
    ...base,
    taskId: producerId.describe('The task instance; started and terminal events of one task share it.'),
    status: z
      .enum(TASK_STATUSES)
      .describe(
        'started, or a terminal status: completed, failed, handed_off. The first start and the first terminal ' +
          'event of a task win. handed_off (a person took over) is terminal and by default not a completion: the ' +
          "monitor's task.handedOffCounts makes it a failure (default), a success, or excluded from the ratio.",
      ),
    task: name.optional().describe('The workflow name, e.g. "refund-request".'),
    deadline: isoTime.optional().describe("When the task is due; defaults to start + the monitor's SLA."),
  })
  .strict();

export const eventSchema = z.discriminatedUnion('type', [
  decisionEventSchema,
  labelEventSchema,
  taskEventSchema,
]);

export type DecisionEvent = z.infer<typeof decisionEventSchema>;
export type LabelEvent = z.infer<typeof labelEventSchema>;
export type TaskEvent = z.infer<typeof taskEventSchema>;
export type DriftwatchEvent = z.infer<typeof eventSchema>;
export type FeatureValue = z.infer<typeof featureValueSchema>;

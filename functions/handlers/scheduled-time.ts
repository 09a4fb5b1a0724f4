/** ISO-8601 date-time with a zone (Z or ±hh:mm), as Scheduler fills in `<aws.scheduler.scheduled-time>`. */
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Epoch ms of an ISO-8601 date-time with a zone, or undefined when the value is not one (a string without a
 * zone, an impossible date, not a string). Checked by hand rather than with a schema library, to keep the
 * scheduled functions' bundles small. Complexity: O(length).
 * @example scheduledTimeOf('2026-11-23T06:00:00Z') // 1795413600000
 */
export function scheduledTimeOf(value: unknown): number | undefined {
  if (typeof value !== 'string' || !ISO_WITH_ZONE.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}

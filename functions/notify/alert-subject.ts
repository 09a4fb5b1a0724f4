/**
 * SNS refuses a Subject of 100 characters or more, or one with line breaks or control characters ("Publish",
 * Amazon SNS API Reference). Subjects are kept to printable ASCII so every e-mail client shows them alike.
 */
export const MAX_SUBJECT_LENGTH = 99;

const ELLIPSIS = '...';

function printableAscii(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?');
}

/**
 * An SNS subject `<head><name><tail>` within {@link MAX_SUBJECT_LENGTH}: the name (monitor and SLO or
 * feature, each up to 64 characters) is shortened with "..." first, then the tail is dropped; the head
 * (severity and state) is what a reader scans for and always stays.
 *
 * Complexity: O(length).
 * @example alertSubject('PAGE firing: ', 'support-triage/escalation-recall', ' burn 20.5x over 1h')
 */
export function alertSubject(head: string, name: string, tail: string): string {
  const h = printableAscii(head);
  const n = printableAscii(name);
  const t = printableAscii(tail);
  const minimumName = 12;
  if (h.length + n.length + t.length <= MAX_SUBJECT_LENGTH) return h + n + t;
  const keepTail = h.length + minimumName + t.length <= MAX_SUBJECT_LENGTH ? t : '';
  const room = MAX_SUBJECT_LENGTH - h.length - keepTail.length;
  const shortName = n.length <= room ? n : n.slice(0, Math.max(0, room - ELLIPSIS.length)) + ELLIPSIS;
  return (h + shortName + keepTail).slice(0, MAX_SUBJECT_LENGTH);
}

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { validateEvent } from '../../../functions/domain/events/validate-event.ts';

const SAMPLES = 'events/samples';
const files = readdirSync(SAMPLES).filter((f) => f.endsWith('.json'));
const validFiles = files.filter((f) => !f.startsWith('invalid-'));
const invalidFiles = files.filter((f) => f.startsWith('invalid-'));

interface InvalidSample {
  readonly description: string;
  readonly event: unknown;
  readonly rejection: { readonly path: string; readonly reason: string };
}

function read<T>(file: string): T {
  return JSON.parse(readFileSync(join(SAMPLES, file), 'utf8')) as T;
}

describe('Contract: sample events in events/samples', () => {
  test('It has valid samples of every event type and every task status.', () => {
    // Prepare
    const events = validFiles.map((f) => read<{ type: string; status?: string }>(f));

    // Act
    const kinds = new Set(events.map((e) => (e.type === 'task' ? `task:${e.status}` : e.type)));

    // Assess
    expect([...kinds].sort()).toEqual([
      'decision',
      'label',
      'task:completed',
      'task:failed',
      'task:handed_off',
      'task:started',
    ]);
  });

  test.each(validFiles)('It accepts %s and returns the event unchanged.', (file) => {
    // Prepare
    const event = read<unknown>(file);

    // Act
    const result = validateEvent(event, 0);

    // Assess
    expect(result).toEqual({ ok: true, event });
  });

  test.each(invalidFiles)('It rejects %s with the documented path and reason.', (file) => {
    // Prepare
    const sample = read<InvalidSample>(file);

    // Act
    const result = validateEvent(sample.event, 7);

    // Assess
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.rejections[0]).toMatchObject({ index: 7, ...sample.rejection });
    expect(sample.description.length).toBeGreaterThan(10);
  });
});

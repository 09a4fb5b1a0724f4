import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { readJsonlLines } from '../../../functions/cli/jsonl-lines.ts';
import { readJsonlLineRanges } from '../../../functions/offline/jsonl-line-ranges.ts';

const dir = mkdtempSync(join(tmpdir(), 'driftwatch-ranges-'));

async function viaLines(path: string) {
  const out: [number, string, number][] = [];
  for await (const batch of readJsonlLines(path))
    for (const l of batch) out.push([l.lineNumber, l.text, l.bytes]);
  return out;
}

async function viaRanges(path: string, chunkBytes: number) {
  const out: [number, string, number][] = [];
  await readJsonlLineRanges(
    path,
    (buffer, start, end, lineNumber) =>
      out.push([lineNumber, buffer.toString('utf8', start, end), end - start]),
    { chunkBytes },
  );
  return out;
}

describe('Function: readJsonlLineRanges', () => {
  test('It splits and numbers lines as readJsonlLines does, across chunk edges and lines longer than a chunk.', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('', '\r', 'é', '{"a":1}\r', '中文')),
          {
            maxLength: 30,
          },
        ),
        fc.boolean(),
        fc.integer({ min: 1, max: 64 }),
        async (lines, trailingNewline, chunkBytes) => {
          // Prepare
          const path = join(dir, 'lines.jsonl');
          writeFileSync(path, lines.join('\n') + (trailingNewline ? '\n' : ''));

          // Act
          const ranges = await viaRanges(path, chunkBytes);

          // Assess
          expect(ranges).toEqual(await viaLines(path));
        },
      ),
      { numRuns: 200 },
    );
  });

  test('It reports the bytes read after every read.', async () => {
    // Prepare
    const path = join(dir, 'progress.jsonl');
    writeFileSync(path, 'a\nbb\nccc\n');
    const progress: number[] = [];

    // Act
    await readJsonlLineRanges(path, () => {}, { chunkBytes: 4, onProgress: (n) => progress.push(n) });

    // Assess
    expect(progress.at(-1)).toBe(9);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { type JsonlLine, readJsonlLines } from '../../../functions/cli/jsonl-lines.ts';

const dir = mkdtempSync(join(tmpdir(), 'driftwatch-jsonl-'));

async function readAll(content: string | Buffer): Promise<JsonlLine[]> {
  const path = join(dir, `f${Math.random().toString(36).slice(2)}.jsonl`);
  writeFileSync(path, content);
  const out: JsonlLine[] = [];
  for await (const batch of readJsonlLines(path)) out.push(...batch);
  return out;
}

describe('Function: readJsonlLines', () => {
  test.each<[string, string, [number, string][]]>([
    [
      'lines ending in a newline',
      'a\nb\n',
      [
        [1, 'a'],
        [2, 'b'],
      ],
    ],
    [
      'a last line without a newline',
      'a\nb',
      [
        [1, 'a'],
        [2, 'b'],
      ],
    ],
    [
      'blank lines (skipped, but counted)',
      'a\n\n\nb\n',
      [
        [1, 'a'],
        [4, 'b'],
      ],
    ],
    [
      'Windows line endings',
      'a\r\nb\r\n',
      [
        [1, 'a'],
        [2, 'b'],
      ],
    ],
    [
      'a last line with a carriage return only',
      'a\nb\r',
      [
        [1, 'a'],
        [2, 'b'],
      ],
    ],
    ['an empty file', '', []],
  ])('It reads %s with their line numbers.', async (_what, content, expected) => {
    // Prepare
    const input = content;

    // Act
    const lines = await readAll(input);

    // Assess
    expect(lines.map((l) => [l.lineNumber, l.text])).toEqual(expected);
  });

  test('It gives each line’s size in UTF-8 bytes and decodes characters split across read chunks.', async () => {
    // Prepare: a 3-byte character straddles the 1 MiB chunk boundary.
    const filler = 'x'.repeat((1 << 20) - 1);
    const content = `${filler}中y\n{"a":"é"}\n`;

    // Act
    const lines = await readAll(content);

    // Assess
    expect(lines.map((l) => [l.lineNumber, l.text.length, l.bytes])).toEqual([
      [1, (1 << 20) + 1, (1 << 20) + 3],
      [2, 9, 10],
    ]);
    expect(lines[0]?.text.endsWith('中y')).toBe(true);
  });

  test('It reports the bytes read after each chunk, ending with the file size.', async () => {
    // Prepare
    const path = join(dir, 'progress.jsonl');
    writeFileSync(path, 'z'.repeat(3 * (1 << 20)));
    const seen: number[] = [];

    // Act
    for await (const _ of readJsonlLines(path, (n) => seen.push(n))) {
      // consume
    }

    // Assess
    expect(seen).toEqual([1 << 20, 2 << 20, 3 << 20]);
  });
});

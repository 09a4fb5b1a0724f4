import { open } from 'node:fs/promises';

/** Receives one non-blank line: bytes [start, end) of `buffer` (valid only during the call) and its number. */
export type OnJsonlLine = (buffer: Buffer, start: number, end: number, lineNumber: number) => void;

export interface JsonlRangeOptions {
  /** Called after each read with the bytes read so far. */
  readonly onProgress?: (bytesRead: number) => void;
  /** Bytes read at a time (the buffer doubles for a longer line). @default 8 MiB */
  readonly chunkBytes?: number;
}

const CHUNK_BYTES = 8 << 20;
const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/** Hands every non-blank line of buffer[0, end) to `onLine`; returns the number of the last line. */
function splitLines(buffer: Buffer, end: number, lineNumber: number, onLine: OnJsonlLine): number {
  for (let start = 0; start < end; ) {
    let newline = buffer.indexOf(NEWLINE, start);
    if (newline < 0 || newline > end) newline = end;
    lineNumber++;
    const lineEnd = newline > start && buffer[newline - 1] === CARRIAGE_RETURN ? newline - 1 : newline;
    if (lineEnd > start) onLine(buffer, start, lineEnd, lineNumber);
    start = newline + 1;
  }
  return lineNumber;
}

/**
 * Reads a JSONL file in large chunks into one reusable buffer and hands each line to `onLine` as a byte
 * range, so a reader can scan every line's bytes without a string or an object per line. Lines are split
 * and numbered exactly as readJsonlLines (cli/jsonl-lines.ts) does: on '\n', a trailing '\r' dropped, blank
 * lines skipped but counted. A line cut by the end of a chunk is moved to the buffer's start and completed
 * by the next read; a line longer than the buffer doubles it. O(file size).
 */
export async function readJsonlLineRanges(
  path: string,
  onLine: OnJsonlLine,
  options: JsonlRangeOptions = {},
): Promise<void> {
  const file = await open(path, 'r');
  try {
    let buffer = Buffer.allocUnsafe(Math.max(1, options.chunkBytes ?? CHUNK_BYTES));
    let filled = 0;
    let bytesRead = 0;
    let lineNumber = 0;
    for (;;) {
      if (filled === buffer.length) {
        const grown = Buffer.allocUnsafe(2 * buffer.length);
        buffer.copy(grown, 0, 0, filled);
        buffer = grown;
      }
      const { bytesRead: n } = await file.read(buffer, filled, buffer.length - filled, null);
      if (n === 0) {
        if (filled > 0) splitLines(buffer, filled, lineNumber, onLine);
        return;
      }
      bytesRead += n;
      filled += n;
      options.onProgress?.(bytesRead);
      const lastNewline = buffer.lastIndexOf(NEWLINE, filled - 1);
      if (lastNewline < 0) continue;
      const end = lastNewline + 1;
      lineNumber = splitLines(buffer, end, lineNumber, onLine);
      buffer.copy(buffer, 0, end, filled);
      filled -= end;
    }
  } finally {
    await file.close();
  }
}

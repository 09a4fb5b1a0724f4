import { createReadStream } from 'node:fs';

/** One line of a JSONL file: its 1-based number, its text and its size in bytes. */
export interface JsonlLine {
  readonly lineNumber: number;
  readonly text: string;
  readonly bytes: number;
}

export interface JsonlProgress {
  readonly bytesRead: number;
  readonly totalBytes: number | undefined;
}

const NEWLINE = 0x0a;

/**
 * Reads a JSONL file in batches of lines (one batch per 1 MiB chunk, so the per-line cost of an async
 * iteration is paid once per chunk) without loading it whole. Splits raw buffers on '\n' (a byte that never
 * occurs inside a UTF-8 multi-byte sequence) and decodes each line once, which is several times faster than
 * `readline` on large files. Blank lines are skipped but keep their number; a trailing '\r' is dropped.
 */
export async function* readJsonlLines(
  path: string,
  onChunk?: (bytesRead: number) => void,
): AsyncGenerator<JsonlLine[]> {
  let lineNumber = 0;
  let carry: Buffer | undefined;
  let bytesRead = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    bytesRead += chunk.length;
    const buf = carry ? Buffer.concat([carry, chunk]) : chunk;
    const lines: JsonlLine[] = [];
    let start = 0;
    for (let nl = buf.indexOf(NEWLINE, start); nl !== -1; nl = buf.indexOf(NEWLINE, start)) {
      lineNumber++;
      const end = nl > start && buf[nl - 1] === 0x0d ? nl - 1 : nl;
      if (end > start) lines.push({ lineNumber, text: buf.toString('utf8', start, end), bytes: end - start });
      start = nl + 1;
    }
    carry = start < buf.length ? buf.subarray(start) : undefined;
    onChunk?.(bytesRead);
    if (lines.length > 0) yield lines;
  }
  if (carry && carry.length > 0) {
    lineNumber++;
    const end = carry[carry.length - 1] === 0x0d ? carry.length - 1 : carry.length;
    if (end > 0) yield [{ lineNumber, text: carry.toString('utf8', 0, end), bytes: end }];
  }
}

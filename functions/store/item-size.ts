/**
 * DynamoDB item size and write units, by the metering rules of the Amazon DynamoDB Developer Guide
 * ("Item sizes and formats", "Read/write capacity mode"): a string counts its UTF-8 bytes, a number about one
 * byte per two significant digits plus one, null and booleans one byte, a map or list 3 bytes plus one byte
 * per element, and every attribute name its UTF-8 bytes. A standard write costs one unit per started KB of
 * the larger of the old and new item; a transactional write costs two.
 *
 * Used to keep Events items under 1 KB (tests) and to model what AWS would bill in the ingest benchmark
 * (DynamoDB Local rounds a whole transaction, not each item).
 */

function numberSize(n: number): number {
  // Significant digits of the shortest decimal representation, without sign, point, exponent and zeros.
  const digits = Math.abs(n).toExponential().replace(/e.*$/, '').replace('.', '').replace(/0+$/, '');
  return Math.ceil(Math.max(1, digits.length) / 2) + 1;
}

/** Size in bytes of one value in document-client form. O(size of the value). */
export function valueSize(value: unknown): number {
  if (value === null || typeof value === 'boolean') return 1;
  if (typeof value === 'string') return Buffer.byteLength(value, 'utf8');
  if (typeof value === 'number') return numberSize(value);
  if (value instanceof Uint8Array) return value.byteLength;
  if (value instanceof Set) {
    let size = 0;
    for (const v of value) size += valueSize(v);
    return size;
  }
  if (Array.isArray(value)) {
    let size = 3;
    for (const v of value) size += 1 + valueSize(v);
    return size;
  }
  if (typeof value === 'object') {
    let size = 3;
    for (const [k, v] of Object.entries(value)) {
      if (v !== undefined) size += 1 + Buffer.byteLength(k, 'utf8') + valueSize(v);
    }
    return size;
  }
  return 0;
}

/**
 * Size in bytes of an item in document-client form: the sum of its attribute names and values.
 * O(size of the item).
 *
 * @example
 * itemSize({ pk: 'abc', n: 12 }); // (2 + 3) + (1 + 2) = 8
 */
export function itemSize(item: Readonly<Record<string, unknown>>): number {
  let size = 0;
  for (const [name, value] of Object.entries(item)) {
    if (value !== undefined) size += Buffer.byteLength(name, 'utf8') + valueSize(value);
  }
  return size;
}

/** Write units of a standard write of an item of `bytes` (1 per started KB, at least 1). */
export function writeUnits(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / 1024));
}

/** Write units of one item in a TransactWriteItems call (twice a standard write). */
export function transactionalWriteUnits(bytes: number): number {
  return 2 * writeUnits(bytes);
}

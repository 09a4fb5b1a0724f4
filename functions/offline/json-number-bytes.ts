/** Powers of ten that are exact doubles (10^22 is the largest). */
const EXACT_POWERS_OF_TEN = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
  1e20, 1e21, 1e22,
];
const MAX_EXACT_MANTISSA = 2 ** 53;

/**
 * A JSON number read from bytes: its value and the position just after it. `end` is -1 when the bytes at
 * the start are not a JSON number. Reused by the reader (one instance) so reading a number allocates nothing.
 */
export class JsonNumberReading {
  value = 0;
  end = -1;
}

/**
 * Reads the JSON number (RFC 8259: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`) that starts at `start`
 * and gives exactly the double JSON.parse gives. Digits are gathered into an integer mantissa; when it
 * stays below 2^53 and the power of ten is at most 22, mantissa × 10^e (or ÷ 10^−e) is one correctly rounded
 * operation on two exact doubles, hence the correctly rounded value (Clinger's fast path). Any other number
 * is handed to Number(), which rounds correctly too. The number's end is not checked against what follows.
 * O(digits).
 */
export function readJsonNumber(buf: Buffer, start: number, end: number, out: JsonNumberReading): void {
  let i = start;
  let negative = false;
  if (buf[i] === 0x2d) {
    negative = true;
    i++;
  }
  let mantissa = 0;
  let exact = true;
  let exponent = 0;
  let c = i < end ? (buf[i] as number) : -1;
  if (c === 0x30) {
    i++;
  } else if (c >= 0x31 && c <= 0x39) {
    while (c >= 0x30 && c <= 0x39) {
      mantissa = mantissa * 10 + (c - 0x30);
      if (mantissa >= MAX_EXACT_MANTISSA) exact = false;
      i++;
      c = i < end ? (buf[i] as number) : -1;
    }
  } else {
    out.end = -1;
    return;
  }
  c = i < end ? (buf[i] as number) : -1;
  if (c === 0x2e) {
    i++;
    const fractionStart = i;
    c = i < end ? (buf[i] as number) : -1;
    while (c >= 0x30 && c <= 0x39) {
      mantissa = mantissa * 10 + (c - 0x30);
      if (mantissa >= MAX_EXACT_MANTISSA) exact = false;
      exponent--;
      i++;
      c = i < end ? (buf[i] as number) : -1;
    }
    if (i === fractionStart) {
      out.end = -1;
      return;
    }
  }
  if (c === 0x65 || c === 0x45) {
    i++;
    c = i < end ? (buf[i] as number) : -1;
    let sign = 1;
    if (c === 0x2b || c === 0x2d) {
      if (c === 0x2d) sign = -1;
      i++;
      c = i < end ? (buf[i] as number) : -1;
    }
    const digitsStart = i;
    let written = 0;
    while (c >= 0x30 && c <= 0x39) {
      // Past a few hundred the value is 0 or Infinity either way; Number() below decides.
      if (written < 100_000) written = written * 10 + (c - 0x30);
      i++;
      c = i < end ? (buf[i] as number) : -1;
    }
    if (i === digitsStart) {
      out.end = -1;
      return;
    }
    exponent += sign * written;
  }
  out.end = i;
  let value: number;
  if (exact && exponent >= -22 && exponent <= 22) {
    value =
      exponent < 0
        ? mantissa / (EXACT_POWERS_OF_TEN[-exponent] as number)
        : mantissa * (EXACT_POWERS_OF_TEN[exponent] as number);
    if (negative) value = -value;
  } else {
    value = Number(buf.toString('latin1', start, i));
  }
  out.value = value;
}

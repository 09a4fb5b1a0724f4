/**
 * Where a text stops being JSON (RFC 8259), as a UTF-16 offset like V8's "at position N". V8 gives no position
 * for some errors ("Unexpected token 'x', "…" is not valid JSON" quotes the text instead, which we must not
 * echo), so the ingest API finds it with this scanner, run only after JSON.parse has failed. Iterative (an
 * explicit stack), so deeply nested input cannot overflow the call stack. O(length).
 *
 * @example
 * jsonErrorPosition('[1, tru]'); // 7
 * jsonErrorPosition('[1, 2]');   // undefined (valid)
 */
export function jsonErrorPosition(text: string): number | undefined {
  const n = text.length;
  let i = 0;
  const stack: number[] = []; // 91 '[' or 123 '{'
  let expect: 'value' | 'valueOrClose' | 'key' | 'keyOrClose' | 'after' = 'value';

  const skipWhitespace = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
      i++;
    }
  };
  const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
  const isHex = (c: number) => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);

  /** Scans a string starting at its opening quote; returns false (with i at the fault) when it is bad. */
  const scanString = (): boolean => {
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return true;
      }
      if (c < 0x20) return false;
      if (c === 0x5c) {
        const e = text.charCodeAt(i + 1);
        if (e === 0x75) {
          for (let k = 2; k < 6; k++) {
            if (!isHex(text.charCodeAt(i + k))) {
              i += k;
              return false;
            }
          }
          i += 6;
          continue;
        }
        // " \ / b f n r t
        if (![0x22, 0x5c, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74].includes(e)) {
          i++;
          return false;
        }
        i += 2;
        continue;
      }
      i++;
    }
    return false;
  };

  const scanNumber = (): boolean => {
    if (text.charCodeAt(i) === 0x2d) i++;
    if (text.charCodeAt(i) === 0x30) i++;
    else if (isDigit(text.charCodeAt(i))) while (isDigit(text.charCodeAt(i))) i++;
    else return false;
    if (text.charCodeAt(i) === 0x2e) {
      i++;
      if (!isDigit(text.charCodeAt(i))) return false;
      while (isDigit(text.charCodeAt(i))) i++;
    }
    const e = text.charCodeAt(i);
    if (e === 0x65 || e === 0x45) {
      i++;
      const s = text.charCodeAt(i);
      if (s === 0x2b || s === 0x2d) i++;
      if (!isDigit(text.charCodeAt(i))) return false;
      while (isDigit(text.charCodeAt(i))) i++;
    }
    return true;
  };

  const scanLiteral = (word: string): boolean => {
    for (let k = 0; k < word.length; k++, i++) if (text[i] !== word[k]) return false;
    return true;
  };

  for (;;) {
    skipWhitespace();
    if (i >= n) return stack.length === 0 && expect === 'after' ? undefined : n;
    const c = text.charCodeAt(i);
    switch (expect) {
      case 'value':
      case 'valueOrClose': {
        if (expect === 'valueOrClose' && c === 0x5d) {
          stack.pop();
          i++;
          expect = 'after';
          break;
        }
        if (c === 0x5b || c === 0x7b) {
          stack.push(c);
          i++;
          expect = c === 0x5b ? 'valueOrClose' : 'keyOrClose';
          break;
        }
        let ok: boolean;
        if (c === 0x22) ok = scanString();
        else if (c === 0x2d || isDigit(c)) ok = scanNumber();
        else if (c === 0x74) ok = scanLiteral('true');
        else if (c === 0x66) ok = scanLiteral('false');
        else if (c === 0x6e) ok = scanLiteral('null');
        else return i;
        if (!ok) return Math.min(i, n);
        expect = 'after';
        break;
      }
      case 'key':
      case 'keyOrClose': {
        if (expect === 'keyOrClose' && c === 0x7d) {
          stack.pop();
          i++;
          expect = 'after';
          break;
        }
        if (c !== 0x22 || !scanString()) return Math.min(i, n);
        skipWhitespace();
        if (i >= n || text.charCodeAt(i) !== 0x3a) return i;
        i++;
        expect = 'value';
        break;
      }
      case 'after': {
        const top = stack.at(-1);
        if (top === undefined) return i;
        if (c === 0x2c) {
          i++;
          expect = top === 0x5b ? 'value' : 'key';
          break;
        }
        if (c === (top === 0x5b ? 0x5d : 0x7d)) {
          stack.pop();
          i++;
          break;
        }
        return i;
      }
    }
  }
}

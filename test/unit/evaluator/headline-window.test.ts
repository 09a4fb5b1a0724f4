import { describe, expect, test } from 'vitest';
import { headlineWindow } from '../../../functions/evaluator/headline-window.ts';
import { knownEvaluation } from './fixtures.ts';

const H = 3_600_000;

describe('Function: headlineWindow', () => {
  const base = knownEvaluation();
  const withWindows = (lengths: number[]) => ({
    ...base,
    windows: lengths.map((ms) => ({
      ...(base.windows[0] ?? ({} as never)),
      windowMs: ms,
      window: String(ms),
    })),
  });

  test.each([
    ['The shortest window of at least an hour is the headline', [5 * 60_000, H, 6 * H], H],
    ['Longer windows are chosen only when no hour-long one exists', [30 * 60_000, 6 * H, 3 * 24 * H], 6 * H],
    ['With only short windows the longest is used', [5 * 60_000, 30 * 60_000], 30 * 60_000],
  ])('%s.', (_name, lengths, expected) => {
    expect(headlineWindow(withWindows(lengths))?.windowMs).toBe(expected);
  });

  test('An evaluation without windows has no headline window.', () => {
    expect(headlineWindow({ ...base, windows: [] })).toBeUndefined();
  });
});

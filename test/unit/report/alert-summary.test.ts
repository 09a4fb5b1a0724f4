import { describe, expect, test } from 'vitest';
import { summarizeAlerts } from '../../../functions/report/alert-summary.ts';
import type { AlertEpisode } from '../../../functions/report/report-source.ts';

const H = 3_600_000;
const FROM = 1000 * H;
const TO = FROM + 168 * H;

function episode(subject: string, firedAt: number, resolvedAt?: number): AlertEpisode {
  return {
    monitor: 'm',
    kind: 'slo',
    subject,
    severity: 'page',
    firedAt,
    ...(resolvedAt === undefined ? {} : { resolvedAt }),
  };
}

describe('Function: summarizeAlerts', () => {
  test('episodes firing during the week are listed with their durations; fired and resolved count those in the week', () => {
    // Prepare
    const episodes = [
      episode('before-and-into', FROM - 2 * H, FROM + 1 * H), // resolved in the week, fired before
      episode('inside', FROM + 10 * H, FROM + 13 * H),
      episode('into-next-week', TO - H, TO + 5 * H), // resolved after the report's instant: ongoing
      episode('still-firing', FROM + 100 * H),
      episode('last-week', FROM - 10 * H, FROM - 5 * H),
    ];

    // Act
    const s = summarizeAlerts(episodes, FROM, TO, TO + 2 * H);

    // Assess
    expect(s.episodes.map((e) => [e.subject, e.durationMs / H, e.ongoing, e.resolvedAt !== null])).toEqual([
      ['before-and-into', 3, false, true],
      ['inside', 3, false, true],
      ['still-firing', 70, true, false],
      ['into-next-week', 3, true, false],
    ]);
    expect(s.fired).toBe(3);
    expect(s.resolved).toBe(2);
    expect(s.medianTimeToResolveMs).toBe(3 * H);
  });

  test.each([
    [[1, 2, 10], 2],
    [[1, 2, 3, 10], 2.5],
  ])(
    'the median time to resolve of episodes lasting %j hours is %d hours (type-7 median)',
    (hours, median) => {
      // Prepare
      const episodes = hours.map((h, i) => episode(`e${i}`, FROM + i * H, FROM + i * H + h * H));

      // Act
      const s = summarizeAlerts(episodes, FROM, TO, TO);

      // Assess
      expect(s.medianTimeToResolveMs).toBeCloseTo(median * H, 6);
    },
  );

  test('a quiet week has no episodes and no median', () => {
    expect(summarizeAlerts([], FROM, TO, TO)).toEqual({
      available: true,
      episodes: [],
      fired: 0,
      resolved: 0,
      medianTimeToResolveMs: null,
    });
  });
});

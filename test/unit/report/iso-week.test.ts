import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  InvalidWeekError,
  isoWeekOf,
  isoWeeksInYear,
  parseIsoWeek,
  previousIsoWeek,
  weekDays,
} from '../../../functions/report/iso-week.ts';
import { REFERENCE } from './reference.ts';

const WEEK_MS = 7 * 86_400_000;

describe('Function: parseIsoWeek', () => {
  test.each(REFERENCE.isoWeeks.weeks.filter((_, i) => i % 7 === 0 || _.week >= 52 || _.week === 1))(
    '$name starts on the Monday Python date.fromisocalendar gives',
    ({ name, year, week, from }) => {
      // Act
      const parsed = parseIsoWeek(name);

      // Assess
      expect(parsed).toEqual({ year, week, name, from, to: from + WEEK_MS });
    },
  );

  test('every week of 2015 to 2032 parses to the Monday Python gives, each following the previous one', () => {
    // Prepare
    const weeks = REFERENCE.isoWeeks.weeks;

    // Act
    const parsed = weeks.map((w) => parseIsoWeek(w.name));

    // Assess
    expect(parsed.map((p) => p.from)).toEqual(weeks.map((w) => w.from));
    for (let i = 1; i < parsed.length; i++) expect(parsed[i]?.from).toBe(parsed[i - 1]?.to);
  });

  test.each([
    ['2026w47', '2026-W47'],
    ['2026-w47', '2026-W47'],
    [' 2026-W01 ', '2026-W01'],
  ])('the variant spelling "%s" is read as %s', (text, name) => {
    expect(parseIsoWeek(text).name).toBe(name);
  });

  test.each([
    ['2026-47', 'not an ISO week'],
    ['2026-W00', 'ISO weeks 1 to 53'],
    ['2025-W53', 'ISO weeks 1 to 52'],
    ['2026-W54', 'ISO weeks 1 to 53'],
    ['W47', 'not an ISO week'],
    ['', 'not an ISO week'],
  ])('"%s" is refused with a message saying %s', (text, message) => {
    expect(() => parseIsoWeek(text)).toThrow(InvalidWeekError);
    expect(() => parseIsoWeek(text)).toThrow(message);
  });
});

describe('Function: isoWeeksInYear', () => {
  test('the number of weeks of every year from 2015 to 2032 is the week number Python gives 28 December', () => {
    // Prepare
    const expected = REFERENCE.isoWeeks.weeksInYear;

    // Act
    const actual = Object.fromEntries(Object.keys(expected).map((y) => [y, isoWeeksInYear(Number(y))]));

    // Assess
    expect(actual).toEqual(expected);
  });
});

describe('Function: isoWeekOf', () => {
  test('instants around every new year and through the year fall in the week Python isocalendar gives', () => {
    // Prepare
    const instants = REFERENCE.isoWeeks.instants;

    // Act
    const names = instants.map((i) => isoWeekOf(i.time).name);

    // Assess
    expect(names).toEqual(instants.map((i) => i.name));
  });

  test('any instant lies within the week returned for it, and that week parses back to itself', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2100, 0, 1) }), (time) => {
        const week = isoWeekOf(time);
        expect(week.from).toBeLessThanOrEqual(time);
        expect(time).toBeLessThan(week.to);
        expect(new Date(week.from).getUTCDay()).toBe(1);
        expect(parseIsoWeek(week.name)).toEqual(week);
      }),
    );
  });

  test('a time that is not a number is refused', () => {
    expect(() => isoWeekOf(Number.NaN)).toThrow(InvalidWeekError);
  });
});

describe('Function: previousIsoWeek', () => {
  test.each([
    ['2026-11-23T06:00:00Z', '2026-W47'],
    ['2026-11-23T00:00:00Z', '2026-W47'],
    ['2026-11-22T23:59:59Z', '2026-W46'],
    ['2027-01-04T06:00:00Z', '2026-W53'],
    ['2026-01-05T06:00:00Z', '2026-W01'],
  ])('a report run at %s covers %s, the last full week', (at, name) => {
    expect(previousIsoWeek(Date.parse(at)).name).toBe(name);
  });
});

describe('Function: weekDays', () => {
  test('a week has seven UTC midnights from its Monday, the last one day before its end', () => {
    // Prepare
    const week = parseIsoWeek('2026-W47');

    // Act
    const days = weekDays(week).map((d) => new Date(d).toISOString().slice(0, 10));

    // Assess
    expect(days).toEqual([
      '2026-11-16',
      '2026-11-17',
      '2026-11-18',
      '2026-11-19',
      '2026-11-20',
      '2026-11-21',
      '2026-11-22',
    ]);
  });
});

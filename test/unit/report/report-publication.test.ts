import { describe, expect, test } from 'vitest';
import { ReportEventError, reportRequestOf } from '../../../functions/handlers/report.ts';
import { consoleUrl, reportMessage } from '../../../functions/reporter/publish-report.ts';
import { type ReportArtefacts, reportObjectKeys } from '../../../functions/reporter/report-artefacts.ts';

describe('Function: reportRequestOf', () => {
  test.each([
    [{ time: '2026-11-23T06:00:00Z' }, '2026-W47', '2026-11-23T06:00:00.000Z'],
    [{ time: '2026-11-25T09:30:00Z', detail: { job: 'report' } }, '2026-W47', '2026-11-25T09:30:00.000Z'],
    [{ detail: { week: '2026-W40' } }, '2026-W40', '2026-10-05T00:00:00.000Z'],
    [{ time: '2026-11-23T06:00:00Z', detail: { week: '2026-W40' } }, '2026-W40', '2026-11-23T06:00:00.000Z'],
  ])('%j reports on %s as of %s', (event, week, asOf) => {
    const request = reportRequestOf(event);
    expect(request.week.name).toBe(week);
    expect(new Date(request.asOf).toISOString()).toBe(asOf);
  });

  test.each([
    [{}, 'needs `time` or `detail.week`'],
    [{ time: 'Monday' }, 'time'],
    [{ detail: { week: '2026-W99' } }, 'detail.week'],
    ['not an object', 'not a report event'],
  ])('%j is refused: %s', (event, message) => {
    expect(() => reportRequestOf(event)).toThrow(ReportEventError);
    expect(() => reportRequestOf(event)).toThrow(message);
  });
});

describe('Function: reportObjectKeys', () => {
  test('the keys are stable per week, so a re-run writes a new version of the same objects', () => {
    expect(reportObjectKeys('2026-W47')).toEqual({
      html: 'reports/2026-W47/driftwatch-2026-W47.html',
      json: 'reports/2026-W47/driftwatch-2026-W47.json',
    });
  });
});

describe('Function: reportMessage', () => {
  test('the message is the summary followed by the object locations, their versions and console links', () => {
    // Prepare
    const artefacts = { summary: 'driftwatch weekly report 2026-W47\n' } as ReportArtefacts;
    const object = (key: string, contentType: string, versionId?: string) => ({
      bucket: 'reports-bucket',
      key,
      contentType,
      ...(versionId ? { versionId } : {}),
      uri: `s3://reports-bucket/${key}`,
    });
    const stored = {
      html: object('reports/2026-W47/driftwatch-2026-W47.html', 'text/html; charset=utf-8', 'v1'),
      json: object('reports/2026-W47/driftwatch-2026-W47.json', 'application/json'),
    };

    // Act
    const message = reportMessage(artefacts, stored, 'eu-west-1');

    // Assess
    expect(message).toBe(
      [
        'driftwatch weekly report 2026-W47',
        '',
        'Report (HTML): s3://reports-bucket/reports/2026-W47/driftwatch-2026-W47.html (version v1)',
        `  ${consoleUrl(stored.html, 'eu-west-1')}`,
        'Data (JSON): s3://reports-bucket/reports/2026-W47/driftwatch-2026-W47.json',
        `  ${consoleUrl(stored.json, 'eu-west-1')}`,
        '',
      ].join('\n'),
    );
    expect(consoleUrl(stored.html, 'eu-west-1')).toBe(
      'https://s3.console.aws.amazon.com/s3/object/reports-bucket?region=eu-west-1&prefix=reports%2F2026-W47%2Fdriftwatch-2026-W47.html',
    );
  });
});

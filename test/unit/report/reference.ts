import { readFileSync } from 'node:fs';

/** Reference values written by test/fixtures/report_reference.py (Python datetime, scikit-learn). */
export interface TradeoffCase {
  readonly name: string;
  readonly positive: string;
  readonly actual: readonly string[];
  readonly predicted: readonly string[];
  readonly confidence: readonly number[];
  readonly rows: readonly {
    readonly threshold: number;
    readonly tp: number;
    readonly fp: number;
    readonly fn: number;
    readonly tn: number;
    readonly precision: number | null;
    readonly recall: number | null;
    readonly f1: number;
  }[];
}

export interface ReportReference {
  readonly isoWeeks: {
    readonly weeks: readonly { name: string; year: number; week: number; from: number }[];
    readonly weeksInYear: Readonly<Record<string, number>>;
    readonly instants: readonly { time: number; name: string }[];
  };
  readonly tradeoff: readonly TradeoffCase[];
}

export const REFERENCE = JSON.parse(
  readFileSync(new URL('../../fixtures/report-reference.json', import.meta.url), 'utf8'),
) as ReportReference;

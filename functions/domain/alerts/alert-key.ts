import type { AlertSeverity } from '../slo/burn-rate-windows.ts';

/**
 * What an alert is about: an SLO burning its error budget, a feature drifting from its baseline, or a monitor
 * that went silent. One alert exists per monitor × subject × severity, so a page and a ticket of the same
 * SLO are separate alerts with separate lifecycles.
 */
export type AlertKind = 'slo' | 'drift' | 'nodata';

export const ALERT_KINDS: readonly AlertKind[] = ['slo', 'drift', 'nodata'];

/** The subject of the monitor's single "no data" alert. */
export const NO_DATA_SUBJECT = 'events';

export interface AlertKey {
  readonly monitor: string;
  readonly kind: AlertKind;
  /** The SLO name, the feature name, or {@link NO_DATA_SUBJECT}. */
  readonly subject: string;
  readonly severity: AlertSeverity;
}

/**
 * The alert's id within its monitor, `<kind>#<subject>#<severity>` (the State-table sort key). Monitor and
 * SLO names are `[a-z0-9-]` and feature names `[A-Za-z0-9_.:-]`, so `#` never occurs inside a part.
 *
 * Complexity: O(1).
 * @example alertId({ monitor: 'm', kind: 'slo', subject: 'completion', severity: 'page' }) // 'slo#completion#page'
 */
export function alertId(key: Omit<AlertKey, 'monitor'>): string {
  return `${key.kind}#${key.subject}#${key.severity}`;
}

/**
 * Reads an id written by {@link alertId} back; undefined for anything else (an unknown kind or severity).
 *
 * Complexity: O(length).
 * @example parseAlertId('m', 'drift#amount#ticket')?.subject // 'amount'
 */
export function parseAlertId(monitor: string, id: string): AlertKey | undefined {
  const parts = id.split('#');
  if (parts.length !== 3) return undefined;
  const [kind, subject, severity] = parts as [string, string, string];
  if (!(ALERT_KINDS as readonly string[]).includes(kind) || subject === '') return undefined;
  if (severity !== 'page' && severity !== 'ticket') return undefined;
  return { monitor, kind: kind as AlertKind, subject, severity };
}

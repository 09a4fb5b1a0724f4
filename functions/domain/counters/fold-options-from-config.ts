import type { Monitor, MonitorConfig } from '../config/config-types.ts';
import type { FoldOptions } from './fold-options.ts';

/** Without a task section, a task's deadline is its start plus this (only deadlines need it). */
export const DEFAULT_TASK_SLA_MS = 15 * 60_000;

/** What the fold needs from a monitor's configuration. */
export function foldOptionsFromMonitor(monitor: Monitor): FoldOptions {
  return {
    taskSlaMs: monitor.task?.slaMs ?? DEFAULT_TASK_SLA_MS,
    features: (monitor.drift?.features ?? []).map((f) => ({
      name: f.name,
      kind: f.kind,
      ...(f.categories === undefined ? {} : { categories: f.categories }),
    })),
  };
}

/** A lookup of fold options by monitor name; undefined for a monitor not in the configuration. */
export function foldOptionsLookup(config: MonitorConfig): (monitor: string) => FoldOptions | undefined {
  const byName = new Map(config.monitors.map((m) => [m.name, foldOptionsFromMonitor(m)]));
  return (monitor) => byName.get(monitor);
}

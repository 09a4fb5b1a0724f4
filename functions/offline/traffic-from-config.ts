import type { Monitor } from '../domain/config/config-types.ts';
import type { FeatureTraffic, MonitorTraffic } from './traffic-scenario.ts';

const NEGATIVE_CLASSES = ['resolve', 'reply', 'close'];
const SYNTHETIC_CATEGORIES = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((c) => `value-${c}`);

/**
 * Plausible traffic for a configured monitor: its positive label among a few other classes, its
 * configured features with generic distributions, a canary beside control, and tasks when it has a task
 * SLA. Good enough for sample data and benchmarks; the demo scenario sets its own numbers.
 */
export function trafficForMonitor(monitor: Monitor): MonitorTraffic {
  const positive = monitor.positiveLabel;
  const classes = positive === undefined ? NEGATIVE_CLASSES : [positive, ...NEGATIVE_CLASSES.slice(0, 2)];
  const features: FeatureTraffic[] = (monitor.drift?.features ?? []).map((f) => {
    if (f.kind === 'numeric') return { name: f.name, kind: 'numeric', median: 120, sigma: 0.8 };
    if (f.kind === 'boolean') return { name: f.name, kind: 'boolean', categories: ['true', 'false'] };
    return { name: f.name, kind: 'categorical', categories: f.categories ?? SYNTHETIC_CATEGORIES };
  });
  const sla = monitor.task?.slaMs ?? 15 * 60_000;
  return {
    monitor: monitor.name,
    classes,
    tasks: ['main', 'follow-up'],
    variants: [
      { name: 'control', share: 0.9, accuracy: 0.93 },
      { name: 'canary', share: 0.1, accuracy: 0.93 },
    ],
    features,
    labelRate: 0.85,
    labelDelayMedianMs: 2 * 60 * 60_000,
    taskShare: monitor.task ? 0.5 : 0.2,
    taskSlaMs: sla,
    taskLatencyMedianMs: sla / 6,
    taskFailRate: 0.002,
    taskHandoffRate: 0.01,
    taskNeverEndsRate: 0.001,
    weight: 1,
  };
}

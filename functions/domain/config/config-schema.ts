import * as z from 'zod';
import type { DriftMethod, FeatureKind } from '../drift/choose-method.ts';
import type { HandedOffCounts } from '../evaluation/sli-counts.ts';
import { EVENT_LIMITS } from '../events/limits.ts';
import { budgetConsumedAtBurnRate } from '../slo/burn-rate.ts';
import { WORKBOOK_BURN_RATE_RULES, workbookRulesForPeriod } from '../slo/burn-rate-windows.ts';
import { DAY_MS, formatDuration, HOUR_MS, MINUTE_MS } from '../slo/durations.ts';
import {
  count,
  description,
  duration,
  expected,
  featureName,
  httpUrl,
  instant,
  label,
  metricThreshold,
  monitorName,
  objectiveSchema,
  oneOf,
  positiveNumber,
  type RawIssue,
  strict,
} from './config-fields.ts';
import { describeValue } from './config-messages.ts';
import type {
  AlertRouting,
  AlertRule,
  BaselineConfig,
  DriftConfig,
  FeatureConfig,
  Monitor,
  MonitorConfig,
  MultipleTestingCorrection,
  SloConfig,
  TaskConfig,
  TimesliceSloConfig,
} from './config-types.ts';

/** Defaults, documented in config/README.md. Exported so docs and tests quote the same numbers. */
export const CONFIG_DEFAULTS = {
  evaluationIntervalMs: MINUTE_MS,
  renotifyIntervalMs: 4 * HOUR_MS,
  periodMs: 30 * DAY_MS,
  minEvents: 50,
  timesliceMs: HOUR_MS,
  minSliceEvents: 30,
  handedOffCounts: 'failure',
  driftWindowMs: DAY_MS,
  baselineLengthMs: 7 * DAY_MS,
  minSamples: 500,
  correction: 'benjamini-hochberg',
  includePrediction: true,
} as const;

/** Declared categories are bounded so a categorical feature's counters stay small in every bucket item. */
export const MAX_DECLARED_CATEGORIES = 100;
/** The category undeclared values are counted under (see counters/feature-value-key.ts). */
const RESERVED_CATEGORY = 'other';

export const SLI_KINDS = ['completion', 'latency', 'precision', 'recall', 'accuracy', 'f1'] as const;
export const FEATURE_KINDS = ['numeric', 'categorical', 'boolean'] as const satisfies readonly FeatureKind[];
export const DRIFT_METHODS = [
  'ks',
  'wasserstein',
  'chi_square',
  'jensen_shannon',
  'psi',
] as const satisfies readonly DriftMethod[];
export const CORRECTIONS = [
  'benjamini-hochberg',
  'holm',
  'bonferroni',
  'none',
] as const satisfies readonly MultipleTestingCorrection[];
const HANDED_OFF = ['failure', 'success', 'excluded'] as const satisfies readonly HandedOffCounts[];

/** Which drift methods apply to which kind of feature (KS and Wasserstein need an order and a scale). */
export const METHODS_BY_KIND: Readonly<Record<FeatureKind, readonly DriftMethod[]>> = {
  numeric: ['ks', 'wasserstein', 'psi', 'jensen_shannon'],
  categorical: ['chi_square', 'jensen_shannon', 'psi'],
  boolean: ['chi_square', 'jensen_shannon', 'psi'],
};

// ---------------------------------------------------------------------------------------------------
// Alerting and SLOs.

const windowDuration = duration({ wholeMinutes: true });

const alertRuleSchema = strict({
  severity: oneOf(['page', 'ticket']).describe('page wakes someone up; ticket waits for working hours.'),
  factor: positiveNumber.describe('Burn-rate factor: fire when both windows burn faster than this.'),
  longWindow: windowDuration.describe('Long window, e.g. 1h.'),
  shortWindow: windowDuration.describe(
    'Short window, e.g. 5m (1/12 of the long window is the Workbook advice).',
  ),
});

const alertingSchema = z
  .union([z.enum(['workbook', 'none']), z.array(alertRuleSchema).min(1)], {
    error: expected(
      '"workbook", "none" or a non-empty list of rules { severity, factor, longWindow, shortWindow }',
    ),
  })
  .describe(
    'workbook (default): the SRE Workbook multiwindow rules scaled to the period; none; or a list of rules.',
  );

const sloCommon = {
  name: monitorName.describe('Unique within the monitor.'),
  description: description.optional(),
  objective: objectiveSchema,
  period: windowDuration
    .optional()
    .describe(`Rolling period of the error budget. Default ${formatDuration(CONFIG_DEFAULTS.periodMs)}.`),
  minEvents: count(0)
    .optional()
    .describe(
      `Fewer events in a long window → insufficient data, no alert. Default ${CONFIG_DEFAULTS.minEvents}.`,
    ),
  alerting: alertingSchema.optional(),
  filter: strict({
    task: label(EVENT_LIMITS.maxNameLength, 'a task name').optional(),
    variant: label(EVENT_LIMITS.maxNameLength, 'a variant name').optional(),
  })
    .optional()
    .describe('Restrict the SLI to one task and/or rollout variant.'),
};

const timesliceFields = {
  timeslice: windowDuration
    .optional()
    .describe(`Length of each timeslice. Default ${formatDuration(CONFIG_DEFAULTS.timesliceMs)}.`),
  minSliceEvents: count(1)
    .optional()
    .describe(
      `Slices with fewer labelled decisions are excluded. Default ${CONFIG_DEFAULTS.minSliceEvents}.`,
    ),
};

const sloInputSchema = z.discriminatedUnion(
  'sli',
  [
    strict({ sli: z.literal('completion'), ...sloCommon }),
    strict({
      sli: z.literal('latency'),
      ...sloCommon,
      threshold: duration().describe('A task is good when it completes within this time.'),
    }),
    strict({
      sli: z.enum(['precision', 'recall', 'accuracy']),
      ...sloCommon,
      threshold: metricThreshold
        .optional()
        .describe('Set to budget timeslices: a slice is good when the metric is ≥ threshold.'),
      ...timesliceFields,
    }),
    strict({
      sli: z.literal('f1'),
      ...sloCommon,
      threshold: metricThreshold.describe('A timeslice is good when its F1 is ≥ threshold.'),
      ...timesliceFields,
    }),
  ],
  {
    // The union reports the whole SLO as its input; quote the sli the author wrote instead.
    error: (issue: RawIssue) => {
      const { input } = issue;
      if (typeof input !== 'object' || input === null || Array.isArray(input)) {
        return expected('an SLO mapping with name, sli and objective')(issue);
      }
      return expected(`one of ${SLI_KINDS.join(', ')}`)({ input: Reflect.get(input, 'sli') });
    },
  },
);

type SloInput = z.output<typeof sloInputSchema>;

const sloSchema = sloInputSchema
  .superRefine((slo, ctx) => {
    const periodMs = slo.period ?? CONFIG_DEFAULTS.periodMs;
    const longest = Math.max(...WORKBOOK_BURN_RATE_RULES.map((r) => r.longWindowMs));
    if ((slo.alerting ?? 'workbook') === 'workbook' && periodMs < longest) {
      ctx.addIssue({
        code: 'custom',
        path: ['period'],
        message: `${formatDuration(periodMs)} is shorter than the ${formatDuration(longest)} long window of the Workbook alert rules; set alerting to a list of rules or to none`,
      });
    }
    if (slo.sli === 'completion' || slo.sli === 'latency') return;
    const timesliced = slo.threshold !== undefined;
    if (!timesliced) {
      for (const key of ['timeslice', 'minSliceEvents'] as const) {
        if (slo[key] !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: `applies only to threshold objectives: add threshold (e.g. 0.9) to budget ${slo.sli} per timeslice`,
          });
        }
      }
      return;
    }
    const timesliceMs = slo.timeslice ?? CONFIG_DEFAULTS.timesliceMs;
    if (timesliceMs >= periodMs || periodMs % timesliceMs !== 0) {
      ctx.addIssue({
        code: 'custom',
        path: [slo.timeslice === undefined ? 'period' : 'timeslice'],
        message: `the period (${formatDuration(periodMs)}) must be a whole number of timeslices (${formatDuration(timesliceMs)}), more than one`,
      });
    }
  })
  .transform(resolveSlo);

function resolveSlo(slo: SloInput): SloConfig {
  const periodMs = slo.period ?? CONFIG_DEFAULTS.periodMs;
  const alertingInput = slo.alerting ?? 'workbook';
  const alerting: AlertRule[] =
    alertingInput === 'workbook'
      ? workbookRulesForPeriod(periodMs)
      : alertingInput === 'none'
        ? []
        : alertingInput.map((r) => ({
            severity: r.severity,
            factor: r.factor,
            longWindowMs: r.longWindow,
            shortWindowMs: r.shortWindow,
            budgetConsumed: budgetConsumedAtBurnRate(r.factor, r.longWindow, periodMs),
          }));
  const common = {
    name: slo.name,
    ...(slo.description === undefined ? {} : { description: slo.description }),
    objective: slo.objective,
    periodMs,
    minEvents: slo.minEvents ?? CONFIG_DEFAULTS.minEvents,
    alerting,
    alertingSource: Array.isArray(alertingInput) ? ('custom' as const) : alertingInput,
    filter: { ...slo.filter },
  };
  switch (slo.sli) {
    case 'completion':
      return { ...common, sli: slo.sli, budgetingMethod: 'occurrences' };
    case 'latency':
      return { ...common, sli: slo.sli, budgetingMethod: 'occurrences', thresholdMs: slo.threshold };
    case 'f1':
      return timesliced(common, slo.sli, slo.threshold, slo);
    default:
      return slo.threshold === undefined
        ? { ...common, sli: slo.sli, budgetingMethod: 'occurrences' }
        : timesliced(common, slo.sli, slo.threshold, slo);
  }
}

function timesliced(
  common: Omit<SloConfig, 'sli' | 'budgetingMethod'>,
  sli: TimesliceSloConfig['sli'],
  threshold: number,
  slo: { readonly timeslice?: number | undefined; readonly minSliceEvents?: number | undefined },
): TimesliceSloConfig {
  return {
    ...common,
    sli,
    budgetingMethod: 'timeslices',
    threshold,
    timesliceMs: slo.timeslice ?? CONFIG_DEFAULTS.timesliceMs,
    minSliceEvents: slo.minSliceEvents ?? CONFIG_DEFAULTS.minSliceEvents,
  };
}

// ---------------------------------------------------------------------------------------------------
// Drift.

const featureSchema = strict({
  name: featureName,
  kind: oneOf(FEATURE_KINDS),
  method: oneOf(['auto', ...DRIFT_METHODS])
    .optional()
    .describe('auto (default) picks KS/Wasserstein for numeric, chi-square/Jensen-Shannon otherwise.'),
  threshold: positiveNumber
    .optional()
    .describe(
      "With an explicit method: the effect size that counts as drift (KS statistic, Cramér's V, W1/σ, JS distance or PSI).",
    ),
  categories: z
    .array(label(EVENT_LIMITS.maxLabelLength, 'a category value'), {
      error: expected('a list of category values'),
    })
    .min(1)
    .max(MAX_DECLARED_CATEGORIES)
    .optional()
    .describe('Categorical only: the values counted by name; anything else counts as "other".'),
}).superRefine((feature, ctx) => {
  const method = feature.method ?? 'auto';
  if (method !== 'auto' && !METHODS_BY_KIND[feature.kind].includes(method)) {
    ctx.addIssue({
      code: 'custom',
      path: ['method'],
      message: `${method} does not apply to a ${feature.kind} feature; use one of auto, ${METHODS_BY_KIND[feature.kind].join(', ')}`,
    });
  }
  if (feature.threshold !== undefined) {
    const problem = thresholdProblem(method, feature.threshold);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', path: ['threshold'], message: problem });
  }
  if (feature.categories !== undefined) {
    if (feature.kind !== 'categorical') {
      ctx.addIssue({
        code: 'custom',
        path: ['categories'],
        message: `applies only to categorical features (this one is ${feature.kind})`,
      });
    }
    const seen = new Set<string>();
    feature.categories.forEach((category, index) => {
      if (category === RESERVED_CATEGORY) {
        ctx.addIssue({
          code: 'custom',
          path: ['categories', index],
          message: `"${RESERVED_CATEGORY}" is reserved for undeclared values; leave it out`,
        });
      } else if (seen.has(category)) {
        ctx.addIssue({
          code: 'custom',
          path: ['categories', index],
          message: `lists ${describeValue(category)} twice`,
        });
      }
      seen.add(category);
    });
  }
});

function thresholdProblem(method: DriftMethod | 'auto', threshold: number): string | undefined {
  switch (method) {
    case 'auto':
      return `is an effect size whose scale depends on the method auto picks; set method as well (got ${threshold})`;
    case 'ks':
      return threshold <= 1
        ? undefined
        : `is a Kolmogorov-Smirnov statistic (largest CDF gap): it must be at most 1, e.g. 0.1 (got ${threshold})`;
    case 'chi_square':
      return threshold <= 1
        ? undefined
        : `is a Cramér's V: it must be at most 1, e.g. 0.1 (got ${threshold})`;
    case 'jensen_shannon':
      return threshold <= 1
        ? undefined
        : `is a Jensen-Shannon distance: it must be at most 1 (got ${threshold})`;
    default:
      return undefined;
  }
}

const baselineSchema = strict({
  trailing: strict({
    length: windowDuration.describe('How much history the baseline holds, e.g. 7d.'),
    offset: windowDuration
      .optional()
      .describe('How far before now the baseline ends. Default: the drift window, so they do not overlap.'),
  }).optional(),
  fixed: strict({ from: instant, to: instant }).optional(),
}).superRefine((baseline, ctx) => {
  if ((baseline.trailing === undefined) === (baseline.fixed === undefined)) {
    ctx.addIssue({
      code: 'custom',
      message: 'must have exactly one of trailing: { length, offset } or fixed: { from, to }',
    });
  }
  if (baseline.fixed !== undefined && baseline.fixed.from >= baseline.fixed.to) {
    ctx.addIssue({ code: 'custom', path: ['fixed', 'to'], message: 'must be after from' });
  }
});

const driftSchema = strict({
  features: z
    .array(featureSchema, { error: expected('a list of features') })
    .max(EVENT_LIMITS.maxFeatures)
    .optional(),
  includePrediction: z.boolean({ error: expected('true or false') }).optional(),
  baseline: baselineSchema.optional(),
  window: windowDuration
    .optional()
    .describe(
      `The current window compared with the baseline. Default ${formatDuration(CONFIG_DEFAULTS.driftWindowMs)}.`,
    ),
  minSamples: count(1)
    .optional()
    .describe(`Minimum observations in window and baseline. Default ${CONFIG_DEFAULTS.minSamples}.`),
  correction: oneOf(CORRECTIONS).optional(),
}).superRefine((drift, ctx) => {
  const first = new Map<string, number>();
  (drift.features ?? []).forEach((feature, index) => {
    const earlier = first.get(feature.name);
    if (earlier === undefined) {
      first.set(feature.name, index);
      return;
    }
    const other = drift.features?.[earlier];
    if (other !== undefined && JSON.stringify(other) !== JSON.stringify(feature)) {
      ctx.addIssue({
        code: 'custom',
        path: ['features', index, 'name'],
        message: `"${feature.name}" is already listed at features[${earlier}] with other settings; list each feature once`,
      });
    }
  });
});

type DriftInput = z.output<typeof driftSchema>;

function resolveDrift(drift: DriftInput): DriftConfig {
  const windowMs = drift.window ?? CONFIG_DEFAULTS.driftWindowMs;
  const baseline: BaselineConfig =
    drift.baseline?.fixed !== undefined
      ? { kind: 'fixed', fromMs: drift.baseline.fixed.from, toMs: drift.baseline.fixed.to }
      : {
          kind: 'trailing',
          lengthMs: drift.baseline?.trailing?.length ?? CONFIG_DEFAULTS.baselineLengthMs,
          offsetMs: drift.baseline?.trailing?.offset ?? windowMs,
        };
  return {
    features: (drift.features ?? []).map(
      (f): FeatureConfig => ({
        name: f.name,
        kind: f.kind,
        method: f.method ?? 'auto',
        ...(f.threshold === undefined ? {} : { threshold: f.threshold }),
        ...(f.categories === undefined ? {} : { categories: f.categories }),
      }),
    ),
    includePrediction: drift.includePrediction ?? CONFIG_DEFAULTS.includePrediction,
    baseline,
    windowMs,
    minSamples: drift.minSamples ?? CONFIG_DEFAULTS.minSamples,
    correction: drift.correction ?? CONFIG_DEFAULTS.correction,
  };
}

// ---------------------------------------------------------------------------------------------------
// Monitors and the document.

const taskSchema = strict({
  sla: duration().describe('A task completed within this time after its start is good.'),
  timeout: duration().optional().describe('No terminal event after this long → timed out. Default: the SLA.'),
  handedOffCounts: oneOf(HANDED_OFF)
    .optional()
    .describe('How a task handed off to a person counts: failure (default), success or excluded.'),
});

const alertsSchema = strict({
  runbookUrl: httpUrl('runbook'),
  dashboardUrl: httpUrl('dashboard').optional(),
  renotifyInterval: windowDuration
    .optional()
    .describe('Re-send a firing alert this often. Default: defaults.renotifyInterval.'),
});

const POSITIVE_CLASS_SLIS: readonly string[] = ['precision', 'recall', 'f1'];

const monitorSchema = strict({
  name: monitorName.describe('The monitor named by its events; unique in the file.'),
  description: description.optional(),
  positiveLabel: label(EVENT_LIMITS.maxLabelLength, 'a label')
    .optional()
    .describe('The positive class for precision, recall and F1. Unset: multi-class (accuracy only).'),
  task: taskSchema.optional(),
  slos: z.array(sloSchema, { error: expected('a list of SLOs') }).optional(),
  drift: driftSchema.optional(),
  alerts: alertsSchema,
}).superRefine((monitor, ctx) => {
  const seen = new Map<string, number>();
  (monitor.slos ?? []).forEach((slo, index) => {
    const earlier = seen.get(slo.name);
    if (earlier !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['slos', index, 'name'],
        message: `"${slo.name}" is already the name of slos[${earlier}]; SLO names must be unique within a monitor`,
      });
    } else {
      seen.set(slo.name, index);
    }
    if ((slo.sli === 'completion' || slo.sli === 'latency') && monitor.task === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['slos', index, 'sli'],
        message: `${slo.sli} needs the monitor's task settings: add task: { sla: 15m }`,
      });
    }
    if (POSITIVE_CLASS_SLIS.includes(slo.sli) && monitor.positiveLabel === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['slos', index, 'sli'],
        message: `${slo.sli} is measured for a positive class: set positiveLabel on the monitor (for a multi-class monitor use accuracy)`,
      });
    }
  });
});

type MonitorInput = z.output<typeof monitorSchema>;

const defaultsSchema = strict({
  evaluationInterval: duration({ wholeMinutes: true, minMs: MINUTE_MS })
    .optional()
    .describe(
      `How often monitors are evaluated (EventBridge Scheduler rate). Default ${formatDuration(CONFIG_DEFAULTS.evaluationIntervalMs)}.`,
    ),
  renotifyInterval: windowDuration
    .optional()
    .describe(
      `Re-send a firing alert this often. Default ${formatDuration(CONFIG_DEFAULTS.renotifyIntervalMs)}.`,
    ),
});

/**
 * The whole configuration document: validates it and resolves it into a {@link MonitorConfig} (durations
 * in ms, defaults filled, Workbook alert rules scaled to each period). Prefer `validateConfig` /
 * `parseConfig` from load-config.ts, which also phrase the issues, add warnings and drop repeated
 * identical drift features.
 */
export const monitorConfigSchema = strict({
  $schema: z.string().optional().describe('Optional JSON Schema reference for editors.'),
  version: z.literal(1, {
    error: (issue: RawIssue) =>
      issue.input === undefined
        ? 'is required'
        : `unsupported version ${describeValue(issue.input)}: this driftwatch reads version 1`,
  }),
  defaults: defaultsSchema.optional(),
  monitors: z
    .array(monitorSchema, { error: expected('a list of monitors') })
    .min(1, { error: 'must list at least one monitor' }),
})
  .superRefine((document, ctx) => {
    const seen = new Map<string, number>();
    document.monitors.forEach((monitor, index) => {
      const earlier = seen.get(monitor.name);
      if (earlier === undefined) seen.set(monitor.name, index);
      else {
        ctx.addIssue({
          code: 'custom',
          path: ['monitors', index, 'name'],
          message: `"${monitor.name}" is already the name of monitors[${earlier}]; monitor names must be unique`,
        });
      }
    });
  })
  .transform((document): MonitorConfig => {
    const renotifyIntervalMs = document.defaults?.renotifyInterval ?? CONFIG_DEFAULTS.renotifyIntervalMs;
    return {
      version: 1,
      evaluationIntervalMs: document.defaults?.evaluationInterval ?? CONFIG_DEFAULTS.evaluationIntervalMs,
      monitors: document.monitors.map((monitor) => resolveMonitor(monitor, renotifyIntervalMs)),
    };
  });

function resolveMonitor(monitor: MonitorInput, renotifyIntervalMs: number): Monitor {
  const task: TaskConfig | undefined =
    monitor.task === undefined
      ? undefined
      : {
          slaMs: monitor.task.sla,
          timeoutMs: monitor.task.timeout ?? monitor.task.sla,
          handedOffCounts: monitor.task.handedOffCounts ?? CONFIG_DEFAULTS.handedOffCounts,
        };
  const alerts: AlertRouting = {
    runbookUrl: monitor.alerts.runbookUrl,
    ...(monitor.alerts.dashboardUrl === undefined ? {} : { dashboardUrl: monitor.alerts.dashboardUrl }),
    renotifyIntervalMs: monitor.alerts.renotifyInterval ?? renotifyIntervalMs,
  };
  return {
    name: monitor.name,
    ...(monitor.description === undefined ? {} : { description: monitor.description }),
    ...(monitor.positiveLabel === undefined ? {} : { positiveLabel: monitor.positiveLabel }),
    ...(task === undefined ? {} : { task }),
    slos: monitor.slos ?? [],
    ...(monitor.drift === undefined ? {} : { drift: resolveDrift(monitor.drift) }),
    alerts,
  };
}

/** What a configuration document may contain, before defaults (e.g. to write one in TypeScript). */
export type MonitorConfigInput = z.input<typeof monitorConfigSchema>;

/** SLO maths: durations, error budgets, burn rates, the Workbook's alert windows and the alert decision. */
export * from './alert-timing.ts';
export * from './burn-rate.ts';
export * from './burn-rate-windows.ts';
export * from './durations.ts';
export * from './error-budget.ts';
export * from './exact-decimal.ts';
export * from './multiwindow-alert.ts';
export * from './threshold-objective.ts';

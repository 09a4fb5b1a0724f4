export * from './counter-key.ts';
export * from './counter-set.ts';
export * from './decision-deltas.ts';
export * from './feature-value-key.ts';
export * from './fold-options.ts';
export * from './fold-options-from-config.ts';
export * from './task-deltas.ts';

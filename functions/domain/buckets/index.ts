export * from './cover-window.ts';
export * from './granularity.ts';

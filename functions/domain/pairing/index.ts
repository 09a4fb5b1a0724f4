export * from './decision-record.ts';
export * from './task-record.ts';

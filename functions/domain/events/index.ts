export * from './event-schema.ts';
export * from './limits.ts';
export * from './validate-event.ts';

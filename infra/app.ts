/**
 * The CDK app (`cdk.json`: `npx tsx infra/app.ts`). Context: `-c stage=prod`, `-c config=path.yaml`,
 * `-c destroyData=true` (non-prod only), `-c alertsSubscribers=a@x.org,https://…` (and `reportsSubscribers`,
 * `operationsSubscribers`); see CONTEXT_KEYS.
 */
import { App } from 'aws-cdk-lib';
import { buildDriftwatchApp } from './driftwatch-app.ts';

/** Mistakes in what the user gave us: the message says everything, a stack trace would only bury it. */
const USER_ERRORS = new Set(['ConfigError', 'StageError', 'ContextError']);

const app = new App();
try {
  buildDriftwatchApp(app);
} catch (error) {
  if (error instanceof Error && USER_ERRORS.has(error.name)) {
    process.stderr.write(`driftwatch: ${error.message}\n`);
    process.exit(1);
  }
  throw error;
}

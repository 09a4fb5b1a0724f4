import type { Command } from 'commander';
import { loadConfigFile } from '../config/load-config-file.ts';
import { freezeBaseline } from '../evaluator/freeze-baseline.ts';
import type { PinnedBaseline } from '../store/baseline-store.ts';
import { parseAt } from './evaluate-command.ts';
import { type StateTableLocation, stateTableClient } from './state-table-client.ts';

export interface FreezeBaselineOptions extends StateTableLocation {
  readonly monitor: string;
  readonly config: string;
  readonly stateTable: string;
  /** The time whose baseline range is frozen; default now. */
  readonly at?: string;
}

/**
 * `driftwatch freeze-baseline`: pins a monitor's drift baseline to the range its configuration covers now
 * (e.g. the 7 days ending yesterday), so later evaluations stop moving it — typically right after a model
 * version was validated. Returns the pinned range.
 */
export async function runFreezeBaseline(options: FreezeBaselineOptions): Promise<PinnedBaseline> {
  const { config } = await loadConfigFile(options.config);
  const monitor = config.monitors.find((m) => m.name === options.monitor);
  if (!monitor) {
    throw new Error(
      `--monitor: "${options.monitor}" is not in ${options.config} (monitors: ${config.monitors.map((m) => m.name).join(', ')})`,
    );
  }
  const client = stateTableClient(options);
  try {
    return await freezeBaseline(
      { client, tableName: options.stateTable },
      monitor,
      parseAt(options.at) ?? Date.now(),
    );
  } finally {
    client.destroy();
  }
}

export function registerFreezeBaselineCommand(program: Command, defaultConfig: string): void {
  program
    .command('freeze-baseline')
    .description("pin a monitor's drift baseline to the range it covers now, so it stops moving")
    .requiredOption('--monitor <name>', 'the monitor whose baseline to freeze')
    .requiredOption('--state-table <name>', 'the State table of the deployment (or of npm start)')
    .option('--endpoint <url>', 'DynamoDB endpoint, e.g. http://localhost:8000 for npm start')
    .option('--region <region>', 'AWS region', 'us-east-1')
    .option('--config <file>', 'monitor configuration (YAML or JSON)', defaultConfig)
    .option('--at <time>', 'freeze the baseline as of this ISO-8601 time (default: now)')
    .action(async (options: FreezeBaselineOptions) => {
      const pin = await runFreezeBaseline(options);
      process.stdout.write(
        `${options.monitor}: baseline frozen to ${new Date(pin.from).toISOString()} .. ${new Date(pin.to).toISOString()}\n`,
      );
    });
}

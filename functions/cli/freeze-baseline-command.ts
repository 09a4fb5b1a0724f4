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

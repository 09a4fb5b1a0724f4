import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { runFreezeBaseline } from '../../functions/cli/freeze-baseline-command.ts';
import { stateTableClient } from '../../functions/cli/state-table-client.ts';
import { readPinnedBaseline } from '../../functions/store/baseline-store.ts';
import { ensureTables } from '../../functions/store/ensure-tables.ts';

const CONFIG = `version: 1
monitors:
  - name: triage
    drift:
      features: [{ name: amount, kind: numeric }]
      baseline: { trailing: { length: 7d, offset: 1d } }
    alerts: { runbookUrl: https://runbooks.example.com/triage }
  - name: no-drift
    task: { sla: 10m }
    slos: [{ name: completion, sli: completion, objective: 0.99 }]
    alerts: { runbookUrl: https://runbooks.example.com/no-drift }
`;

describe('Function: runFreezeBaseline (driftwatch freeze-baseline)', () => {
  const endpoint = inject('dynamodbEndpoint');
  const dir = mkdtempSync(join(tmpdir(), 'driftwatch-freeze-'));
  const config = join(dir, 'driftwatch.yaml');
  const stateTable = `state-freeze-${Date.now()}`;

  beforeAll(async () => {
    writeFileSync(config, CONFIG);
    const client = new DynamoDBClient({
      endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    await ensureTables(client, { events: `events-freeze-${Date.now()}`, state: stateTable });
    client.destroy();
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('it pins the trailing baseline of the given time: the 7 whole days ending the day before', async () => {
    // Act
    const pin = await runFreezeBaseline({
      monitor: 'triage',
      config,
      stateTable,
      endpoint,
      at: '2026-11-20T15:42:00Z',
    });

    // Assess: the pin is stored where the evaluator reads it.
    const client = stateTableClient({ endpoint });
    const stored = await readPinnedBaseline(
      { client, tableName: stateTable, consistentRead: true },
      'triage',
    );
    client.destroy();
    expect(new Date(pin.from).toISOString()).toBe('2026-11-12T00:00:00.000Z');
    expect(new Date(pin.to).toISOString()).toBe('2026-11-19T00:00:00.000Z');
    expect(stored).toMatchObject({ from: pin.from, to: pin.to });
  });

  test('it names the monitors of the file when the monitor is not one of them', async () => {
    await expect(runFreezeBaseline({ monitor: 'nope', config, stateTable, endpoint })).rejects.toThrow(
      `--monitor: "nope" is not in ${config} (monitors: triage, no-drift)`,
    );
  });

  test('it says there is nothing to freeze for a monitor without drift', async () => {
    await expect(runFreezeBaseline({ monitor: 'no-drift', config, stateTable, endpoint })).rejects.toThrow(
      'monitor no-drift has no drift configuration: there is no baseline to freeze',
    );
  });
});

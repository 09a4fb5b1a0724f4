import { SNSClient } from '@aws-sdk/client-sns';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { readAlertEpisodes } from '../../functions/store/alert-history-store.ts';
import { alertItem, alertStateKey, type StoredAlert } from '../../functions/store/alert-state-store.ts';
import { EvaluatorHarness, HOUR, MINUTE, type ReceivedAlert, T0, taskTraffic } from './evaluator-harness.ts';
import { LOCAL_CREDENTIALS } from './helpers/local-pipeline.ts';

const monitor = (name: string) => `
  - name: ${name}
    task: { sla: 1m }
    slos:
      - { name: completion, sli: completion, objective: 0.999, minEvents: 50 }
    alerts: { runbookUrl: 'https://runbooks.example.com/${name}' }`;
const CONFIG = `version: 1\nmonitors:${['agent-a', 'agent-b', 'agent-c', 'agent-d'].map(monitor).join('')}\n`;

const T = T0 + 3 * 24 * HOUR;
/** agent-a fails for a minute from T; agent-b fails from T + 3 m on; agent-c and agent-d fail from T on. */
const OUTAGES: Record<string, (t: number) => boolean> = {
  'agent-a': (t) => t >= T && t < T + MINUTE,
  'agent-b': (t) => t >= T + 3 * MINUTE,
  'agent-c': (t) => t >= T,
  'agent-d': (t) => t >= T,
};

/** An SNS client whose endpoint refuses connections: every publish fails. */
const deadSns = () =>
  new SNSClient({
    endpoint: 'http://127.0.0.1:1',
    region: 'us-east-1',
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: 1,
  });

describe('Function: evaluate handler (alert delivery, on DynamoDB Local and fauxqs)', () => {
  let h: EvaluatorHarness;
  const config = (names: string[]) => ({
    ...h.config,
    monitors: h.config.monitors.filter((m) => names.includes(m.name)),
  });

  beforeAll(async () => {
    h = await EvaluatorHarness.create(
      { dynamodbEndpoint: inject('dynamodbEndpoint'), fauxqsEndpoint: inject('fauxqsEndpoint') },
      CONFIG,
    );
    for (const [name, failing] of Object.entries(OUTAGES)) {
      await h.load(
        taskTraffic({
          monitor: name,
          from: T - 3 * 24 * HOUR,
          to: T - HOUR,
          stepMs: HOUR,
          tasks: () => ({ ok: 2400, failed: 0 }),
          prefix: 'history',
        }),
      );
      await h.load(
        taskTraffic({
          monitor: name,
          from: T - HOUR,
          to: T + HOUR,
          tasks: (t) => (failing(t) ? { ok: 0, failed: 40 } : { ok: 40, failed: 0 }),
          prefix: 'live',
        }),
      );
    }
  }, 240_000);

  afterAll(() => h?.destroy());

  test('SNS failing for three runs, then recovering, delivers each pending alert exactly once, in order.', async () => {
    // Prepare
    const dead = deadSns();
    const names = ['agent-a', 'agent-b'];

    // Act: agent-a pages at T+1m and resolves at T+7m, agent-b pages at T+4m, all while SNS is down.
    const duringOutage: ReceivedAlert[] = [];
    for (const at of [T + MINUTE, T + 4 * MINUTE, T + 7 * MINUTE]) {
      await h.evaluateAt(at, { sns: dead, config: config(names) });
      duringOutage.push(...(await h.receive()));
    }
    const { Item: pendingA } = await h.pipeline.doc.send(
      new GetCommand({
        TableName: h.stateTable,
        Key: alertStateKey({ monitor: 'agent-a', kind: 'slo', subject: 'completion', severity: 'page' }),
        ConsistentRead: true,
      }),
    );
    await h.evaluateAt(T + 10 * MINUTE, { config: config(names) });
    const recovered = await h.receive();
    await h.evaluateAt(T + 11 * MINUTE, { config: config(names) });
    const afterwards = await h.receive();
    dead.destroy();

    // Assess
    expect(duringOutage).toEqual([]);
    expect(pendingA?.status).toBe('resolved');
    expect(((pendingA?.pending ?? []) as { kind: string }[]).map((p) => p.kind)).toEqual([
      'firing',
      'resolved',
    ]);
    expect(pendingA?.delivery).toMatchObject({ failures: 3 });
    const delivered = recovered.map((a) => `${a.body.monitor} ${a.body.severity} ${a.body.state}`);
    expect(delivered.sort()).toEqual(['agent-a page firing', 'agent-a page resolved', 'agent-b page firing']);
    const ids = recovered.map((a) => a.body.notificationId);
    expect(new Set(ids).size).toBe(ids.length);
    const a = recovered.filter((r) => r.body.monitor === 'agent-a').map((r) => r.body.state);
    expect(a).toEqual(['firing', 'resolved']);
    // The notices describe the runs that queued them, not the run that delivered them.
    expect(recovered.find((r) => r.body.monitor === 'agent-b')?.body.evaluatedAt).toBe(
      new Date(T + 4 * MINUTE).toISOString(),
    );
    expect(afterwards).toEqual([]);
    // The alert history keeps the incident with the evaluation times of its transitions.
    const episodes = await readAlertEpisodes(
      { client: h.pipeline.doc, tableName: h.stateTable, consistentRead: true },
      'agent-a',
      T,
      T + HOUR,
    );
    expect(episodes).toEqual([
      {
        monitor: 'agent-a',
        kind: 'slo',
        subject: 'completion',
        severity: 'page',
        firedAt: T + MINUTE,
        resolvedAt: T + 7 * MINUTE,
      },
    ]);
  });

  test('Two runs evaluating the same instant at the same time publish the page once.', async () => {
    // Prepare
    const only = config(['agent-c']);

    // Act
    await Promise.all([
      h.evaluateAt(T + MINUTE, { config: only }),
      h.evaluateAt(T + MINUTE, { config: only }),
    ]);
    await h.evaluateAt(T + MINUTE, { config: only });
    const received = await h.receive();

    // Assess
    expect(received.map((r) => `${r.body.monitor} ${r.body.severity} ${r.body.state}`)).toEqual([
      'agent-c page firing',
    ]);
  });

  test('A notification left pending by a crashed run is published once its claim has expired, not while it is live.', async () => {
    // Prepare: agent-d's page is firing with a notification a run queued and claimed before crashing.
    const key = {
      monitor: 'agent-d',
      kind: 'slo' as const,
      subject: 'completion',
      severity: 'page' as const,
    };
    const crashed = (claimAgeMs: number): StoredAlert => ({
      key,
      state: {
        status: 'firing',
        updatedAt: T + MINUTE,
        firingSince: T + MINUTE,
        lastNotifiedAt: T + MINUTE,
        notifications: 1,
      },
      version: 1,
      pending: [
        {
          id: 'agent-d:crashed:1',
          kind: 'firing',
          subject: 'PAGE firing: agent-d/completion',
          message: JSON.stringify({
            notificationId: 'agent-d:crashed:1',
            monitor: 'agent-d',
            severity: 'page',
            state: 'firing',
          }),
          attributes: {
            monitor: 'agent-d',
            severity: 'page',
            state: 'firing',
            kind: 'slo',
            notificationId: 'agent-d:crashed:1',
          },
          createdAt: T + MINUTE,
        },
      ],
      claim: { by: 'crashed-run', at: Date.now() - claimAgeMs },
    });
    const only = config(['agent-d']);
    const read = async () =>
      (
        await h.pipeline.doc.send(
          new GetCommand({ TableName: h.stateTable, Key: alertStateKey(key), ConsistentRead: true }),
        )
      ).Item;

    // Act
    await h.pipeline.doc.send(new PutCommand({ TableName: h.stateTable, Item: alertItem(crashed(10_000)) }));
    await h.evaluateAt(T + 2 * MINUTE, { config: only });
    const whileClaimed = await h.receive();
    const claimedItem = await read();
    await h.pipeline.doc.send(new PutCommand({ TableName: h.stateTable, Item: alertItem(crashed(60_000)) }));
    await h.evaluateAt(T + 3 * MINUTE, { config: only });
    const afterExpiry = await h.receive();
    const deliveredItem = await read();

    // Assess
    expect(whileClaimed).toEqual([]);
    expect(claimedItem).toMatchObject({ version: 1, claim: { by: 'crashed-run' } });
    expect(afterExpiry.map((a) => a.body.notificationId)).toEqual(['agent-d:crashed:1']);
    expect(deliveredItem?.pending).toEqual([]);
    expect(deliveredItem?.claim).toBeUndefined();
    expect(deliveredItem?.status).toBe('firing');
  });
});

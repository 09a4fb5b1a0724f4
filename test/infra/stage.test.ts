import { RemovalPolicy } from 'aws-cdk-lib';
import { describe, expect, test } from 'vitest';
import { buildDriftwatchApp } from '../../infra/driftwatch-app.ts';
import { resolveStage, StageError } from '../../infra/stage.ts';
import { driftwatchApp, synthDriftwatch } from './synth.ts';

const DATA_RESOURCES = ['AWS::DynamoDB::Table', 'AWS::S3::Bucket', 'AWS::KMS::Key'] as const;

describe('Function: resolveStage', () => {
  test.each([
    [{}, 'dev', RemovalPolicy.RETAIN],
    [{ name: 'prod' }, 'prod', RemovalPolicy.RETAIN],
    [{ name: 'staging', destroyData: true }, 'staging', RemovalPolicy.DESTROY],
    [{ name: 'dev', destroyData: false }, 'dev', RemovalPolicy.RETAIN],
  ])('%o is stage %s with data removal policy %s', (options, name, policy) => {
    // Act
    const stage = resolveStage(options);

    // Assess
    expect(stage).toMatchObject({ name, dataRemovalPolicy: policy });
  });

  test.each(['Prod', 'dev_1', '-dev', '', 'a'.repeat(21), 'dev stage'])(
    'the stage name %j is refused',
    (name) => {
      // Act
      const act = () => resolveStage({ name });

      // Assess
      expect(act).toThrow(StageError);
      expect(act).toThrow(`(got ${JSON.stringify(name)})`);
    },
  );

  test('destroying data is refused for the production stage', () => {
    // Act
    const act = () => resolveStage({ name: 'prod', destroyData: true });

    // Assess
    expect(act).toThrow(/destroyData=true is refused for the "prod" stage/);
  });
});

describe('Stack: DriftwatchStack removal policies', () => {
  test.each(DATA_RESOURCES)('the prod stage retains every %s on stack deletion and replacement', (type) => {
    // Prepare
    const { template } = synthDriftwatch({ stage: 'prod' });

    // Act
    const retained = { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' };

    // Assess
    template.allResources(type, retained);
  });

  test('the prod stage protects its tables from deletion outside CloudFormation', () => {
    // Prepare
    const { template } = synthDriftwatch({ stage: 'prod' });

    // Act
    const protectedTable = { Properties: { DeletionProtectionEnabled: true } };

    // Assess
    template.allResources('AWS::DynamoDB::Table', protectedTable);
  });

  test('the default stage also retains its data', () => {
    // Prepare
    const { template } = synthDriftwatch();

    // Act
    const retained = { DeletionPolicy: 'Retain' };

    // Assess
    template.allResources('AWS::DynamoDB::Table', retained);
  });

  test('a non-prod stage that asks for it deletes its tables with the stack', () => {
    // Prepare
    const { template } = synthDriftwatch({ stage: 'dev', destroyData: 'true' });

    // Act
    const deleted = { DeletionPolicy: 'Delete', Properties: { DeletionProtectionEnabled: false } };

    // Assess
    template.allResources('AWS::DynamoDB::Table', deleted);
  });

  test('-c destroyData=true with -c stage=prod fails the synth', () => {
    // Prepare
    const app = driftwatchApp({ stage: 'prod', destroyData: 'true' });

    // Act
    const act = () => buildDriftwatchApp(app);

    // Assess
    expect(act).toThrow(StageError);
  });

  test('the stack is named after its stage, so stages can share an account', () => {
    // Act
    const { stack } = synthDriftwatch({ stage: 'prod' });

    // Assess
    expect(stack.stackName).toBe('driftwatch-prod');
  });
});

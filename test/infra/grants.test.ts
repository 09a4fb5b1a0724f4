import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { describe, expect, test } from 'vitest';
import { allows, logicalIdOf, present, statementsOfRole, synthDriftwatch } from './synth.ts';

function statementsOf(fn: IFunction) {
  const { template } = synthDriftwatch();
  return statementsOfRole(template, logicalIdOf(present(fn.role, `a role of ${fn.node.path}`)));
}

describe('Least privilege', () => {
  // Each test also asserts a grant the function needs, so a statement lookup that found nothing would fail.

  test('the ingest function may write the Events table and nothing else of the pipeline', () => {
    // Prepare
    const { stack } = synthDriftwatch();
    const events = logicalIdOf(stack.tables.events);
    const state = logicalIdOf(stack.tables.state);

    // Act
    const statements = statementsOf(stack.ingest.handler.function);

    // Assess
    expect(allows(statements, 'dynamodb:PutItem', events)).toBe(true);
    expect(allows(statements, 'dynamodb:PutItem', state)).toBe(false);
    expect(statements.some((s) => s.actions.includes('sns:Publish'))).toBe(false);
  });

  test('the aggregate function reads the Events stream and writes the State table, but cannot write Events', () => {
    // Prepare
    const { stack } = synthDriftwatch();
    const events = logicalIdOf(stack.tables.events);
    const state = logicalIdOf(stack.tables.state);

    // Act
    const statements = statementsOf(stack.aggregator.handler.function);

    // Assess
    expect(allows(statements, 'dynamodb:GetRecords', events)).toBe(true);
    expect(allows(statements, 'dynamodb:UpdateItem', state)).toBe(true);
    expect(allows(statements, 'dynamodb:PutItem', events)).toBe(false);
    expect(allows(statements, 'dynamodb:UpdateItem', events)).toBe(false);
  });

  test('the evaluate function reads and writes the State table but has no dynamodb:PutItem on the Events table', () => {
    // Prepare
    const { stack } = synthDriftwatch();
    const events = logicalIdOf(stack.tables.events);
    const state = logicalIdOf(stack.tables.state);

    // Act
    const statements = statementsOf(present(stack.evaluator, 'an evaluator').handler.function);

    // Assess
    expect(allows(statements, 'dynamodb:Query', state)).toBe(true);
    expect(allows(statements, 'dynamodb:PutItem', state)).toBe(true);
    expect(allows(statements, 'dynamodb:PutItem', events)).toBe(false);
  });

  test('the evaluate function may publish to the alerts topic only', () => {
    // Prepare
    const { stack } = synthDriftwatch();
    const topics = stack.topics;

    // Act
    const statements = statementsOf(present(stack.evaluator, 'an evaluator').handler.function);

    // Assess
    expect(allows(statements, 'sns:Publish', logicalIdOf(topics.alerts))).toBe(true);
    expect(allows(statements, 'sns:Publish', logicalIdOf(topics.reports))).toBe(false);
    expect(allows(statements, 'sns:Publish', logicalIdOf(topics.operations))).toBe(false);
  });

  test('the report function reads the State table, writes the report bucket and publishes to the reports topic', () => {
    // Prepare
    const { stack } = synthDriftwatch();
    const state = logicalIdOf(stack.tables.state);

    // Act
    const statements = statementsOf(present(stack.weeklyReport, 'a weekly report').handler.function);

    // Assess
    expect(allows(statements, 'dynamodb:Query', state)).toBe(true);
    expect(allows(statements, 'dynamodb:PutItem', state)).toBe(false);
    expect(allows(statements, 's3:PutObject', logicalIdOf(stack.archive.bucket))).toBe(true);
    expect(allows(statements, 'sns:Publish', logicalIdOf(stack.topics.reports))).toBe(true);
    expect(allows(statements, 'sns:Publish', logicalIdOf(stack.topics.alerts))).toBe(false);
  });
});

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { App, type CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { buildDriftwatchApp } from '../../infra/driftwatch-app.ts';
import type { DriftwatchStack } from '../../infra/driftwatch-stack.ts';

/** Monitor configurations the infra tests synthesise with. */
export const FIXTURES = {
  /** support-triage and refund-agent, evaluated every minute. */
  twoMonitors: fixture('two-monitors.yaml'),
  /** One monitor evaluated every 5 minutes. */
  fiveMinuteInterval: fixture('five-minute-interval.yaml'),
  /** Valid, with a warning at monitors[0].name: the monitor can never alert. */
  neverAlerts: fixture('never-alerts.yaml'),
  /** Invalid: objective 99.9 at monitors[0].slos[0].objective (line 9). */
  percentObjective: fixture('percent-objective.yaml'),
} as const;

export const TWO_MONITORS = ['support-triage', 'refund-agent'] as const;

function fixture(name: string): string {
  return fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
}

// The feature flags `cdk synth` runs with: tests must synthesise the same template.
const FEATURE_FLAGS = (
  JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
    context: Record<string, unknown>;
  }
).context;

/**
 * An app as `cdk synth` builds it, with the given context (`-c key=value`). Bundling is skipped (no esbuild
 * run; ~0.5 s instead of ~5 s) and so is CDK's built-in CloudFormation template validation (a WASM engine:
 * ~7 s to start and ~3 s per synth; `npm run synth` runs it). cdk-nag still runs at every synth. The
 * monitor configuration defaults to the two-monitor fixture.
 */
export function driftwatchApp(context: Readonly<Record<string, unknown>> = {}): App {
  return new App({
    builtinCloudFormationValidation: false,
    context: {
      ...FEATURE_FLAGS,
      'aws:cdk:bundling-stacks': [],
      config: FIXTURES.twoMonitors,
      ...context,
    },
  });
}

export interface Synthesized {
  readonly app: App;
  readonly stack: DriftwatchStack;
  readonly template: Template;
}

const synthesized = new Map<string, Synthesized>();

/**
 * The driftwatch stack synthesised for the given context, memoised per test worker: synthesis is the slow
 * part and the tests only read the result.
 */
export function synthDriftwatch(context: Readonly<Record<string, unknown>> = {}): Synthesized {
  const key = JSON.stringify(context);
  const cached = synthesized.get(key);
  if (cached !== undefined) return cached;
  const app = driftwatchApp(context);
  const stack = buildDriftwatchApp(app);
  const result = { app, stack, template: Template.fromStack(stack) };
  synthesized.set(key, result);
  return result;
}

/** The CloudFormation logical id of a construct's own resource (its default child). */
export function logicalIdOf(construct: IConstruct): string {
  const resource = construct.node.defaultChild ?? construct;
  return Stack.of(construct).getLogicalId(resource as CfnElement);
}

export interface Statement {
  readonly effect: string;
  readonly actions: readonly string[];
  readonly resources: readonly unknown[];
}

/** Every statement of the inline policies attached to a role, with Action and Resource as lists. */
export function statementsOfRole(template: Template, roleLogicalId: string): Statement[] {
  const policies = template.findResources('AWS::IAM::Policy');
  const statements: Statement[] = [];
  for (const policy of Object.values(policies) as PolicyResource[]) {
    const roles = policy.Properties.Roles ?? [];
    if (!roles.some((role) => role.Ref === roleLogicalId)) continue;
    for (const statement of policy.Properties.PolicyDocument.Statement) {
      statements.push({
        effect: statement.Effect,
        actions: ([] as string[]).concat(statement.Action),
        resources: ([] as unknown[]).concat(statement.Resource),
      });
    }
  }
  return statements;
}

/** Whether a statement allows `action` on (an ARN derived from) the resource with this logical id. */
export function allows(statements: readonly Statement[], action: string, logicalId: string): boolean {
  return statements.some(
    (s) =>
      s.effect === 'Allow' &&
      s.actions.some((a) => a === action || (a.endsWith('*') && action.startsWith(a.slice(0, -1)))) &&
      s.resources.some((r) => JSON.stringify(r).includes(`"${logicalId}"`)),
  );
}

interface PolicyResource {
  Properties: {
    Roles?: { Ref?: string }[];
    PolicyDocument: { Statement: { Effect: string; Action: string | string[]; Resource: unknown }[] };
  };
}

/** A dashboard's body with CloudFormation references rendered as JSON, for text search. */
export function dashboardBody(template: Template): string {
  const dashboards = Object.values(template.findResources('AWS::CloudWatch::Dashboard')) as {
    Properties: { DashboardBody: string | { 'Fn::Join': [string, unknown[]] } };
  }[];
  return dashboards
    .map(({ Properties: { DashboardBody: body } }) =>
      typeof body === 'string'
        ? body
        : body['Fn::Join'][1]
            .map((part) => (typeof part === 'string' ? part : JSON.stringify(part)))
            .join(''),
    )
    .join('\n');
}

/** The value, or a test failure naming what was missing (e.g. the evaluator of a stack built without it). */
export function present<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`expected the stack to have ${what}`);
  return value;
}

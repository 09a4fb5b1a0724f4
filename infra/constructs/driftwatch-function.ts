import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Duration, RemovalPolicy, Stage, Validations } from 'aws-cdk-lib';
import {
  ApplicationLogLevel,
  Architecture,
  LoggingFormat,
  Runtime,
  SystemLogLevel,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import {
  type AwsSdkSource,
  BUNDLE_TARGET,
  ESM_REQUIRE_BANNER,
  externalModules,
  MAIN_FIELDS,
} from '../bundling.ts';
import { CONFIG_FILE_NAME, CONFIG_FILE_RUNTIME_PATH, type ConfigDelivery } from '../config-delivery.ts';
import { FUNCTION_ENVIRONMENT, METRICS_NAMESPACE } from '../function-environment.ts';
import { PROJECT_ROOT } from '../handler-entries.ts';
import type { FindingAcknowledgment } from './nag-findings.ts';

export interface DriftwatchFunctionProps {
  /** Absolute path of the handler's TypeScript file; it exports `handler`. */
  readonly entry: string;
  /** Whether the AWS SDK is bundled or the runtime's (infra/bundling.ts AWS_SDK_SOURCE says which and why). */
  readonly awsSdk: AwsSdkSource;
  /** One line for the console: what the function does. */
  readonly description: string;
  /** Powertools service name of its logs and metrics, e.g. `ingest`. */
  readonly serviceName: string;
  /** MB. More memory also buys proportionally more CPU. */
  readonly memorySize: number;
  readonly timeout: Duration;
  /** How the validated monitor configuration reaches the handler. */
  readonly config: ConfigDelivery;
  /** Resource names the handler needs; keys from `FUNCTION_ENVIRONMENT`. @default - none */
  readonly environment?: Readonly<Record<string, string>>;
  /** @default RetentionDays.ONE_MONTH - long enough to investigate an incident, short enough to stay cheap */
  readonly logRetention?: RetentionDays;
  /** @default RemovalPolicy.RETAIN - logs outlive the stack unless the stage destroys its data */
  readonly logRemovalPolicy?: RemovalPolicy;
  /**
   * Retries of a failed asynchronous invocation (EventBridge Scheduler invokes asynchronously).
   * @default 2 - Lambda's default
   */
  readonly asyncRetryAttempts?: number;
  /** @default Duration.hours(6) - Lambda's default */
  readonly asyncMaxEventAge?: Duration;
}

/**
 * A driftwatch Lambda function: Node.js 22 on arm64 (about 20% cheaper per GB-second than x86 and as fast
 * for this CPU-bound JSON and arithmetic work), bundled locally with esbuild (no Docker) as minified ESM
 * without source maps (a source map about doubles what is loaded at cold start; the design budget is 500 KB
 * per bundle), active X-Ray tracing, JSON logs in a log group with a retention, and Powertools settings.
 */
export class DriftwatchFunction extends Construct {
  readonly function: NodejsFunction;
  readonly logGroup: LogGroup;
  readonly timeout: Duration;

  constructor(scope: Construct, id: string, props: DriftwatchFunctionProps) {
    super(scope, id);
    this.timeout = props.timeout;

    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.RETAIN,
    });

    const configEnvironment: Record<string, string> =
      props.config.kind === 'environment'
        ? { [FUNCTION_ENVIRONMENT.config]: props.config.json }
        : { [FUNCTION_ENVIRONMENT.configFile]: CONFIG_FILE_RUNTIME_PATH };
    const stagedConfig =
      props.config.kind === 'file'
        ? stageConfigFile(this, props.config.json, props.config.sha256)
        : undefined;

    this.function = new NodejsFunction(this, 'Function', {
      entry: props.entry,
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      tracing: Tracing.ACTIVE,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel.INFO,
      systemLogLevelV2: SystemLogLevel.WARN,
      retryAttempts: props.asyncRetryAttempts,
      maxEventAge: props.asyncMaxEventAge,
      environment: {
        [FUNCTION_ENVIRONMENT.powertoolsServiceName]: props.serviceName,
        [FUNCTION_ENVIRONMENT.powertoolsMetricsNamespace]: METRICS_NAMESPACE,
        ...props.environment,
        ...configEnvironment,
      },
      bundling: {
        minify: true,
        sourceMap: false,
        target: BUNDLE_TARGET,
        format: OutputFormat.ESM,
        mainFields: [...MAIN_FIELDS],
        banner: ESM_REQUIRE_BANNER,
        externalModules: externalModules(props.awsSdk),
        ...(stagedConfig === undefined
          ? {}
          : {
              commandHooks: {
                beforeBundling: () => [],
                beforeInstall: () => [],
                afterBundling: (_inputDir: string, outputDir: string) => [
                  `cp ${shellQuote(stagedConfig)} ${shellQuote(join(outputDir, CONFIG_FILE_NAME))}`,
                ],
              },
            }),
      },
    });

    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Node.js 22 is pinned on purpose: it is the runtime the bundles are built for (esbuild target node22) and tested against, supported by Lambda until 2027. Moving to Node.js 24 is a deliberate upgrade, not an automatic one.',
    });
    // Acknowledged on the role (and so its default policy); each finding is named exactly, so a new
    // wildcard added to the role later is still reported.
    this.acknowledgeRoleFindings(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason:
          'AWSLambdaBasicExecutionRole only allows writing CloudWatch Logs; it is the AWS-maintained minimum of a Lambda execution role.',
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'Resource "*" only for actions without resource-level permissions: X-Ray PutTraceSegments / PutTelemetryRecords (active tracing) and, on the stream consumer, dynamodb:ListStreams (added by the DynamoDB event source).',
      },
    );
  }

  /**
   * Acknowledges cdk-nag findings on this function's execution role, where the construct that made a grant
   * can say why the grant is as narrow as the service allows.
   */
  acknowledgeRoleFindings(...acknowledgments: FindingAcknowledgment[]): void {
    Validations.of(this.function.role ?? this.function).acknowledge(...acknowledgments);
  }
}

/**
 * Writes the configuration JSON into the cloud assembly directory (cdk.out) so that the bundling hook can
 * copy it next to the handler. Named by content hash: functions with the same configuration share one file.
 */
function stageConfigFile(scope: Construct, json: string, sha256: string): string {
  const outdir = Stage.of(scope)?.outdir ?? PROJECT_ROOT;
  const directory = join(outdir, 'driftwatch-config');
  mkdirSync(directory, { recursive: true });
  const file = join(directory, `${sha256}.json`);
  writeFileSync(file, json);
  return file;
}

/** Quotes one argument for a POSIX shell (the bundling hooks run under bash). */
function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { ManagedPolicy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { AWS_SDK_SOURCE } from '../bundling.ts';
import type { ConfigDelivery } from '../config-delivery.ts';
import { FUNCTION_ENVIRONMENT } from '../function-environment.ts';
import { DriftwatchFunction } from './driftwatch-function.ts';
import { KMS_ACTION_FAMILIES } from './nag-findings.ts';

/** The one route producers call. */
export const INGEST_ROUTE = { method: HttpMethod.POST, path: '/events' } as const;

export interface IngestThrottle {
  /** Steady-state requests per second across all producers. */
  readonly rateLimit: number;
  /** Requests allowed in a burst above the rate. */
  readonly burstLimit: number;
}

/**
 * 500 requests/s (each request may carry a batch of events), bursts of 1,000: far above the design load of
 * 100 events/s, far below the account's 10,000 requests/s, so a runaway producer is slowed (429) before it
 * runs up Lambda and DynamoDB costs or starves other APIs of the account.
 */
export const DEFAULT_INGEST_THROTTLE: IngestThrottle = { rateLimit: 500, burstLimit: 1_000 };

export interface IngestApiProps {
  /** The ingest handler's source file. */
  readonly entry: string;
  /** Accepted events are written here. */
  readonly eventsTable: ITable;
  readonly config: ConfigDelivery;
  /** @default DEFAULT_INGEST_THROTTLE */
  readonly throttle?: IngestThrottle;
  /** @default RemovalPolicy.RETAIN */
  readonly logRemovalPolicy?: RemovalPolicy;
}

/**
 * `POST /events` on an API Gateway HTTP API, authorised with IAM (callers sign with SigV4 and need
 * `execute-api:Invoke` on the route: attach `producerPolicy`), throttled, with JSON access logs, proxying to
 * the ingest function (payload format 2.0).
 */
export class IngestApi extends Construct {
  readonly api: HttpApi;
  readonly handler: DriftwatchFunction;
  /** Attach to a producer's role or user to let it send events. */
  readonly producerPolicy: ManagedPolicy;
  /** `https://…/events` */
  readonly eventsUrl: string;

  constructor(scope: Construct, id: string, props: IngestApiProps) {
    super(scope, id);
    const throttle = props.throttle ?? DEFAULT_INGEST_THROTTLE;
    validateThrottle(throttle);

    this.handler = new DriftwatchFunction(this, 'Ingest', {
      entry: props.entry,
      awsSdk: AWS_SDK_SOURCE.ingest,
      description: 'driftwatch: validates posted events and stores each accepted one exactly once',
      serviceName: 'ingest',
      // Validation is CPU-bound; 512 MB keeps p99 latency low for batches without paying for idle memory.
      memorySize: 512,
      timeout: Duration.seconds(10),
      config: props.config,
      logRemovalPolicy: props.logRemovalPolicy,
      environment: { [FUNCTION_ENVIRONMENT.eventsTableName]: props.eventsTable.tableName },
    });
    props.eventsTable.grantWriteData(this.handler.function);
    this.handler.acknowledgeRoleFindings(...KMS_ACTION_FAMILIES);

    this.api = new HttpApi(this, 'Api', {
      description: 'driftwatch event ingestion',
      createDefaultStage: false,
    });
    this.api.addRoutes({
      path: INGEST_ROUTE.path,
      methods: [INGEST_ROUTE.method],
      integration: new HttpLambdaIntegration('IngestIntegration', this.handler.function),
      authorizer: new HttpIamAuthorizer(),
    });

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.THREE_MONTHS,
      removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.RETAIN,
    });
    const stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // Who called (IAM caller), what, and how it ended. No request bodies: events may hold personal data.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            caller: '$context.identity.userArn',
            accountId: '$context.identity.accountId',
            sourceIp: '$context.identity.sourceIp',
            routeKey: '$context.routeKey',
            status: '$context.status',
            responseLength: '$context.responseLength',
            latencyMs: '$context.responseLatency',
            integrationStatus: '$context.integrationStatus',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
          }),
        ),
      },
    });

    this.eventsUrl = `${this.api.apiEndpoint}${INGEST_ROUTE.path}`;
    this.producerPolicy = new ManagedPolicy(this, 'ProducerPolicy', {
      description: 'Allows sending events to driftwatch (POST /events)',
      statements: [
        new PolicyStatement({
          actions: ['execute-api:Invoke'],
          resources: [this.api.arnForExecuteApi(INGEST_ROUTE.method, INGEST_ROUTE.path, stage.stageName)],
        }),
      ],
    });
  }
}

function validateThrottle(throttle: IngestThrottle): void {
  const { rateLimit, burstLimit } = throttle;
  if (!(Number.isFinite(rateLimit) && rateLimit > 0 && Number.isInteger(burstLimit) && burstLimit > 0)) {
    throw new Error(
      `ingest throttle needs a positive rateLimit and a positive integer burstLimit (got rateLimit=${rateLimit}, burstLimit=${burstLimit})`,
    );
  }
}

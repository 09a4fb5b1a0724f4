import { RemovalPolicy } from 'aws-cdk-lib';

/** The stage a `cdk deploy` without `-c stage=…` targets. */
export const DEFAULT_STAGE = 'dev';

/** The stage whose data may never be deleted with the stack. */
export const PRODUCTION_STAGE = 'prod';

// Stage names become part of the stack name (CloudFormation: letters, digits and dashes, ≤ 128 characters)
// and of the resource names CloudFormation derives from it; 20 characters leave room for both.
const STAGE_NAME = /^[a-z][a-z0-9-]{0,19}$/;

/** Thrown for a stage name or a removal request the app refuses; the message says what it got. */
export class StageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StageError';
  }
}

export interface Stage {
  /** e.g. `dev`, `staging`, `prod`. */
  readonly name: string;
  readonly isProduction: boolean;
  /**
   * What happens to stored data (tables, report bucket, encryption key) when the stack is deleted or the
   * resource replaced. RETAIN unless a non-production stage explicitly asked for DESTROY.
   */
  readonly dataRemovalPolicy: RemovalPolicy;
}

export interface StageOptions {
  /** From `-c stage=…`. @default 'dev' */
  readonly name?: string;
  /**
   * From `-c destroyData=true`: delete tables, reports and the data key with the stack. Refused for the
   * production stage, so a copy-pasted command line cannot wipe production data.
   * @default false - data is retained
   */
  readonly destroyData?: boolean;
}

/**
 * Resolves the deployment stage and the removal policy of stored data.
 *
 * @throws {StageError} for a name that is not lower-case letters, digits and dashes (≤ 20, starting with a
 * letter), or when DESTROY is requested for the production stage.
 * @example resolveStage({ name: 'prod' }).dataRemovalPolicy // RemovalPolicy.RETAIN
 */
export function resolveStage(options: StageOptions = {}): Stage {
  const name = options.name ?? DEFAULT_STAGE;
  if (!STAGE_NAME.test(name)) {
    throw new StageError(
      `stage must be lower-case letters, digits and dashes, starting with a letter, at most 20 characters (got ${JSON.stringify(name)})`,
    );
  }
  const isProduction = name === PRODUCTION_STAGE;
  if (options.destroyData === true && isProduction) {
    throw new StageError(
      `destroyData=true is refused for the "${PRODUCTION_STAGE}" stage: production data is always retained`,
    );
  }
  return {
    name,
    isProduction,
    dataRemovalPolicy: options.destroyData === true ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
  };
}

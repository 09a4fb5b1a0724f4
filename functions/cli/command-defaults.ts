/**
 * Defaults the command line shows in its help. They live apart from the commands' implementations, which
 * main.ts loads only when their command runs: `driftwatch evaluate` then starts without loading the local
 * stack, the demo or the AWS SDK.
 */

/** Where the demo writes its report unless told otherwise (git-ignored). */
export const DEFAULT_DEMO_OUT = '.driftwatch/demo';

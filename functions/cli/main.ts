import { Command, Option } from 'commander';
import { DEFAULT_CONFIG_PATH } from '../config/load-config-file.ts';
import { DEFAULT_DEMO_OUT, runDemo } from './demo-command.ts';
import { runEvaluate } from './evaluate-command.ts';
import { registerFreezeBaselineCommand } from './freeze-baseline-command.ts';
import { registerReportCommand } from './report-command.ts';
import { runStart } from './start-command.ts';

const program = new Command()
  .name('driftwatch')
  .description('Drift and SLO alerting for AI agents and model-driven decisions')
  .showHelpAfterError();

program
  .command('evaluate')
  .description('evaluate every configured monitor exactly from a JSONL file of events')
  .requiredOption('--events <file>', 'JSONL file, one event per line')
  .option('--config <file>', 'monitor configuration (YAML or JSON)', DEFAULT_CONFIG_PATH)
  .option('--at <time>', 'evaluate as of this ISO-8601 time (default: the minute after the latest event)')
  .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
  .option('--skip-invalid', 'skip and count invalid lines instead of stopping at the first one')
  .action(async (options) => {
    process.stdout.write(await runEvaluate(options));
  });

program
  .command('start')
  .description(
    'run the whole pipeline on this machine: DynamoDB Local, SNS/SQS emulator, POST /events, dashboard',
  )
  .option('--config <file>', 'monitor configuration (YAML or JSON)', DEFAULT_CONFIG_PATH)
  .option(
    '--port <port>',
    'HTTP port of POST /events and the dashboard (default 3000, or a free one if taken; 0: any)',
  )
  .option('--dynamodb-port <port>', 'DynamoDB Local port (default 8000, or a free one if taken; 0: any)')
  .option('--sns-port <port>', 'SNS/SQS emulator port (default 4566, or a free one if taken; 0: any)')
  .option('--data <dir>', 'keep the DynamoDB data in this directory between runs (default: in memory)')
  .option('--evaluate-every <duration>', 'evaluation cadence, e.g. 1m or 5s', '1m')
  .option('--history <duration>', 'how far back the dashboard charts go', '24h')
  .option('--verbose', 'log every request and handler step')
  .action(async (options) => {
    await runStart(options);
  });

program
  .command('demo')
  .description(
    'replay a week of three agents with a canary regression, an outage and a drift through the local pipeline',
  )
  .option('--config <file>', 'the demo configuration', 'config/demo.yaml')
  .option('--out <dir>', 'where to write the weekly report', DEFAULT_DEMO_OUT)
  .option('--serve', 'keep the dashboard of the demo week running after the replay (Ctrl-C stops it)')
  .option('--port <port>', 'HTTP port of the dashboard (default: any free port)')
  .option('--quiet-every <duration>', 'evaluation cadence outside the incidents (simulated time)', '1h')
  .option('--busy-every <duration>', 'evaluation cadence around the incidents (simulated time)', '10m')
  .action(async (options) => {
    if (!(await runDemo(options))) process.exitCode = 1;
  });

registerReportCommand(program);
registerFreezeBaselineCommand(program, DEFAULT_CONFIG_PATH);

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`driftwatch: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});

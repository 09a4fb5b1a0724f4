import { Command, Option } from 'commander';
import { DEFAULT_CONFIG_PATH } from '../config/load-config-file.ts';
import { DEFAULT_DEMO_OUT } from './command-defaults.ts';
import type { DemoCommandOptions } from './demo-command.ts';
import type { EvaluateCommandOptions } from './evaluate-command.ts';
import type { FreezeBaselineOptions } from './freeze-baseline-command.ts';
import type { ReportCommandOptions } from './report-command.ts';
import type { StartCommandOptions } from './start-command.ts';

// Each command's implementation is imported when that command runs, not up front: the local stack, the demo
// and the AWS SDK took about a second to load, which `driftwatch evaluate` and `--help` never need.

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
  .action(async (options: EvaluateCommandOptions) => {
    const { runEvaluate } = await import('./evaluate-command.ts');
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
  .action(async (options: StartCommandOptions) => {
    const { runStart } = await import('./start-command.ts');
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
  .action(async (options: DemoCommandOptions) => {
    const { runDemo } = await import('./demo-command.ts');
    if (!(await runDemo(options))) process.exitCode = 1;
  });

program
  .command('report')
  .description('weekly governance report of every monitor: self-contained HTML, JSON and a text summary')
  .requiredOption('--week <week>', 'ISO week, e.g. 2026-W47 (Monday 00:00 to Monday 00:00 UTC)')
  .option('--out <dir>', 'directory for report.html, report.json and summary.txt', '.')
  .option('--config <file>', 'monitor configuration (YAML or JSON)', DEFAULT_CONFIG_PATH)
  .option('--events <file>', 'JSONL file of events: report offline and exactly from it')
  .option('--state-table <name>', 'report from this State table instead (alert history included)')
  .option('--endpoint <url>', 'DynamoDB endpoint for --state-table, e.g. http://localhost:8000')
  .option('--region <region>', 'AWS region for --state-table', 'us-east-1')
  .option('--at <time>', 'report as of this ISO-8601 time (default: end of the data, or now)')
  .action(async (options: ReportCommandOptions) => {
    const { runReport } = await import('./report-command.ts');
    process.stdout.write((await runReport(options)).text);
  });

program
  .command('freeze-baseline')
  .description("pin a monitor's drift baseline to the range it covers now, so it stops moving")
  .requiredOption('--monitor <name>', 'the monitor whose baseline to freeze')
  .requiredOption('--state-table <name>', 'the State table of the deployment (or of npm start)')
  .option('--endpoint <url>', 'DynamoDB endpoint, e.g. http://localhost:8000 for npm start')
  .option('--region <region>', 'AWS region', 'us-east-1')
  .option('--config <file>', 'monitor configuration (YAML or JSON)', DEFAULT_CONFIG_PATH)
  .option('--at <time>', 'freeze the baseline as of this ISO-8601 time (default: now)')
  .action(async (options: FreezeBaselineOptions) => {
    const { runFreezeBaseline } = await import('./freeze-baseline-command.ts');
    const pin = await runFreezeBaseline(options);
    process.stdout.write(
      `${options.monitor}: baseline frozen to ${new Date(pin.from).toISOString()} .. ${new Date(pin.to).toISOString()}\n`,
    );
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`driftwatch: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});

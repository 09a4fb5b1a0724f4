import { Command, Option } from 'commander';
import { DEFAULT_CONFIG_PATH } from '../config/load-config-file.ts';
import { runEvaluate } from './evaluate-command.ts';

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

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`driftwatch: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});

#!/usr/bin/env node
/**
 * The headless lab: `npm run lab -- run --dataset mnist --model lenet300 --method dns --epochs 4`.
 * Bad flags get one line on stderr and exit code 2.
 */
import { runCommand, RUN_HELP } from './run';
import { sensitivityCommand, SENSITIVITY_HELP } from './sensitivity';
import { sweepCommand, SWEEP_HELP } from './sweep';
import { UsageError } from './args';

const HELP = `Pruning Lab, headless.

Usage: npm run lab -- <command> [flags]

Commands:
  run     train (from a shipped dense checkpoint by default) and prune one model
  sweep   compare methods x targets x seeds on one budget (JSON of runs + CSV)
  sensitivity   prune one layer at a time without retraining (Distiller style)
  help    this text

${RUN_HELP}

${SWEEP_HELP}

${SENSITIVITY_HELP}`;

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'run':
      return runCommand(rest);
    case 'sweep':
      return sweepCommand(rest);
    case 'sensitivity':
      return sensitivityCommand(rest);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(HELP + '\n');
      return 0;
    default:
      throw new UsageError(`unknown command "${cmd}" (try: npm run lab -- help)`);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof UsageError) {
      process.stderr.write(`lab: ${err.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`lab: ${err instanceof Error ? err.message : String(err)}\n`);
    if (process.env['LAB_DEBUG'] && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    process.exit(1);
  },
);

#!/usr/bin/env node
/**
 * The headless lab: `npm run lab -- run --dataset mnist --model lenet300 --method dns --epochs 4`.
 * Bad flags get one line on stderr and exit code 2.
 */
import { exportCommand, EXPORT_HELP } from './export';
import { reportCommand, REPORT_HELP } from './report';
import { runCommand, RUN_HELP } from './run';
import { sensitivityCommand, SENSITIVITY_HELP } from './sensitivity';
import { sweepCommand, SWEEP_HELP } from './sweep';
import { transferCommand, TRANSFER_HELP } from './transfer';
import { UsageError } from './args';
import { useKernelsFromEnv } from '../node/kernels';

const HELP = `Pruning Lab, headless.

Usage: npm run lab -- <command> [flags]

Commands:
  run     train (from a shipped dense checkpoint by default) and prune one model
  sweep   compare methods x targets x seeds on one budget (JSON of runs + CSV)
  sensitivity   prune one layer at a time without retraining (Distiller style)
  transfer      does a run's mask carry over to other starts, seeds and data?
  export  write a run file as ONNX, TensorFlow.js, NumPy (PyTorch layout), CSV or config
  report  what pruning buys: size, MACs, bytes of real files, int8, calibration (--full: robustness, latency)
  help    this text

Training steps of MLPs run in the lab's own wasm kernels (asm/mlp.ts) where they apply; set
LAB_KERNELS=tfjs for tfjs ops only, or dense / sparse to force those kernels.

${RUN_HELP}

${SWEEP_HELP}

${SENSITIVITY_HELP}

${REPORT_HELP}

${EXPORT_HELP}

${TRANSFER_HELP}`;

async function main(argv: string[]): Promise<number> {
  useKernelsFromEnv();
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'run':
      return runCommand(rest);
    case 'sweep':
      return sweepCommand(rest);
    case 'sensitivity':
      return sensitivityCommand(rest);
    case 'report':
      return reportCommand(rest);
    case 'transfer':
      return transferCommand(rest);
    case 'export':
      return exportCommand(rest);
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

/**
 * The `kube-anatomy` command line. `main(argv, io)` is a plain function (tested in-process);
 * the bundle's entry calls it with process.argv and exits with its code.
 */
import { displayText } from '../core/display';
import { readManifestFile } from './readFile';
import { parseSimulateArgs, USAGE, UsageError } from './args';
import { RUN_USAGE, runScenarios } from './run';
import { runServe, SERVE_USAGE } from './serve';
import { errorMessage, runSimulate, type CliIO, type RunExtras } from './simulate';

export type { CliIO, RunExtras } from './simulate';

/** Runs the CLI (with optional programmatic extras); returns the exit code (0 ok, 1 input errors, 2 usage error). Never throws. */
export function main(argv: readonly string[], io: CliIO, extras: RunExtras = {}): number {
  try {
    if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
      (argv.length === 0 ? io.stderr : io.stdout)(`${USAGE}\n${RUN_USAGE}\n${SERVE_USAGE}\n`);
      return argv.length === 0 ? 2 : 0;
    }
    if (argv[0] === 'run') return argv[1] === '--help' || argv[1] === '-h' ? (io.stdout(RUN_USAGE + '\n'), 0) : runScenarios(argv.slice(1), io);
    if (argv[0] !== 'simulate') throw new UsageError(`unknown command "${argv[0]}"`);
    if (argv[1] === '--help' || argv[1] === '-h') return io.stdout(USAGE + '\n'), 0;
    return runSimulate(parseSimulateArgs(argv.slice(1)), io, extras);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`kube-anatomy: ${displayText(err.message)}\n${err.details.map((d) => displayText(d) + '\n').join('')}${argv[0] === 'run' ? RUN_USAGE : USAGE}\n`);
      return 2;
    }
    io.stderr(`kube-anatomy: internal error: ${displayText(errorMessage(err))}\n`);
    return 1;
  }
}

/** The real process's IO. */
export const nodeIO: CliIO = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  readFile: (p) => readManifestFile(p),
};

/** `kube-anatomy serve` runs until Ctrl+C, so it is asynchronous; usage errors exit 2 as elsewhere. */
export async function serveMain(argv: readonly string[], io: CliIO): Promise<number> {
  if (argv[0] === '--help' || argv[0] === '-h') return io.stdout(SERVE_USAGE + '\n'), 0;
  try {
    return await runServe(argv, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`kube-anatomy: ${err.message}\n${SERVE_USAGE}\n`);
      return 2;
    }
    io.stderr(`kube-anatomy: ${errorMessage(err).split('\n')[0]}\n`);
    return 1;
  }
}

if (require.main === module) {
  // `kube-anatomy simulate … | head`: the reader went away, which is not an error of ours (as `cat`, exit quietly).
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    process.exit(process.exitCode ?? 0);
  });
  const argv = process.argv.slice(2);
  if (argv[0] === 'serve') void serveMain(argv.slice(1), nodeIO).then((code) => { process.exitCode = code; });
  else process.exitCode = main(argv, nodeIO);
}

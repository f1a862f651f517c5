/** Argument parsing for `kube-anatomy simulate` (no dependency: the grammar is small). */

/** A --fail request: a target and, optionally, the simulated second it happens at. */
export interface FailSpec {
  readonly target: string;
  readonly at: number | null;
}

/** Parsed `simulate` arguments. */
export interface SimulateArgs {
  readonly topology: string | null;
  readonly fails: readonly FailSpec[];
  readonly forSeconds: number | null;
  /** --at: print the cluster as it was at this simulated second of the run. */
  readonly atSeconds: number | null;
  readonly output: 'text' | 'json' | 'events';
  readonly files: readonly string[];
}

/**
 * Longest simulated span of --for and of --fail NAME@SECONDS: 7 days. Time is simulated event by event, and a
 * minutely CronJob costs about 0.6 s of CPU per simulated day (measured), so a year would take minutes.
 */
export const MAX_SIMULATED_SECONDS = 7 * 86400;

/** The usage text. */
export const USAGE = `usage: kube-anatomy simulate [--topology docker-server|single-node|multi-worker|ha|FILE] [--fail NAME[@SECONDS]]... [--for SECONDS] [--at SECONDS] [--output text|json|events] FILE...
  --for, --at and @SECONDS are at most ${MAX_SIMULATED_SECONDS} (7 simulated days)`;

/** A usage error (exit code 2). */
export class UsageError extends Error {}

const VALUE_FLAGS = new Set(['--topology', '--fail', '--for', '--at', '--output', '-o']);

/** Parses the arguments after `simulate`; throws UsageError. */
export function parseSimulateArgs(argv: readonly string[]): SimulateArgs {
  let topology: string | null = null;
  let forSeconds: number | null = null;
  let atSeconds: number | null = null;
  let output: SimulateArgs['output'] = 'text';
  const fails: FailSpec[] = [];
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = splitFlag(argv[i]);
    if (!VALUE_FLAGS.has(flag)) {
      if (flag.startsWith('-') && flag !== '-') throw new UsageError(`unknown flag: ${flag}`);
      files.push(argv[i]);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`flag needs an argument: ${flag}`);
    if (flag === '--topology') topology = value;
    else if (flag === '--fail') fails.push(parseFail(value));
    else if (flag === '--for') forSeconds = parseSeconds(value, '--for');
    else if (flag === '--at') atSeconds = parseSeconds(value, '--at');
    else output = parseOutput(value);
  }
  if (files.length === 0) throw new UsageError('no input files: give one or more manifest files');
  return { topology, fails, forSeconds, atSeconds, output, files };
}

function splitFlag(arg: string): [string, string | undefined] {
  const eq = arg.indexOf('=');
  return arg.startsWith('--') && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
}

function parseFail(value: string): FailSpec {
  const at = value.lastIndexOf('@');
  if (at < 0) return checkTarget({ target: value, at: null });
  return checkTarget({ target: value.slice(0, at), at: parseSeconds(value.slice(at + 1), '--fail') });
}

function checkTarget(f: FailSpec): FailSpec {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*(\/[a-z-]+)?$/.test(f.target)) throw new UsageError(`--fail: invalid target "${f.target}": expected NODE or NODE/COMPONENT`);
  return f;
}

function parseSeconds(value: string, flag: string): number {
  if (!/^\d+(\.\d+)?$/.test(value)) throw new UsageError(`${flag}: invalid number of seconds "${value}"`);
  const n = Number(value);
  if (n > MAX_SIMULATED_SECONDS) throw new UsageError(`${flag}: ${value} seconds is more than ${MAX_SIMULATED_SECONDS} (7 simulated days), the longest span the simulator runs`);
  return n;
}

function parseOutput(value: string): SimulateArgs['output'] {
  if (value !== 'text' && value !== 'json' && value !== 'events') throw new UsageError(`--output: must be text, json or events, not "${value}"`);
  return value;
}

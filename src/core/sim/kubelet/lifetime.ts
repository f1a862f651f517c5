/**
 * How long a container's command runs, read from the command itself where it plainly ends.
 *
 * The simulator does not run programs. It reads `command` + `args` and recognises the commands a
 * learner writes to make a container stop: `sleep N`, `true`, `false`, `exit N`, `echo …`,
 * `printf …`, `date`, `env`, `hostname`, `ls …`, `cat FILE`, `wget`/`curl`… and shell scripts
 * (`sh -c` / `bash -c`) made only of such steps joined by `;`, `&&` or new lines. Such a
 * container ends after the sum of its sleeps with the exit code of its last step (an `exit N`, or
 * `false`), as it would in a real cluster, so a Deployment of `sleep 5` ends in CrashLoopBackOff.
 * `sleep infinity`, `tail -f`, `while true`-loops and anything else (a server, an unknown program,
 * no command at all: the image's own entrypoint) run until stopped. The annotations
 * `sim.kube-anatomy.dev/run-seconds` and `sim.kube-anatomy.dev/exit-code` override the reading.
 */
import { arr, str } from '../objects';
import type { Json } from '../types';

/** A container's command ends after `seconds` with exit `code`. */
export interface Ends { readonly seconds: number; readonly code: number }
/** 'forever': it does not end by itself; 'unknown': a program the simulator cannot read. */
export type Lifetime = Ends | 'forever' | 'unknown';

/** One-shot commands that print or inspect and return 0 at once. */
const QUICK = new Set(['echo', 'printf', 'date', 'env', 'printenv', 'hostname', 'ls', 'cat', 'pwd', 'whoami', 'id', 'uname', 'nslookup', 'wget', 'curl', 'touch', 'mkdir', 'cp', 'mv', 'rm', 'chmod', 'chown', 'ln', ':']);
/** Go-style duration suffixes `sleep` accepts in busybox/coreutils. */
const UNIT: Readonly<Record<string, number>> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };

function base(cmd: string): string {
  return cmd.slice(cmd.lastIndexOf('/') + 1);
}

/** Splits a shell script into simple steps; null when it holds constructs the simulator does not follow. */
function steps(script: string): string[][] | null {
  if (/\b(while|until|for)\b|[|&]\s*$|(^|[^&])&([^&]|$)|\$\(|`/.test(script)) return null;
  return script.split(/\n|;|&&/).map((s) => s.trim()).filter((s) => s !== '' && !s.startsWith('#'))
    .map((s) => s.split(/\s+/).map((w) => w.replace(/^["']|["']$/g, '')));
}

/** The lifetime of one simple command (program + arguments). */
function commandLifetime(words: readonly string[]): Lifetime {
  const [cmd, ...rest] = words;
  const name = base(cmd ?? '');
  switch (name) {
    case 'sleep': {
      if (rest.length === 0) return { seconds: 0, code: 1 }; // "sleep: missing operand"
      let total = 0;
      for (const a of rest) {
        if (a === 'infinity' || a === 'inf') return 'forever';
        const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(a);
        if (!m) return 'unknown';
        total += Number(m[1]) * UNIT[m[2]];
      }
      return { seconds: Math.ceil(total), code: 0 };
    }
    case 'true': return { seconds: 0, code: 0 };
    case 'false': return { seconds: 0, code: 1 };
    case 'exit': {
      const code = rest.length === 0 ? 0 : Number(rest[0]);
      return Number.isInteger(code) ? { seconds: 0, code: code & 255 } : 'unknown';
    }
    case 'tail': return rest.some((a) => a === '-f' || a === '-F' || a.startsWith('--follow')) ? 'forever' : { seconds: 0, code: 0 };
    case 'sh': case 'bash': case 'ash': case 'dash': {
      const i = rest.indexOf('-c');
      if (i < 0 || i + 1 >= rest.length) return 'unknown';
      return scriptLifetime(rest[i + 1]);
    }
    default:
      return QUICK.has(name) ? { seconds: 0, code: 0 } : 'unknown';
  }
}

/** A script's lifetime: its steps in order; it ends with its last step's code, or at an `exit`. */
export function scriptLifetime(script: string): Lifetime {
  const list = steps(script);
  if (list === null || list.length === 0) return list === null ? 'unknown' : { seconds: 0, code: 0 };
  let seconds = 0;
  for (let i = 0; i < list.length; i++) {
    const l = commandLifetime(list[i]);
    if (typeof l === 'string') return l;
    seconds += l.seconds;
    if (base(list[i][0]) === 'exit' || i === list.length - 1) return { seconds, code: l.code };
    if (l.code !== 0 && script.includes('set -e')) return { seconds, code: l.code };
  }
  return { seconds, code: 0 };
}

/** The lifetime of a container from `command` and `args` (no command: the image's entrypoint, 'unknown'). */
export function containerLifetime(c: Json): Lifetime {
  const command = arr(c.command).map((x) => str(x) ?? String(x));
  const args = arr(c.args).map((x) => str(x) ?? String(x));
  if (command.length === 0) return 'unknown';
  return commandLifetime([...command, ...args]);
}

const cache = new WeakMap<object, Lifetime>();

/**
 * The pod's lifetime: the first of its containers to end decides (its restart then drives the pod's
 * stage; the simulation follows one lifecycle per pod). Memoized per containers array.
 */
export function podLifetime(containers: readonly Json[]): Lifetime {
  let l = cache.get(containers);
  if (l !== undefined) return l;
  let best: Lifetime = 'unknown';
  let anyForever = false;
  for (const c of containers) {
    const x = containerLifetime(c);
    if (x === 'forever') anyForever = true;
    else if (typeof x !== 'string' && (typeof best === 'string' || x.seconds < best.seconds)) best = x;
  }
  l = typeof best !== 'string' ? best : anyForever ? 'forever' : 'unknown';
  cache.set(containers, l);
  return l;
}

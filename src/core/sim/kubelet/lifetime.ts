/**
 * How long a container's command runs, read from the command itself where it plainly ends.
 *
 * The simulator does not run programs. It reads `command` + `args` and recognises the commands a
 * learner writes to make a container stop: `sleep N`, `true`, `false`, `exit N`, `echo …`,
 * `printf …`, `date`, `env`, `hostname`, `ls …`, `cat FILE`, `wget`/`curl`… and shell scripts
 * (`sh -c` / `bash -c`) made only of such steps joined by `;`, `&&` or new lines, and short `python3 -c`
 * scripts (python.ts) that exit by the container's environment. Such a
 * container ends after the sum of its sleeps with the exit code of its last step (an `exit N`, or
 * `false`), as it would in a real cluster, so a Deployment of `sleep 5` ends in CrashLoopBackOff.
 * `sleep infinity`, `tail -f`, `while true`-loops and anything else (a server, an unknown program,
 * no command at all: the image's own entrypoint) run until stopped. The annotations
 * `sim.kube-anatomy.dev/run-seconds` and `sim.kube-anatomy.dev/exit-code` override the reading.
 */
import { bytes } from '../../quantity';
import { arr, obj, str } from '../objects';
import type { Json } from '../types';
import { pythonLifetime, pythonScript, type EnvLookup } from './python';

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

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash']);

/** A container's `command` then `args`, as words. */
function commandWords(c: Json): string[] {
  return [...arr(c.command), ...arr(c.args)].map((x) => str(x) ?? String(x));
}

/** The script of a `sh -c SCRIPT` (or bash, ash, dash) command, else null. */
function shellScript(words: readonly string[]): string | null {
  const i = words.indexOf('-c');
  return i >= 1 && i + 1 < words.length && SHELLS.has(base(words[0])) ? words[i + 1] : null;
}

/** `while true; do …; done` (or `while :`, `until false`) with no `break` or `exit` in it: the script never ends. */
const ENDLESS = /^\s*(?:while\s+(?:true|:)|until\s+false)\s*[;\n]\s*do\b(?![\s\S]*\b(?:break|exit)\b)/;

/** Shell words that open or continue a compound command (a loop, a condition) the simulator does not follow. */
const COMPOUND = new Set(['while', 'until', 'for', 'do', 'done', 'if', 'then', 'else', 'elif', 'fi', 'case', 'esac', 'select', '{', '}', '(', ')']);

/** Splits a shell script into simple steps; null when it holds constructs the simulator does not follow. */
function steps(script: string): string[][] | null {
  if (/[|&]\s*$|(^|[^&])&([^&]|$)|\$\(|`/.test(script)) return null;
  const out = script.split(/\n|;|&&/).map((s) => s.trim()).filter((s) => s !== '' && !s.startsWith('#'))
    .map((s) => s.split(/\s+/).map((w) => w.replace(/^["']|["']$/g, '')));
  return out.some((words) => COMPOUND.has(words[0])) ? null : out;
}

/** No environment: a script that reads a variable is not followed. */
const NO_ENV: EnvLookup = () => undefined;

/** The lifetime of one simple command (program + arguments). */
function commandLifetime(words: readonly string[], env: EnvLookup = NO_ENV): Lifetime {
  const [cmd, ...rest] = words;
  const name = base(cmd ?? '');
  const python = pythonScript(words);
  if (python !== null) return pythonLifetime(python, env);
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
      const script = shellScript(words);
      return script === null ? 'unknown' : scriptLifetime(script);
    }
    default:
      return QUICK.has(name) ? { seconds: 0, code: 0 } : 'unknown';
  }
}

/** A script's lifetime: its steps in order; it ends with its last step's code, or at an `exit`. */
export function scriptLifetime(script: string): Lifetime {
  if (ENDLESS.test(script)) return 'forever';
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

/**
 * The lifetime of a container from `command` and `args` (no command: the image's entrypoint, 'unknown'). `env` gives
 * the container's environment as the kubelet sets it, for a script that reads it (python.ts).
 */
export function containerLifetime(c: Json, env: EnvLookup = NO_ENV): Lifetime {
  if (arr(c.command).length === 0) return 'unknown';
  const words = commandWords(c);
  const hog = memoryHog(words);
  if (hog === null) return commandLifetime(words, env);
  // The kernel OOM-kills the process as soon as its cgroup passes the limit: exit 137 (SIGKILL), reason OOMKilled.
  if (overLimit(c, hog)) return { seconds: 0, code: OOM_EXIT_CODE };
  return hog.timeout === null ? 'forever' : { seconds: hog.timeout, code: 0 };
}

/** The kubelet keeps at most 4096 bytes of a termination message, and of the log fallback the last 80 lines (2048 bytes). */
const MESSAGE_BYTES = 4096;
const LOG_LINES = 80;
const LOG_BYTES = 2048;

/**
 * The termination message the kubelet puts in a terminated container's status (`state.terminated.message`), from what
 * its `sh -c` script writes to its `terminationMessagePath` (default `/dev/termination-log`) with `echo`/`printf` and
 * `>` or `>>`, as the Determine the Reason for Pod Failure page's `echo Sleep expired > /dev/termination-log`
 * (https://kubernetes.io/docs/tasks/debug/debug-application/determine-reason-pod-failure/). With
 * `terminationMessagePolicy: FallbackToLogsOnError`, a container that failed without writing one gets the end of its
 * log (what it echoed) instead. Undefined when there is none, or the script is not one the simulator follows.
 */
export function terminationMessage(c: Json, exitCode: number): string | undefined {
  const script = shellScript(commandWords(c));
  const list = script === null ? null : steps(script);
  if (list === null) return undefined;
  const { file, log } = scriptWrites(list, str(c.terminationMessagePath) ?? '/dev/termination-log');
  if (file !== '') return file.slice(0, MESSAGE_BYTES);
  if (exitCode === 0 || c.terminationMessagePolicy !== 'FallbackToLogsOnError' || log === '') return undefined;
  const tail = log.split('\n').slice(-LOG_LINES - 1).join('\n');
  return tail.length > LOG_BYTES ? tail.slice(tail.length - LOG_BYTES) : tail;
}

/** What a script's `echo`/`printf` steps write, up to its `exit`: to the file at `path`, and to its output (the log). */
function scriptWrites(list: readonly (readonly string[])[], path: string): { readonly file: string; readonly log: string } {
  let file = '';
  let log = '';
  for (const words of list) {
    const name = base(words[0] ?? '');
    if (name === 'echo' || name === 'printf') {
      const redirect = redirectOf(words);
      const text = printed(name, words.slice(1, redirect?.at ?? words.length));
      if (redirect === null) log += text;
      else if (redirect.target === path) file = (redirect.append ? file : '') + text;
    }
    if (name === 'exit') break;
  }
  return { file, log };
}

/** What `echo` or `printf` prints with these arguments (a redirection already taken off). */
function printed(name: string, words: readonly string[]): string {
  if (name === 'printf') return words.join(' ').replace(/\\n/g, '\n');
  const noNewline = words[0] === '-n';
  const text = (noNewline || words[0] === '-e' ? words.slice(1) : words).join(' ');
  return noNewline ? text : `${text}\n`;
}

/**
 * A step's output redirection, `> FILE`, `>> FILE` or `>FILE` (not `>&2`): the index of its first word, the file, and
 * whether it appends; null when the step writes to its log.
 */
function redirectOf(step: readonly string[]): { readonly at: number; readonly target: string; readonly append: boolean } | null {
  const spaced = step.findIndex((w) => w === '>' || w === '>>');
  if (spaced >= 0 && step[spaced + 1]) return { at: spaced, target: step[spaced + 1], append: step[spaced] === '>>' };
  const inline = step.findIndex((w) => /^>>?[^>&]/.test(w));
  return inline < 0 ? null : { at: inline, target: step[inline].replace(/^>>?/, ''), append: step[inline].startsWith('>>') };
}

/** The exit code of a process killed by SIGKILL (128 + 9), as the OOM killer does. */
export const OOM_EXIT_CODE = 137;

/**
 * Whether the container allocates more memory than its limit, so the kernel's OOM killer ends it (containerd reports
 * the container terminated with reason OOMKilled): the Assign Memory Resources page's `stress --vm 1 --vm-bytes 250M`
 * under a 100Mi limit (https://kubernetes.io/docs/tasks/configure-pod-container/assign-memory-resource/#exceed-a-containers-memory-limit).
 */
export function oomKills(c: Json): boolean {
  if (arr(c.command).length === 0) return false;
  const hog = memoryHog(commandWords(c));
  return hog !== null && overLimit(c, hog);
}

/** Whether the memory a command holds passes its container's `limits.memory` (no limit: nothing to pass). */
function overLimit(c: Json, hog: { readonly bytes: number }): boolean {
  const limit = bytes(obj(obj(c.resources)?.limits)?.memory ?? '');
  return limit.ok && hog.bytes > limit.value;
}

/** stress's size suffixes (stress.c atoll_b: b, k, m, g, powers of 1024). */
const STRESS_SIZE = /^(\d+)([bkmg]?)$/i;
const STRESS_UNIT: Readonly<Record<string, number>> = { '': 1, b: 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30 };
/** stress's time suffixes for --timeout (s, m, h, d, y). */
const STRESS_TIME = /^(\d+)([smhdy]?)$/;
const STRESS_SECONDS: Readonly<Record<string, number>> = { '': 1, s: 1, m: 60, h: 3600, d: 86400, y: 31536000 };

/**
 * The memory a `stress` command (polinux/stress, the image the Kubernetes tasks use) holds: `--vm N` workers (`-m N`)
 * of `--vm-bytes B` each (default 256 MB), and when it stops by itself (`--timeout N`, `-t N`; else never). Null when the
 * command is not stress with memory workers.
 */
function memoryHog(words: readonly string[]): { readonly bytes: number; readonly timeout: number | null } | null {
  if (base(words[0] ?? '') !== 'stress') return null;
  let workers = 0;
  let each = 256 * 2 ** 20;
  let timeout: number | null = null;
  for (let i = 1; i < words.length; i++) {
    const [flag, inline] = words[i].includes('=') ? words[i].split('=', 2) : [words[i], undefined];
    const value = inline ?? words[i + 1];
    if (flag === '--vm' || flag === '-m') workers = Number(value) || 0;
    else if (flag === '--vm-bytes') {
      const m = STRESS_SIZE.exec(value ?? '');
      if (!m) return null;
      each = Number(m[1]) * STRESS_UNIT[m[2].toLowerCase()];
    } else if (flag === '--timeout' || flag === '-t') {
      const m = STRESS_TIME.exec(value ?? '');
      if (m) timeout = Number(m[1]) * STRESS_SECONDS[m[2]];
    } else continue;
    if (inline === undefined) i++;
  }
  return workers > 0 ? { bytes: workers * each, timeout } : null;
}

const cache = new WeakMap<object, Lifetime>();

/**
 * The pod's lifetime: the first of its containers to end decides (its restart then drives the pod's
 * stage; the simulation follows one lifecycle per pod). Memoized per containers array; `envOf` gives each
 * container's environment (a Job's completion index), and a pod's containers array is its own.
 */
export function podLifetime(containers: readonly Json[], envOf?: (c: Json) => EnvLookup): Lifetime {
  let l = cache.get(containers);
  if (l !== undefined) return l;
  let best: Lifetime = 'unknown';
  let anyForever = false;
  for (const c of containers) {
    const x = containerLifetime(c, envOf?.(c));
    if (x === 'forever') anyForever = true;
    else if (typeof x !== 'string' && (typeof best === 'string' || x.seconds < best.seconds)) best = x;
  }
  l = typeof best !== 'string' ? best : anyForever ? 'forever' : 'unknown';
  // A script that may read its environment is read again each time: pods can share a containers array.
  if (!containers.some((c) => pythonScript(commandWords(c)) !== null)) cache.set(containers, l);
  return l;
}

/** A container of a pod with several that ends by itself: when and with what code, and whether the kubelet restarts it. */
export interface PartEnd extends Ends { readonly restarts: boolean }

/** partialEnds' answers per restart policy and Job-ness, then per containers array. */
const partCache = new Map<string, WeakMap<object, ReadonlyMap<string, PartEnd> | null>>();

/**
 * The containers of a pod that end on their own while the others run on, each with its own lifecycle, as the kubelet
 * keeps one per container (kuberuntime computePodActions restarts only the containers that exited):
 * - with restartPolicy Never (or OnFailure and exit 0) an ended container stays terminated, and the pod runs, NotReady,
 *   as long as one container does, as the Communicate Between Containers in the Same Pod page's `two-containers`
 *   shows (its debian container writes a file and exits, nginx serves it;
 *   https://kubernetes.io/docs/tasks/access-application-cluster/communicate-containers-same-pod-shared-volume/);
 * - with Always (or OnFailure and a non-zero exit) it restarts with its own back-off (CrashLoopBackOff) while the
 *   others keep running, their restartCount 0 (https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#container-restarts).
 * By container name, when each ends, with what code and whether it restarts; null when the pod has no such mix (it
 * then follows one lifecycle, podLifetime): one container, or containers that all end alike. When all end for good
 * (not alike), the pod ends with the last of them: Succeeded when every one exited 0, else Failed.
 * A container the simulator cannot read runs on, except in a Job's pod (where it is taken to end, stages.ts).
 * Memoized per containers array, as podLifetime.
 */
export function partialEnds(containers: readonly Json[], envOf: (c: Json) => EnvLookup, restartPolicy: unknown, jobPod: boolean): ReadonlyMap<string, PartEnd> | null {
  if (containers.length < 2) return null;
  const policy = restartPolicy === 'Never' || restartPolicy === 'OnFailure' ? restartPolicy : 'Always';
  let cache = partCache.get(`${policy}/${jobPod}`);
  if (!cache) partCache.set(`${policy}/${jobPod}`, (cache = new WeakMap()));
  const known = cache.get(containers);
  if (known !== undefined) return known;
  const out = readPartialEnds(containers, envOf, policy, jobPod);
  if (!containers.some((c) => pythonScript(commandWords(c)) !== null)) cache.set(containers, out);
  return out;
}

function readPartialEnds(containers: readonly Json[], envOf: (c: Json) => EnvLookup, policy: 'Always' | 'OnFailure' | 'Never', jobPod: boolean): ReadonlyMap<string, PartEnd> | null {
  const ends = new Map<string, PartEnd>();
  let staying = 0;
  for (const c of containers) {
    const l = containerLifetime(c, envOf(c));
    if (l === 'forever' || (l === 'unknown' && !jobPod)) staying++;
    else if (l === 'unknown') return null;
    else ends.set(str(c.name) ?? '', { seconds: l.seconds, code: l.code, restarts: policy === 'Always' || (policy === 'OnFailure' && l.code !== 0) });
  }
  if (ends.size === 0) return null;
  if (staying > 0) return ends;
  // Every container ends: one lifecycle when they all end alike; else each its own, and a pod whose containers all end
  // for good ends with the last of them (getPhase: Running while one runs).
  const all = [...ends.values()];
  return all.every((e) => e.seconds === all[0].seconds && e.code === all[0].code && e.restarts === all[0].restarts) ? null : ends;
}

/**
 * A shell loop that waits for a Service, as the init containers page's example does
 * (https://kubernetes.io/docs/concepts/workloads/pods/init-containers/#init-containers-in-use):
 * `until nslookup myservice.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do
 * echo waiting for myservice; sleep 2; done`. `needs` says what ends it: 'dns' (nslookup, getent hosts, host: the
 * name resolves, which cluster DNS answers once the Service exists) or 'endpoint' (nc -z, wget, curl: something
 * accepts the connection, which needs a ready endpoint). `period` is the loop's sleep between attempts.
 */
export interface ServiceWait {
  readonly service: string;
  /** The Service's namespace; null: the pod's own. */
  readonly namespace: string | null;
  /** True when the name has two labels (`db.prod`): if that namespace does not exist, the resolver's search list falls through to an outside name. */
  readonly maybeExternal: boolean;
  readonly needs: 'dns' | 'endpoint';
  readonly period: number;
}

/** The service-account namespace file a pod reads its own namespace from (`$(cat …)` in the page's example). */
const OWN_NAMESPACE = /\$\(\s*cat\s+\/var\/run\/secrets\/kubernetes\.io\/serviceaccount\/namespace\s*\)|`\s*cat\s+\/var\/run\/secrets\/kubernetes\.io\/serviceaccount\/namespace\s*`/g;
const LOOP = /^(?:until\s+(?!!)|while\s+!\s*)([^;]+?)\s*;\s*do\b([\s\S]*?)\bdone\s*;?\s*([\s\S]*)$/;
const REDIRECT = /\s*(?:\d?>&\d|&>\s*\S+|\d?>{1,2}\s*\S+)/g;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const NS_PLACEHOLDER = '\u0000ns';

/** The ServiceWait of a container whose command is such a loop, else null. */
export function serviceWait(c: Json): ServiceWait | null {
  const script = shellScript(commandWords(c));
  const m = script === null ? null : LOOP.exec(script.replace(OWN_NAMESPACE, NS_PLACEHOLDER).trim());
  if (!m) return null;
  const [, check, body, rest] = m;
  // What follows the loop must plainly end (an `echo ready`, or nothing): else the container's lifetime is its own.
  if (rest.trim() !== '' && typeof scriptLifetime(rest) === 'string') return null;
  const target = checkTarget(check.replace(REDIRECT, '').trim().split(/\s+/).map((w) => w.replace(/^["']|["']$/g, '')));
  if (target === null) return null;
  let period = 0;
  for (const step of body.replace(REDIRECT, '').split(/\n|;|&&/)) {
    const words = step.trim().split(/\s+/);
    const l = base(words[0]) === 'sleep' ? commandLifetime(words) : null;
    if (l !== null && typeof l !== 'string') period += l.seconds;
  }
  return { ...target, period };
}

/** The Service a loop's condition looks up or connects to. */
function checkTarget(words: readonly string[]): Omit<ServiceWait, 'period'> | null {
  const [cmd, ...rest] = words;
  const args = rest.filter((a) => !a.startsWith('-'));
  switch (base(cmd ?? '')) {
    case 'nslookup': case 'host': return serviceOf(args[0], 'dns');
    case 'getent': return args[0] === 'hosts' ? serviceOf(args[1], 'dns') : null;
    case 'nc': return rest.some((a) => /^-[a-zA-Z]*z/.test(a)) ? serviceOf(operands(rest, NC_VALUED)[0], 'endpoint') : null;
    case 'wget': case 'curl': {
      const url = args.find((a) => /^https?:\/\//.test(a)) ?? args[0];
      return url === undefined ? null : serviceOf(url.replace(/^https?:\/\//, '').replace(/[:/].*$/, ''), 'endpoint');
    }
    default: return null;
  }
}

/** nc's options that take a value (`-w 1`: a timeout, not a host). */
const NC_VALUED = /^-[a-zA-Z]*[wipsqWXxT]$/;

/** The words that are not options or option values. */
function operands(words: readonly string[], valued: RegExp): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    if (!words[i].startsWith('-')) out.push(words[i]);
    else if (valued.test(words[i])) i++;
  }
  return out;
}

/**
 * The Service a DNS name names in the cluster (the pod's resolv.conf search list: `<ns>.svc.cluster.local`,
 * `svc.cluster.local`, `cluster.local`): `name`, `name.ns`, `name.ns.svc`, `name.ns.svc.cluster.local`.
 * https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/#namespaces-of-services
 */
function serviceOf(host: string | undefined, needs: ServiceWait['needs']): Omit<ServiceWait, 'period'> | null {
  if (!host) return null;
  const labels = host.toLowerCase().replace(/\.$/, '').split('.');
  const [name, ns, svc] = labels;
  if (!DNS_LABEL.test(name)) return null;
  const namespace = ns === undefined ? null : ns === NS_PLACEHOLDER ? null : DNS_LABEL.test(ns) ? ns : undefined;
  if (namespace === undefined) return null;
  if (labels.length === 1) return { service: name, namespace: null, maybeExternal: false, needs };
  if (labels.length === 2) return { service: name, namespace, maybeExternal: ns !== NS_PLACEHOLDER, needs };
  if (svc !== 'svc' || (labels.length > 3 && labels.slice(3).join('.') !== 'cluster.local')) return null;
  return { service: name, namespace, maybeExternal: false, needs };
}

/** A file the container's own script creates or removes, `at` seconds after it starts. */
export interface FileChange { readonly at: number; readonly path: string; readonly exists: boolean }

/**
 * The files a container's script creates (`touch F`, `echo … > F`, `mkdir D`) and removes (`rm -f F`) over time,
 * following its sleeps, as the liveness probe example does with `touch /tmp/healthy; sleep 30; rm -f /tmp/healthy;
 * sleep 600` (https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#define-a-liveness-command).
 * Empty when the script is not one the simulator follows.
 */
export function fileChanges(c: Json): readonly FileChange[] {
  const script = shellScript(commandWords(c));
  const list = script === null ? null : steps(script);
  if (list === null) return [];
  const out: FileChange[] = [];
  let at = 0;
  for (const step of list) {
    const name = base(step[0] ?? '');
    const operands = step.slice(1).filter((w) => !w.startsWith('-'));
    const redirect = redirectOf(step);
    if (redirect !== null) out.push({ at, path: redirect.target, exists: true });
    if (name === 'touch' || name === 'mkdir') for (const p of operands) out.push({ at, path: p, exists: true });
    else if (name === 'rm' || name === 'rmdir') for (const p of operands) out.push({ at, path: p, exists: false });
    const l = commandLifetime(step);
    if (typeof l !== 'string') at += l.seconds;
  }
  return out;
}

/** The file an exec probe checks (`cat F`, `test -f F`, `[ -f F ]`, `ls F`, `stat F`, also under `sh -c`), or null. */
export function probedFile(command: unknown): string | null {
  let words = arr(command).map((x) => str(x) ?? String(x));
  const script = words.length === 3 ? shellScript(words) : null;
  if (script !== null) {
    const list = steps(script);
    if (list === null || list.length !== 1) return null;
    words = list[0];
  }
  const [cmd, ...rest] = words;
  const operands = rest.filter((w) => !w.startsWith('-') && w !== ']');
  switch (base(cmd ?? '')) {
    case 'cat': case 'ls': case 'stat': case 'test': case '[': return operands.length === 1 ? operands[0] : null;
    default: return null;
  }
}

/**
 * Whether the container stops as soon as it gets SIGTERM. A container's command runs as PID 1, and the kernel
 * delivers no signal to PID 1 that it has no handler for: `sleep`, `tail -f` and a shell running a script (`sh -c
 * "while true; do …; done"`) ignore SIGTERM, so the kubelet waits out terminationGracePeriodSeconds (30 s) and then
 * kills them, unless the script sets a `trap` or `exec`s a program. Servers and the image's own entrypoint
 * (nginx, redis…) handle it and stop at once
 * (https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination).
 */
export function stopsOnSigterm(c: Json): boolean {
  const words = commandWords(c);
  if (words.length === 0) return true;
  const program = base(words[0]);
  if (program === 'sleep' || program === 'tail') return false;
  const script = shellScript(words);
  if (script === null || /\btrap\b/.test(script)) return true;
  // `exec prog …` replaces the shell; a script of one simple command is exec'd by the shell too.
  const last = script.replace(/"[^"]*"|'[^']*'/g, 'ARG').trim().split(/\n|;|&&/).map((x) => x.trim()).filter(Boolean);
  const lastWords = (last[last.length - 1] ?? '').split(/\s+/);
  if (lastWords[0] === 'exec') return !['sleep', 'tail'].includes(base(lastWords[1] ?? ''));
  return last.length === 1 && !COMPOUND.has(lastWords[0]) && !['sleep', 'tail'].includes(base(lastWords[0]));
}

/**
 * How long a container's preStop hook holds SIGTERM back (kuberuntime's executePreStopHook): a sleep action's
 * seconds, or an exec hook whose command plainly ends after its sleeps (`sleep 5`, `sh -c "sleep 5"`); Infinity for
 * one that never ends (`sleep infinity`: the grace period bounds it). A hook the simulator cannot read (the Container
 * Lifecycle Hooks task's `nginx -s quit; while killall -0 nginx; …`) or an HTTP or TCP one is taken to return at once.
 */
export function preStopSeconds(c: Json): number {
  const run = hookRun(obj(obj(c.lifecycle)?.preStop));
  return run === null ? 0 : run.seconds;
}

/** What a lifecycle hook does: how long it runs (Infinity: it never returns), its exit code, and an exec hook's command and output. */
export interface HookRun { readonly seconds: number; readonly code: number; readonly command: readonly string[] | null; readonly output: string }

/**
 * A container's postStart hook as the simulator reads it (https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/):
 * a sleep action's seconds; an exec hook whose command plainly ends (the task's `sh -c "echo Hello from the postStart
 * handler > /usr/share/message"` returns 0 at once, `exit 1` fails); one that never ends runs for ever. Null when there
 * is none, or one the simulator cannot read (an unknown program, an HTTP hook): it is taken to succeed at once.
 */
export function postStartHook(c: Json): HookRun | null {
  return hookRun(obj(obj(c.lifecycle)?.postStart));
}

function hookRun(hook: Json | undefined): HookRun | null {
  if (!hook) return null;
  const sleep = obj(hook.sleep)?.seconds;
  if (typeof sleep === 'number') return { seconds: Math.max(0, sleep), code: 0, command: null, output: '' };
  const command = arr(obj(hook.exec)?.command).map((x) => str(x) ?? String(x));
  if (command.length === 0) return null;
  const l = commandLifetime(command);
  if (l === 'unknown') return null;
  if (l === 'forever') return { seconds: Infinity, code: 0, command, output: '' };
  const script = shellScript(command);
  const list = script === null ? null : steps(script);
  return { seconds: l.seconds, code: l.code, command, output: list === null ? '' : scriptWrites(list, '').log };
}

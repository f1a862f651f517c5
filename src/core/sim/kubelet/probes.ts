/**
 * Container probes (https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/,
 * defaults from the Probe API: initialDelaySeconds 0, periodSeconds 10, failureThreshold 3).
 *
 * The simulator runs no probes; it decides from the manifest whether one fails:
 * - an `exec` probe whose command plainly ends non-zero (`false`, `exit 1`, `sh -c "… exit 1"`, see lifetime.ts);
 * - a probe named in the pod's `sim.kube-anatomy.dev/failing-probes` annotation (`liveness`, `readiness`,
 *   `startup`, comma-separated);
 * - an `exec` probe that checks a file (`cat /tmp/healthy`, `test -f F`) the container's own script creates and
 *   removes (`touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600`, lifetime.ts `fileChanges`): it passes
 *   while the file exists, as in the liveness probe task's example;
 * - an HTTP probe of `/healthz` on the e2e test image agnhost run as `liveness` (the same task's `liveness-http`):
 *   its handler answers 200 for the first 10 seconds after the server starts, then 500 (agnhost's liveness command).
 * Every other probe succeeds at its first run. So: a readiness probe keeps the pod not Ready (and out of
 * the endpoints) until `initialDelaySeconds` have passed, or for ever when it fails; a failing liveness
 * (or startup) probe kills the container after `initialDelaySeconds + periodSeconds × failureThreshold`,
 * which then restarts with back-off (pkg/kubelet/prober/worker.go, kuberuntime_manager.go computePodActions).
 * The first container with probes speaks for the pod.
 */
import { num, obj, str } from '../objects';
import type { Json, KubeObject } from '../types';
import { containerLifetime, fileChanges, probedFile, type FileChange } from './lifetime';

/** Annotation naming the probes that fail. */
export const FAILING_PROBES_ANNOTATION = 'sim.kube-anatomy.dev/failing-probes';

type Kind = 'liveness' | 'readiness' | 'startup';

/** What the probes of a pod do, in seconds after its containers start. */
export interface ProbePlan {
  readonly container: string;
  /** When the pod turns Ready (null: never, its readiness probe fails). */
  readonly readyAt: number | null;
  /** When the readiness probe's failure is first reported, if it fails. */
  readonly unreadyAt: number | null;
  readonly readinessMessage: string;
  /**
   * When a failing liveness or startup probe kills the container, or null; its failures in a row before that
   * (`threshold` probes, `period` seconds apart, the last one period before the kill) each give an Unhealthy event.
   */
  readonly kill: { readonly at: number; readonly probe: 'liveness' | 'startup'; readonly message: string; readonly period: number; readonly threshold: number } | null;
}

interface Probe {
  readonly delay: number; readonly period: number; readonly threshold: number;
  /** Whether the probe passes `t` seconds after the container started. */
  readonly ok: (t: number) => boolean;
  /** After this many seconds the probe's result no longer changes. */
  readonly settlesBy: number;
  readonly message: string;
}

const ALWAYS = (): boolean => true;
const NEVER = (): boolean => false;

function probeOf(c: Json, kind: Kind, failing: ReadonlySet<string>): Probe | null {
  const p = obj(c[`${kind}Probe`]);
  if (!p) return null;
  const exec = obj(p.exec);
  const execFails = exec ? (() => { const l = containerLifetime({ command: exec.command }); return typeof l !== 'string' && l.code !== 0; })() : false;
  const file = exec ? probedFile(exec.command) : null;
  const changes = file === null ? [] : fileChanges(c).filter((f) => f.path === file);
  const http = obj(p.httpGet);
  const tcp = obj(p.tcpSocket);
  // prober/prober.go: "<Kind> probe failed: <output>"; HTTP and TCP outputs as the http/tcp probers word them;
  // an exec probe's output is its command's (busybox's wording for a missing file).
  const output = http ? 'HTTP probe failed with statuscode: 500'
    : tcp ? `dial tcp: connect: connection refused (port ${String(tcp.port ?? '')})`
      : file !== null && changes.length > 0 ? missingFileOutput(exec?.command, file) : '';
  const fails = execFails || failing.has(kind);
  const healthz = http !== undefined && isAgnhostLiveness(c) && http.path === '/healthz';
  return {
    delay: num(p.initialDelaySeconds) ?? 0, period: Math.max(1, num(p.periodSeconds) ?? 10), threshold: Math.max(1, num(p.failureThreshold) ?? 3),
    ok: fails ? NEVER : healthz ? AGNHOST_HEALTHZ : changes.length > 0 ? existsAt(changes) : ALWAYS,
    settlesBy: healthz ? AGNHOST_HEALTHY_SECONDS + 1 : changes.length > 0 ? changes[changes.length - 1].at : 0,
    message: `${kind[0].toUpperCase()}${kind.slice(1)} probe failed: ${output}`,
  };
}

/** agnhost's `liveness` server: `/healthz` answers 200 while it has run at most 10 s, 500 after (test/images/agnhost/liveness). */
const AGNHOST_HEALTHY_SECONDS = 10;
const AGNHOST_HEALTHZ = (t: number): boolean => t <= AGNHOST_HEALTHY_SECONDS;

/** A container of the e2e test image agnhost running its `liveness` server. */
function isAgnhostLiveness(c: Json): boolean {
  const image = str(c.image) ?? '';
  const words = [...(Array.isArray(c.command) ? c.command : []), ...(Array.isArray(c.args) ? c.args : [])].map(String);
  return /(^|\/)agnhost(:|@|$)/.test(image) && words.includes('liveness');
}

/** Whether the file exists `t` seconds in: its last change at or before `t` (none: it does not). */
function existsAt(changes: readonly FileChange[]): (t: number) => boolean {
  return (t) => {
    let exists = false;
    for (const f of changes) if (f.at <= t) exists = f.exists;
    return exists;
  };
}

function missingFileOutput(command: unknown, file: string): string {
  const words = Array.isArray(command) ? command.map(String) : [];
  const cmd = /\bcat\b/.test(words.join(' ')) ? 'cat' : /\bls\b/.test(words.join(' ')) ? 'ls' : /\bstat\b/.test(words.join(' ')) ? 'stat' : '';
  return cmd === 'cat' ? `cat: can't open '${file}': No such file or directory`
    : cmd === 'ls' ? `ls: ${file}: No such file or directory`
      : cmd === 'stat' ? `stat: can't stat '${file}': No such file or directory` : '';
}

/**
 * The probe runs at `base + delay + k × period`: the time at which it has given `run` results in a row that are
 * `want` (passing or failing), counted from the probes at or after `from`; null when that never happens. A failure
 * counted to its threshold takes effect one period after the last probe (the convention of the fixed-result probes).
 */
function when(p: Probe, base: number, want: boolean, run: number, from = base): number | null {
  let streak = 0;
  const horizon = base + p.delay + p.settlesBy + (run + 2) * p.period;
  for (let k = 0; k < 100_000; k++) {
    const t = base + p.delay + k * p.period;
    if (t > horizon && streak === 0) return null;
    if (t < from) continue;
    streak = p.ok(t - base) === want ? streak + 1 : 0;
    if (streak >= run) return want ? t : t + p.period;
  }
  return null;
}

const cache = new WeakMap<object, Map<string, ProbePlan | null>>();

/** The pod's probe plan (null when no container has probes), memoized per containers array and annotation. */
export function probePlan(pod: KubeObject, containers: readonly Json[]): ProbePlan | null {
  const note = pod.metadata.annotations?.[FAILING_PROBES_ANNOTATION] ?? '';
  let m = cache.get(containers);
  if (!m) cache.set(containers, (m = new Map()));
  let plan = m.get(note);
  if (plan === undefined) m.set(note, (plan = compute(containers, note)));
  return plan;
}

function compute(containers: readonly Json[], note: string): ProbePlan | null {
  const failing = new Set(note.split(',').map((s) => s.trim()).filter(Boolean));
  for (const c of containers) {
    const startup = probeOf(c, 'startup', failing);
    const liveness = probeOf(c, 'liveness', failing);
    const readiness = probeOf(c, 'readiness', failing);
    if (!startup && !liveness && !readiness) continue;
    const container = str(c.name) ?? '';
    // The startup probe passes once (within failureThreshold tries) or kills the container.
    const startupFails = startup ? when(startup, 0, false, startup.threshold) : null;
    const startupPasses = startup ? when(startup, 0, true, 1) : 0;
    if (startup && startupFails !== null && (startupPasses === null || startupFails <= startupPasses)) {
      return { container, readyAt: null, unreadyAt: null, readinessMessage: '', kill: { at: startupFails, probe: 'startup', message: startup.message, period: startup.period, threshold: startup.threshold } };
    }
    const started = startupPasses ?? 0; // liveness and readiness begin once the startup probe succeeded
    const killAt = liveness ? when(liveness, started, false, liveness.threshold) : null;
    const kill = killAt !== null && liveness ? { at: killAt, probe: 'liveness' as const, message: liveness.message, period: liveness.period, threshold: liveness.threshold } : null;
    const readyAt = readiness ? when(readiness, started, true, 1) : started;
    // Ready until the readiness probe fails failureThreshold times in a row (or never Ready: reported then too).
    const unreadyAt = readiness ? when(readiness, started, false, readiness.threshold, readyAt ?? started) : null;
    return { container, readyAt, unreadyAt, readinessMessage: readiness?.message ?? '', kill };
  }
  return null;
}


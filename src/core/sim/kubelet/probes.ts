/**
 * Container probes (https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/,
 * defaults from the Probe API: initialDelaySeconds 0, periodSeconds 10, failureThreshold 3).
 *
 * The simulator runs no probes; it decides from the manifest whether one fails:
 * - an `exec` probe whose command plainly ends non-zero (`false`, `exit 1`, `sh -c "… exit 1"`, see lifetime.ts);
 * - a probe named in the pod's `sim.kube-anatomy.dev/failing-probes` annotation (`liveness`, `readiness`,
 *   `startup`, comma-separated).
 * Every other probe succeeds at its first run. So: a readiness probe keeps the pod not Ready (and out of
 * the endpoints) until `initialDelaySeconds` have passed, or for ever when it fails; a failing liveness
 * (or startup) probe kills the container after `initialDelaySeconds + periodSeconds × failureThreshold`,
 * which then restarts with back-off (pkg/kubelet/prober/worker.go, kuberuntime_manager.go computePodActions).
 * The first container with probes speaks for the pod.
 */
import { num, obj, str } from '../objects';
import type { Json, KubeObject } from '../types';
import { containerLifetime } from './lifetime';

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
  /** When a failing liveness or startup probe kills the container, or null. */
  readonly kill: { readonly at: number; readonly probe: 'liveness' | 'startup'; readonly message: string } | null;
}

interface Probe { readonly delay: number; readonly period: number; readonly threshold: number; readonly fails: boolean; readonly message: string }

function probeOf(c: Json, kind: Kind, failing: ReadonlySet<string>): Probe | null {
  const p = obj(c[`${kind}Probe`]);
  if (!p) return null;
  const exec = obj(p.exec);
  const execFails = exec ? (() => { const l = containerLifetime({ command: exec.command }); return typeof l !== 'string' && l.code !== 0; })() : false;
  const http = obj(p.httpGet);
  const tcp = obj(p.tcpSocket);
  // prober/prober.go: "<Kind> probe failed: <output>"; HTTP and TCP outputs as the http/tcp probers word them.
  const output = http ? 'HTTP probe failed with statuscode: 500'
    : tcp ? `dial tcp: connect: connection refused (port ${String(tcp.port ?? '')})` : '';
  return {
    delay: num(p.initialDelaySeconds) ?? 0, period: num(p.periodSeconds) ?? 10, threshold: num(p.failureThreshold) ?? 3,
    fails: execFails || failing.has(kind), message: `${kind[0].toUpperCase()}${kind.slice(1)} probe failed: ${output}`,
  };
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
    const fatal = (p: Probe, base: number): number => base + p.delay + p.period * p.threshold;
    if (startup?.fails) {
      return { container, readyAt: null, unreadyAt: null, readinessMessage: '', kill: { at: fatal(startup, 0), probe: 'startup', message: startup.message } };
    }
    const started = startup ? startup.delay : 0; // liveness and readiness begin once the startup probe succeeded
    const kill = liveness?.fails ? { at: fatal(liveness, started), probe: 'liveness' as const, message: liveness.message } : null;
    const readyAt = readiness ? (readiness.fails ? null : started + readiness.delay) : started;
    const unreadyAt = readiness?.fails ? fatal(readiness, started) : null;
    return { container, readyAt, unreadyAt, readinessMessage: readiness?.message ?? '', kill };
  }
  return null;
}


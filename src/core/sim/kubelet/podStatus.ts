import { obj, str } from '../objects';
import { CONDITIONS, containers } from '../pods';
import type { Json, KubeObject } from '../types';

/** What the kubelet knows of a pod's containers. */
export type LocalStage = 'creating' | 'running' | 'succeeded' | 'failed' | 'stopping' | 'stopped';

const cache = new WeakMap<object, Map<string, readonly Json[]>>();
const EMPTY = {};

/** containerStatuses for a stage, shared per pod spec (all pods of a ReplicaSet share one array). */
export function containerStatuses(pod: KubeObject, stage: LocalStage): readonly Json[] {
  const list = obj(pod.spec)?.containers;
  const k = typeof list === 'object' && list !== null ? list : EMPTY;
  let m = cache.get(k);
  if (!m) cache.set(k, (m = new Map()));
  let s = m.get(stage);
  if (!s) m.set(stage, (s = Object.freeze(containers(pod).map((c) => Object.freeze(statusOf(c, stage))))));
  return s;
}

function statusOf(c: Json, stage: LocalStage): Json {
  const base = { name: str(c.name) ?? '', image: str(c.image) ?? '', restartCount: 0 };
  switch (stage) {
    case 'creating': return { ...base, ready: false, started: false, state: { waiting: { reason: 'ContainerCreating' } } };
    case 'running': return { ...base, ready: true, started: true, state: { running: {} } };
    case 'succeeded': return { ...base, ready: false, started: false, state: { terminated: { exitCode: 0, reason: 'Completed' } } };
    default: return { ...base, ready: false, started: false, state: { terminated: { exitCode: 1, reason: 'Error' } } };
  }
}

/** The PodStatus the kubelet reports for a local stage. */
export function podStatusFor(pod: KubeObject, stage: LocalStage, hostIP: string, podIP: string | null): Json {
  const phase = stage === 'running' ? 'Running' : stage === 'succeeded' ? 'Succeeded' : stage === 'failed' ? 'Failed' : 'Pending';
  const conditions = stage === 'running' ? CONDITIONS.running : stage === 'creating' ? CONDITIONS.creating : CONDITIONS.completed;
  return podIP ? { phase, conditions, hostIP, podIP, containerStatuses: containerStatuses(pod, stage) } : { phase, conditions, hostIP, containerStatuses: containerStatuses(pod, stage) };
}

/** Whether the API already shows what the kubelet would report. */
export function statusMatches(pod: KubeObject, want: Json): boolean {
  const cur = obj(pod.status) ?? {};
  return cur.phase === want.phase && cur.conditions === want.conditions && cur.podIP === want.podIP && cur.containerStatuses === want.containerStatuses;
}

/**
 * Fields of a pod spec (a Pod's, or a workload's pod template) the engine reads but does not act on:
 * the apply result names them as a warning ("not simulated: …"), so nothing is ignored silently.
 */
import { arr, at, obj, str } from './objects';
import type { Json, KubeObject } from './types';

const TEMPLATED = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job']);
/** Volume sources the kubelet model understands (configMap/secret checks, claims, scratch space). */
const VOLUMES = new Set(['name', 'configMap', 'secret', 'persistentVolumeClaim', 'emptyDir', 'projected', 'downwardAPI']);

function podSpecOf(o: KubeObject): Json | undefined {
  if (o.kind === 'Pod') return obj(o.spec);
  if (o.kind === 'CronJob') return obj(at(o, 'spec', 'jobTemplate', 'spec', 'template', 'spec'));
  return TEMPLATED.has(o.kind) ? obj(at(o, 'spec', 'template', 'spec')) : undefined;
}

/** The "not simulated: …" note for an object's pod spec, or undefined. */
export function notSimulatedFields(o: KubeObject): string | undefined {
  const spec = podSpecOf(o);
  if (!spec) return undefined;
  const notes = new Set<string>();
  const containers = [...arr(spec.containers), ...arr(spec.initContainers)].map(obj);
  if (containers.some((c) => c?.lifecycle !== undefined)) notes.add('lifecycle hooks (postStart/preStop)');
  if (containers.some((c) => obj(c?.livenessProbe)?.grpc || obj(c?.readinessProbe)?.grpc || obj(c?.startupProbe)?.grpc)) notes.add('gRPC probes (treated as passing)');
  for (const v of arr(spec.volumes).map(obj)) {
    for (const k of Object.keys(v ?? {})) if (!VOLUMES.has(k)) notes.add(`${k} volumes (mounted as if they worked)`);
  }
  if (arr(at(spec, 'affinity', 'podAffinity', 'requiredDuringSchedulingIgnoredDuringExecution')).length > 1) {
    notes.add('several required pod affinity terms are checked one by one, not as one group');
  }
  if (notes.size === 0) return undefined;
  return `${o.kind} "${str(o.metadata.name) ?? ''}": not simulated: ${[...notes].join('; ')}`;
}

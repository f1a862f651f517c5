import type { KubeObject } from '../manifests';
import type { Simulation } from '../sim';
import { MAX_SIMULATED_COUNT } from '../manifests';

const num = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.min(v, MAX_SIMULATED_COUNT) : fallback);

/**
 * About how many pods the manifests ask for, for a progress line ("40,000/150,000 pods"): replicas of
 * the workloads (1 when unset, the API server's default), a Job's parallelism, a DaemonSet's pod per node.
 */
export function expectedPods(objects: readonly KubeObject[], nodes: number): number {
  let total = 0;
  for (const o of objects) {
    const spec = (o.spec ?? {}) as Record<string, unknown>;
    if (o.kind === 'Pod') total += 1;
    else if (o.kind === 'Deployment' || o.kind === 'ReplicaSet' || o.kind === 'StatefulSet' || o.kind === 'ReplicationController') total += num(spec.replicas, 1);
    else if (o.kind === 'Job') total += num(spec.parallelism, 1);
    else if (o.kind === 'DaemonSet') total += nodes;
  }
  return total;
}

/** Pods whose phase is Running. */
export function runningPods(sim: Simulation): number {
  let n = 0;
  for (const p of sim.internals.store.list('Pod')) if ((p.status as { phase?: unknown } | undefined)?.phase === 'Running') n++;
  return n;
}

import { parseTarget, specTargetError, type ClusterRuntime } from './cluster';
import type { SimContext } from './context';
import { obj } from './objects';
import type { ComponentName } from './types';

/** Processes a fault target may name after "NODE/". */
export const FAULT_COMPONENTS: readonly ComponentName[] = [
  'etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kubelet', 'containerd', 'kube-proxy', 'dockerd',
];

/** Why a fault target is not valid for this cluster, or null. */
export function targetError(cluster: ClusterRuntime, target: string): string | null {
  return specTargetError([...cluster.nodes.values()].map((n) => n.spec), target);
}

/** Records the fault or the recovery as an event of the simulator itself. */
export function emitFault(ctx: SimContext, target: string, failed: boolean): void {
  const { node, component } = parseTarget(target);
  const what = component ? `${component} on ${node}` : `host ${node}`;
  const reason = failed ? (component ? 'ComponentStopped' : 'NodeDown') : component ? 'ComponentStarted' : 'NodeUp';
  const message = failed ? `${what} stopped (fault injected)` : `${what} started again`;
  ctx.events.record({ time: ctx.clock.now(), component: 'simulator', reason, object: { kind: 'Node', name: node }, message, path: [], node, type: failed ? 'Warning' : 'Normal' });
}

/**
 * After a docker host comes back, its containers stay stopped: Docker's default restart
 * policy is "no" (https://docs.docker.com/engine/containers/start-containers-automatically/).
 */
export function markDockerContainersExited(ctx: SimContext): void {
  for (const p of [...ctx.store.list('Pod')]) {
    const status = obj(p.status) ?? {};
    if (status.phase === 'Succeeded' || status.phase === 'Failed') continue;
    ctx.api.update({ component: 'dockerd', node: String(p.spec && obj(p.spec)?.nodeName) }, {
      ...p, status: { phase: 'Failed', reason: 'Exited', message: 'The host restarted; Docker\'s default restart policy "no" left the container stopped, and nothing recreates it.' },
    });
  }
}

/**
 * The simulation's event log as core/v1 Event objects, so `kubectl get events` and `kubectl describe`
 * read them: the simulator's own rows (kubectl's output, injected faults, notes) are not Events. An
 * Event's resourceVersion is its sequence number + 1, so a watch continues from the list's (watchHistory.ts).
 */
import { timestamp } from '../sim/clock';
import { isSimulationRow } from '../sim/eventKinds';
import type { Store } from '../sim/store';
import type { KubeObject, SimEvent } from '../sim/types';

const NAMESPACED_KINDS = new Set(['Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Service', 'EndpointSlice', 'ConfigMap', 'Secret', 'PersistentVolumeClaim']);

/** Every Event in the log (in a namespace, or all), oldest first. */
export function eventObjects(events: readonly SimEvent[], store: Store, namespace: string | undefined): KubeObject[] {
  const out: KubeObject[] = [];
  for (const e of events) {
    if (isSimulationRow(e) || !e.object) continue;
    // Events of cluster-scoped objects (Nodes) are recorded in the default namespace, as the kubelet and controllers do.
    const ns = NAMESPACED_KINDS.has(e.object.kind) ? e.object.namespace ?? 'default' : 'default';
    if (namespace && ns !== namespace) continue;
    out.push(toEvent(e, ns, store));
  }
  return out;
}

function toEvent(e: SimEvent, ns: string, store: Store): KubeObject {
  const ref = e.object as NonNullable<SimEvent['object']>;
  const target = store.get(ref.kind, NAMESPACED_KINDS.has(ref.kind) ? ns : undefined, ref.name);
  const when = timestamp(e.time);
  return {
    apiVersion: 'v1', kind: 'Event',
    metadata: { name: `${ref.name}.${e.seq.toString(16).padStart(16, '0')}`, namespace: ns, creationTimestamp: when, resourceVersion: String(e.seq + 1) },
    involvedObject: { kind: ref.kind, namespace: NAMESPACED_KINDS.has(ref.kind) ? ns : undefined, name: ref.name, uid: target?.metadata.uid, apiVersion: target?.apiVersion },
    reason: e.reason, message: e.message, type: e.type, count: 1,
    source: { component: e.component, ...(e.node ? { host: e.node } : {}) },
    firstTimestamp: when, lastTimestamp: when, reportingComponent: e.component, reportingInstance: e.node ?? '',
  };
}

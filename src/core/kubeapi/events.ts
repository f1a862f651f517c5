/**
 * The simulation's event log as core/v1 Event objects, so `kubectl get events` and `kubectl describe`
 * read them: the simulator's own rows (kubectl's output, injected faults, notes) are not Events. Repeats are
 * one Event with a count, as the recorders make them (eventSeries.ts). An Event's resourceVersion is the
 * sequence number + 1 of its latest occurrence, so a watch continues from the list's (watchHistory.ts).
 */
import { timestamp } from '../sim/clock';
import { isSimulationRow } from '../sim/eventKinds';
import { correlate, EventCorrelator, type EventSeries } from '../sim/eventSeries';
import type { Store } from '../sim/store';
import type { KubeObject, SimEvent } from '../sim/types';

const NAMESPACED_KINDS = new Set(['Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Service', 'EndpointSlice', 'ConfigMap', 'Secret', 'PersistentVolumeClaim']);

/** Every Event object in the log (in a namespace, or all): repeats folded into one with a count (eventSeries.ts), by latest occurrence. */
export function eventObjects(events: readonly SimEvent[], store: Store, namespace: string | undefined): KubeObject[] {
  const out: KubeObject[] = [];
  for (const s of correlate(events.filter((e) => inNamespace(e, namespace)))) out.push(toEvent(s, store));
  return out;
}

/**
 * A watch on Events: the Event objects `seen` (the events already in the list the watch follows) make, read before
 * the first new one, and then each
 * new occurrence as the watcher would see it, ADDED for a new Event object, MODIFIED for a repeat (its count raised).
 */
export function eventWatch(seen: readonly SimEvent[], store: Store, namespace: string | undefined): {
  readonly objects: () => KubeObject[];
  readonly next: (e: SimEvent) => { type: 'ADDED' | 'MODIFIED'; object: KubeObject } | undefined;
} {
  const c = new EventCorrelator();
  for (const e of seen) if (inNamespace(e, namespace)) c.observe(e);
  return {
    objects: () => c.all().map((s) => toEvent(s, store)),
    next: (e) => {
      if (!inNamespace(e, namespace)) return undefined;
      const s = c.observe(e);
      return { type: s.count === 1 ? 'ADDED' : 'MODIFIED', object: toEvent(s, store) };
    },
  };
}

/** A Kubernetes Event in `namespace` (any when undefined); the simulator's own rows (kubectl's output, faults, notes) are not. */
function inNamespace(e: SimEvent, namespace: string | undefined): boolean {
  return !isSimulationRow(e) && e.object !== null && (!namespace || namespaceOf(e) === namespace);
}

/** Events of cluster-scoped objects (Nodes) are recorded in the default namespace, as the kubelet and controllers do. */
function namespaceOf(e: SimEvent): string {
  return e.object && NAMESPACED_KINDS.has(e.object.kind) ? e.object.namespace ?? 'default' : 'default';
}

/** The Event object: named after its first occurrence, its resourceVersion that of the latest write. */
function toEvent({ first, last, count }: EventSeries, store: Store): KubeObject {
  const ns = namespaceOf(first);
  const ref = first.object as NonNullable<SimEvent['object']>;
  const target = store.get(ref.kind, NAMESPACED_KINDS.has(ref.kind) ? ns : undefined, ref.name);
  const firstAt = timestamp(first.time);
  return {
    apiVersion: 'v1', kind: 'Event',
    metadata: { name: `${ref.name}.${first.seq.toString(16).padStart(16, '0')}`, namespace: ns, creationTimestamp: firstAt, resourceVersion: String(last.seq + 1) },
    involvedObject: { kind: ref.kind, namespace: NAMESPACED_KINDS.has(ref.kind) ? ns : undefined, name: ref.name, uid: target?.metadata.uid, apiVersion: target?.apiVersion },
    reason: first.reason, message: first.message, type: first.type, count,
    source: { component: first.component, ...(first.node ? { host: first.node } : {}) },
    firstTimestamp: firstAt, lastTimestamp: timestamp(last.time), reportingComponent: first.component, reportingInstance: first.node ?? '',
  };
}

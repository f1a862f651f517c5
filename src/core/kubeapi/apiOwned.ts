/**
 * The objects that live in the cluster only because a client created them through the served API (the
 * kubectl terminal): no file declares them, so when the extension builds a new cluster (a topology change,
 * a worker restarted after a crash) they must be carried over, as a backup and restore of a real cluster
 * carries its objects to a new one. They are recognised by their `managedFields`: the served API records
 * a field manager on every write (kube-apiserver does too, fieldmanager), while manifests applied from the
 * editor and objects the simulated controllers create carry none.
 */
import type { Store } from '../sim/store';
import type { KubeObject } from '../sim/types';

/** Server-set metadata that a new cluster assigns again (as `kubectl get -o yaml | kubectl apply -f -` would need removed). */
const SERVER_METADATA = ['uid', 'resourceVersion', 'creationTimestamp', 'generation', 'selfLink', 'deletionTimestamp', 'deletionGracePeriodSeconds'] as const;

/** Kinds that belong to the topology or are not stored objects: never carried (a new topology has its own Nodes). */
const NOT_CARRIED = new Set(['Node', 'Event', 'Lease', 'EndpointSlice', 'Endpoints']);

/**
 * Every object written through the served API that no controller owns, is not being deleted and is not
 * declared by a file (`fromFile`: the file's version is applied to the new cluster instead), without its
 * server-set fields and status, Namespaces first (objects are created in them), then by kind and key.
 */
export function apiOwnedObjects(store: Store, fromFile: (kind: string, namespace: string | undefined, name: string) => boolean): KubeObject[] {
  const out: KubeObject[] = [];
  for (const kind of store.kindNames()) {
    if (NOT_CARRIED.has(kind)) continue;
    for (const o of store.list(kind)) {
      const m = o.metadata;
      // The served API always sets the list, empty when the manager owns no field yet (`kubectl create namespace`).
      if (!Array.isArray(m.managedFields) || (m.ownerReferences as unknown[] | undefined)?.length || m.deletionTimestamp) continue;
      if (fromFile(kind, m.namespace, m.name ?? '')) continue;
      out.push(portable(o as KubeObject));
    }
  }
  const rank = (o: KubeObject): number => (o.kind === 'Namespace' ? 0 : 1);
  return out.sort((a, b) => rank(a) - rank(b) || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) || keyOf(a).localeCompare(keyOf(b)));
}

/** Identity of an object for de-duplication: kind, namespace and name. */
export function apiObjectKey(o: { kind?: unknown; metadata?: { namespace?: unknown; name?: unknown } }): string {
  return `${String(o.kind)}/${String(o.metadata?.namespace ?? '')}/${String(o.metadata?.name ?? '')}`;
}

function keyOf(o: KubeObject): string {
  return `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;
}

/**
 * The object as a client would create it again: without the server-set metadata and the status, a Pod
 * without the node it was bound to (the new cluster's scheduler places it; that node may not exist there),
 * a Service without its allocated cluster IPs (allocated again, so they cannot clash with the new cluster's).
 */
function portable(o: KubeObject): KubeObject {
  const metadata: Record<string, unknown> = { ...o.metadata };
  for (const f of SERVER_METADATA) delete metadata[f];
  const { status: _status, ...rest } = o;
  const out: KubeObject = { ...rest, metadata: metadata as KubeObject['metadata'] };
  const spec = o.spec as Record<string, unknown> | undefined;
  if (o.kind === 'Pod' && spec?.nodeName !== undefined) {
    const { nodeName: _node, ...podSpec } = spec;
    out.spec = podSpec;
  }
  if (o.kind === 'Service' && spec && spec.clusterIP !== 'None') {
    const { clusterIP: _ip, clusterIPs: _ips, ...svcSpec } = spec;
    out.spec = svcSpec;
  }
  return out;
}

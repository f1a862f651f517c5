import { admitPodSpec } from './admission';
import type { Client, ClusterRuntime } from './cluster';
import { timestamp, type SimClock } from './clock';
import { CLUSTER_SCOPED, nameOf, namespaceOf, obj, str } from './objects';
import type { Journal } from './journal/journal';
import type { Prng } from './prng';
import { key, type Store, type Stored } from './store';
import type { JournalVerb } from '../../shared/journal';
import type { KubeObject, ObjectRef } from './types';
import { KUBERNETES_SERVICE_OFFSET, ServiceAllocator } from './serviceAllocator';

/** Result of an API write. */
export type WriteResult = { ok: true; object: Stored } | { ok: false; error: string };

/** Resource name of a kind in error messages ("deployments.apps", "pods"). */
export function resourceName(kind: string): string {
  const lower = kind.toLowerCase();
  const plural = lower.endsWith('s') ? lower + 'es' : lower.endsWith('y') ? lower.slice(0, -1) + 'ies' : lower + 's';
  const group = { Deployment: '.apps', ReplicaSet: '.apps', StatefulSet: '.apps', DaemonSet: '.apps', Job: '.batch', CronJob: '.batch' }[kind] ?? '';
  return kind === 'Endpoints' ? 'endpoints' : plural + group;
}

/** Default of spec.terminationGracePeriodSeconds (https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination). */
export const DEFAULT_TERMINATION_GRACE_PERIOD = 30;

/**
 * pkg/registry/core/pod/strategy.go CheckGracefulDelete: the pod's terminationGracePeriodSeconds (30 by
 * default), but 0 (deleted at once) when the pod is not scheduled or has already terminated.
 */
export function gracePeriod(pod: KubeObject): number {
  const spec = obj(pod.spec);
  const phase = str(obj(pod.status)?.phase);
  if (!str(spec?.nodeName) || phase === 'Succeeded' || phase === 'Failed') return 0;
  const g = spec?.terminationGracePeriodSeconds;
  return typeof g === 'number' && Number.isFinite(g) && g >= 0 ? g : DEFAULT_TERMINATION_GRACE_PERIOD;
}

/**
 * kube-apiserver: every read and write of the cluster goes through it. Writes need a
 * reachable kube-apiserver and an etcd with quorum; objects get uid, creationTimestamp,
 * generation and (for Pods) admission defaults; Pod deletion is graceful when a kubelet
 * owns the pod (it sets deletionTimestamp; the kubelet removes the object).
 */
export class ApiServer {
  private uidSeq = 0;
  private readonly services: ServiceAllocator;
  /** Where every write and refusal is journalled with its client (set by the Engine; null: not journalled). */
  journal: Journal | null = null;

  constructor(
    private readonly store: Store, private readonly cluster: ClusterRuntime,
    private readonly clock: SimClock, private readonly prng: Prng,
  ) {
    this.services = new ServiceAllocator(cluster.topology.serviceSubnet);
  }

  /** The store, for reads (informer caches). */
  get reader(): Store {
    return this.store;
  }

  /** Why a write from `client` would fail now, or null. */
  writeError(client: Client): string | null {
    return this.cluster.writeError(client);
  }

  /** Creates an object. */
  create(client: Client, o: KubeObject): WriteResult {
    const err = this.writeError(client) ?? this.namespaceError(o);
    if (err) return this.refuse(client, 'create', o, err);
    const ns = namespaceOf(o);
    const name = str(o.metadata.name) || (str(o.metadata.generateName) ?? '') + this.prng.suffix();
    const k = key(ns, name);
    if (this.store.getByKey(o.kind, k)) return this.refuse(client, 'create', o, `${resourceName(o.kind)} "${name}" already exists`);
    if (o.kind === 'Service') {
      const admitted = this.services.admit(o);
      if (typeof admitted === 'string') return this.refuse(client, 'create', o, admitted);
      o = admitted;
    }
    const metadata: KubeObject['metadata'] = { ...o.metadata, name, uid: this.nextUid(), creationTimestamp: timestamp(this.clock.now()) };
    if (o.kind !== 'Pod') metadata.generation = 1;
    if (ns) (metadata as Record<string, unknown>).namespace = ns;
    const spec = o.kind === 'Pod' && obj(o.spec) ? admitPodSpec(obj(o.spec) as Record<string, unknown>) : o.spec;
    const created: KubeObject = { ...o, metadata };
    if (spec !== undefined) created.spec = spec;
    const stored = this.store.put(created, true, metadata.namespace === ns ? k : undefined);
    this.journal?.write(client, undefined, stored, false);
    if (o.kind === 'Namespace' && name === 'default' && client.component === 'kube-apiserver') this.ensureKubernetesService(client);
    return { ok: true, object: stored };
  }

  /** Why the --service-cluster-ip-range is unusable, or null. */
  get serviceSubnetError(): string | null {
    return this.services.error;
  }

  /**
   * kube-apiserver's own bootstrap (pkg/controlplane/controller/kubernetesservice): once the default
   * namespace exists it creates the `kubernetes` Service on the first address of the range, port 443
   * → 6443, and (endpoint reconciler) an EndpointSlice listing every kube-apiserver's host IP :6443.
   */
  private ensureKubernetesService(client: Client): void {
    if (this.cluster.topology.mode === 'docker' || this.services.error) return;
    const apiservers = this.cluster.topology.nodes.filter((n) => n.components.includes('kube-apiserver'));
    this.create(client, {
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
      spec: { type: 'ClusterIP', clusterIP: this.services.ipAt(KUBERNETES_SERVICE_OFFSET), ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }], sessionAffinity: 'None' },
    });
    this.create(client, {
      apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' } },
      addressType: 'IPv4', endpoints: apiservers.map((n) => ({ addresses: [n.ip], conditions: { ready: true } })), ports: [{ name: 'https', port: 6443, protocol: 'TCP' }],
    });
  }

  /**
   * Replaces an existing object (spec or status), keeping its identity. `storeKey`: the
   * object's key as the store handed it out (a watch or queue key), when the caller has it.
   */
  update(client: Client, o: KubeObject, storeKey?: string): WriteResult {
    const err = this.writeError(client);
    if (err) return this.refuse(client, 'update', o, err);
    if (storeKey !== undefined) return this.replace(client, o, storeKey, storeKey);
    const ns = namespaceOf(o);
    const k = key(ns, nameOf(o));
    // The store keys by metadata.namespace as written; reuse the key when that is the one just built.
    return this.replace(client, o, k, o.metadata.namespace === ns && (o.metadata.name ?? '') === nameOf(o) ? k : undefined);
  }

  private replace(client: Client, o: KubeObject, k: string, storeKey: string | undefined): WriteResult {
    const cur = this.store.getByKey(o.kind, k);
    if (!cur) return this.refuse(client, 'update', o, `${resourceName(o.kind)} "${nameOf(o)}" not found`);
    const same = o.metadata.uid === cur.metadata.uid && o.metadata.creationTimestamp === cur.metadata.creationTimestamp;
    const metadata = same ? o.metadata : { ...o.metadata, uid: cur.metadata.uid, creationTimestamp: cur.metadata.creationTimestamp };
    const stored = this.store.put(same ? o : { ...o, metadata }, false, storeKey);
    this.journal?.write(client, cur, stored, false);
    return { ok: true, object: stored };
  }

  /**
   * Deletes an object. A Pod with a grace period (gracePeriod) is only marked: deletionTimestamp and
   * deletionGracePeriodSeconds are set and its kubelet stops the containers and then removes it;
   * pass `force` for the final removal (grace period 0).
   */
  delete(client: Client, kind: string, namespace: string | undefined, name: string, force = false): WriteResult {
    const ref = { kind, namespace, name };
    const err = this.writeError(client);
    if (err) return this.refuse(client, 'delete', ref, err);
    const cur = this.store.get(kind, CLUSTER_SCOPED.has(kind) ? undefined : namespace || 'default', name);
    if (!cur) return this.refuse(client, 'delete', ref, `${resourceName(kind)} "${name}" not found`);
    const grace = kind === 'Pod' && !force ? gracePeriod(cur) : 0;
    if (grace > 0) return this.markDeleted(client, cur, grace);
    this.store.remove(kind, cur.metadata.namespace, name);
    this.journal?.write(client, cur, cur, true, 'delete');
    if (kind === 'Service') this.services.release(cur);
    return { ok: true, object: cur };
  }

  /** pkg/registry/rest/delete.go BeforeDelete: deletionTimestamp = now + grace period (when the object will be deleted). */
  private markDeleted(client: Client, cur: Stored, grace: number): WriteResult {
    if (cur.metadata.deletionTimestamp) return { ok: true, object: cur };
    const metadata = { ...cur.metadata, deletionTimestamp: timestamp(this.clock.now() + grace), deletionGracePeriodSeconds: grace };
    const stored = this.store.put({ ...cur, metadata });
    this.journal?.write(client, cur, stored, false, 'delete');
    return { ok: true, object: stored };
  }

  /** A refused write, journalled with how far the request got (etcd refused it, or no kube-apiserver answered). */
  private refuse(client: Client, verb: JournalVerb, o: KubeObject | ObjectRef, error: string): WriteResult {
    if (this.journal) {
      const ref: ObjectRef = 'metadata' in o ? { kind: o.kind, namespace: namespaceOf(o), name: str(o.metadata.name) ?? str(o.metadata.generateName) ?? '' } : o;
      this.journal.rejected(client, verb, ref, error, error.startsWith('etcdserver') ? 'all' : error.startsWith('The connection') || error.endsWith(' is down') ? 'none' : 'apiserver');
    }
    return { ok: false, error };
  }

  private namespaceError(o: KubeObject): string | null {
    const ns = namespaceOf(o);
    if (!ns || this.store.get('Namespace', undefined, ns)) return null;
    return `namespaces "${ns}" not found`;
  }

  private nextUid(): string {
    const n = (++this.uidSeq).toString(16).padStart(12, '0');
    return `00000000-0000-4000-8000-${n}`;
  }
}

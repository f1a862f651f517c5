import { admitPodSpec } from './admission';
import { qosClassOf, type QosClass } from './qos';
import { Admission, DEFAULT_SERVICE_ACCOUNT } from './apiserver/admission';
import { systemPriorityClasses } from './apiserver/admission/priority';
import { withDefaults } from './apiserver/defaults';
import { forbiddenError, invalidError } from './apiserver/fieldErrors';
import { validateCreate, validateUpdate } from './apiserver/validation';
import type { Client, ClusterRuntime } from './cluster';
import { timestamp, type SimClock } from './clock';
import { CLUSTER_SCOPED, nameOf, namespaceOf, obj, str } from './objects';
import { isGated } from './pods';
import type { Journal } from './journal/journal';
import type { Prng } from './prng';
import { key, type Store, type Stored } from './store';
import type { JournalVerb } from '../../shared/journal';
import type { KubeObject, ObjectRef } from './types';
import { KUBERNETES_SERVICE_OFFSET, ServiceAllocator } from './serviceAllocator';

/** Result of an API write. */
/** `warnings`: the API server's warnings for the request (kubectl prints each as `Warning: …`), for kubectl's writes. */
export type WriteResult = { ok: true; object: Stored; warnings?: readonly string[] } | { ok: false; error: string };

/** Resource name of a kind in error messages ("deployments.apps", "pods"). */
export function resourceName(kind: string): string {
  const lower = kind.toLowerCase();
  const plural = lower.endsWith('s') ? lower + 'es' : lower.endsWith('y') ? lower.slice(0, -1) + 'ies' : lower + 's';
  const group = { Deployment: '.apps', ReplicaSet: '.apps', StatefulSet: '.apps', DaemonSet: '.apps', Job: '.batch', CronJob: '.batch' }[kind] ?? '';
  return kind === 'Endpoints' ? 'endpoints' : plural + group;
}

/**
 * The simulator's cluster-wide pod limit: twice the 150,000 pods of Kubernetes' largest supported cluster
 * ("Considerations for large clusters", https://kubernetes.io/docs/setup/best-practices/cluster-large/),
 * so the 150,000-pod benchmark fits and 10,000 Deployments of 10,000 replicas stop early instead of
 * exhausting memory. A create beyond it is refused like an admission denial (the owner's FailedCreate).
 */
export const MAX_PODS = 300_000;

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
 * applySchedulingGatedCondition (pkg/registry/core/pod/strategy.go PrepareForCreate): a pod created with scheduling
 * gates gets PodScheduled=False, reason SchedulingGated, which kubectl shows as its STATUS
 * (https://kubernetes.io/docs/concepts/scheduling-eviction/pod-scheduling-readiness/).
 */
function gatedStatus(status: Record<string, unknown>, now: number): Record<string, unknown> {
  const gated = { type: 'PodScheduled', status: 'False', reason: 'SchedulingGated', message: 'Scheduling is blocked due to non-empty scheduling gates', lastProbeTime: null, lastTransitionTime: timestamp(now) };
  return { ...status, conditions: [gated] };
}

/** A new pod's status by QoS class, shared (frozen) by all pods created with it. */
const PENDING: Readonly<Record<QosClass, Record<string, unknown>>> = {
  Guaranteed: Object.freeze({ phase: 'Pending', qosClass: 'Guaranteed' }),
  Burstable: Object.freeze({ phase: 'Pending', qosClass: 'Burstable' }),
  BestEffort: Object.freeze({ phase: 'Pending', qosClass: 'BestEffort' }),
};

/**
 * podStrategy.PrepareForCreate (pkg/registry/core/pod/strategy.go): whatever status the request carried, a new
 * pod is Pending with its QoS class, and applySchedulingGatedCondition adds PodScheduled=False while it has gates.
 */
function newPodStatus(pod: KubeObject, now: number): Record<string, unknown> {
  const status = PENDING[qosClassOf(pod.spec)];
  return isGated(pod) ? gatedStatus(status, now) : status;
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
  private readonly admission: Admission;
  /** Told of each pod refused by MAX_PODS (the Simulation reports it on the pod's owner). */
  onPodLimit: ((pod: KubeObject) => void) | null = null;
  /** The cluster-wide pod limit (MAX_PODS; tests lower it). */
  podLimit = MAX_PODS;
  /** Where every write and refusal is journalled with its client (set by the Engine; null: not journalled). */
  journal: Journal | null = null;

  constructor(
    private readonly store: Store, private readonly cluster: ClusterRuntime,
    private readonly clock: SimClock, private readonly prng: Prng,
  ) {
    this.services = new ServiceAllocator(cluster.topology.serviceSubnet);
    this.admission = new Admission(store);
  }

  /** Whether this is a Kubernetes API server (the docker-server picture has none: no defaulting, admission or validation). */
  private get kube(): boolean {
    return this.cluster.topology.mode !== 'docker';
  }

  /** The store, for reads (informer caches). */
  get reader(): Store {
    return this.store;
  }

  /** Why a write from `client` would fail now, or null. */
  writeError(client: Client): string | null {
    return this.cluster.writeError(client);
  }

  /**
   * Creates an object, through kube-apiserver's create path: NamespaceLifecycle, defaulting, mutating
   * admission, name generation, validation, validating admission, then storage.
   */
  create(client: Client, o: KubeObject): WriteResult {
    const err = this.writeError(client) ?? this.namespaceError(o);
    if (err) return this.refuse(client, 'create', o, err);
    const ns = namespaceOf(o);
    if (this.kube) {
      const admitted = this.admission.mutate(withDefaults(o), ns);
      if (typeof admitted === 'string') return this.refuse(client, 'create', o, forbiddenError(resourceName(o.kind), str(o.metadata.name) || str(o.metadata.generateName) || '', admitted));
      o = admitted;
    }
    const name = str(o.metadata.name) || (str(o.metadata.generateName) ?? '') + this.prng.suffix();
    if (this.kube) {
      const refused = this.validateNew(o.metadata.name === name ? o : { ...o, metadata: { ...o.metadata, name } }, ns);
      if (refused) return this.refuse(client, 'create', o, refused);
    }
    const k = key(ns, name);
    if (this.store.getByKey(o.kind, k)) return this.refuse(client, 'create', o, `${resourceName(o.kind)} "${name}" already exists`);
    if (o.kind === 'Pod' && this.store.count('Pod') >= this.podLimit) {
      this.onPodLimit?.(o);
      return this.refuse(client, 'create', o, `pods "${name}" is forbidden: the simulator's cluster-wide limit of ${this.podLimit} pods is reached`);
    }
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
    if (o.kind === 'Pod') created.status = newPodStatus(created, this.clock.now());
    const stored = this.store.put(created, true, metadata.namespace === ns ? k : undefined);
    this.journal?.write(client, undefined, stored, false);
    this.admission.changed(o.kind);
    if (o.kind === 'Namespace') this.namespaceCreated(client, name);
    const warnings = client.component === 'kubectl' && this.kube ? this.admission.warnings(stored, ns) : [];
    return warnings.length > 0 ? { ok: true, object: stored, warnings } : { ok: true, object: stored };
  }

  /** Validation, then validating admission, of an object about to be created (its name generated). */
  private validateNew(o: KubeObject, ns: string | undefined): string | null {
    const name = str(o.metadata.name) ?? '';
    const errs = validateCreate(o);
    if (errs.length) return invalidError(o.kind, o.apiVersion, name, errs);
    const denied = this.admission.validate(o, ns, resourceName);
    return denied ? forbiddenError(resourceName(o.kind), name, denied) : null;
  }

  /**
   * A new namespace gets its `default` ServiceAccount (the serviceaccounts-controller of
   * kube-controller-manager creates it within milliseconds; here at once, so pods applied right after
   * the namespace are admitted). With the `default` namespace the API server's bootstrap also creates
   * the `kubernetes` Service and the system PriorityClasses.
   */
  private namespaceCreated(client: Client, name: string): void {
    if (!this.kube) return;
    this.create(client, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: DEFAULT_SERVICE_ACCOUNT, namespace: name } });
    if (name !== 'default' || client.component !== 'kube-apiserver') return;
    for (const pc of systemPriorityClasses()) this.create(client, pc as KubeObject);
    this.ensureKubernetesService(client);
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
    let warnings: readonly string[] = [];
    if (this.kube && userChange(o, cur)) {
      const checked = this.checkUpdate(o, cur);
      if (typeof checked === 'string') return this.refuse(client, 'update', o, checked);
      o = checked;
      if (client.component === 'kubectl') warnings = o.kind === 'Namespace' ? this.admission.namespaceWarnings(o, cur) : o.kind === 'Pod' ? [] : this.admission.warnings(o, namespaceOf(o));
    }
    const same = o.metadata.uid === cur.metadata.uid && o.metadata.creationTimestamp === cur.metadata.creationTimestamp;
    const metadata = same ? o.metadata : { ...o.metadata, uid: cur.metadata.uid, creationTimestamp: cur.metadata.creationTimestamp };
    const stored = this.store.put(same ? o : { ...o, metadata }, false, storeKey);
    this.journal?.write(client, cur, stored, false);
    this.admission.changed(o.kind);
    return warnings.length > 0 ? { ok: true, object: stored, warnings } : { ok: true, object: stored };
  }

  /**
   * An update of spec or metadata: defaulted, a Pod re-admitted (the API server merges a patch into the
   * stored pod, so what admission set stays), then validated with the fields that may not change.
   */
  private checkUpdate(o: KubeObject, cur: Stored): KubeObject | string {
    // A metadata-only change keeps the stored (defaulted, admitted) spec object as it is; a Secret has no
    // spec, and its stringData is folded into data on every write.
    if (o.spec !== cur.spec || o.kind === 'Secret') o = withDefaults(o);
    if (o.kind === 'Pod' && o.spec !== cur.spec) {
      const admitted = this.admission.mutate(o, namespaceOf(o));
      if (typeof admitted === 'string') return forbiddenError(resourceName(o.kind), nameOf(o), admitted);
      o = obj(admitted.spec) ? { ...admitted, spec: admitPodSpec(obj(admitted.spec) as Record<string, unknown>) } : admitted;
    }
    const errs = validateUpdate(o, cur);
    return errs.length ? invalidError(o.kind, o.apiVersion, nameOf(o), errs) : o;
  }

  /**
   * Deletes an object. A Pod with a grace period (gracePeriod) is only marked: deletionTimestamp and
   * deletionGracePeriodSeconds are set and its kubelet stops the containers and then removes it;
   * pass `force` for the final removal (grace period 0). `grace` is the request's own gracePeriodSeconds
   * (`kubectl delete --grace-period`; 0 removes the Pod at once, `--force`).
   */
  delete(client: Client, kind: string, namespace: string | undefined, name: string, force = false, grace?: number): WriteResult {
    const ref = { kind, namespace, name };
    const err = this.writeError(client);
    if (err) return this.refuse(client, 'delete', ref, err);
    const cur = this.store.get(kind, CLUSTER_SCOPED.has(kind) ? undefined : namespace || 'default', name);
    if (!cur) return this.refuse(client, 'delete', ref, `${resourceName(kind)} "${name}" not found`);
    const period = kind === 'Pod' && !force ? (grace !== undefined && gracePeriod(cur) > 0 ? grace : gracePeriod(cur)) : 0;
    if (period > 0) return this.markDeleted(client, cur, period);
    this.store.remove(kind, cur.metadata.namespace, name);
    this.journal?.write(client, cur, cur, true, 'delete');
    this.admission.changed(kind);
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

/**
 * Whether an update changes what a user writes (spec, labels, annotations, owners) rather than only
 * status or a binding (spec.nodeName alone, as the pods/binding subresource sets it): only those are
 * defaulted and validated again, as status and binding writes are in kube-apiserver.
 */
function userChange(o: KubeObject, cur: Stored): boolean {
  const m = o.metadata;
  const c = cur.metadata;
  if (m.labels !== c.labels || m.annotations !== c.annotations || m.ownerReferences !== c.ownerReferences) return true;
  if (o.spec === cur.spec) return false;
  const a = obj(o.spec);
  const b = obj(cur.spec);
  if (!a || !b || o.kind !== 'Pod') return true;
  // Counted in loops, not Object.keys: every bind of 150,000 pods passes here.
  let inA = 0;
  for (const key in a) {
    inA++;
    if (key !== 'nodeName' && a[key] !== b[key]) return true;
  }
  let inB = 0;
  for (const _key in b) inB++;
  return inA !== inB && inA !== inB + 1;
}

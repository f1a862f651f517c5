/**
 * The resources the simulated API server serves, as `kubectl api-resources` lists them on a v1.33 cluster
 * (https://kubernetes.io/docs/reference/kubectl/#resource-types): group, version, plural name, scope,
 * short names, verbs and categories. Discovery, URL routing and kubectl's name resolution all read this.
 */

/** One served resource. */
export interface Resource {
  readonly kind: string;
  readonly group: string;
  readonly version: string;
  readonly plural: string;
  readonly singular: string;
  readonly namespaced: boolean;
  readonly shortNames: readonly string[];
  readonly verbs: readonly string[];
  readonly categories: readonly string[];
  /** Subresources served below it (`scale`, `status`, `binding`, `eviction`). */
  readonly subresources: readonly string[];
}

const CRUD = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] as const;
const ALL = ['all'] as const;

function r(kind: string, groupVersion: string, plural: string, namespaced: boolean, shortNames: readonly string[] = [], extra: Partial<Resource> = {}): Resource {
  const [group, version] = groupVersion.includes('/') ? groupVersion.split('/') : ['', groupVersion];
  return { kind, group, version, plural, singular: kind.toLowerCase(), namespaced, shortNames, verbs: CRUD, categories: [], subresources: [], ...extra };
}

/** Every resource served, in discovery order. */
export const RESOURCES: readonly Resource[] = [
  r('Binding', 'v1', 'bindings', true, [], { verbs: ['create'] }),
  r('ConfigMap', 'v1', 'configmaps', true, ['cm']),
  r('Endpoints', 'v1', 'endpoints', true, ['ep']),
  r('Event', 'v1', 'events', true, ['ev']),
  r('LimitRange', 'v1', 'limitranges', true, ['limits']),
  r('Namespace', 'v1', 'namespaces', false, ['ns'], { verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'], subresources: ['status'] }),
  r('Node', 'v1', 'nodes', false, ['no'], { subresources: ['status'] }),
  r('PersistentVolumeClaim', 'v1', 'persistentvolumeclaims', true, ['pvc'], { subresources: ['status'] }),
  r('PersistentVolume', 'v1', 'persistentvolumes', false, ['pv'], { subresources: ['status'] }),
  r('Pod', 'v1', 'pods', true, ['po'], { categories: ALL, subresources: ['binding', 'eviction', 'status'] }),
  r('ResourceQuota', 'v1', 'resourcequotas', true, ['quota'], { subresources: ['status'] }),
  r('Secret', 'v1', 'secrets', true),
  r('ServiceAccount', 'v1', 'serviceaccounts', true, ['sa']),
  r('Service', 'v1', 'services', true, ['svc'], { categories: ALL, subresources: ['status'] }),
  // Listed (always empty) because kubectl asks whether an unknown kind is a custom resource; creating CRDs is not simulated.
  r('CustomResourceDefinition', 'apiextensions.k8s.io/v1', 'customresourcedefinitions', false, ['crd', 'crds'], { verbs: ['get', 'list', 'patch', 'watch'] }),
  r('ControllerRevision', 'apps/v1', 'controllerrevisions', true),
  r('DaemonSet', 'apps/v1', 'daemonsets', true, ['ds'], { categories: ALL, subresources: ['status'] }),
  r('Deployment', 'apps/v1', 'deployments', true, ['deploy'], { categories: ALL, subresources: ['scale', 'status'] }),
  r('ReplicaSet', 'apps/v1', 'replicasets', true, ['rs'], { categories: ALL, subresources: ['scale', 'status'] }),
  r('StatefulSet', 'apps/v1', 'statefulsets', true, ['sts'], { categories: ALL, subresources: ['scale', 'status'] }),
  r('HorizontalPodAutoscaler', 'autoscaling/v2', 'horizontalpodautoscalers', true, ['hpa'], { categories: ALL, subresources: ['status'] }),
  r('CronJob', 'batch/v1', 'cronjobs', true, ['cj'], { categories: ALL, subresources: ['status'] }),
  r('Job', 'batch/v1', 'jobs', true, [], { categories: ALL, subresources: ['status'] }),
  r('Lease', 'coordination.k8s.io/v1', 'leases', true),
  r('EndpointSlice', 'discovery.k8s.io/v1', 'endpointslices', true),
  r('Ingress', 'networking.k8s.io/v1', 'ingresses', true, ['ing'], { subresources: ['status'] }),
  r('NetworkPolicy', 'networking.k8s.io/v1', 'networkpolicies', true, ['netpol']),
  r('PodDisruptionBudget', 'policy/v1', 'poddisruptionbudgets', true, ['pdb'], { subresources: ['status'] }),
  r('PriorityClass', 'scheduling.k8s.io/v1', 'priorityclasses', false, ['pc']),
  r('StorageClass', 'storage.k8s.io/v1', 'storageclasses', false, ['sc']),
];

/** `group/version`, or `version` for the core group. */
export function groupVersion(res: Pick<Resource, 'group' | 'version'>): string {
  return res.group ? `${res.group}/${res.version}` : res.version;
}

/** The resource served at this group, version and plural name. */
export function resourceAt(group: string, version: string, plural: string): Resource | undefined {
  return RESOURCES.find((x) => x.group === group && x.version === version && x.plural === plural);
}

/** The resource of an object's apiVersion and kind. */
export function resourceOf(apiVersion: string, kind: string): Resource | undefined {
  return RESOURCES.find((x) => groupVersion(x) === apiVersion && x.kind === kind);
}

/** The API groups other than the core group, each with its versions, in discovery order. */
export function apiGroups(): { name: string; versions: string[] }[] {
  const out: { name: string; versions: string[] }[] = [];
  for (const res of RESOURCES) {
    if (!res.group) continue;
    const g = out.find((x) => x.name === res.group) ?? (out.push({ name: res.group, versions: [] }), out[out.length - 1]);
    if (!g.versions.includes(res.version)) g.versions.push(res.version);
  }
  return out;
}

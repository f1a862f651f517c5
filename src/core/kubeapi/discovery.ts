/**
 * API discovery as kube-apiserver v1.33 serves it: the legacy documents (`/api`, `/apis`, `/api/v1`,
 * `/apis/GROUP/VERSION`) and the aggregated ones (apidiscovery.k8s.io/v2) that kubectl asks for first
 * (https://kubernetes.io/docs/concepts/overview/kubernetes-api/#discovery-api).
 */
import { apiGroups, groupVersion, RESOURCES, type Resource } from './resources';

/** The content type of aggregated discovery documents. */
export const AGGREGATED_V2 = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

/** Whether the client's Accept header asks for aggregated discovery (v2). */
export function wantsAggregated(accept: string | undefined): boolean {
  return !!accept && /g=apidiscovery\.k8s\.io;\s*v=v2;\s*as=APIGroupDiscoveryList/.test(accept);
}

const SUB_VERBS = ['get', 'patch', 'update'];

/** `GET /api` */
export function apiVersions(serverAddress: string): object {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

/** `GET /apis` */
export function apiGroupList(): object {
  return {
    kind: 'APIGroupList', apiVersion: 'v1',
    groups: apiGroups().map((g) => {
      const versions = g.versions.map((v) => ({ groupVersion: `${g.name}/${v}`, version: v }));
      return { name: g.name, versions, preferredVersion: versions[0] };
    }),
  };
}

/** `GET /api/v1` or `GET /apis/GROUP/VERSION`, or undefined when that group/version is not served. */
export function apiResourceList(group: string, version: string): object | undefined {
  const resources = RESOURCES.filter((x) => x.group === group && x.version === version);
  if (resources.length === 0) return undefined;
  return {
    kind: 'APIResourceList', apiVersion: 'v1', groupVersion: groupVersion({ group, version }),
    resources: resources.flatMap((res) => [legacyResource(res), ...res.subresources.map((s) => legacySubresource(res, s))]),
  };
}

function legacyResource(res: Resource): object {
  const out: Record<string, unknown> = { name: res.plural, singularName: res.singular, namespaced: res.namespaced, kind: res.kind, verbs: res.verbs };
  if (res.shortNames.length) out.shortNames = res.shortNames;
  if (res.categories.length) out.categories = res.categories;
  return out;
}

function legacySubresource(res: Resource, sub: string): object {
  const name = `${res.plural}/${sub}`;
  if (sub === 'scale') return { name, singularName: '', namespaced: res.namespaced, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: SUB_VERBS };
  if (sub === 'binding') return { name, singularName: '', namespaced: true, kind: 'Binding', verbs: ['create'] };
  if (sub === 'eviction') return { name, singularName: '', namespaced: true, group: 'policy', version: 'v1', kind: 'Eviction', verbs: ['create'] };
  return { name, singularName: '', namespaced: res.namespaced, kind: res.kind, verbs: SUB_VERBS };
}

/** `GET /api` (core group) or `GET /apis` (the others) as an aggregated APIGroupDiscoveryList. */
export function aggregatedDiscovery(core: boolean): object {
  const groups = core ? [{ name: '', versions: ['v1'] }] : apiGroups();
  return {
    kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {},
    items: groups.map((g) => ({
      metadata: core ? { creationTimestamp: null } : { name: g.name, creationTimestamp: null },
      versions: g.versions.map((v) => ({
        version: v, freshness: 'Current',
        resources: RESOURCES.filter((x) => x.group === g.name && x.version === v).map(aggregatedResource),
      })),
    })),
  };
}

function aggregatedResource(res: Resource): object {
  const out: Record<string, unknown> = {
    resource: res.plural, responseKind: { group: '', version: '', kind: res.kind }, scope: res.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: res.singular, verbs: res.verbs,
  };
  if (res.shortNames.length) out.shortNames = res.shortNames;
  if (res.categories.length) out.categories = res.categories;
  if (res.subresources.length) {
    out.subresources = res.subresources.map((s) => {
      const kind = s === 'scale' ? { group: 'autoscaling', version: 'v1', kind: 'Scale' } : s === 'eviction' ? { group: 'policy', version: 'v1', kind: 'Eviction' } : s === 'binding' ? { group: '', version: '', kind: 'Binding' } : { group: '', version: '', kind: res.kind };
      return { subresource: s, responseKind: kind, verbs: s === 'binding' || s === 'eviction' ? ['create'] : SUB_VERBS };
    });
  }
  return out;
}

/** kubectl-style object references (`deployment/shop`, `pod/default/web-0`) and label selectors (`app=shop`). */
import type { ObjectRef, SelectorTerm } from './types';
import type { Reader } from './yamlReader';

/** kubectl's resource names (singular, plural and short) → kinds, for the kinds the simulation knows. */
export const KUBECTL_KINDS: Readonly<Record<string, string>> = {
  pod: 'Pod', pods: 'Pod', po: 'Pod',
  deployment: 'Deployment', deployments: 'Deployment', deploy: 'Deployment',
  replicaset: 'ReplicaSet', replicasets: 'ReplicaSet', rs: 'ReplicaSet',
  statefulset: 'StatefulSet', statefulsets: 'StatefulSet', sts: 'StatefulSet',
  daemonset: 'DaemonSet', daemonsets: 'DaemonSet', ds: 'DaemonSet',
  job: 'Job', jobs: 'Job', cronjob: 'CronJob', cronjobs: 'CronJob', cj: 'CronJob',
  service: 'Service', services: 'Service', svc: 'Service',
  node: 'Node', nodes: 'Node', no: 'Node', namespace: 'Namespace', namespaces: 'Namespace', ns: 'Namespace',
  configmap: 'ConfigMap', configmaps: 'ConfigMap', cm: 'ConfigMap', secret: 'Secret', secrets: 'Secret',
};

/** `KIND/NAME` or `KIND/NAMESPACE/NAME` → a reference, or an error message. */
export function objectRefFrom(text: string): ObjectRef | string {
  const parts = text.split('/');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === '')) return `expected KIND/NAME or KIND/NAMESPACE/NAME, got "${text}"`;
  const kind = KUBECTL_KINDS[parts[0].toLowerCase()];
  if (!kind) return `unknown kind "${parts[0]}": expected one of ${[...new Set(Object.values(KUBECTL_KINDS))].join(', ')}`;
  return { kind, namespace: parts.length === 3 ? parts[1] : undefined, name: parts[parts.length - 1] };
}

/** Reads a reference from a scalar node, reporting problems at it. */
export function parseObjectRef(r: Reader, node: unknown, what: string): ObjectRef | undefined {
  const text = r.string(node, what);
  if (text === undefined) return undefined;
  const ref = objectRefFrom(text);
  return typeof ref === 'string' ? r.error(node, `${what}: ${ref}`) : ref;
}

/** `kind/name` or `kind/namespace/name` as kubectl prints it (lower-case kind). */
export function refText(ref: ObjectRef): string {
  return `${ref.kind.toLowerCase()}/${ref.namespace ? ref.namespace + '/' : ''}${ref.name}`;
}

/** Equality-based label selector, as `kubectl get -l` takes it: `a=b,c!=d` (also `==`). */
export function selectorFrom(text: string): SelectorTerm[] | string {
  const terms: SelectorTerm[] = [];
  for (const raw of text.split(',')) {
    const m = /^\s*([A-Za-z0-9][-A-Za-z0-9_./]*)\s*(==|=|!=)\s*([-A-Za-z0-9_.]*)\s*$/.exec(raw);
    if (!m) return `"${raw.trim()}" is not a label selector term; expected key=value or key!=value`;
    terms.push({ key: m[1], op: m[2] === '!=' ? '!=' : '=', value: m[3] });
  }
  return terms;
}

/** Whether labels match every term. */
export function selectorMatches(terms: readonly SelectorTerm[], labels: Readonly<Record<string, string>> | undefined): boolean {
  return terms.every((t) => (labels?.[t.key] === t.value) === (t.op === '='));
}

/** `app=shop,tier!=db` from terms. */
export function selectorText(terms: readonly SelectorTerm[]): string {
  return terms.map((t) => `${t.key}${t.op}${t.value}`).join(',');
}

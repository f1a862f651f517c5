/**
 * kube-apiserver's warnings for a pod or a pod template that it admits (pkg/api/pod/warnings.go,
 * warningsForPodSpecAndMeta, v1.33; node labels from pkg/api/node/util.go): kubectl prints each as
 * `Warning: …`. In the function's order: deprecated node labels in the nodeSelector, the node affinity and the
 * spread constraints' topologyKey, a spread constraint or pod (anti-)affinity term with no labelSelector, deprecated
 * annotations and volume plugins, duplicate hostAliases and imagePullSecrets, then per container (init containers
 * first) fractional byte quantities and an env var that hides an earlier one, then the ports of all the containers
 * (a second definition of the same containerPort and protocol) and a negative terminationGracePeriodSeconds.
 * Not here: a projected ServiceAccount token's duplicated paths and the seccomp and AppArmor annotations.
 */
import { parseQuantity } from '../../quantity';
import { arr, obj, str } from '../objects';
import type { Json } from '../types';

/** pkg/api/node/util.go deprecatedNodeLabels. */
const DEPRECATED_NODE_LABELS: Readonly<Record<string, string>> = {
  'beta.kubernetes.io/arch': 'deprecated since v1.14; use "kubernetes.io/arch" instead',
  'beta.kubernetes.io/os': 'deprecated since v1.14; use "kubernetes.io/os" instead',
  'failure-domain.beta.kubernetes.io/region': 'deprecated since v1.17; use "topology.kubernetes.io/region" instead',
  'failure-domain.beta.kubernetes.io/zone': 'deprecated since v1.17; use "topology.kubernetes.io/zone" instead',
  'beta.kubernetes.io/instance-type': 'deprecated since v1.17; use "node.kubernetes.io/instance-type" instead',
  'app.kubernetes.io/created-by': 'deprecated since v1.9',
  'scheduler.alpha.kubernetes.io/preferAvoidPods': 'deprecated since v1.22; use Taints and Tolerations instead',
  'node-role.kubernetes.io/master': 'use "node-role.kubernetes.io/control-plane" instead',
};

const DEPRECATED_ANNOTATIONS: readonly (readonly [string, string])[] = [
  ['scheduler.alpha.kubernetes.io/critical-pod', 'non-functional in v1.16+; use the "priorityClassName" field instead'],
  ['security.alpha.kubernetes.io/sysctls', 'non-functional in v1.11+; use the "sysctls" field instead'],
  ['security.alpha.kubernetes.io/unsafe-sysctls', 'non-functional in v1.11+; use the "sysctls" field instead'],
];

/** Deprecated volume plugins: the field as written, as the warning's path names it (Go's field name), and the message. */
const DEPRECATED_VOLUMES: readonly (readonly [string, string, string])[] = [
  ['photonPersistentDisk', 'photonPersistentDisk', 'deprecated in v1.11, non-functional in v1.16+'], ['gitRepo', 'gitRepo', 'deprecated in v1.11'],
  ['scaleIO', 'scaleIO', 'deprecated in v1.16, non-functional in v1.22+'], ['flocker', 'flocker', 'deprecated in v1.22, non-functional in v1.25+'],
  ['storageos', 'storageOS', 'deprecated in v1.22, non-functional in v1.25+'], ['quobyte', 'quobyte', 'deprecated in v1.22, non-functional in v1.25+'],
  ['glusterfs', 'glusterfs', 'deprecated in v1.25, non-functional in v1.26+'], ['cephfs', 'cephfs', 'deprecated in v1.28, non-functional in v1.31+'],
  ['rbd', 'rbd', 'deprecated in v1.28, non-functional in v1.31+'],
];

/** The warnings for a pod spec and its metadata's annotations; `prefix` is the template's path (`spec.template.`), '' for a Pod. */
export function podSpecWarnings(spec: Json, annotations: Json, prefix: string): string[] {
  const out: string[] = [];
  const at = (path: string): string => `${prefix}${path}`;
  // Go ranges over a map in random order; the keys are taken sorted here.
  for (const k of Object.keys(obj(spec.nodeSelector) ?? {}).sort()) {
    const msg = DEPRECATED_NODE_LABELS[k];
    if (msg) out.push(`${at(`spec.nodeSelector[${k}]`)}: ${msg}`);
  }
  const nodeAffinity = obj(obj(spec.affinity)?.nodeAffinity);
  arr(obj(nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution)?.nodeSelectorTerms).forEach((t, i) =>
    termWarnings(t, at(`spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[${i}]`), out));
  arr(nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution).forEach((t, i) =>
    termWarnings(obj(t)?.preference, at(`spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[${i}].preference`), out));
  arr(spec.topologySpreadConstraints).forEach((c, i) => {
    const key = str(obj(c)?.topologyKey) ?? '';
    const path = at(`spec.topologySpreadConstraints[${i}]`);
    if (DEPRECATED_NODE_LABELS[key]) out.push(`${path}.topologyKey: ${key} is ${DEPRECATED_NODE_LABELS[key]}`);
    if (isNull(obj(c)?.labelSelector)) out.push(`${path}.labelSelector: a null labelSelector results in matching no pod`);
  });
  for (const [key, message] of DEPRECATED_ANNOTATIONS) if (key in annotations) out.push(`${at(`metadata.annotations[${key}]`)}: ${message}`);
  arr(spec.volumes).forEach((v, i) => {
    for (const [field, name, message] of DEPRECATED_VOLUMES) if (obj(v)?.[field] !== undefined) out.push(`${at(`spec.volumes[${i}].${name}`)}: ${message}`);
  });
  duplicates(arr(spec.hostAliases), 'ip', at('spec.hostAliases'), out);
  duplicates(arr(spec.imagePullSecrets), 'name', at('spec.imagePullSecrets'), out);
  arr(spec.imagePullSecrets).forEach((s, i) => {
    if ((str(obj(s)?.name) ?? '') === '') out.push(`${at(`spec.imagePullSecrets[${i}].name`)}: invalid empty name ""`);
  });
  const containers = visitContainers(spec, at('spec'));
  for (const [c, path] of containers) containerWarnings(c, path, out);
  portWarnings(containers, out);
  const grace = spec.terminationGracePeriodSeconds;
  if (typeof grace === 'number' && grace < 0) out.push(`${at('spec.terminationGracePeriodSeconds')}: must be >= 0; negative values are invalid and will be treated as 1`);
  const affinity = obj(spec.affinity);
  for (const kind of ['podAffinity', 'podAntiAffinity']) {
    const a = obj(affinity?.[kind]);
    const base = at(`spec.affinity.${kind}`);
    arr(a?.requiredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => {
      if (isNull(obj(t)?.labelSelector)) out.push(`${base}.requiredDuringSchedulingIgnoredDuringExecution[${i}].labelSelector: a null labelSelector results in matching no pod`);
    });
    arr(a?.preferredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => {
      if (isNull(obj(obj(t)?.podAffinityTerm)?.labelSelector)) out.push(`${base}.preferredDuringSchedulingIgnoredDuringExecution[${i}].podAffinityTerm.labelSelector: a null labelSelector results in matching no pod`);
    });
  }
  return out;
}

/** A field left out or null (a Go nil pointer). */
const isNull = (x: unknown): boolean => x === undefined || x === null;

/** GetWarningsForNodeSelectorTerm: a deprecated node label as a match expression's key (added to `out`). */
function termWarnings(term: unknown, path: string, out: string[]): void {
  arr(obj(term)?.matchExpressions).forEach((e, i) => {
    const key = str(obj(e)?.key) ?? '';
    if (DEPRECATED_NODE_LABELS[key]) out.push(`${path}.matchExpressions[${i}].key: ${key} is ${DEPRECATED_NODE_LABELS[key]}`);
  });
}

/** `path[i].field: duplicate field "value"` (added to `out`) for each item whose `field` an earlier item already had. */
function duplicates(items: readonly unknown[], field: string, path: string, out: string[]): void {
  const seen = new Set<string>();
  items.forEach((x, i) => {
    const v = str(obj(x)?.[field]) ?? '';
    if (seen.has(v)) out.push(`${path}[${i}].${field}: duplicate ${field} ${JSON.stringify(v)}`);
    else seen.add(v);
  });
}

/** pods.VisitContainersWithPath: init containers, then containers, with their paths. */
function visitContainers(spec: Json, specPath: string): [Json, string][] {
  const out: [Json, string][] = [];
  for (const list of ['initContainers', 'containers']) {
    arr(spec[list]).forEach((c, i) => {
      const o = obj(c);
      if (o) out.push([o, `${specPath}.${list}[${i}]`]);
    });
  }
  return out;
}

function containerWarnings(c: Json, path: string, out: string[]): void {
  const resources = obj(c.resources);
  // Memory and ephemeral storage count bytes: "100m" (a tenth of a byte) is not one.
  for (const [kind, name] of [['limits', 'memory'], ['requests', 'memory'], ['limits', 'ephemeral-storage'], ['requests', 'ephemeral-storage']]) {
    const raw = obj(resources?.[kind])?.[name];
    const q = parseQuantity(raw);
    if (!q.ok) continue;
    const milli = Math.round(q.value * 1000);
    if (milli % 1000 !== 0) out.push(`${path}.resources.${kind}[${name}]: fractional byte value ${JSON.stringify(canonical(raw, milli))} is invalid, must be an integer`);
  }
  // An env var defined twice: the later one wins, and `kubectl apply` may drop one of them.
  const env = arr(c.env);
  if (env.length > 1) {
    const seen = new Set<string>();
    env.forEach((e, i) => {
      const name = str(obj(e)?.name) ?? '';
      if (!seen.has(name)) return void seen.add(name);
      const value = str(obj(e)?.value) ?? '';
      const ref = `$(${name})`;
      if (obj(e)?.valueFrom !== undefined || value === ref || !value.includes(ref)) out.push(`${path}.env[${i}]: hides previous definition of ${JSON.stringify(name)}, which may be dropped when using apply`);
    });
  }
}

/** resource.Quantity's String() of a fractional byte count: the milli form ("100m", "1500m" for 1.5). */
function canonical(raw: unknown, milli: number): string {
  return typeof raw === 'string' && /^\d+m$/.test(raw) ? raw : `${milli}m`;
}

interface PortBlock { readonly path: string; readonly hostIP: string; readonly hostPort: number }

/** The ports of all the containers: the same containerPort and protocol defined twice (warnings.go, "Accumulate ports"). */
function portWarnings(containers: readonly [Json, string][], out: string[]): void {
  const all = new Map<string, PortBlock[]>();
  for (const [c, cpath] of containers) {
    arr(c.ports).forEach((p, i) => {
      const port = obj(p) ?? {};
      const path = `${cpath}.ports[${i}]`;
      const hostIP = str(port.hostIP) ?? '';
      const hostPort = typeof port.hostPort === 'number' ? port.hostPort : 0;
      if (hostIP !== '' && hostPort === 0) out.push(`${path}: hostIP set without hostPort: ${goPort(port)}`);
      const k = `${String(port.containerPort)}/${str(port.protocol) ?? 'TCP'}`;
      const others = all.get(k) ?? [];
      for (const o of others) {
        if (hostIP === o.hostIP && hostPort === o.hostPort) out.push(`${path}: duplicate port definition with ${o.path}`);
        else if (hostPort === 0 || o.hostPort === 0) out.push(`${path}: overlapping port definition with ${o.path}`);
        else if (hostPort === o.hostPort && (hostIP === '') !== (o.hostIP === '')) out.push(`${path}: dangerously ambiguous port definition with ${o.path}`);
      }
      others.push({ path, hostIP, hostPort });
      all.set(k, others);
    });
  }
}

/** Go's `%+v` of a core ContainerPort. */
function goPort(p: Json): string {
  return `{Name:${str(p.name) ?? ''} HostPort:${typeof p.hostPort === 'number' ? p.hostPort : 0} ContainerPort:${String(p.containerPort ?? 0)} Protocol:${str(p.protocol) ?? 'TCP'} HostIP:${str(p.hostIP) ?? ''}}`;
}

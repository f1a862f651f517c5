/**
 * Topologies from manifests: a kind Cluster config (kind.x-k8s.io/v1alpha4) with kind's own
 * node names, or v1 Node objects.
 */
import { kindNodeLimitMessage } from '../../manifests/kindConfig';
import { MAX_SIMULATED_NODES } from '../../manifests/types';
import { invalid, invalidError, notSupported, required, type FieldError } from '../apiserver/fieldErrors';
import { nameIsDNSSubdomain } from '../apiserver/validation/identifiers';
import { validateObjectMeta } from '../apiserver/validation/meta';
import { isQualifiedName, isValidLabelValue } from '../apiserver/validation/identifiers';
import { arr, at, obj, str, strMap } from '../objects';
import type { KubeObject } from '../types';
import { CONTROL_PLANE_TAINT, DEFAULT_POD_SUBNET, DEFAULT_SERVICE_SUBNET, makeNode } from './presets';
import type { NodeSpec, TaintSpec, TopologySpec } from './types';

/**
 * The most hosts a simulated cluster has: four times the 5,000 nodes of Kubernetes' largest supported
 * cluster ("Considerations for large clusters", https://kubernetes.io/docs/setup/best-practices/cluster-large/).
 * Setup is linear (about a second per 10,000 nodes on a quiet machine, and 5 MB of memory per 1,000), so a
 * larger kind config or set of Node objects is refused at once rather than simulated for minutes.
 */
export const MAX_NODES = MAX_SIMULATED_NODES;

/** Why the objects' topology is refused (too many nodes), or null. */
export function topologyLimitError(objects: readonly KubeObject[]): string | null {
  const kind = objects.find(isKindConfig);
  if (kind) {
    const n = Math.max(1, arr(kind.nodes).length);
    return n > MAX_NODES ? kindNodeLimitMessage(n) : null;
  }
  let n = 0;
  for (const o of objects) if (o.kind === 'Node' && o.apiVersion === 'v1') n++;
  return n > MAX_NODES ? `${n} Node objects is more than the simulator's limit of ${MAX_NODES} nodes (Kubernetes supports clusters of up to 5,000 nodes); the Node objects are not simulated` : null;
}

/** True for a kind cluster configuration. */
export function isKindConfig(o: KubeObject): boolean {
  return o.kind === 'Cluster' && typeof o.apiVersion === 'string' && o.apiVersion.startsWith('kind.x-k8s.io/');
}

/**
 * The topology the objects describe: a kind config wins; else Node objects (with a `control-plane`
 * node added when none of them is one, so the cluster has a control plane); else null.
 */
export function topologyFromObjects(objects: readonly KubeObject[]): TopologySpec | null {
  if (topologyLimitError(objects)) return null;
  const kind = objects.find(isKindConfig);
  if (kind) return fromKind(kind);
  const nodes = objects.filter((o) => o.kind === 'Node' && o.apiVersion === 'v1');
  return nodes.length ? fromNodes(nodes) : null;
}

/**
 * kind's naming (sigs.k8s.io/kind pkg/cluster/internal/create): "<name>-control-plane", then
 * "<name>-control-plane2", …; workers "<name>-worker", "<name>-worker2", …; name defaults to "kind".
 * A single control-plane with workers keeps kubeadm's NoSchedule taint; alone, kind removes it.
 * More than one control plane brings kind's external load balancer.
 */
function fromKind(cfg: KubeObject): TopologySpec {
  const prefix = str(cfg.metadata?.name) ?? str((cfg as { name?: unknown }).name) ?? 'kind';
  const entries = arr(cfg.nodes).map(obj);
  const list = entries.length ? entries : [{ role: 'control-plane' }];
  const cps = list.filter((n) => str(n?.role) !== 'worker').length;
  const workers = list.length - cps;
  let c = 0;
  let w = 0;
  const nodes = list.map((n, i) => {
    const worker = str(n?.role) === 'worker';
    const idx = worker ? ++w : ++c;
    const name = `${prefix}-${worker ? 'worker' : 'control-plane'}${idx > 1 ? idx : ''}`;
    const taints = !worker && workers > 0 ? [CONTROL_PLANE_TAINT] : [];
    return makeNode(name, i, worker ? 'worker' : 'control-plane', { taints, labels: strMap(n?.labels) });
  });
  const net = obj(cfg.networking) ?? {};
  return {
    name: 'kind', mode: 'kubernetes', nodes, apiLoadBalancer: cps > 1,
    podSubnet: str(net.podSubnet) ?? DEFAULT_POD_SUBNET, serviceSubnet: str(net.serviceSubnet) ?? '10.96.0.0/16',
  };
}

function fromNodes(objects: KubeObject[]): TopologySpec {
  const specs = objects.map((o, i) => nodeSpecFromObject(o, i)).filter((s): s is NodeSpec => typeof s !== 'string');
  const hasCp = specs.some((s) => s.roles.includes('control-plane'));
  const nodes = hasCp ? specs : [makeNode('control-plane', specs.length, 'control-plane', { taints: [CONTROL_PLANE_TAINT] }), ...specs];
  const cps = nodes.filter((n) => n.roles.includes('control-plane')).length;
  return { name: 'nodes', mode: 'kubernetes', nodes, apiLoadBalancer: cps > 1, podSubnet: podSubnetFor(nodes.length), serviceSubnet: DEFAULT_SERVICE_SUBNET };
}

/**
 * Node objects say nothing of the cluster's pod subnet (kube-controller-manager's --cluster-cidr), so the
 * simulator picks it: kind's 10.244.0.0/16 holds 256 nodes' /24s; a larger cluster of Node objects gets
 * 10.128.0.0/9 (32,768 /24s, clear of the Service range 10.96.0.0/12), as its administrator would have
 * set, instead of leaving every node past the 256th NotReady with CIDRNotAvailable.
 */
export function podSubnetFor(nodes: number): string {
  return nodes <= 256 ? DEFAULT_POD_SUBNET : '10.128.0.0/9';
}

/** A host from a v1 Node object (labels, taints, capacity, allocatable, unschedulable); an error string if unusable. */
export function nodeSpecFromObject(o: KubeObject, index: number): NodeSpec | string {
  const name = str(o.metadata.name);
  if (!name) return 'Node: metadata.name: Required value';
  // ValidateNode: ValidateObjectMeta with ValidateNodeName (a DNS-1123 subdomain), then the taints.
  const errs = [...validateObjectMeta(o.metadata as Record<string, unknown>, nameIsDNSSubdomain, false), ...taintErrors(at(o, 'spec', 'taints'))];
  if (errs.length) return invalidError('Node', o.apiVersion, name, errs);
  const labels = strMap(o.metadata.labels);
  const cp = 'node-role.kubernetes.io/control-plane' in labels || 'node-role.kubernetes.io/master' in labels;
  const base = makeNode(name, index, cp ? 'control-plane' : 'worker', { labels, taints: taintsOf(o) });
  const capacity = { ...base.capacity, ...strMap(at(o, 'status', 'capacity')), ...numbers(at(o, 'status', 'capacity')) };
  const allocatable = { ...(obj(at(o, 'status', 'capacity')) ? capacity : base.allocatable), ...strMap(at(o, 'status', 'allocatable')), ...numbers(at(o, 'status', 'allocatable')) };
  return { ...base, capacity, allocatable, unschedulable: at(o, 'spec', 'unschedulable') === true };
}

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/**
 * validateNodeTaints (pkg/apis/core/validation/validation.go, v1.33): a key is a qualified name (so a key
 * such as `http://evil.example:8080/login` never reaches a hover), a value a label value, an effect one of
 * the three (validateTaintEffect).
 */
function taintErrors(v: unknown): FieldError[] {
  const out: FieldError[] = [];
  arr(v).forEach((t, i) => {
    const p = `spec.taints[${i}]`;
    const taint = obj(t) ?? {};
    const key = str(taint.key) ?? '';
    for (const msg of isQualifiedName(key)) out.push(invalid(`${p}.key`, key, msg));
    const value = str(taint.value) ?? '';
    const bad = isValidLabelValue(value);
    if (bad.length) out.push(invalid(`${p}.value`, value, bad.join(';')));
    const effect = str(taint.effect) ?? '';
    if (effect === '') out.push(required(`${p}.effect`));
    else if (!TAINT_EFFECTS.includes(effect)) out.push(notSupported(`${p}.effect`, effect, TAINT_EFFECTS));
  });
  return out;
}

function taintsOf(o: KubeObject): TaintSpec[] {
  const effects = TAINT_EFFECTS;
  return arr(at(o, 'spec', 'taints')).map(obj).filter((t) => t && typeof t.key === 'string' && effects.includes(String(t.effect)))
    .map((t) => ({ key: String(t?.key), ...(typeof t?.value === 'string' ? { value: t.value } : {}), effect: t?.effect as TaintSpec['effect'] }));
}

function numbers(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(obj(v) ?? {})) if (typeof x === 'number' && Number.isFinite(x)) out[k] = String(x);
  return out;
}

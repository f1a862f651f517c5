import { KUBECTL } from './cluster';
import type { SimContext } from './context';
import { refOf } from './eventLog';
import { at, cloneJson, namespaceOf, nameOf, obj, SIMULATED_KINDS, str } from './objects';
import { stableStringify } from './prng';
import type { Stored } from './store';
import type { ApplyResult, KubeObject } from './types';
import { validate } from './validation';
import { notSimulatedFields } from './notSimulatedFields';

/** `kind.group/name`, as kubectl prints objects ("deployment.apps/web"). */
export function kubectlName(o: KubeObject): string {
  const group = str(o.apiVersion)?.includes('/') ? '.' + (o.apiVersion.split('/')[0]) : '';
  return `${o.kind.toLowerCase()}${group}/${nameOf(o)}`;
}

/** Checks that an untrusted value is shaped like a Kubernetes object; returns an error message or null. */
export function shapeError(v: unknown): string | null {
  const o = obj(v);
  if (!o) return 'object is not a mapping';
  if (typeof o.apiVersion !== 'string' || o.apiVersion === '') return "Object 'apiVersion' is missing";
  if (typeof o.kind !== 'string' || o.kind === '') return "Object 'Kind' is missing";
  if (!obj(o.metadata)) return 'metadata: Required value';
  return null;
}

/** Replica counts above the simulation's cap are simulated at the cap (with a warning). */
export function replicaWarning(o: KubeObject, cap: number): string | undefined {
  const r = at(o, 'spec', 'replicas');
  return typeof r === 'number' && r > cap ? `spec.replicas ${r} is simulated as ${cap} (the simulator's per-workload limit)` : undefined;
}

/**
 * `kubectl apply` through the API path: create when absent, otherwise update spec, labels
 * and annotations (keeping status), bumping metadata.generation when the spec changed.
 */
export function kubectlApply(ctx: SimContext, input: unknown): ApplyResult {
  const bad = shapeError(input);
  if (bad) return { ok: false, error: bad };
  const o = cloneJson(input) as KubeObject;
  const invalid = validate(o);
  if (invalid) return { ok: false, error: invalid };
  const cur = ctx.store.get(o.kind, namespaceOf(o), nameOf(o));
  const res = cur && nameOf(o) ? update(ctx, cur, o) : create(ctx, o);
  if (!res.ok) return res;
  const warning = notSimulated(o) ?? replicaWarning(o, ctx.options.maxReplicasPerWorkload) ?? notSimulatedFields(o);
  return warning ? { ...res, warning } : res;
}

function create(ctx: SimContext, o: KubeObject): ApplyResult {
  const r = ctx.api.create(KUBECTL, o);
  if (!r.ok) return { ok: false, error: r.error };
  ctx.emit('kubectl', KUBECTL, 'Created', refOf(r.object), `${kubectlName(r.object)} created`);
  if (notSimulated(o)) ctx.emit('kube-apiserver', KUBECTL, 'NotSimulated', refOf(r.object), notSimulated(o) ?? '', 'Warning');
  return { ok: true, action: notSimulated(o) ? 'stored' : 'created' };
}

function update(ctx: SimContext, cur: Stored, o: KubeObject): ApplyResult {
  if (o.kind === 'Service') o = keepAllocated(cur, o);
  const next: KubeObject = { ...cur, ...o, metadata: { ...cur.metadata, labels: o.metadata.labels, annotations: o.metadata.annotations }, status: cur.status };
  const specChanged = stableStringify(withoutStatus(o)) !== stableStringify(withoutStatus({ ...cur, metadata: {} as KubeObject['metadata'] }));
  const metaChanged = stableStringify([o.metadata.labels, o.metadata.annotations]) !== stableStringify([cur.metadata.labels, cur.metadata.annotations]);
  if (!specChanged && !metaChanged) return { ok: true, action: 'unchanged' };
  if (specChanged) next.metadata.generation = Number(cur.metadata.generation ?? 1) + 1;
  const r = ctx.api.update(KUBECTL, next);
  if (!r.ok) return { ok: false, error: r.error };
  ctx.emit('kubectl', KUBECTL, 'Configured', refOf(r.object), `${kubectlName(r.object)} configured`);
  return { ok: true, action: 'configured' };
}

function withoutStatus(o: KubeObject): unknown {
  const { status: _s, metadata: _m, ...rest } = o;
  return rest;
}

/** The "not simulated" note for kinds the engine only stores. */
export function notSimulated(o: KubeObject): string | undefined {
  return SIMULATED_KINDS.has(o.kind) ? undefined : `${o.kind} "${nameOf(o)}" is stored but not simulated by Kube Anatomy`;
}

/** `kubectl delete`. */
export function kubectlDelete(ctx: SimContext, kind: string, namespace: string | undefined, name: string): ApplyResult {
  const r = ctx.api.delete(KUBECTL, kind, namespace, name);
  if (!r.ok) return { ok: false, error: r.error };
  ctx.emit('kubectl', KUBECTL, 'Deleted', refOf(r.object), `${kubectlName(r.object)} deleted`);
  return { ok: true, action: 'deleted' };
}

/** kubectl apply keeps the allocated clusterIP and nodePorts of a Service it updates. */
function keepAllocated(cur: Stored, o: KubeObject): KubeObject {
  const spec = obj(o.spec) ?? {};
  const curSpec = obj(cur.spec) ?? {};
  const curPorts = Array.isArray(curSpec.ports) ? curSpec.ports.map(obj) : [];
  const ports = (Array.isArray(spec.ports) ? spec.ports : []).map((p, i) => ({ ...obj(p), ...(obj(p)?.nodePort === undefined && curPorts[i]?.nodePort !== undefined ? { nodePort: curPorts[i]?.nodePort } : {}) }));
  return { ...o, spec: { ...spec, clusterIP: spec.clusterIP ?? curSpec.clusterIP, clusterIPs: curSpec.clusterIPs, type: spec.type ?? curSpec.type, ports } };
}

import { KUBECTL } from './cluster';
import type { SimContext } from './context';
import { refOf } from './eventLog';
import { at, cloneJson, namespaceOf, nameOf, obj, SIMULATED_KINDS, str } from './objects';
import { stableStringify } from './prng';
import type { Stored } from './store';
import type { ApplyResult, KubeObject } from './types';
import { threeWayMerge } from './applyMerge';
import { withDefaults } from './apiserver/defaults';
import { TOTAL_ANNOTATION_SIZE_LIMIT } from './apiserver/validation/meta';
import { notSimulatedFields, unmodelledFieldNotes } from './notSimulatedFields';

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
 * `kubectl apply` through the API path: create when absent, otherwise the three-way merge of the last
 * applied configuration, the manifest and the live object (keeping status and what others wrote),
 * bumping metadata.generation when the spec changed.
 */
export function kubectlApply(ctx: SimContext, input: unknown): ApplyResult {
  const bad = shapeError(input);
  if (bad) return { ok: false, error: bad };
  // Validation happens in the API server's write path (apiServer.ts), as kube-apiserver's does.
  const o = cloneJson(input) as KubeObject;
  const cur = ctx.store.get(o.kind, namespaceOf(o), nameOf(o));
  const sent = withLastApplied(o);
  const res = cur && nameOf(o) ? update(ctx, cur, sent) : create(ctx, sent);
  if (!res.ok) return lastAppliedHint(res, o);
  const warning = notSimulated(o) ?? replicaWarning(o, ctx.options.maxReplicasPerWorkload) ?? notSimulatedFields(o);
  const notes = notSimulated(o) ? [] : unmodelledFieldNotes(o);
  const out = notes.length ? { ...res, notModelled: notes } : res;
  return warning ? { ...out, warning } : out;
}

/** The annotation in which `kubectl apply` (client-side) records the configuration it applied. */
export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * The object as client-side `kubectl apply` sends it: with the configuration it applies recorded in the
 * last-applied-configuration annotation (k8s.io/kubectl/pkg/util/apply.go GetModifiedConfiguration): the
 * object without that annotation (an empty `annotations: {}` left in its place), its namespace filled in,
 * encoded as Go's JSON encoder writes it (keys sorted, `<`, `>` and `&` escaped, a newline at the end). The
 * annotation counts towards the API server's 256 KiB annotation limit, which is why a large object (a big
 * ConfigMap or CRD) fails `kubectl apply` with "metadata.annotations: Too long: may not be more than 262144
 * bytes" (https://kubernetes.io/docs/tasks/manage-kubernetes-objects/declarative-config/).
 */
export function withLastApplied(o: KubeObject): KubeObject {
  const annotations: Record<string, string> = { ...(obj(o.metadata.annotations) as Record<string, string> | undefined) };
  delete annotations[LAST_APPLIED];
  const namespace = namespaceOf(o);
  const applied = { ...o, metadata: { ...o.metadata, annotations, ...(namespace === undefined ? {} : { namespace }) } };
  const value = stableStringify(applied).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) + '\n';
  return { ...o, metadata: { ...o.metadata, annotations: { ...annotations, [LAST_APPLIED]: value } } };
}

/** When only the last-applied annotation made the annotations too long, says so and what applies the object instead. */
function lastAppliedHint(res: ApplyResult, o: KubeObject): ApplyResult {
  const own = Object.entries(obj(o.metadata.annotations) ?? {}).reduce((n, [k, v]) => n + k.length + (typeof v === 'string' ? v.length : 0), 0);
  if (!res.error?.includes('metadata.annotations: Too long') || own > TOTAL_ANNOTATION_SIZE_LIMIT) return res;
  return { ...res, error: `${res.error} (client-side \`kubectl apply\` records the whole object in the ${LAST_APPLIED} annotation, and annotations may hold 256 KiB: \`kubectl apply --server-side\` or \`kubectl create\` do not add it)` };
}

function create(ctx: SimContext, o: KubeObject): ApplyResult {
  const r = ctx.api.create(KUBECTL, o);
  if (!r.ok) return { ok: false, error: r.error };
  ctx.emit('kubectl', KUBECTL, 'Created', refOf(r.object), `${kubectlName(r.object)} created`);
  if (notSimulated(o)) ctx.emit('kube-apiserver', KUBECTL, 'NotSimulated', refOf(r.object), notSimulated(o) ?? '', 'Warning');
  return withApiWarnings({ ok: true, action: notSimulated(o) ? 'stored' : 'created', name: nameOf(r.object) }, r.warnings);
}

/**
 * An apply over a live object: the three-way merge of the last applied configuration, the manifest and the live
 * object (applyMerge.ts). Nothing to patch is `unchanged`. A patch the API server finds changes nothing once
 * decoded and defaulted (a quantity written `0.5` where `500m` is stored, a Secret's `stringData`) is still
 * `configured`, as kubectl reports it, but writes nothing: no new resourceVersion, no watch event.
 */
function update(ctx: SimContext, cur: Stored, sent: KubeObject): ApplyResult {
  // kubectl sends the manifest's status too, and the API server ignores it on the main resource.
  // kubectl fills in the namespace it applies to, as in the recorded configuration.
  const { status: _ignored, ...rest } = sent;
  const namespace = namespaceOf(sent);
  const modified = namespace === undefined ? rest : { ...rest, metadata: { ...rest.metadata, namespace } };
  const merged = threeWayMerge(lastAppliedOf(cur), modified, cur) as KubeObject;
  if (stableStringify(merged) === stableStringify(cur)) return { ok: true, action: 'unchanged' };
  const next = withDefaults(merged);
  const configured = (): void => ctx.emit('kubectl', KUBECTL, 'Configured', refOf(cur), `${kubectlName(cur)} configured`);
  if (stableStringify(next) === stableStringify(cur)) {
    configured();
    return { ok: true, action: 'configured' };
  }
  if (stableStringify(withoutMeta(next)) !== stableStringify(withoutMeta(cur))) next.metadata = { ...next.metadata, generation: Number(cur.metadata.generation ?? 1) + 1 };
  const r = ctx.api.update(KUBECTL, next);
  if (!r.ok) return { ok: false, error: r.error };
  configured();
  return withApiWarnings({ ok: true, action: 'configured' }, r.warnings);
}

/** The configuration `kubectl apply` recorded on the live object, or {} (an object created otherwise). */
function lastAppliedOf(cur: Stored): unknown {
  const recorded = obj(cur.metadata.annotations)?.[LAST_APPLIED];
  if (typeof recorded !== 'string') return {};
  try {
    return JSON.parse(recorded);
  } catch {
    return {};
  }
}

/** The API server's warnings (PodSecurity's `would violate PodSecurity …`), which kubectl prints as `Warning: …`. */
function withApiWarnings(res: ApplyResult, warnings: readonly string[] | undefined): ApplyResult {
  return warnings && warnings.length > 0 ? { ...res, apiWarnings: warnings } : res;
}

/** The part of an object whose change bumps metadata.generation: all but metadata and status. */
function withoutMeta(o: KubeObject): unknown {
  const { status: _s, metadata: _m, ...rest } = o;
  return rest;
}

/** The "not simulated" note for kinds the engine only stores. */
export function notSimulated(o: KubeObject): string | undefined {
  return SIMULATED_KINDS.has(o.kind) ? undefined : `${o.kind} "${nameOf(o)}" is stored but not simulated by Kube Anatomy`;
}

/** `kubectl delete` (`grace`: `--grace-period`). */
export function kubectlDelete(ctx: SimContext, kind: string, namespace: string | undefined, name: string, grace?: number): ApplyResult {
  const r = ctx.api.delete(KUBECTL, kind, namespace, name, false, grace);
  if (!r.ok) return { ok: false, error: r.error };
  ctx.emit('kubectl', KUBECTL, 'Deleted', refOf(r.object), `${kubectlName(r.object)} deleted`);
  return { ok: true, action: 'deleted' };
}


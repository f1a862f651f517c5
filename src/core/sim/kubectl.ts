import { KUBECTL } from './cluster';
import type { SimContext } from './context';
import { refOf } from './eventLog';
import { at, cloneJson, namespaceOf, nameOf, obj, SIMULATED_KINDS, str } from './objects';
import { stableStringify } from './prng';
import type { Stored } from './store';
import type { ApplyResult, KubeObject } from './types';
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
 * `kubectl apply` through the API path: create when absent, otherwise update spec, labels
 * and annotations (keeping status), bumping metadata.generation when the spec changed.
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

function update(ctx: SimContext, cur: Stored, o: KubeObject): ApplyResult {
  if (o.kind === 'Service') o = keepAllocated(cur, o);
  if (o.kind === 'PersistentVolumeClaim') o = keepClaimBinding(cur, o);
  // Compared as the server would store it: a re-applied manifest equals its defaulted stored object.
  o = withDefaults(keepLivePullPolicies(cur, o));
  // managedFields come only from the served API's server-side apply; a manifest never carries them.
  const managed = o.metadata.managedFields === undefined ? {} : { managedFields: o.metadata.managedFields };
  const next: KubeObject = { ...cur, ...o, metadata: { ...cur.metadata, labels: o.metadata.labels, annotations: o.metadata.annotations, ...managed }, status: cur.status };
  const specChanged = stableStringify(withoutStatus(o)) !== stableStringify(withoutStatus({ ...cur, metadata: {} as KubeObject['metadata'] }));
  const metaChanged = stableStringify([o.metadata.labels, o.metadata.annotations]) !== stableStringify([cur.metadata.labels, cur.metadata.annotations]);
  if (!specChanged && !metaChanged) return { ok: true, action: 'unchanged' };
  if (specChanged) next.metadata.generation = Number(cur.metadata.generation ?? 1) + 1;
  const r = ctx.api.update(KUBECTL, next);
  if (!r.ok) return { ok: false, error: r.error };
  ctx.emit('kubectl', KUBECTL, 'Configured', refOf(r.object), `${kubectlName(r.object)} configured`);
  return withApiWarnings({ ok: true, action: 'configured' }, r.warnings);
}

/** The API server's warnings (PodSecurity's `would violate PodSecurity …`), which kubectl prints as `Warning: …`. */
function withApiWarnings(res: ApplyResult, warnings: readonly string[] | undefined): ApplyResult {
  return warnings && warnings.length > 0 ? { ...res, apiWarnings: warnings } : res;
}

/**
 * kubectl apply's three-way merge keeps a field the manifest never set at its live value. The one default
 * that depends on another field is a container's imagePullPolicy (from the image's tag): re-defaulting it
 * after an image change would change a field the user never wrote, which a Pod update may not do.
 */
function keepLivePullPolicies(cur: Stored, o: KubeObject): KubeObject {
  const path = o.kind === 'Pod' ? ['spec'] : o.kind === 'CronJob' ? ['spec', 'jobTemplate', 'spec', 'template', 'spec'] : ['spec', 'template', 'spec'];
  const read = (x: unknown): Record<string, unknown> | undefined => obj(path.reduce<unknown>((v, k) => obj(v)?.[k], x));
  const spec = read(o);
  const live = read(cur);
  if (!spec || !live) return o;
  const next = { ...spec };
  for (const field of ['containers', 'initContainers']) {
    const mine = spec[field];
    const theirs = live[field];
    if (!Array.isArray(mine) || !Array.isArray(theirs)) continue;
    next[field] = mine.map((c) => {
      const m = obj(c);
      const l = theirs.map(obj).find((x) => x?.name === m?.name);
      return m && m.imagePullPolicy === undefined && l?.imagePullPolicy !== undefined ? { ...m, imagePullPolicy: l.imagePullPolicy } : c;
    });
  }
  return setAt(o, path, next);
}

function setAt(o: KubeObject, path: readonly string[], value: unknown): KubeObject {
  const rec = (cur: unknown, i: number): unknown => (i === path.length ? value : { ...obj(cur), [path[i]]: rec(obj(cur)?.[path[i]], i + 1) });
  return rec(o, 0) as KubeObject;
}

function withoutStatus(o: KubeObject): unknown {
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

/**
 * kubectl apply keeps what the cluster wrote into a claim's spec and the manifest never set (the three-way merge only
 * removes fields the last applied manifest had): the class DefaultStorageClass gave it and the volume it is bound to.
 */
function keepClaimBinding(cur: Stored, o: KubeObject): KubeObject {
  const spec = obj(o.spec) ?? {};
  const live = obj(cur.spec) ?? {};
  const kept: Record<string, unknown> = { ...spec };
  for (const k of ['storageClassName', 'volumeName']) if (spec[k] === undefined && live[k] !== undefined) kept[k] = live[k];
  return { ...o, spec: kept };
}

/** kubectl apply keeps the allocated clusterIP and nodePorts of a Service it updates. */
function keepAllocated(cur: Stored, o: KubeObject): KubeObject {
  const spec = obj(o.spec) ?? {};
  const curSpec = obj(cur.spec) ?? {};
  const curPorts = Array.isArray(curSpec.ports) ? curSpec.ports.map(obj) : [];
  const ports = (Array.isArray(spec.ports) ? spec.ports : []).map((p, i) => ({ ...obj(p), ...(obj(p)?.nodePort === undefined && curPorts[i]?.nodePort !== undefined ? { nodePort: curPorts[i]?.nodePort } : {}) }));
  return { ...o, spec: { ...spec, clusterIP: spec.clusterIP ?? curSpec.clusterIP, clusterIPs: curSpec.clusterIPs, type: spec.type ?? curSpec.type, ports } };
}

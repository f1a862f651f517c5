/**
 * Editor diagnostics beyond parsing (issue 7), pure: why a pod is Pending, on the line of the field
 * that blocks it, with quick fixes; selectors that match nothing; unknown fields with "did you
 * mean" fixes; fields the simulation does not model. Computed in the worker beside each sync.
 */
import { LineIndex } from '../manifests/lines';
import { podSpecPath } from '../manifests';
import type { KubeObject, ObjectPath, Range, Severity, SourcedObject } from '../manifests';
import { bytes, cpuMillis } from '../quantity';
import { objectKey } from '../sim/objectKey';
import { refusedFieldPath } from '../sim/errorField';
import {
  REASON_ANTI_AFFINITY, REASON_EXISTING_ANTI_AFFINITY, REASON_INSUFFICIENT_CPU, REASON_INSUFFICIENT_MEMORY, REASON_NODE_AFFINITY, REASON_NODE_PORTS,
  REASON_POD_AFFINITY, REASON_SPREAD, REASON_SPREAD_LABEL, REASON_TOO_MANY_PODS, REASON_UNSCHEDULABLE,
} from '../sim/scheduler/fitError';
import type { EditorLive, ObjectLive } from '../view/facts';
import { display } from './fields/paths';
import { unmodelledFields, unmodelledMessage } from './fields/unmodelled';
import { formatCpu, formatMemory } from './fields/live';
import { FULL_OUTLINE_LIMIT } from './largeFiles';
import { containerLifetime, oomKills, postStartHook, serviceWait } from '../sim/kubelet/lifetime';

/** One text replacement, in 0-based offsets of the document. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/** A quick fix: its title and the edits that make it. */
export interface QuickFix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
}

export interface EditorDiagnostic {
  readonly range: Range;
  readonly severity: Severity;
  readonly code: string;
  readonly message: string;
  readonly fixes?: readonly QuickFix[];
}

export const EditorDiagnosticCode = {
  unschedulable: 'unschedulable',
  selectorMismatch: 'selector-mismatch',
  noEndpoints: 'service-no-endpoints',
  containerBlocked: 'container-blocked',
  podsNotCreated: 'pods-not-created',
  notModelled: 'not-modelled',
} as const;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function get(root: unknown, path: ObjectPath): unknown {
  let v = root;
  for (const seg of path) v = Array.isArray(v) && typeof seg === 'number' ? v[seg] : isObj(v) ? v[String(seg)] : undefined;
  return v;
}

/** Everything a diagnostic needs about one object and its text. */
interface Ctx {
  readonly source: SourcedObject;
  readonly text: string;
  readonly lines: LineIndex;
  readonly out: EditorDiagnostic[];
}

/** The diagnostics of one file's objects against the live cluster. */
export function editorDiagnostics(objects: readonly SourcedObject[], text: string, live: EditorLive | undefined): EditorDiagnostic[] {
  return diagnosticsOf(objects, text, live, true);
}

/**
 * The diagnostics that depend on the text alone (selectors, unmodelled fields): the same for the same
 * document, so the live cluster keeps them per YAML document (src/core/live/documentDiagnostics.ts).
 */
export function textDiagnostics(objects: readonly SourcedObject[], text: string): EditorDiagnostic[] {
  return diagnosticsOf(objects, text, undefined, true);
}

/** The diagnostics that depend on the live cluster (why Pending, a Service without endpoints). */
export function liveDiagnostics(objects: readonly SourcedObject[], text: string, live: EditorLive): EditorDiagnostic[] {
  return diagnosticsOf(objects, text, live, false);
}

/**
 * All that liveDiagnostics reads of `live` for these objects: the same values (===) give the same
 * diagnostics, so a caller may keep them (src/core/live/documentDiagnostics.ts). Keep it in step with
 * `scheduling` and `serviceEndpoints` below.
 */
export function liveInputs(objects: readonly SourcedObject[], live: EditorLive): unknown[] {
  const inputs: unknown[] = [];
  let pending = false;
  let services = false;
  for (const { object: o } of objects) {
    if (o.kind !== 'Service' && !podSpecPath(o.kind)) continue;
    const key = keyOf(o);
    if (o.kind === 'Service') inputs.push(live.services[key]);
    else if (podSpecPath(o.kind)) {
      const own = live.objects[key];
      inputs.push(own);
      if (own && own.pending > 0 && own.verdicts) pending = true;
      // An init container waiting for a Service reads whether it exists.
      if (own && troubled(own, false)?.status.startsWith('Init:')) services = true;
    }
  }
  // Only why-Pending reads the nodes' room and taints.
  if (pending) inputs.push(live.nodes, live.taints);
  if (services) inputs.push(live.services);
  return inputs;
}

/** `Kind/namespace/name` of a parsed object (its ObjectLive's key; a Service's row's key), once per object. */
const keys = new WeakMap<KubeObject, string>();

function keyOf(o: KubeObject): string {
  let key = keys.get(o);
  // Not every parsed document is a Kubernetes object (a kind Cluster config has no metadata).
  const metadata = (o.metadata as KubeObject['metadata'] | undefined) ?? {};
  if (key === undefined) keys.set(o, (key = objectKey(o.kind, metadata.namespace ?? 'default', metadata.name ?? '')));
  return key;
}

function diagnosticsOf(objects: readonly SourcedObject[], text: string, live: EditorLive | undefined, withText: boolean): EditorDiagnostic[] {
  const out: EditorDiagnostic[] = [];
  // Built on first use: most objects have no diagnostic, and a live sync asks per YAML document.
  let index: LineIndex | undefined;
  for (const source of objects) {
    const ctx: Ctx = { source, text, get lines() { return (index ??= new LineIndex(text)); }, out };
    try {
      if (live) scheduling(ctx, live);
      if (withText) selectorMismatch(ctx);
      if (live) serviceEndpoints(ctx, live);
      if (live) containerTrouble(ctx, live);
      if (live) cannotCreate(ctx, live);
      // Over 1 MB only what the simulation found is reported; the field-by-field walk is left out (src/core/knowledge/largeFiles.ts).
      if (withText && text.length <= FULL_OUTLINE_LIMIT) unmodelled(ctx);
    } catch {
      // A diagnostic that cannot be computed is left out; the others of the file still show.
    }
  }
  return out;
}

/** The range of the key at `path` (the key's own text), else of its value's first line. */
function keyRange(ctx: Ctx, path: ObjectPath): Range | undefined {
  const value = ctx.source.keyRange(path);
  if (!value) return undefined;
  const last = path[path.length - 1];
  if (typeof last === 'string') {
    const at = ctx.text.lastIndexOf(last, value.startOffset);
    const lineStart = ctx.text.lastIndexOf('\n', value.startOffset - 1) + 1;
    const prevLineStart = ctx.text.lastIndexOf('\n', lineStart - 2) + 1;
    if (at >= prevLineStart) return ctx.lines.range(at, at + last.length);
  }
  return firstLine(ctx, value);
}

function firstLine(ctx: Ctx, r: Range): Range {
  const nl = ctx.text.indexOf('\n', r.startOffset);
  return ctx.lines.range(r.startOffset, Math.min(r.endOffset, nl === -1 ? ctx.text.length : nl));
}

// --- Why Pending -------------------------------------------------------------------------------

const CONTROL_PLANE = 'node-role.kubernetes.io/control-plane';
// kube-scheduler's per-node reasons (src/core/sim/scheduler/fitError.ts, v1.33); the taint's is parsed for its key.
const TAINT = /^node\(s\) had untolerated taint \{(.*): (.*)\}$/;

type Blocker = 'cpu' | 'memory' | 'pods' | 'selector' | 'taint' | 'anti-affinity' | 'existing-anti-affinity' | 'pod-affinity' | 'spread' | 'spread-label' | 'ports' | 'unschedulable' | 'other';

const BLOCKERS: ReadonlyMap<string, Blocker> = new Map<string, Blocker>([
  [REASON_INSUFFICIENT_CPU, 'cpu'], [REASON_INSUFFICIENT_MEMORY, 'memory'], [REASON_TOO_MANY_PODS, 'pods'], [REASON_NODE_AFFINITY, 'selector'],
  [REASON_ANTI_AFFINITY, 'anti-affinity'], [REASON_EXISTING_ANTI_AFFINITY, 'existing-anti-affinity'], [REASON_POD_AFFINITY, 'pod-affinity'],
  [REASON_SPREAD, 'spread'], [REASON_SPREAD_LABEL, 'spread-label'], [REASON_NODE_PORTS, 'ports'], [REASON_UNSCHEDULABLE, 'unschedulable'],
]);

function classify(reason: string): Blocker {
  return BLOCKERS.get(reason) ?? (TAINT.test(reason) ? 'taint' : 'other');
}

/** The reason in plain words, for one node. */
function plainWords(reason: string, node: string, live: EditorLive): string {
  const n = live.nodes.find((x) => x.name === node);
  switch (classify(reason)) {
    case 'cpu': return n ? `not enough unrequested CPU (${formatCpu(Math.max(0, n.allocatable.cpu - n.requested.cpu))} of ${formatCpu(n.allocatable.cpu)} free)` : 'not enough unrequested CPU';
    case 'memory': return n ? `not enough unrequested memory (${formatMemory(Math.max(0, n.allocatable.memory - n.requested.memory))} of ${formatMemory(n.allocatable.memory)} free)` : 'not enough unrequested memory';
    case 'pods': return 'already runs as many pods as it may';
    case 'selector': return "its labels do not match the pod's nodeSelector or node affinity";
    case 'taint': {
      const m = TAINT.exec(reason);
      return `has the taint ${m?.[1]}${m?.[2] ? `=${m[2]}` : ''} that the pod does not tolerate`;
    }
    case 'anti-affinity': return "already runs a pod the anti-affinity rules keep this one away from";
    case 'existing-anti-affinity': return "runs a pod whose own anti-affinity keeps this one away";
    case 'pod-affinity': return 'runs no pod, in its topology domain, that the pod affinity requires';
    case 'spread': return 'placing it there would spread the pods more unevenly than maxSkew allows';
    case 'spread-label': return 'has no label for the topologyKey of a spread constraint';
    case 'ports': return 'a pod there already uses the host port';
    case 'unschedulable': return 'is cordoned (spec.unschedulable)';
    default: return reason;
  }
}

function containerPaths(obj: unknown, spec: ObjectPath): ObjectPath[] {
  const list = get(obj, [...spec, 'containers']);
  return Array.isArray(list) ? list.map((_, i) => [...spec, 'containers', i]) : [];
}

function scheduling(ctx: Ctx, live: EditorLive): void {
  const obj = ctx.source.object;
  const spec = podSpecPath(obj.kind);
  if (!spec) return;
  const o = live.objects[keyOf(obj)];
  if (!o || o.pending === 0) return;
  if (!o.verdicts) return claimWait(ctx, o, spec);
  const verdicts = Object.entries(o.verdicts);
  const byBlocker = new Map<Blocker, { node: string; reason: string }[]>();
  for (const [node, verdict] of verdicts) {
    if (verdict.startsWith('fits') || verdict.startsWith('not evaluated')) continue;
    for (const reason of verdict.split(', ')) {
      const b = classify(reason);
      byBlocker.set(b, [...(byBlocker.get(b) ?? []), { node, reason }]);
    }
  }
  const perNode = verdicts.map(([node, verdict]) => `${node}: ${verdict.startsWith('fits') ? 'fits' : verdict.split(', ').map((r) => plainWords(r, node, live)).join('; ')}`).join(' · ');
  const head = `${o.pending} of ${o.total} pod(s) cannot be scheduled`;
  // The control plane's NoSchedule taint is how kubeadm keeps workloads off it: unless the pod asks for the
  // control plane (its selector or affinity names the role, or it failed nowhere else), the taint is not what to change.
  const targetsControlPlane = JSON.stringify(get(obj, [...spec, 'nodeSelector']) ?? {}).includes(CONTROL_PLANE)
    || JSON.stringify(get(obj, [...spec, 'affinity']) ?? {}).includes(CONTROL_PLANE);
  const otherBlockers = [...byBlocker.keys()].some((b) => b !== 'taint');
  const taints = byBlocker.get('taint')?.filter((h) => targetsControlPlane || !otherBlockers || !h.reason.includes(CONTROL_PLANE));
  if (taints && taints.length === 0) byBlocker.delete('taint');
  else if (taints) byBlocker.set('taint', taints);
  for (const [blocker, hits] of byBlocker) {
    const d = blockerDiagnostic(ctx, live, o, spec, blocker, hits);
    if (!d) continue;
    ctx.out.push({ range: d.range, severity: 'warning', code: EditorDiagnosticCode.unschedulable, message: `${head}: ${d.what}. kube-scheduler per node: ${perNode}`, ...(d.fixes.length ? { fixes: d.fixes } : {}) });
  }
}

interface Found { range: Range; what: string; fixes: QuickFix[] }

// VolumeBinding's PreFilter messages (pkg/scheduler/framework/plugins/volumebinding): a node-independent rejection, so no verdicts.
const CLAIM_MISSING = /persistentvolumeclaim "([^"]+)" (not found|is being deleted)/;
const CLAIM_UNBOUND = 'pod has unbound immediate PersistentVolumeClaims';
const CLAIM_TIMEOUT = 'running PreBind plugin "VolumeBinding": binding volumes:';

/**
 * Why a pod with PersistentVolumeClaims waits, at the claim's `claimName`: a claim that does not exist, an unbound claim
 * of a class that binds at once, or a WaitForFirstConsumer claim still unbound when PreBind gave up.
 */
function claimWait(ctx: Ctx, o: ObjectLive, spec: ObjectPath): void {
  const pod = o.pods.find((p) => p.phase === 'Pending' && p.node === null);
  if (!pod) return;
  const vols = get(ctx.source.object, [...spec, 'volumes']);
  // A StatefulSet's claims come from its volumeClaimTemplates: `<template>-<statefulset>-<ordinal>`.
  const templates = ctx.source.object.kind === 'StatefulSet' ? get(ctx.source.object, ['spec', 'volumeClaimTemplates']) : undefined;
  const claimAt = (name?: string): Range | undefined => {
    const i = Array.isArray(vols) ? vols.findIndex((v) => { const c = get(v, ['persistentVolumeClaim', 'claimName']); return typeof c === 'string' && (name === undefined || c === name); }) : -1;
    if (i >= 0) return keyRange(ctx, [...spec, 'volumes', i, 'persistentVolumeClaim', 'claimName']);
    if (!Array.isArray(templates)) return undefined;
    const sts = String(ctx.source.object.metadata?.name ?? '');
    const t = Math.max(0, templates.findIndex((x) => name !== undefined && name.startsWith(`${String(get(x, ['metadata', 'name']))}-${sts}-`)));
    const at = ['spec', 'volumeClaimTemplates', t];
    return keyRange(ctx, [...at, 'spec', 'storageClassName']) ?? keyRange(ctx, [...at, 'metadata', 'name']) ?? keyRange(ctx, ['spec', 'volumeClaimTemplates']);
  };
  const head = `${o.pending} of ${o.total} pod(s) cannot be scheduled`;
  const missing = CLAIM_MISSING.exec(pod.message);
  let range: Range | undefined;
  let what: string;
  if (missing) {
    range = claimAt(missing[1]);
    what = `persistentvolumeclaim "${missing[1]}" ${missing[2]}: kube-scheduler's VolumeBinding waits until the claim exists (create it, or name one that does)`;
  } else if (pod.message.includes(CLAIM_UNBOUND)) {
    range = claimAt();
    what = 'its PersistentVolumeClaim is not bound, and its StorageClass does not wait for a first consumer (volumeBindingMode Immediate, or a class that does not exist), so no node is tried until the PersistentVolume controller binds it; the claim\'s events say why it waits (a class that does not exist, no class and no matching volume, a provisioner that does not run)';
  } else if (pod.message.includes(CLAIM_TIMEOUT)) {
    range = claimAt();
    what = 'kube-scheduler chose a node, then waited 600 s (VolumeBinding PreBind) for its WaitForFirstConsumer claim to be bound there: the class\'s provisioner must create the volume, or a matching PersistentVolume must exist';
  } else return;
  if (range) ctx.out.push({ range: firstLine(ctx, range), severity: 'warning', code: EditorDiagnosticCode.unschedulable, message: `${head}: ${what}` });
}

function blockerDiagnostic(ctx: Ctx, live: EditorLive, o: ObjectLive, spec: ObjectPath, blocker: Blocker, hits: { node: string; reason: string }[]): Found | undefined {
  const obj = ctx.source.object;
  const whole = (): Range => keyRange(ctx, spec) ?? firstLine(ctx, ctx.source.range);
  switch (blocker) {
    case 'cpu':
    case 'memory': return requestBlocker(ctx, live, spec, blocker);
    case 'selector': {
      const sel = get(obj, [...spec, 'nodeSelector']);
      if (isObj(sel) && Object.keys(sel).length > 0) {
        const at = keyRange(ctx, [...spec, 'nodeSelector']) ?? whole();
        const nodes = hits.length === verdicts(o) ? 'no node has' : `${hits.length} node(s) lack`;
        return { range: at, what: `${nodes} the labels of its nodeSelector (${Object.entries(sel).map(([k, v]) => `${k}=${String(v)}`).join(', ')})`, fixes: [removeKey(ctx, [...spec, 'nodeSelector'], 'Remove the nodeSelector')].filter((f): f is QuickFix => !!f) };
      }
      return { range: keyRange(ctx, [...spec, 'affinity', 'nodeAffinity']) ?? keyRange(ctx, [...spec, 'affinity']) ?? whole(), what: 'no node matches its required node affinity', fixes: [] };
    }
    case 'taint': {
      const taints = [...new Set(hits.map((h) => TAINT.exec(h.reason)?.[1] ?? ''))];
      const range = keyRange(ctx, [...spec, 'tolerations']) ?? whole();
      // Offer the toleration when a node is blocked by nothing but a taint.
      const onlyTaint = Object.entries(o.verdicts ?? {}).filter(([, v]) => v.split(', ').every((r) => classify(r) === 'taint'));
      const fixes: QuickFix[] = [];
      for (const [node, v] of onlyTaint.slice(0, 1)) {
        for (const r of v.split(', ')) {
          const key = TAINT.exec(r)?.[1] ?? '';
          const effect = (live.taints[node] ?? []).find((t) => t.startsWith(`${key}:`) || t.startsWith(`${key}=`))?.split(':').pop() ?? 'NoSchedule';
          const fix = addToleration(ctx, spec, key, effect);
          if (fix) fixes.push(fix);
        }
      }
      return { range, what: `it does not tolerate the taint(s) ${taints.join(', ')}`, fixes };
    }
    case 'anti-affinity':
      return { range: requiredTerms(ctx, spec, 'podAntiAffinity') ?? whole(), what: `its required pod anti-affinity keeps it off ${hits.length} node(s)`, fixes: [] };
    case 'existing-anti-affinity':
      return { range: whole(), what: `the required anti-affinity of pods already running keeps it off ${hits.length} node(s)`, fixes: [] };
    case 'pod-affinity':
      return { range: requiredTerms(ctx, spec, 'podAffinity') ?? whole(), what: `its required pod affinity finds no matching pod in the topology domain of ${hits.length} node(s)`, fixes: [] };
    case 'spread':
    case 'spread-label': return spreadBlocker(ctx, spec, blocker, hits.length) ?? { range: whole(), what: `a topology spread constraint rules out ${hits.length} node(s)`, fixes: [] };
    case 'ports': return hostPortBlocker(ctx, spec, hits.length) ?? { range: whole(), what: `a host port it asks for is already bound on ${hits.length} node(s)`, fixes: [] };
    case 'unschedulable':
      return { range: whole(), what: `${hits.length} node(s) are cordoned`, fixes: [] };
    case 'pods':
      return { range: whole(), what: `${hits.length} node(s) already run their maximum number of pods`, fixes: [] };
    default:
      return undefined;
  }
}

/** The container request that does not fit, and a fix that lowers it to what fits the node with most room. */
function requestBlocker(ctx: Ctx, live: EditorLive, spec: ObjectPath, resource: 'cpu' | 'memory'): Found | undefined {
  const parse = resource === 'cpu' ? cpuMillis : bytes;
  let best: { path: ObjectPath; value: number } | undefined;
  let total = 0;
  for (const c of containerPaths(ctx.source.object, spec)) {
    const path = [...c, 'resources', 'requests', resource];
    const q = parse(get(ctx.source.object, path));
    if (!q.ok) continue;
    total += q.value;
    if (!best || q.value > best.value) best = { path, value: q.value };
  }
  if (!best) return undefined;
  const range = ctx.source.keyRange(best.path);
  if (!range) return undefined;
  let free = 0;
  for (const n of live.nodes) free = Math.max(free, n.allocatable[resource] - n.requested[resource]);
  const fits = free - (total - best.value);
  const fmt = resource === 'cpu' ? formatCpu : formatMemory;
  const fixes: QuickFix[] = [];
  if (fits > 0 && fits < best.value) {
    const value = resource === 'cpu' ? fmt(Math.floor(fits)) : `${Math.floor(fits / 2 ** 20)}Mi`;
    fixes.push({ title: `Lower the ${resource} request to ${value} (what fits the node with the most room)`, edits: [{ start: range.startOffset, end: range.endOffset, newText: value }] });
  }
  return { range: firstLine(ctx, range), what: `the ${resource} request ${display(best.path.slice(spec.length))} = ${fmt(best.value)} fits on no node (at most ${fmt(free)} is unrequested on any node)`, fixes };
}

/** The `requiredDuringSchedulingIgnoredDuringExecution` key of a pod (anti-)affinity, else the nearest key above it. */
function requiredTerms(ctx: Ctx, spec: ObjectPath, which: 'podAffinity' | 'podAntiAffinity'): Range | undefined {
  const at = [...spec, 'affinity', which];
  return keyRange(ctx, [...at, 'requiredDuringSchedulingIgnoredDuringExecution']) ?? keyRange(ctx, at) ?? keyRange(ctx, [...spec, 'affinity']);
}

/**
 * The spread constraint that blocks: only `whenUnsatisfiable: DoNotSchedule` (the default) filters nodes
 * (PodTopologySpread, plugins/podtopologyspread/filtering.go). kube-scheduler's reason does not say which
 * constraint failed, so with several the first is marked and the message says how many there are.
 */
function spreadBlocker(ctx: Ctx, spec: ObjectPath, blocker: 'spread' | 'spread-label', nodes: number): Found | undefined {
  const path = [...spec, 'topologySpreadConstraints'];
  const list = get(ctx.source.object, path);
  if (!Array.isArray(list)) return undefined;
  const blocking = list.map((c, i) => ({ c, i })).filter(({ c }) => isObj(c) && c.whenUnsatisfiable !== 'ScheduleAnyway');
  const first = blocking[0];
  if (!first || !isObj(first.c)) return undefined;
  const at = [...path, first.i];
  const range = keyRange(ctx, at) ?? keyRange(ctx, path);
  if (!range) return undefined;
  const which = blocking.length === 1 ? `its topology spread constraint (topologyKey ${String(first.c.topologyKey)}, maxSkew ${String(first.c.maxSkew)})` : `one of its ${blocking.length} DoNotSchedule topology spread constraints`;
  const what = blocker === 'spread-label'
    ? `${nodes} node(s) have no label for the topologyKey of ${which}, and a node without it is left out`
    : `${which} would be broken on ${nodes} node(s): the pods would be spread more unevenly than maxSkew allows`;
  const fixes: QuickFix[] = [];
  const when = ctx.source.keyRange([...at, 'whenUnsatisfiable']);
  if (blocker === 'spread' && blocking.length === 1 && when && ctx.text.slice(when.startOffset, when.endOffset) === 'DoNotSchedule') {
    fixes.push({ title: 'Make the spread a preference (whenUnsatisfiable: ScheduleAnyway)', edits: [{ start: when.startOffset, end: when.endOffset, newText: 'ScheduleAnyway' }] });
  }
  return { range, what, fixes };
}

/** The first container port with a `hostPort` (NodePorts filter, plugins/nodeports): a host port can be bound once per node. */
function hostPortBlocker(ctx: Ctx, spec: ObjectPath, nodes: number): Found | undefined {
  const obj = ctx.source.object;
  for (const list of ['initContainers', 'containers']) {
    const containers = get(obj, [...spec, list]);
    if (!Array.isArray(containers)) continue;
    for (let c = 0; c < containers.length; c++) {
      const ports = get(containers[c], ['ports']);
      if (!Array.isArray(ports)) continue;
      for (let j = 0; j < ports.length; j++) {
        const hostPort = get(ports[j], ['hostPort']);
        if (hostPort === undefined || hostPort === 0) continue;
        const path = [...spec, list, c, 'ports', j, 'hostPort'];
        const range = keyRange(ctx, path);
        if (!range) continue;
        const fix = removeKey(ctx, path, `Remove hostPort ${String(hostPort)} (a Service reaches the pods without it)`);
        return { range, what: `its hostPort ${String(hostPort)} is already bound on ${nodes} node(s), and a host port can be bound by one pod per node`, fixes: fix ? [fix] : [] };
      }
    }
  }
  return undefined;
}

const verdicts = (o: ObjectLive): number => Object.keys(o.verdicts ?? {}).length;

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function indentOf(text: string, offset: number): string {
  const start = lineStartOf(text, offset);
  return /^[ \t]*/.exec(text.slice(start, offset))?.[0] ?? '';
}

/** Deletes a block-style `key: value` pair: from the start of the key's line to the end of its value. */
function removeKey(ctx: Ctx, path: ObjectPath, title: string): QuickFix | undefined {
  const key = keyRange(ctx, path);
  const value = ctx.source.keyRange(path);
  if (!key || !value) return undefined;
  const start = lineStartOf(ctx.text, key.startOffset);
  if (ctx.text.slice(start, key.startOffset).trim() !== '') return undefined; // `- nodeSelector:` or a flow map: leave it
  let end = Math.max(value.endOffset, key.endOffset);
  const nl = ctx.text.indexOf('\n', end - 1 < start ? start : end - 1);
  end = ctx.text[end - 1] === '\n' ? end : nl === -1 ? ctx.text.length : nl + 1;
  return { title, edits: [{ start, end, newText: '' }] };
}

/** Adds `{key, operator: Exists, effect}` to the pod's tolerations (creating the list before `containers:`). */
function addToleration(ctx: Ctx, spec: ObjectPath, key: string, effect: string): QuickFix | undefined {
  const title = `Add a toleration for ${key}:${effect}`;
  const existing = get(ctx.source.object, [...spec, 'tolerations']);
  const item = (indent: string): string => `${indent}- key: ${JSON.stringify(key)}\n${indent}  operator: Exists\n${indent}  effect: ${effect}\n`;
  if (Array.isArray(existing) && existing.length > 0) {
    const first = ctx.source.keyRange([...spec, 'tolerations', 0]);
    const list = ctx.source.keyRange([...spec, 'tolerations']);
    if (!first || !list || ctx.text[list.startOffset] === '[') return undefined;
    const dash = ctx.text.lastIndexOf('-', first.startOffset);
    const indent = indentOf(ctx.text, dash);
    let end = list.endOffset;
    while (end > list.startOffset && /\s/.test(ctx.text[end - 1])) end--;
    const at = ctx.text.indexOf('\n', end);
    return { title, edits: [{ start: at === -1 ? ctx.text.length : at + 1, end: at === -1 ? ctx.text.length : at + 1, newText: (at === -1 ? '\n' : '') + item(indent) }] };
  }
  const containers = keyRange(ctx, [...spec, 'containers']);
  if (!containers || existing !== undefined) return undefined;
  const start = lineStartOf(ctx.text, containers.startOffset);
  const indent = indentOf(ctx.text, containers.startOffset);
  if (ctx.text.slice(start, containers.startOffset).trim() !== '') return undefined;
  return { title, edits: [{ start, end: start, newText: `${indent}tolerations:\n${item(indent)}` }] };
}

// --- Selectors ---------------------------------------------------------------------------------

const SELECTOR_KINDS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet']);

function selectorMismatch(ctx: Ctx): void {
  const obj = ctx.source.object;
  if (!SELECTOR_KINDS.has(obj.kind)) return;
  const match = get(obj, ['spec', 'selector', 'matchLabels']);
  const labels = get(obj, ['spec', 'template', 'metadata', 'labels']);
  if (!isObj(match)) return;
  const missing = Object.entries(match).filter(([k, v]) => !isObj(labels) || labels[k] !== v);
  if (missing.length === 0) return;
  const range = keyRange(ctx, ['spec', 'selector', 'matchLabels', missing[0][0]]) ?? keyRange(ctx, ['spec', 'selector']);
  if (!range) return;
  const want = missing.map(([k, v]) => `${k}=${String(v)}`).join(', ');
  ctx.out.push({ range, severity: 'error', code: EditorDiagnosticCode.selectorMismatch,
    // The API server's message: spec.template.metadata.labels: Invalid value: …: `selector` does not match template `labels` (apps validation).
    message: `\`selector\` does not match template \`labels\`: the pod template has no ${want}, so the ${obj.kind} would never find its own pods; kube-apiserver refuses it` });
}

function serviceEndpoints(ctx: Ctx, live: EditorLive): void {
  const obj = ctx.source.object;
  if (obj.kind !== 'Service') return;
  const selector = get(obj, ['spec', 'selector']);
  if (!isObj(selector) || Object.keys(selector).length === 0) return;
  const svc = live.services[keyOf(obj)];
  if (!svc || svc.endpoints > 0) return;
  const range = keyRange(ctx, ['spec', 'selector']);
  if (!range) return;
  const sel = Object.entries(selector).map(([k, v]) => `${k}=${String(v)}`).join(', ');
  const name = obj.metadata.name ?? '';
  ctx.out.push({ range, severity: 'warning', code: EditorDiagnosticCode.noEndpoints,
    message: svc.notReady > 0
      ? `0 ready endpoints: ${svc.notReady} pod(s) match ${sel} but none is Ready (a readiness probe not passed yet, a readiness gate whose condition nobody set, or terminating), so the EndpointSlice controller lists them not ready and kube-proxy has nowhere to send traffic to ${name}`
      : `0 endpoints: no Ready pod matches ${sel}, so the EndpointSlice controller lists none and kube-proxy has nowhere to send traffic to ${name}` });
}

// --- Pods a controller cannot create ----------------------------------------------------------

/** The controller that creates a workload's pods (a Deployment's are its ReplicaSet's). */
const CREATOR: Readonly<Record<string, string>> = { Deployment: 'ReplicaSet', ReplicaSet: 'ReplicaSet', StatefulSet: 'StatefulSet', DaemonSet: 'DaemonSet', Job: 'Job' };

/**
 * A workload whose controller's pod creates are refused by kube-apiserver (FailedCreate: PodSecurity, a ResourceQuota,
 * a missing ServiceAccount or PriorityClass…), on its pod template: the object itself was admitted, so nothing else says it.
 */
function cannotCreate(ctx: Ctx, live: EditorLive): void {
  const obj = ctx.source.object;
  const controller = CREATOR[obj.kind];
  const o = controller ? live.objects[keyOf(obj)] : undefined;
  if (!o?.failedCreate) return;
  const range = refusedFieldRange(ctx, o.failedCreate) ?? keyRange(ctx, ['spec', 'template']) ?? firstLine(ctx, ctx.source.range);
  ctx.out.push({ range: firstLine(ctx, range), severity: 'warning', code: EditorDiagnosticCode.podsNotCreated,
    message: `the ${controller} controller cannot create its pods (${o.total} of ${o.desired ?? 0} exist): ${o.failedCreate.replace(/^Error creating: /, '')}` });
}

/**
 * The field of the pod template that kube-apiserver's admission refused the pods for (the PriorityClass name, the
 * privileged container, the resources over quota), or the nearest written field above it within the template.
 */
function refusedFieldRange(ctx: Ctx, message: string): Range | undefined {
  const obj = ctx.source.object;
  const specPath = podSpecPath(obj.kind);
  if (!specPath) return undefined;
  const field = refusedFieldPath(message, { spec: get(obj, specPath) });
  if (!field) return undefined;
  const path = field[0] === 'spec' ? [...specPath, ...field.slice(1)] : field;
  for (let n = path.length; n > (field[0] === 'spec' ? specPath.length : 0); n--) {
    const r = keyRange(ctx, path.slice(0, n));
    if (r) return r;
  }
  return undefined;
}

// --- Pods the kubelet holds back -------------------------------------------------------------

/** kubectl STATUS values of a bound pod that is stuck (not a step on its way to Running). */
const TROUBLE = /^(ErrImagePull|ImagePullBackOff|InvalidImageName|CreateContainerConfigError|CrashLoopBackOff|PostStartHookError|Error|Init:.+)$/;

function troubled(o: ObjectLive, hooked: boolean): ObjectLive['pods'][number] | undefined {
  // ContainerCreating is a step on the way, unless a postStart hook holds it there: one that never returns, or one
  // that failed while the kubelet kills its container (the grace period, 30 s for a shell that ignores SIGTERM).
  return o.pods.find((p) => p.node !== null && (TROUBLE.test(p.status) || (hooked && p.status === 'ContainerCreating')));
}

const FAILING_HOOK = 'this postStart hook exits non-zero, so the kubelet kills the container (`FailedPostStartHook`, within its grace period: the pod shows ContainerCreating meanwhile) and restarts it with back-off (10 s, doubling up to 5 min)';

/** The first container whose postStart hook fails (exits non-zero) or, with `hangs`, never returns; -1 when none. */
function hookTrouble(list: readonly unknown[], hangs: boolean): number {
  return list.findIndex((x) => {
    const hook = isObj(x) ? postStartHook(x) : null;
    return hook !== null && (hangs ? hook.seconds === Infinity : hook.code !== 0);
  });
}

/**
 * A warning where a scheduled pod is stuck: on the container's `image` when the kubelet cannot pull it, on its
 * `env`/`envFrom` when a ConfigMap or Secret is missing, on the `command` that ends when it crash-loops (on the
 * `postStart` hook that fails or never returns), on the init
 * container a pod waits for (`until nslookup mydb` and whether Service mydb exists).
 */
function containerTrouble(ctx: Ctx, live: EditorLive): void {
  const obj = ctx.source.object;
  const spec = podSpecPath(obj.kind);
  const o = spec && live.objects[keyOf(obj)];
  const containers = spec ? get(obj, [...spec, 'containers']) : undefined;
  const hooked = Array.isArray(containers) && (hookTrouble(containers, true) >= 0 || hookTrouble(containers, false) >= 0);
  const first = o && troubled(o, hooked);
  if (!spec || !o || !first) return;
  const found = troubleAt(ctx, live, spec, first);
  if (!found) return;
  const same = o.pods.filter((p) => p.status === first.status).length;
  ctx.out.push({ range: found.range, severity: 'warning', code: EditorDiagnosticCode.containerBlocked, message: `${same} of ${o.total} pod(s) ${first.status}: ${found.what}` });
}

function troubleAt(ctx: Ctx, live: EditorLive, spec: ObjectPath, pod: ObjectLive['pods'][number]): { range: Range; what: string } | undefined {
  const obj = ctx.source.object;
  const containers = get(obj, [...spec, 'containers']);
  const list = Array.isArray(containers) ? containers : [];
  const byName = (name: string | undefined): number => Math.max(0, list.findIndex((c) => isObj(c) && c.name === name));
  const at = (path: ObjectPath): Range | undefined => keyRange(ctx, path);
  const w = pod.waiting;
  const i = byName(w?.container);
  const container: ObjectPath = [...spec, 'containers', i];
  switch (pod.status) {
    case 'ErrImagePull': case 'ImagePullBackOff': case 'InvalidImageName': {
      const range = at([...container, 'image']);
      const why = pod.status === 'InvalidImageName' ? 'the reference does not parse, so the kubelet never tries to pull it'
        : 'the kubelet cannot pull it and retries with back-off (10 s, doubling up to 5 min); the simulator fails pulls from the reserved `.invalid` registry';
      return range && { range, what: `${w?.message ?? 'the image cannot be pulled'}: ${why}` };
    }
    case 'CreateContainerConfigError': {
      const range = at([...container, 'env']) ?? at([...container, 'envFrom']) ?? at([...container, 'name']);
      return range && { range, what: `${w?.message ?? 'a ConfigMap or Secret is missing'}: the kubelet creates the container once it exists (\`optional: true\` lets it start without)` };
    }
    case 'ContainerCreating': {
      const hangs = hookTrouble(list, true);
      const range = at([...spec, 'containers', hangs >= 0 ? hangs : hookTrouble(list, false), 'lifecycle', 'postStart']);
      return range && { range, what: hangs >= 0 ? 'this postStart hook never returns, and the kubelet does not report the container Running (nor start the next one) until it does' : FAILING_HOOK };
    }
    case 'PostStartHookError': case 'CrashLoopBackOff': case 'Error': {
      const hook = pod.status === 'Error' ? -1 : hookTrouble(list, false);
      const failing = hook >= 0 ? at([...spec, 'containers', hook, 'lifecycle', 'postStart']) : undefined;
      if (failing) return { range: failing, what: FAILING_HOOK };
      const oom = list.findIndex((x) => isObj(x) && oomKills(x));
      const limit = oom >= 0 ? at([...spec, 'containers', oom, 'resources', 'limits', 'memory']) : undefined;
      if (limit) return { range: limit, what: 'the container holds more memory than this limit, so the kernel OOM-kills it (`OOMKilled`, exit code 137) and the kubelet restarts it with back-off (10 s, doubling up to 5 min): raise the limit, or have it use less' };
      const c = list.findIndex((x) => isObj(x) && Array.isArray(x.command));
      const path: ObjectPath = c >= 0 ? [...spec, 'containers', c, 'command'] : [...container, 'name'];
      const range = at(path);
      const how = pod.status === 'Error' ? 'the container exited with an error and its restartPolicy does not restart it'
        : 'the container exits (its command ends) and the kubelet restarts it with back-off (10 s, doubling up to 5 min); a Deployment expects a process that keeps running';
      return range && { range, what: how };
    }
    default:
      return initTrouble(ctx, live, spec, pod.status);
  }
}

/** `Init:N/M`: the init container N is still running; what it waits for when it is a loop on a Service. */
function initTrouble(ctx: Ctx, live: EditorLive, spec: ObjectPath, status: string): { range: Range; what: string } | undefined {
  const obj = ctx.source.object;
  const m = /^Init:(\d+)\/\d+$/.exec(status);
  const inits = get(obj, [...spec, 'initContainers']);
  if (!Array.isArray(inits)) return undefined;
  if (!m) {
    const range = keyRange(ctx, [...spec, 'initContainers']);
    return range && { range, what: 'an init container fails, so the app containers do not start' };
  }
  const c = inits[Number(m[1])];
  if (!isObj(c)) return undefined;
  const path: ObjectPath = [...spec, 'initContainers', Number(m[1])];
  const range = keyRange(ctx, [...path, 'command']) ?? keyRange(ctx, [...path, 'name']);
  if (!range) return undefined;
  const name = String(c.name ?? '');
  const wait = serviceWait(c);
  if (wait) {
    const ns = wait.namespace ?? obj.metadata.namespace ?? 'default';
    const svc = live.services[objectKey('Service', ns, wait.service)];
    const state = !svc ? 'which does not exist: apply it and the loop ends at its next attempt'
      : `which has ${svc.endpoints === 0 ? 'no ready endpoint yet' : `${svc.endpoints} endpoint(s)`}`;
    return { range, what: `init container ${name} loops until ${wait.needs === 'dns' ? 'the name of' : 'a connection to'} Service ${ns}/${wait.service} answers, ${state}; the app containers start after it` };
  }
  const life = containerLifetime(c);
  return { range, what: `init container ${name} ${life === 'forever' ? 'never ends' : 'is still running'}, so the app containers have not started` };
}

// --- Unmodelled fields, and a fix for the decoder's "did you mean" -------------------------------

/** Information on each field present that the teaching layer marks as not modelled by the simulation. */
function unmodelled(ctx: Ctx): void {
  for (const f of unmodelledFields(ctx.source.object)) {
    const range = keyRange(ctx, f.path);
    const last = f.path[f.path.length - 1];
    if (range) ctx.out.push({ range, severity: 'info', code: EditorDiagnosticCode.notModelled, message: unmodelledMessage(String(last), f.teaching) });
  }
}

const DID_YOU_MEAN = /unknown field "[^"]*" \(did you mean "([A-Za-z0-9]+)"\?\)/;

/**
 * The quick fix for the API decoder's unknown-field error (src/core/api/decode.ts): when it guesses
 * a name and its range covers exactly the misspelt key, replace the key.
 */
export function didYouMeanFix(d: { readonly message: string; readonly range: Range }, text: string): QuickFix | undefined {
  const guess = DID_YOU_MEAN.exec(d.message)?.[1];
  if (!guess) return undefined;
  const written = text.slice(d.range.startOffset, d.range.endOffset);
  const key = /^"?([A-Za-z0-9_-]+)"?$/.exec(written)?.[1];
  if (!key || key === guess) return undefined;
  return { title: `Change to "${guess}"`, edits: [{ start: d.range.startOffset, end: d.range.endOffset, newText: guess }] };
}

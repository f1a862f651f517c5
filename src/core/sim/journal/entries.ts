import type {
  CriCall, JournalActor, JournalEntry, JournalEvent, JournalHop, JournalObject, NodeVerdict, ScheduleEntry, WatchEntry,
} from '../../../shared/journal';
import type { Client } from '../cluster';
import type { ScheduleResult } from '../components/kubeScheduler';
import type { Stored } from '../store';
import type { SimEvent } from '../types';
import { changedPaths, updateVerb } from './diff';
import { criHops, watchHops } from './hops';
import type { Journal } from './journal';
import { CRI_REASONS } from './journal';
import type { JournalRecord, Leaders } from './records';

/** Kinds whose changes kube-controller-manager's informers receive (its controllers' own kinds and their children). */
const CM_KINDS = new Set(['Pod', 'Node', 'Namespace', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Service']);

/** The public entries of one record: the record itself, then (full detail) the watch deliveries and kube-proxy syncs it caused. */
export function entriesOf(journal: Journal, seq: number): JournalEntry[] {
  const r = journal.record(seq);
  if (!r) return [];
  const base = { seq, revision: r.revision, time: r.time };
  const x = r.extra;
  switch (r.kind) {
    case 'write': return writeEntries(journal, r, seq);
    case 'rejected': return x?.kind === 'rejected' ? [{ ...base, type: 'rejected', actor: actorOf(r.actor, r.controller), verb: r.verb ?? 'create', object: withoutUndefined({ ...x.object }), error: x.error, path: r.path }] : [];
    case 'schedule': return x?.kind === 'schedule' && r.object ? [scheduleEntry(base, r, r.object, x.result)] : [];
    case 'fault': return x?.kind === 'fault' ? [withoutUndefined({ ...base, type: 'fault', node: x.node, component: x.component, failed: x.failed })] : [];
    case 'host': return x?.kind === 'host' ? [{ ...base, type: 'host', node: x.node, change: x.change }] : [];
    case 'leader': return x?.kind === 'leader' ? [{ ...base, type: 'leader', component: x.component, node: x.node, message: x.message }] : [];
    case 'event': return eventEntries(journal, r, base);
  }
}

function writeEntries(journal: Journal, r: JournalRecord, seq: number): JournalEntry[] {
  const o = r.object as Stored;
  // The docker-server host has no API server: Docker has no namespaces, the simulation keeps its four
  // only as bookkeeping of its store, so they are not part of that host's story.
  const docker = r.path.some((h) => h.to.component === 'dockerd');
  if (docker && o.kind === 'Namespace') return [];
  const object = objectOf(o);
  const ev = r.event >= 0 ? journal.event(r.event) : undefined;
  const created = !r.old;
  const write: JournalEntry = withoutUndefined({
    type: 'write' as const, seq, revision: r.revision, time: r.time, actor: actorOf(r.actor, r.controller), verb: r.verb ?? (r.old ? updateVerb(r.old, o) : 'create'), object,
    changed: created || r.removed || !r.old ? [] : changedPaths(r.old, o), path: r.path,
    graceful: (r.verb === 'delete' || r.verb === 'evict') && !r.removed ? true : undefined, event: ev ? eventOf(ev) : undefined,
  });
  if (journal.options.detail !== 'full') return [write];
  const out: JournalEntry[] = [write];
  // The docker-server host has no API server, so nobody watches: dockerd keeps its containers itself.
  if (docker) return out;
  const apiserver = apiserverOf(r.path);
  const change = r.removed ? 'DELETED' : created ? 'ADDED' : 'MODIFIED';
  for (const w of watchersOf(o, r.old, r.leaders)) {
    const entry: WatchEntry = { type: 'watch', seq, revision: r.revision, time: r.time, watcher: actorOf(w), change, object, writeSeq: seq, path: watchHops(apiserver, w) };
    out.push(entry);
  }
  if (r.extra?.kind === 'proxies') {
    const service = { kind: 'Service', namespace: o.metadata.namespace, name: o.metadata.labels?.['kubernetes.io/service-name'] ?? '' };
    const endpoints = r.removed ? [] : endpointsOf(o);
    for (const node of r.extra.nodes) out.push(withoutUndefined({ type: 'proxySync' as const, seq, revision: r.revision, time: r.time, node, service: withoutUndefined(service), endpoints, path: watchHops(apiserver, { component: 'kube-proxy', node }) }));
  }
  return out;
}

/** The components whose informers receive a change of `o` (the leaders' instances do the work). */
function watchersOf(o: Stored, old: Stored | undefined, leaders: Leaders): Client[] {
  const out: Client[] = [];
  const sched = leaders['kube-scheduler'];
  const cm = leaders['kube-controller-manager'];
  if ((o.kind === 'Pod' || o.kind === 'Node') && sched) out.push({ component: 'kube-scheduler', node: sched });
  if (CM_KINDS.has(o.kind) && cm) out.push({ component: 'kube-controller-manager', node: cm });
  if (o.kind === 'Pod') {
    const node = nodeOf(o) ?? (old ? nodeOf(old) : undefined);
    if (node) out.push({ component: 'kubelet', node });
  }
  if (o.kind === 'Service') out.push({ component: 'kube-proxy' });
  return out;
}

function scheduleEntry(base: { seq: number; revision: number; time: number }, r: JournalRecord, pod: Stored, res: ScheduleResult): ScheduleEntry {
  const verdicts = res.verdicts ? Object.keys(res.verdicts).sort().map((n) => verdictOf(n, (res.verdicts as Record<string, string>)[n])) : undefined;
  return withoutUndefined({
    ...base, type: 'schedule' as const, actor: actorOf(r.actor), pod: objectOf(pod), node: res.nodeName, verdicts,
    feasibleNodes: res.feasibleNodes, evaluatedNodes: res.evaluatedNodes, message: res.message ?? res.note ?? undefined,
  });
}

/** Parses the scheduler's per-node verdict text (scheduler/result.ts verdicts()). */
function verdictOf(node: string, text: string): NodeVerdict {
  const fits = /^fits \(score (-?\d+)\)$/.exec(text);
  if (fits) return { node, outcome: 'fits', score: Number(fits[1]) };
  if (text.startsWith('not evaluated')) return { node, outcome: 'notEvaluated' };
  return { node, outcome: 'rejected', reasons: text.split(', ') };
}

function eventEntries(journal: Journal, r: JournalRecord, base: { seq: number; revision: number; time: number }): JournalEntry[] {
  const e = journal.event(r.event);
  if (!e) return [];
  const actor = actorOf(r.actor);
  const call = e.component === 'kubelet' && e.node && journal.options.detail === 'full' ? CRI_REASONS[e.reason] : undefined;
  if (call && e.object) return [criEntry(base, e, call)];
  return [{ ...base, type: 'event', actor, object: e.object ? withoutUndefined({ ...e.object }) : null, event: eventOf(e), path: r.path }];
}

function criEntry(base: { seq: number; revision: number; time: number }, e: SimEvent, call: CriCall): JournalEntry {
  const image = call === 'PullImage' ? /"([^"]*)"/.exec(e.message)?.[1] : undefined;
  const container = call !== 'PullImage' ? /container:? (\S+)$/.exec(e.message)?.[1] : undefined;
  const node = e.node as string;
  return withoutUndefined({ ...base, type: 'cri' as const, node, call, pod: withoutUndefined({ ...(e.object as JournalObject) }), container, image, path: criHops(node), event: eventOf(e) });
}

function actorOf(c: Client | null, controller?: string): JournalActor {
  if (!c) return { component: 'simulator' };
  return withoutUndefined({ component: c.component, node: c.node, controller });
}

/** The reference of a stored object. */
export function objectOf(o: Stored): JournalObject {
  const m = o.metadata;
  return withoutUndefined({ kind: o.kind, namespace: m.namespace, name: m.name ?? '', uid: typeof m.uid === 'string' ? m.uid : undefined });
}

function eventOf(e: SimEvent): JournalEvent {
  return { type: e.type, reason: e.reason, message: e.message, source: e.component };
}

function apiserverOf(path: readonly JournalHop[]): string | null {
  for (const h of path) if (h.to.component === 'kube-apiserver') return h.to.node ?? null;
  return null;
}

function nodeOf(o: Stored): string | undefined {
  const n = (o.spec as { nodeName?: unknown } | undefined)?.nodeName;
  return typeof n === 'string' && n !== '' ? n : undefined;
}

/** The ready endpoints of an EndpointSlice, "ip:port". */
function endpointsOf(slice: Stored): string[] {
  const s = slice as unknown as { endpoints?: unknown; ports?: unknown };
  const ports = Array.isArray(s.ports) ? s.ports.map((p) => (p as { port?: unknown } | null)?.port).filter((p): p is number => typeof p === 'number') : [];
  const out: string[] = [];
  for (const ep of Array.isArray(s.endpoints) ? s.endpoints : []) {
    const e = ep as { addresses?: unknown; conditions?: { ready?: unknown } } | null;
    if (!e || e.conditions?.ready === false) continue;
    for (const ip of Array.isArray(e.addresses) ? e.addresses : []) for (const port of ports) out.push(`${String(ip)}:${port}`);
  }
  return out;
}

/** The object without its undefined fields (JSON lines and deep equality then agree). */
function withoutUndefined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

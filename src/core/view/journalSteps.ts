import type { JournalEndpoint, JournalEntry, JournalHop, JournalObject } from '../../shared/journal';
import type { ViewHop, ViewObjectRef, ViewStep } from '../../shared/protocol';
import { narrate } from '../sim/journal';
import { ENDPOINTS } from './steps';

/** The drawn endpoint of a journal endpoint: the workstation, the API load balancer, or `node/component`. */
function endpointId(e: JournalEndpoint): string {
  if (e.component === 'kubectl') return ENDPOINTS.kubectl;
  if (e.component === 'api-load-balancer') return ENDPOINTS.apiLb;
  return `${e.node ?? ''}/${e.component}`;
}

function hop(h: JournalHop, kind: ViewHop['kind']): ViewHop {
  return { from: endpointId(h.from), to: endpointId(h.to), kind, ...(h.port !== null ? { port: h.port } : {}) };
}

const ref = (o: JournalObject | null | undefined): ViewObjectRef | undefined => (o ? { kind: o.kind, namespace: o.namespace ?? '', name: o.name } : undefined);

/** Hops, object, actor and verb of each kind of entry. */
function parts(e: JournalEntry): Pick<ViewStep, 'actor' | 'verb' | 'hops'> & { node?: string; object?: ViewObjectRef } {
  switch (e.type) {
    case 'write': return { actor: e.actor.component, node: e.actor.node, verb: e.verb, object: ref(e.object), hops: e.path.map((h) => hop(h, 'request')) };
    case 'rejected': return { actor: e.actor.component, node: e.actor.node, verb: `${e.verb} refused`, object: ref(e.object), hops: e.path.map((h) => hop(h, 'request')) };
    case 'watch': return { actor: e.watcher.component, node: e.watcher.node, verb: `watch ${e.change}`, object: ref(e.object), hops: e.path.map((h) => hop(h, 'watch')) };
    case 'schedule': return { actor: 'kube-scheduler', node: e.actor.node, verb: e.node ? 'schedule' : 'unschedulable', object: ref(e.pod), hops: [] };
    case 'fault': return { actor: 'simulator', node: e.node, verb: e.failed ? 'fail' : 'heal', object: { kind: 'Node', namespace: '', name: e.node }, hops: [] };
    case 'host': return { actor: 'simulator', node: e.node, verb: e.change, object: { kind: 'Node', namespace: '', name: e.node }, hops: [] };
    case 'leader': return { actor: e.component, node: e.node ?? undefined, verb: 'leader', hops: [] };
    case 'cri': return { actor: 'kubelet', node: e.node, verb: e.call, object: ref(e.pod), hops: e.path.map((h) => hop(h, 'local')) };
    case 'proxySync': return { actor: 'kube-proxy', node: e.node, verb: 'sync', object: ref(e.service), hops: e.path.map((h) => hop(h, 'watch')) };
    case 'event': return { actor: e.actor.component, node: e.actor.node, verb: e.event.reason, object: ref(e.object), hops: e.path.map((h) => hop(h, 'request')) };
  }
}

/** kube-scheduler's verdict per node, in words (filters passed or failed, and the score). */
export function verdictLines(e: JournalEntry): string[] | undefined {
  if (e.type !== 'schedule' || !e.verdicts) return undefined;
  return e.verdicts.map((v) => v.outcome === 'fits'
    ? `${v.node}: passed every filter${v.score !== undefined ? `, score ${v.score}` : ''}${v.node === e.node ? ' (chosen)' : ''}`
    : v.outcome === 'rejected' ? `${v.node}: rejected: ${(v.reasons ?? []).join('; ') || 'a filter failed'}` : `${v.node}: not evaluated (the scheduler had found enough feasible nodes)`);
}

function markOf(e: JournalEntry): ViewStep['mark'] {
  if (e.type === 'fault' || e.type === 'host') return 'fault';
  if (e.type === 'write' && e.actor.component === 'kubectl') return 'apply';
  if (e.type === 'rejected' || (e.type === 'schedule' && !e.node)) return 'warning';
  if ((e.type === 'write' || e.type === 'event' || e.type === 'cri') && e.event?.type === 'Warning') return 'warning';
  return 'none';
}

/** The Cluster View's steps from journal entries: each animates along its recorded hops and says what happened in one sentence. */
export function stepsFromJournal(entries: readonly JournalEntry[]): ViewStep[] {
  return entries.map((e) => {
    const p = parts(e);
    const detail = verdictLines(e);
    return {
      ...(detail ? { detail } : {}),
      seq: e.seq, time: e.time, actor: p.actor, verb: p.verb, hops: p.hops, text: narrate(e), mark: markOf(e),
      ...(p.node ? { node: p.node } : {}), ...(p.object ? { object: p.object } : {}),
    };
  });
}

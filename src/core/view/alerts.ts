import type { ClusterSnapshot } from '../sim';
import type { ViewAlert } from '../../shared/protocol';

type Snap = ClusterSnapshot;

/** Alerts of one kind beyond this are summarised in one line that says how many there are. */
const MAX_NAMED = 4;

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

function listed(names: readonly string[]): string {
  return names.length <= MAX_NAMED ? names.join(', ') : `${names.slice(0, MAX_NAMED).join(', ')} and ${names.length - MAX_NAMED} more`;
}

/** etcd needs a majority of its members to write (https://etcd.io/docs/v3.5/faq/#why-an-odd-number-of-cluster-members). */
function etcdAlert(s: Snap): ViewAlert[] {
  const e = s.cluster.etcd;
  if (e.members === 0 || e.hasQuorum) return [];
  return [{ severity: 'error', text: `etcd has lost quorum: ${e.healthy} of ${e.members} members healthy, ${e.quorum} needed. The API server can store nothing: no pod is created, scheduled or evicted until a member comes back; running containers keep running.` }];
}

function nodeAlerts(s: Snap): ViewAlert[] {
  const notReady = s.cluster.nodes.filter((n) => !n.ready);
  if (notReady.length === 0) return [];
  if (notReady.length > MAX_NAMED) {
    return [{ severity: 'error', text: `${plural(notReady.length, 'node')} not Ready: ${listed(notReady.map((n) => n.name))}.`, target: notReady[0]!.name }];
  }
  const why = (n: Snap['cluster']['nodes'][number]): string => (!n.up
    ? 'its machine is down'
    : n.components.some((c) => c.name === 'kubelet' && !c.running) ? 'its kubelet stopped posting status' : 'it has not reported Ready');
  const docker = s.cluster.mode === 'docker';
  return notReady.map((n) => ({
    severity: 'error' as const, target: n.name,
    text: docker ? `${n.name} is down: its containers stopped with it, and nothing restarts them elsewhere.` : `${n.name} is NotReady: ${why(n)}.`,
  }));
}

function componentAlerts(s: Snap): ViewAlert[] {
  const stopped = s.cluster.nodes.filter((n) => n.up).flatMap((n) => n.components.filter((c) => !c.running).map((c) => `${n.name}/${c.name}`));
  if (stopped.length === 0) return [];
  return [{ severity: 'warning', text: `Stopped: ${listed(stopped)}.`, target: stopped[0] }];
}

function podAlerts(s: Snap): ViewAlert[] {
  const out: ViewAlert[] = [];
  const pending = s.pods.filter((p) => p.phase === 'Pending' && !p.node);
  if (pending.length > 0) {
    const first = pending[0]!;
    const why = first.message ? ` kube-scheduler: ${first.message}` : ' kube-scheduler has not placed it yet.';
    out.push({ severity: 'warning', target: `pod:${first.namespace}/${first.name}`, text: `${plural(pending.length, 'pod')} Pending with no node (${listed(pending.map((p) => p.name))}).${why}` });
  }
  const crashing = s.pods.filter((p) => p.reason === 'CrashLoopBackOff' || p.reason === 'Error' || p.phase === 'Failed');
  if (crashing.length > 0) out.push({ severity: 'warning', target: `pod:${crashing[0]!.namespace}/${crashing[0]!.name}`, text: `${plural(crashing.length, 'pod')} failing: ${listed(crashing.map((p) => `${p.name} (${p.reason || p.phase})`))}.` });
  const terminating = s.pods.filter((p) => p.reason === 'Terminating');
  if (terminating.length > 0) out.push({ severity: 'info', target: `pod:${terminating[0]!.namespace}/${terminating[0]!.name}`, text: `${plural(terminating.length, 'pod')} Terminating: ${listed(terminating.map((p) => p.name))}.` });
  return out;
}

/** What matters now, in words, most serious first (the view states it at the top, not only in colour). */
export function computeAlerts(s: Snap): ViewAlert[] {
  return [...etcdAlert(s), ...nodeAlerts(s), ...componentAlerts(s), ...podAlerts(s)];
}

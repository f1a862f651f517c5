import type { JournalActor, JournalEntry, JournalHop, JournalObject, NodeVerdict, ScheduleEntry, WriteEntry } from '../../../shared/journal';

/**
 * One plain sentence per journal entry, naming the component that acted and why, e.g.
 * "kube-scheduler placed default/shop-7c9f-x2 on worker-2: highest score (87) of 2 feasible nodes;
 * control-plane skipped: node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }".
 * Pure: the same entry always gives the same sentence.
 */
export function narrate(e: JournalEntry): string {
  switch (e.type) {
    case 'write': return narrateWrite(e);
    case 'rejected': return `kube-apiserver refused ${who(e.actor)}'s ${e.verb} of ${ref(e.object)}: ${e.error}`;
    case 'watch': return `kube-apiserver told ${who(e.watcher)} (its watch on ${e.object.kind}s) that ${ref(e.object)} was ${e.change.toLowerCase()}`;
    case 'schedule': return narrateSchedule(e);
    case 'fault': return `${e.component ? `${e.component} on ${e.node}` : `The host ${e.node}`} ${e.failed ? 'stopped (fault injected)' : 'started again'}`;
    case 'host': return `The host ${e.node} ${e.change === 'joined' ? 'joined the cluster' : e.change === 'left' ? 'left the cluster' : 'was reconfigured'}`;
    case 'leader': return e.node ? `${e.component} on ${e.node} holds the lease now: it is the leader (${e.message})` : `The ${e.component} lease expired and no instance could take it`;
    case 'cri': return `kubelet on ${e.node} asked containerd to ${CRI_WORDS[e.call]}${e.image ? ` ${e.image}` : ''}${e.container ? ` ${e.container}` : ''} for ${ref(e.pod)} (CRI ${e.call})`;
    case 'proxySync': return `kube-proxy on ${e.node} reprogrammed the rules of ${ref(e.service)}: ${e.endpoints.length === 0 ? 'no ready endpoints' : e.endpoints.join(', ')}`;
    case 'event': return `${e.event.source}${e.actor.node ? ` on ${e.actor.node}` : ''}: ${e.event.reason}${e.object ? ` ${ref(e.object)}` : ''}: ${e.event.message}`;
  }
}

const CRI_WORDS: Record<string, string> = {
  RunPodSandbox: 'create the pod sandbox', PullImage: 'pull the image', CreateContainer: 'create the container',
  StartContainer: 'start the container', StopContainer: 'stop the container', RemovePodSandbox: 'remove the pod sandbox',
};

function narrateWrite(e: WriteEntry): string {
  const actor = who(e.actor);
  const o = ref(e.object);
  const via = route(e.path);
  const why = e.event ? `: ${e.event.message}` : '';
  switch (e.verb) {
    case 'create': return `${actor} created ${o}${via}${why}`;
    case 'bind': return `${actor} bound ${o} to its node${via}${why}`;
    case 'patchStatus': return `${actor} updated the status of ${o} (${fields(e.changed)})${via}${why}`;
    case 'update': return `${actor} updated ${o} (${fields(e.changed)})${via}${why}`;
    case 'delete': return e.graceful ? `${actor} asked to delete ${o}: it is terminating, its kubelet stops it first${via}${why}` : `${actor} deleted ${o}${via}${why}`;
    case 'evict': return `${actor} evicted ${o}${via}${why}`;
  }
}

function narrateSchedule(e: ScheduleEntry): string {
  const pod = ref(e.pod);
  const groups = skippedByReason(e.verdicts ?? []);
  const because = groups.length > 0 ? `; ${groups.slice(0, 3).join('; ')}${groups.length > 3 ? `; and ${groups.length - 3} more reasons` : ''}` : '';
  if (!e.node) return `kube-scheduler found no node for ${pod}: ${e.message ?? 'no feasible node'}`;
  const chosen = e.verdicts?.find((v) => v.node === e.node);
  const reason = chosen?.score !== undefined ? `highest score (${chosen.score}) of ${e.feasibleNodes} feasible node${e.feasibleNodes === 1 ? '' : 's'}` : `${e.feasibleNodes} feasible of ${e.evaluatedNodes} evaluated`;
  return `kube-scheduler placed ${pod} on ${e.node}: ${reason}${because}`;
}

/** "control-plane-1, control-plane-2 skipped: node(s) had untolerated taint {…}", one phrase per distinct reason (at most 3 nodes named). */
function skippedByReason(verdicts: readonly NodeVerdict[]): string[] {
  const byReason = new Map<string, string[]>();
  for (const v of verdicts) {
    if (v.outcome !== 'rejected') continue;
    const why = (v.reasons ?? []).join(', ');
    const list = byReason.get(why);
    if (list) list.push(v.node);
    else byReason.set(why, [v.node]);
  }
  return [...byReason].map(([why, nodes]) => `${nodes.slice(0, 3).join(', ')}${nodes.length > 3 ? ` and ${nodes.length - 3} more` : ''} skipped: ${why}`);
}

function who(a: JournalActor): string {
  const name = a.controller ? `${a.component} (${a.controller})` : a.component;
  return a.node && a.component !== 'kubectl' ? `${name} on ${a.node}` : name;
}

function ref(o: JournalObject): string {
  return `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}`;
}

/** The changed fields, all of them up to five (a kubelet's first status write changes five), else four and a count. */
function fields(changed: readonly string[]): string {
  if (changed.length === 0) return 'no field';
  return changed.length > 5 ? `${changed.slice(0, 4).join(', ')} and ${changed.length - 4} more` : changed.join(', ');
}

/** " through the API load balancer :6443 to kube-apiserver on control-plane-2 and etcd :2379". */
function route(path: readonly JournalHop[]): string {
  if (path.length === 0) return '';
  const parts = path.map((h) => `${h.to.component}${h.to.node ? ` on ${h.to.node}` : ''}${h.port !== null ? ` :${h.port}` : ''}`);
  return ` (via ${parts.join(' → ')})`;
}

import type { ClusterSnapshot } from '../sim';
import type { ClusterView, ViewEvent, ViewNode, ViewPod } from '../../shared/protocol';

/** How many events the view's timeline carries. */
export const VIEW_EVENTS = 30;
/** Bounds that keep a 5,000-node snapshot small enough to post to the webview in a few milliseconds. */
export const VIEW_NODES = 24;
export const VIEW_PODS_PER_NODE = 80;

const TITLES: Readonly<Record<string, string>> = {
  'docker-server': 'Docker server (no orchestration)',
  'single-node': 'Single-node cluster (minikube)',
  'multi-worker': 'Multi-worker cluster',
  ha: 'Highly available cluster',
  kind: 'kind cluster',
  nodes: 'Cluster from Node manifests',
};

function podsByNode(snapshot: ClusterSnapshot, shown: ReadonlySet<string>): Map<string, ViewPod[]> {
  const byNode = new Map<string, ViewPod[]>();
  for (const p of snapshot.pods) {
    if (!p.node || !shown.has(p.node)) continue;
    const list = byNode.get(p.node) ?? [];
    if (list.length < VIEW_PODS_PER_NODE) list.push({ namespace: p.namespace, name: p.name, phase: p.reason === 'Terminating' ? 'Terminating' : p.phase, ready: p.ready });
    byNode.set(p.node, list);
  }
  return byNode;
}

function viewNode(n: ClusterSnapshot['cluster']['nodes'][number], pods: ViewPod[]): ViewNode {
  const components = n.components.map((c) => (c.leader === undefined ? { name: c.name, ready: c.running && n.up } : { name: c.name, ready: c.running && n.up, leader: c.leader }));
  return { name: n.name, roles: n.roles, ready: n.ready, components, pods, podCount: n.pods };
}

function viewEvents(snapshot: ClusterSnapshot): ViewEvent[] {
  return snapshot.events.slice(-VIEW_EVENTS).map((e) => ({
    time: e.time, component: e.component, reason: e.reason, message: e.message, path: e.path, warning: e.type === 'Warning',
  }));
}

/** The Cluster View's model of a simulation snapshot. */
export function toClusterView(snapshot: ClusterSnapshot): ClusterView {
  const { cluster } = snapshot;
  const nodes = cluster.nodes.slice(0, VIEW_NODES);
  const pods = podsByNode(snapshot, new Set(nodes.map((n) => n.name)));
  const etcd = cluster.etcd.members > 0 ? { members: cluster.etcd.members, healthy: cluster.etcd.healthy, quorum: cluster.etcd.hasQuorum } : null;
  return {
    topology: cluster.topology,
    mode: cluster.mode,
    title: TITLES[cluster.topology] ?? `Cluster "${cluster.topology}"`,
    time: snapshot.time,
    nodes: nodes.map((n) => viewNode(n, pods.get(n.name) ?? [])),
    hiddenNodes: cluster.nodes.length - nodes.length,
    apiLoadBalancer: cluster.apiLoadBalancer,
    appLoadBalancer: snapshot.services.some((s) => s.type === 'LoadBalancer'),
    etcd,
    events: viewEvents(snapshot),
  };
}

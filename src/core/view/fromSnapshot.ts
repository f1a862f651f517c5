import type { ClusterSnapshot } from '../sim';
import type { ClusterView, ViewEvent, ViewNode, ViewPod } from '../../shared/protocol';

/** How many events the view's timeline carries. */
export const VIEW_EVENTS = 30;

const TITLES: Readonly<Record<string, string>> = {
  'docker-server': 'Docker server (no orchestration)',
  'single-node': 'Single-node cluster (minikube)',
  'multi-worker': 'Multi-worker cluster',
  ha: 'Highly available cluster',
  kind: 'kind cluster',
  nodes: 'Cluster from Node manifests',
};

function podsByNode(snapshot: ClusterSnapshot): Map<string, ViewPod[]> {
  const byNode = new Map<string, ViewPod[]>();
  for (const p of snapshot.pods) {
    if (!p.node) continue;
    const list = byNode.get(p.node) ?? [];
    list.push({ namespace: p.namespace, name: p.name, phase: p.reason === 'Terminating' ? 'Terminating' : p.phase, ready: p.ready });
    byNode.set(p.node, list);
  }
  return byNode;
}

function viewNode(n: ClusterSnapshot['cluster']['nodes'][number], pods: ViewPod[]): ViewNode {
  const components = n.components.map((c) => (c.leader === undefined ? { name: c.name, ready: c.running && n.up } : { name: c.name, ready: c.running && n.up, leader: c.leader }));
  return { name: n.name, roles: n.roles, ready: n.ready, components, pods };
}

function viewEvents(snapshot: ClusterSnapshot): ViewEvent[] {
  return snapshot.events.slice(-VIEW_EVENTS).map((e) => ({
    time: e.time, component: e.component, reason: e.reason, message: e.message, path: e.path, warning: e.type === 'Warning',
  }));
}

/** The Cluster View's model of a simulation snapshot. */
export function toClusterView(snapshot: ClusterSnapshot): ClusterView {
  const pods = podsByNode(snapshot);
  const { cluster } = snapshot;
  const etcd = cluster.etcd.members > 0 ? { members: cluster.etcd.members, healthy: cluster.etcd.healthy, quorum: cluster.etcd.hasQuorum } : null;
  return {
    topology: cluster.topology,
    mode: cluster.mode,
    title: TITLES[cluster.topology] ?? `Cluster "${cluster.topology}"`,
    time: snapshot.time,
    nodes: cluster.nodes.map((n) => viewNode(n, pods.get(n.name) ?? [])),
    apiLoadBalancer: cluster.apiLoadBalancer,
    appLoadBalancer: snapshot.services.some((s) => s.type === 'LoadBalancer'),
    etcd,
    events: viewEvents(snapshot),
  };
}

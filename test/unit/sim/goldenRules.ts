/** The Kubernetes rule each golden scenario checks, as sharp assertions on the CLI's JSON. */
import assert from 'node:assert/strict';
import type { ClusterSnapshot } from '../../../src/core/sim';
import { API_SERVER_RULES } from './goldenApiServerRules';
import { FIDELITY_RULES } from './goldenFidelityRules';
import { WORKLOAD_RULES } from './goldenWorkloadRules';

/** The CLI's JSON output. */
export type Output = ClusterSnapshot;
type Rule = (out: Output, code: number) => void;

const running = (o: Output): Output['pods'] => o.pods.filter((p) => p.phase === 'Running' && p.reason === 'Running');
const node = (o: Output, name: string): Output['cluster']['nodes'][number] => {
  const n = o.cluster.nodes.find((x) => x.name === name);
  assert.ok(n, `node ${name}`);
  return n;
};
const reasons = (o: Output): string[] => o.events.map((e) => e.reason);
const at = (o: Output, reason: string): number[] => o.events.filter((e) => e.reason === reason).map((e) => e.time);

/** name → assertions. */
export const RULES: Record<string, Rule> = {
  'deployment-scale-up-schedules-new-pods': (o, code) => {
    assert.equal(code, 0);
    assert.equal(running(o).length, 5);
    assert.deepEqual([...new Set(running(o).map((p) => p.node))].sort(), ['worker-1', 'worker-2']);
    assert.deepEqual(o.workloads, [{ kind: 'Deployment', namespace: 'default', name: 'web', desired: 5, ready: 5 }]);
    assert.equal(new Set(o.pods.map((p) => p.ip)).size, 5, 'every pod has its own IP');
  },
  'worker-failure-evicts-after-toleration-and-reschedules': (o) => {
    assert.equal(node(o, 'worker-1').ready, false);
    assert.ok(node(o, 'worker-1').taints.includes('node.kubernetes.io/unreachable:NoExecute'));
    const down = o.events.find((e) => e.reason === 'NodeDown')?.time ?? -1;
    assert.equal(at(o, 'NodeNotReady')[0], Math.ceil((down + 50) / 5) * 5, 'NotReady after node-monitor-grace-period 50s');
    assert.equal(at(o, 'TaintManagerEviction')[0], at(o, 'NodeNotReady')[0] + 300, 'evicted after tolerationSeconds 300');
    assert.equal(running(o).filter((p) => p.node === 'worker-2').length, 3);
    assert.ok(o.pods.filter((p) => p.node === 'worker-1').every((p) => p.reason === 'Terminating'));
    assert.equal(o.workloads[0].ready, 3);
  },
  'bare-pod-not-replaced': (o) => {
    assert.deepEqual(o.pods.map((p) => [p.name, p.reason, p.node]), [['lonely', 'Terminating', 'worker-1']]);
    assert.ok(!reasons(o).includes('SuccessfulCreate'));
  },
  'ha-one-control-plane-down-no-change': (o) => {
    assert.deepEqual(o.cluster.etcd, { members: 3, healthy: 2, quorum: 2, hasQuorum: true });
    assert.equal(o.cluster.leaders['kube-scheduler'], 'control-plane-2');
    assert.equal(running(o).length, 3);
    assert.ok(o.pods.every((p) => p.node?.startsWith('worker-')));
    assert.equal(o.events.filter((e) => e.reason === 'SuccessfulCreate').length, 3, 'no pod was replaced');
  },
  'ha-two-control-planes-down-etcd-loses-quorum': (o) => {
    assert.deepEqual(o.cluster.etcd, { members: 3, healthy: 1, quorum: 2, hasQuorum: false });
    assert.deepEqual(o.cluster.leaders, { 'kube-scheduler': null, 'kube-controller-manager': null });
    assert.equal(running(o).length, 3, 'running containers keep running');
    assert.ok(!reasons(o).includes('NodeNotReady'), 'no controller can write without quorum');
  },
  'docker-server-failure-loses-everything': (o) => {
    assert.equal(o.cluster.mode, 'docker');
    assert.deepEqual(o.pods.map((p) => p.name), ['web-1', 'web-2', 'web-3']);
    assert.ok(o.pods.every((p) => p.phase === 'Unknown' && p.reason === 'HostDown'));
    assert.equal(o.workloads[0].ready, 0);
  },
  'taint-blocks-control-plane': (o) => {
    assert.equal(running(o).length, 2);
    const pending = o.pods.filter((p) => p.phase === 'Pending');
    assert.equal(pending.length, 1);
    assert.equal(pending[0].message, '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.');
    assert.ok(o.pods.every((p) => p.node !== 'control-plane'));
  },
  'scheduler-down-pods-pending': (o) => {
    assert.equal(o.pods.length, 2);
    assert.ok(o.pods.every((p) => p.phase === 'Pending' && p.node === null));
    assert.ok(!reasons(o).includes('Scheduled'));
  },
  'leader-failover-after-lease': (o) => {
    assert.equal(o.cluster.leaders['kube-scheduler'], 'control-plane-2');
    assert.ok(at(o, 'Scheduled').every((t) => t === 15), 'bound when the 15s lease expired');
    assert.equal(running(o).length, 2);
  },
  'single-node-runs-workloads-on-control-plane': (o) => {
    assert.deepEqual(o.cluster.nodes.map((n) => [n.name, n.taints]), [['minikube', []]]);
    assert.ok(running(o).every((p) => p.node === 'minikube'));
    assert.equal(running(o).length, 2);
  },
  'unknown-kind-not-simulated': (o, code) => {
    assert.equal(code, 0, 'an unknown kind alone does not fail the run');
    assert.deepEqual(o.errors.map((e) => [e.severity, e.message]), [['warning', 'Ingress "web" is stored but not simulated by Kube Anatomy']]);
    assert.ok(reasons(o).includes('NotSimulated'));
  },
  'kind-config-topology': (o) => {
    assert.deepEqual(o.cluster.nodes.map((n) => n.name), ['kind-control-plane', 'kind-worker', 'kind-worker2']);
    assert.equal(o.pods[0].node, 'kind-worker');
    assert.equal(o.cluster.apiLoadBalancer, false);
  },
};

RULES['service-endpoints-ready-pods'] = (o) => {
  const ready = o.pods.filter((p) => p.ready && p.reason === 'Running').map((p) => `${p.ip}:8080`).sort();
  assert.equal(ready.length, 3);
  const kube = o.services.find((s) => s.namespace === 'default' && s.name === 'kubernetes');
  assert.deepEqual([kube?.clusterIP, kube?.type], ['10.96.0.1', 'ClusterIP'], 'the API server creates default/kubernetes on the first address');
  const [svc, headless] = o.services.filter((s) => s.name !== 'kubernetes');
  // Dynamic allocations come from the upper bands: above the first 256 addresses (never 10.96.0.10, kube-dns's) and NodePorts from 30086.
  const [, , c, d] = (svc.clusterIP ?? '').split('.').map(Number);
  assert.deepEqual([svc.name, svc.type, c * 256 + d > 256, (svc.nodePort ?? 0) >= 30086], ['web', 'NodePort', true, true]);
  assert.deepEqual(svc.endpoints, ready, 'named targetPort http resolves to containerPort 8080; only Ready pods');
  assert.deepEqual([headless.clusterIP, headless.endpoints], ['None', ready]);
  assert.ok(o.pods.filter((p) => p.reason === 'Terminating').every((p) => !svc.endpoints.includes(`${p.ip}:8080`)));
};

Object.assign(RULES, WORKLOAD_RULES, API_SERVER_RULES, FIDELITY_RULES);

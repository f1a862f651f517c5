import * as assert from 'assert';
import type { KubeObject } from '../../../src/core/manifests';
import { Simulation, topologyFromObjects } from '../../../src/core/sim';
import { TEXTBOOK_NODES, VIEW_PODS_PER_NODE, toClusterView } from '../../../src/core/view/fromSnapshot';

const node = (i: number): KubeObject => ({
  apiVersion: 'v1', kind: 'Node', metadata: { name: `node-${String(i).padStart(2, '0')}`, labels: {} },
  status: { capacity: { cpu: '64', memory: '256Gi', pods: '110' }, allocatable: { cpu: '64', memory: '256Gi', pods: '110' } },
});

const deployment = (replicas: number, cpu = '10m'): KubeObject => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' },
  spec: {
    replicas, selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx', resources: { requests: { cpu } } }] } },
  },
});

function cluster(nodes: number, replicas: number): Simulation {
  const topology = topologyFromObjects(Array.from({ length: nodes }, (_, i) => node(i)));
  assert.ok(topology);
  const sim = new Simulation({ topology });
  sim.apply(deployment(replicas));
  sim.runUntilSettled();
  return sim;
}

describe('toClusterView', () => {
  it('draws every node of a textbook-sized cluster, listing a bounded number of pods per node and counting the rest', () => {
    const sim = cluster(30, 3000);
    const view = toClusterView(sim.snapshot());
    assert.strictEqual(view.nodes.length, 31, 'Node objects join a control-plane node');
    assert.strictEqual(view.hiddenNodes, 0);
    assert.strictEqual(view.grid, null);
    const workers = view.nodes.filter((n) => !n.roles.includes('control-plane'));
    assert.ok(workers.every((n) => n.pods.length === VIEW_PODS_PER_NODE && n.podCount === 100), JSON.stringify(workers.map((n) => n.podCount)));
    assert.strictEqual(view.podTotal, 3000);
    assert.ok(workers[0]!.pods.every((p) => p.workload?.kind === 'Deployment' && p.workload.name === 'web'), 'pods name the Deployment the learner wrote');
  });

  it('beyond the textbook size, puts every node in the grid with its pods counted, and keeps the control plane drawn', () => {
    const sim = cluster(TEXTBOOK_NODES + 10, 600);
    const snap = sim.snapshot();
    const view = toClusterView(snap);
    const grid = view.grid!;
    assert.ok(grid, 'a grid');
    assert.strictEqual(grid.names.length, snap.cluster.nodes.length, 'no node left out');
    const counted = grid.running.reduce((a, b) => a + b, 0) + grid.starting.reduce((a, b) => a + b, 0) + grid.terminating.reduce((a, b) => a + b, 0);
    assert.strictEqual(counted, snap.pods.filter((p) => p.node).length, 'every bound pod counted');
    assert.deepStrictEqual(view.nodes.map((n) => n.name), ['control-plane']);
    assert.strictEqual(grid.flags[0], 3, 'control plane, Ready');
  });

  it('marks pods of an unreachable node as Terminating once evicted, and says so at the top', () => {
    const sim = Simulation.preset('multi-worker');
    sim.apply(deployment(2));
    sim.runUntilSettled();
    const victim = sim.snapshot().pods[0]?.node ?? '';
    sim.fail(victim);
    sim.runUntilSettled();
    const view = toClusterView(sim.snapshot());
    const phases = view.nodes.find((n) => n.name === victim)?.pods.map((p) => p.phase) ?? [];
    assert.ok(phases.length > 0 && phases.every((p) => p === 'Terminating'), phases.join());
    assert.strictEqual(view.nodes.find((n) => n.name === victim)?.ready, false);
    const alerts = view.alerts ?? [];
    assert.ok(alerts.some((a) => a.severity === 'error' && a.target === victim && a.text === `${victim} is NotReady: its machine is down.`), JSON.stringify(alerts));
    assert.ok(alerts.some((a) => a.severity === 'info' && /Terminating/.test(a.text)));
  });

  it('states lost quorum and pending pods in words', () => {
    const sim = Simulation.preset('ha');
    sim.apply(deployment(3, '64'));
    sim.runUntilSettled();
    sim.fail('control-plane-2');
    sim.fail('control-plane-3');
    sim.runUntilSettled();
    const view = toClusterView(sim.snapshot());
    const text = (view.alerts ?? []).map((a) => a.text).join('\n');
    assert.match(text, /etcd has lost quorum: 1 of 3 members healthy, 2 needed/);
    assert.match(text, /3 pods Pending with no node/);
    assert.strictEqual(view.pendingCount, 3);
    assert.ok(view.pending?.every((p) => p.message && /Insufficient cpu/.test(p.message)), JSON.stringify(view.pending));
  });

  it('says nothing needs attention when all is well', () => {
    const sim = Simulation.preset('multi-worker');
    sim.apply(deployment(2));
    sim.runUntilSettled();
    assert.deepStrictEqual(toClusterView(sim.snapshot()).alerts, []);
  });
});

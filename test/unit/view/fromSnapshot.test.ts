import * as assert from 'assert';
import type { KubeObject } from '../../../src/core/manifests';
import { Simulation, topologyFromObjects } from '../../../src/core/sim';
import { VIEW_NODES, VIEW_PODS_PER_NODE, toClusterView } from '../../../src/core/view/fromSnapshot';

const node = (i: number): KubeObject => ({
  apiVersion: 'v1', kind: 'Node', metadata: { name: `node-${String(i).padStart(2, '0')}`, labels: {} },
  status: { capacity: { cpu: '64', memory: '256Gi', pods: '110' }, allocatable: { cpu: '64', memory: '256Gi', pods: '110' } },
});

const deployment = (replicas: number): KubeObject => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' },
  spec: {
    replicas, selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx', resources: { requests: { cpu: '10m' } } }] } },
  },
});

describe('toClusterView', () => {
  it('draws a bounded part of a large cluster and counts the rest', () => {
    const nodes = Array.from({ length: 30 }, (_, i) => node(i));
    const topology = topologyFromObjects(nodes);
    assert.ok(topology);
    const sim = new Simulation({ topology });
    sim.apply(deployment(3000));
    sim.runUntilSettled();
    const snapshot = sim.snapshot();
    const view = toClusterView(snapshot);
    assert.strictEqual(snapshot.cluster.nodes.length, 31, 'Node objects join a control-plane node');
    assert.strictEqual(view.nodes.length, VIEW_NODES);
    assert.strictEqual(view.hiddenNodes, 31 - VIEW_NODES);
    const workers = view.nodes.filter((n) => !n.roles.includes('control-plane'));
    assert.strictEqual(workers.length, VIEW_NODES - 1);
    assert.ok(workers.every((n) => n.pods.length === VIEW_PODS_PER_NODE && n.podCount === 100), JSON.stringify(workers.map((n) => n.podCount)));
  });

  it('marks pods of an unreachable node as Terminating once evicted', () => {
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
  });
});

import * as assert from 'assert';
import type { KubeObject } from '../../../src/core/manifests';
import { presetTopology, Simulation, topologyFromObjects } from '../../../src/core/sim';
import { toClusterView } from '../../../src/core/view/fromSnapshot';
import { viewPageAt } from '../../../src/core/view/page';

const node = (i: number): KubeObject => ({
  apiVersion: 'v1', kind: 'Node', metadata: { name: `node-${String(i).padStart(2, '0')}`, labels: {} },
  status: { capacity: { cpu: '2', memory: '4Gi', pods: '110' }, allocatable: { cpu: '2', memory: '4Gi', pods: '110' } },
});

const deployment = (name: string, replicas: number, cpu = '10m', image = 'nginx'): KubeObject => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'default' },
  spec: {
    replicas, selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image, resources: { requests: { cpu } } }] } },
  },
});

const service: KubeObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { type: 'LoadBalancer', selector: { app: 'web' }, ports: [{ port: 80 }] } };

/** The page and the whole snapshot's view, at `time` (null: now). */
function both(sim: Simulation, time: number | null): [unknown, unknown] {
  const full = toClusterView(time === null ? sim.snapshot() : sim.snapshotAt(time), sim.journal);
  return [viewPageAt(sim, time, true), full];
}

describe('the Cluster View page (bounded reads instead of a whole snapshot)', () => {
  it('equals the whole snapshot\'s view, live and at past moments, through a failed node, pending and failing pods', () => {
    const sim = new Simulation({ topology: presetTopology('multi-worker') });
    sim.apply(deployment('web', 120));
    sim.apply(service);
    sim.apply(deployment('huge', 2, '64')); // fits no node: Pending with the scheduler's message
    sim.apply(deployment('bad', 1, '10m', 'NOT A VALID IMAGE')); // InvalidImageName
    sim.runUntilSettled();
    sim.fail('worker-1');
    sim.advance(45);
    const moments = [null, 0, 1, 3, sim.now() - 20, sim.now() - 1];
    for (const t of moments) {
      const [page, full] = both(sim, t);
      assert.deepStrictEqual(page, full, `at ${t}`);
    }
    sim.runUntilSettled();
    const [page, full] = both(sim, null);
    assert.deepStrictEqual(page, full, 'after the eviction');
  });

  it('equals it for the grid of a cluster beyond the textbook drawing', () => {
    const topology = topologyFromObjects(Array.from({ length: 60 }, (_, i) => node(i)));
    assert.ok(topology);
    const sim = new Simulation({ topology });
    sim.apply(deployment('web', 400, '300m'));
    sim.runUntilSettled();
    const [page, full] = both(sim, null);
    assert.deepStrictEqual(page, full);
    assert.ok((page as { grid: unknown }).grid, 'drawn as a grid');
    const [past, fullPast] = both(sim, 2);
    assert.deepStrictEqual(past, fullPast);
  });

  it('equals it on a Docker server, where a pod\'s state follows its host', () => {
    const sim = new Simulation({ topology: presetTopology('docker-server') });
    sim.apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    sim.runUntilSettled();
    const [page, full] = both(sim, null);
    assert.deepStrictEqual(page, full);
  });
});

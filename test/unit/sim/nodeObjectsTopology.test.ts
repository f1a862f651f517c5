import * as assert from 'assert';
import type { KubeObject } from '../../../src/core/manifests';
import { Simulation, topologyFromObjects } from '../../../src/core/sim';
import { podSubnetFor } from '../../../src/core/sim/topology/fromObjects';

const node = (i: number): KubeObject => ({
  apiVersion: 'v1', kind: 'Node', metadata: { name: `node-${i}` },
  status: { capacity: { cpu: '4', memory: '8Gi', pods: '110' }, allocatable: { cpu: '4', memory: '8Gi', pods: '110' } },
});

describe('a cluster made of Node objects', () => {
  it('keeps kind\'s pod subnet up to 256 nodes and widens it beyond, so every node gets a /24', () => {
    assert.strictEqual(podSubnetFor(256), '10.244.0.0/16');
    assert.strictEqual(podSubnetFor(257), '10.128.0.0/9');
  });

  it('has every one of 300 nodes Ready with its own pod CIDR (none CIDRNotAvailable)', () => {
    const topology = topologyFromObjects(Array.from({ length: 300 }, (_, i) => node(i)));
    assert.ok(topology);
    const sim = new Simulation({ topology });
    sim.runUntilSettled();
    const nodes = sim.snapshot().cluster.nodes;
    assert.strictEqual(nodes.length, 301, 'the 300 nodes and the control plane the simulator adds');
    assert.deepStrictEqual(nodes.filter((n) => !n.ready).map((n) => n.name), []);
    const cidrs = new Set([...sim.internals.store.list('Node')].map((n) => (n.spec as { podCIDR?: string }).podCIDR));
    assert.strictEqual(cidrs.size, 301);
    assert.ok(!cidrs.has(undefined));
  });
});

import assert from 'node:assert/strict';
import { Simulation } from '../../../src/core/sim';

describe('fields the engine does not act on are named, never ignored silently', () => {
  it('warns about lifecycle hooks and unsupported volume types on the object, and still simulates it', () => {
    const sim = Simulation.preset('multi-worker');
    const r = sim.apply({
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
      spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: {
        containers: [{ name: 'web', image: 'nginx:1.27', lifecycle: { preStop: { exec: { command: ['sleep', '5'] } } } }],
        volumes: [{ name: 'host', hostPath: { path: '/var/log' } }],
      } } },
    });
    assert.equal(r.ok, true);
    assert.equal(r.ok && r.warning, 'Deployment "web": not simulated: lifecycle hooks (postStart/preStop); hostPath volumes (mounted as if they worked)');
    sim.runUntilSettled();
    assert.equal(sim.snapshot().pods[0].reason, 'Running');
  });
});

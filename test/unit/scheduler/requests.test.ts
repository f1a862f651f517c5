import { strict as assert } from 'node:assert';
import { podRequests } from '../../../src/core/sim/scheduler';
import type { SchedPod } from '../../../src/core/sim/scheduler';

function withSpec(spec: NonNullable<SchedPod['spec']>): SchedPod {
  return { metadata: { name: 'p' }, spec };
}
const c = (cpu?: string, memory?: string, restartPolicy?: string) => ({
  resources: { requests: { ...(cpu ? { cpu } : {}), ...(memory ? { memory } : {}) } }, restartPolicy,
});

describe('pod requests (component-helpers PodRequests)', () => {
  it('sums the containers', () => {
    assert.deepEqual(podRequests(withSpec({ containers: [c('100m', '64Mi'), c('250m', '1Gi')] })),
      { cpu: 350, mem: 64 * 2 ** 20 + 2 ** 30 });
  });

  it('takes the max with each init container, then adds overhead', () => {
    const r = podRequests(withSpec({
      containers: [c('100m', '100Mi')], initContainers: [c('2', '10Mi'), c('10m', '1Gi')], overhead: { cpu: '50m', memory: '1Mi' },
    }));
    assert.deepEqual(r, { cpu: 2050, mem: 2 ** 30 + 2 ** 20 });
  });

  it('adds sidecar (restartPolicy Always) init containers to the running total', () => {
    const r = podRequests(withSpec({
      containers: [c('100m')], initContainers: [c('200m', undefined, 'Always'), c('250m')],
    }));
    // running: 100m + 200m sidecar = 300m; the later init container runs beside the sidecar: 450m.
    assert.equal(r.cpu, 450);
  });

  it('a pod without requests counts 0, and the scoring defaults only with nonZero', () => {
    assert.deepEqual(podRequests(withSpec({ containers: [{}] })), { cpu: 0, mem: 0 });
    assert.deepEqual(podRequests(withSpec({ containers: [{}] }), true), { cpu: 100, mem: 200 * 2 ** 20 });
    assert.deepEqual(podRequests(withSpec({ containers: [c('0', '0')] }), true), { cpu: 0, mem: 0 }, 'explicit zero stays zero');
  });
});

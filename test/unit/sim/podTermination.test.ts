/**
 * https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination: the kubelet sends SIGTERM, and
 * SIGKILL when the grace period is over. A container whose PID 1 ignores SIGTERM (`sleep`, a shell script) takes the
 * whole terminationGracePeriodSeconds (30 s by default) to stop.
 */
import assert from 'node:assert/strict';
import { Simulation, type KubeObject } from '../../../src/core/sim';
import { stopsOnSigterm } from '../../../src/core/sim/kubelet/lifetime';

function pod(name: string, container: Record<string, unknown>, spec: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers: [{ name: 'c', ...container }], ...spec } } as KubeObject;
}

/** Seconds from the delete until the pod object is gone. */
function terminationSeconds(p: KubeObject, grace?: number): number {
  const sim = Simulation.preset('multi-worker');
  assert.ok(sim.apply(p).ok);
  sim.runUntilSettled();
  const start = sim.now();
  assert.ok(sim.delete('Pod', 'default', p.metadata.name ?? '', grace === undefined ? undefined : { gracePeriodSeconds: grace }).ok);
  for (let t = 1; t <= 120; t++) {
    sim.advance(1);
    if (!sim.internals.store.get('Pod', 'default', p.metadata.name ?? '')) return sim.now() - start;
  }
  return Infinity;
}

describe('pod termination: SIGTERM, then SIGKILL after the grace period', () => {
  it('reads which commands stop on SIGTERM', () => {
    assert.equal(stopsOnSigterm({ image: 'nginx:1.27' }), true, 'the image\'s entrypoint (a server) handles it');
    assert.equal(stopsOnSigterm({ command: ['sleep', 'infinity'] }), false);
    assert.equal(stopsOnSigterm({ command: ['sh', '-c', 'while true; do date; sleep 5; done'] }), false);
    assert.equal(stopsOnSigterm({ command: ['sh', '-c', "trap 'exit 0' TERM; while true; do sleep 1; done"] }), true);
    assert.equal(stopsOnSigterm({ command: ['sh', '-c', 'echo start; exec nginx -g "daemon off;"'] }), true);
    assert.equal(stopsOnSigterm({ command: ['redis-server'] }), true);
  });

  it('a server stops at once; sleep takes the 30 s default; terminationGracePeriodSeconds and --grace-period bound it', () => {
    assert.equal(terminationSeconds(pod('web', { image: 'nginx:1.27' })), 1);
    assert.equal(terminationSeconds(pod('nap', { image: 'busybox:1.36', command: ['sleep', 'infinity'] })), 30);
    assert.equal(terminationSeconds(pod('nap', { image: 'busybox:1.36', command: ['sleep', 'infinity'] }, { terminationGracePeriodSeconds: 5 })), 5);
    assert.equal(terminationSeconds(pod('nap', { image: 'busybox:1.36', command: ['sleep', 'infinity'] }), 0), 1, '--grace-period=0 --force');
  });

  it('a preStop hook runs before SIGTERM, within the grace period (https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/)', () => {
    const web = (preStop: Record<string, unknown>, spec: Record<string, unknown> = {}): KubeObject => pod('web', { image: 'nginx:1.27', lifecycle: { preStop } }, spec);
    assert.equal(terminationSeconds(web({ sleep: { seconds: 5 } })), 6, 'the sleep action, then nginx stops at once on SIGTERM');
    assert.equal(terminationSeconds(web({ exec: { command: ['sh', '-c', 'sleep 10'] } })), 11, 'an exec hook that plainly sleeps');
    assert.equal(terminationSeconds(web({ exec: { command: ['/bin/sh', '-c', 'nginx -s quit; while killall -0 nginx; do sleep 1; done'] } })), 1,
      'the hooks task\'s graceful nginx quit: read as returning at once');
    assert.equal(terminationSeconds(web({ exec: { command: ['sleep', 'infinity'] } }, { terminationGracePeriodSeconds: 10 })), 11,
      'a hook that never ends is cut at the grace period; SIGTERM still gets its minimum 2 s');
    const nap = pod('nap', { image: 'busybox:1.36', command: ['sleep', 'infinity'], lifecycle: { preStop: { sleep: { seconds: 5 } } } });
    assert.equal(terminationSeconds(nap), 30, 'sleep ignores SIGTERM: the whole grace period, the hook\'s 5 s included');
  });

  it('kube-apiserver refuses a sleep longer than the grace period, and a hook with no handler', () => {
    const sim = Simulation.preset('multi-worker');
    assert.equal(sim.apply(pod('a', { image: 'nginx:1.27', lifecycle: { preStop: { sleep: { seconds: 40 } } } })).error,
      'Pod "a" is invalid: spec.containers[0].lifecycle.preStop.sleep: Invalid value: 40: must be non-negative and less than terminationGracePeriodSeconds (30)');
    assert.equal(sim.apply(pod('b', { image: 'nginx:1.27', lifecycle: { postStart: {} } })).error,
      'Pod "b" is invalid: spec.containers[0].lifecycle.postStart: Required value: must specify a handler type');
    assert.ok(sim.apply(pod('c', { image: 'nginx:1.27', lifecycle: { preStop: { sleep: { seconds: 0 } } } })).ok, 'zero is allowed (PodLifecycleSleepActionAllowZero)');
  });
});

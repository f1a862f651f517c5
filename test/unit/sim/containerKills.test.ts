/**
 * postStart hooks and the kubelet's kills of one container (a failing probe, a failed hook): kuberuntime's
 * startContainer and killContainer (https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/).
 */
import assert from 'node:assert/strict';
import { Simulation, type KubeObject } from '../../../src/core/sim';
import { presetTopology } from '../../../src/core/sim/topology/presets';

function pod(name: string, containers: Record<string, unknown>[], spec: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { nodeName: 'worker-1', containers, ...spec } };
}
interface ContainerStatus { state: { waiting: { reason: string; message?: string } }; lastState?: unknown }
const withEvents = () => new Simulation({ topology: presetTopology('multi-worker'), podEvents: true });
const view = (sim: Simulation, name: string) => sim.snapshot().pods.find((p) => p.name === name);
const statusOf = (sim: Simulation, name: string) =>
  (sim.internals.store.get('Pod', 'default', name)?.status as { containerStatuses: ContainerStatus[] }).containerStatuses;
const events = (sim: Simulation, reasons: string[]) =>
  sim.eventsSince(0).filter((e) => reasons.includes(e.reason)).map((e) => [e.time, e.reason, e.message]);

/** Image pulled at 5, container created and started at 6 (the kubelet's stages). */
const STARTED_AT = 6;

describe('postStart hooks', () => {
  it('the Container Lifecycle Hooks task\'s lifecycle-demo: its echo hook returns at once and the pod runs', () => {
    const sim = withEvents();
    sim.apply(pod('lifecycle-demo', [{
      name: 'lifecycle-demo-container', image: 'nginx',
      lifecycle: {
        postStart: { exec: { command: ['/bin/sh', '-c', 'echo Hello from the postStart handler > /usr/share/message'] } },
        preStop: { exec: { command: ['/bin/sh', '-c', 'nginx -s quit; while killall -0 nginx; do sleep 1; done'] } },
      },
    }]));
    sim.advance(STARTED_AT + 1);
    assert.deepEqual([view(sim, 'lifecycle-demo')?.reason, view(sim, 'lifecycle-demo')?.ready], ['Running', true]);
    assert.deepEqual(events(sim, ['FailedPostStartHook']), []);
  });

  it('the container is not Running until its hook returns: ContainerCreating for a sleep action\'s seconds', () => {
    const sim = Simulation.preset('multi-worker');
    sim.apply(pod('slow', [{ name: 'app', image: 'nginx:1.27', lifecycle: { postStart: { sleep: { seconds: 15 } } } }]));
    sim.advance(STARTED_AT + 14);
    assert.deepEqual([view(sim, 'slow')?.phase, view(sim, 'slow')?.reason], ['Pending', 'ContainerCreating']);
    sim.advance(1);
    assert.deepEqual([view(sim, 'slow')?.phase, view(sim, 'slow')?.reason], ['Running', 'Running']);
  });

  it('a hook that never returns keeps the pod ContainerCreating for good', () => {
    const sim = Simulation.preset('multi-worker');
    sim.apply(pod('stuck', [{ name: 'app', image: 'nginx:1.27', lifecycle: { postStart: { exec: { command: ['sleep', 'infinity'] } } } }]));
    sim.advance(600);
    assert.deepEqual([view(sim, 'stuck')?.reason, view(sim, 'stuck')?.restarts], ['ContainerCreating', 0]);
  });

  it('the next container is started only once the hook of the one before has returned', () => {
    const sim = withEvents();
    sim.apply(pod('ordered', [
      { name: 'first', image: 'nginx:1.27', lifecycle: { postStart: { exec: { command: ['sh', '-c', 'sleep 10'] } } } },
      { name: 'second', image: 'nginx:1.27' },
    ]));
    sim.advance(30);
    assert.deepEqual(events(sim, ['Started']), [[STARTED_AT, 'Started', 'Started container first'], [STARTED_AT + 10, 'Started', 'Started container second']]);
  });

  it('a failing hook: FailedPostStartHook, the container killed within the grace period, PostStartHookError, then back-off', () => {
    const sim = withEvents();
    const p = pod('hook-fails', [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 3600'], lifecycle: { postStart: { exec: { command: ['sh', '-c', 'echo starting; sleep 2; exit 1'] } } } }]);
    sim.apply(p);
    sim.advance(STARTED_AT + 2);
    // The event leaves the handler's message out ("so that secrets won't leak"); Killing carries FailedPostStartHook.
    assert.deepEqual(events(sim, ['FailedPostStartHook', 'Killing']), [
      [STARTED_AT + 2, 'FailedPostStartHook', 'PostStartHook failed'], [STARTED_AT + 2, 'Killing', 'FailedPostStartHook'],
    ]);
    sim.advance(29);
    assert.equal(view(sim, 'hook-fails')?.reason, 'ContainerCreating', '`sleep` as PID 1 ignores SIGTERM: the kill waits out the 30 s grace period');
    sim.advance(1);
    const [s] = statusOf(sim, 'hook-fails');
    const uid = String(sim.internals.store.get('Pod', 'default', 'hook-fails')?.metadata.uid);
    assert.deepEqual(s.state, { waiting: {
      reason: 'PostStartHookError',
      message: `Exec lifecycle hook ([sh -c echo starting; sleep 2; exit 1]) for Container "app" in Pod "hook-fails_default(${uid})" failed - error: command 'sh -c echo starting; sleep 2; exit 1' exited with 1: , message: "starting\\n"`,
    } });
    assert.deepEqual(s.lastState, { terminated: { exitCode: 137, reason: 'Error', finishedAt: '2025-01-01T00:00:38Z' } }, 'SIGKILLed when the grace period ran out');
    assert.equal(view(sim, 'hook-fails')?.reason, 'PostStartHookError');
    // Restarted at once; its hook fails again and the next restart waits out the back-off.
    sim.advance(40);
    assert.deepEqual([view(sim, 'hook-fails')?.reason, view(sim, 'hook-fails')?.restarts], ['CrashLoopBackOff', 1]);
  });

  it('a container that stops on SIGTERM (nginx) is killed at once and keeps its own exit code', () => {
    const sim = Simulation.preset('multi-worker');
    sim.apply(pod('web', [{ name: 'web', image: 'nginx:1.27', lifecycle: { postStart: { exec: { command: ['false'] } } } }]));
    sim.advance(STARTED_AT + 1);
    const [s] = statusOf(sim, 'web');
    assert.equal(s.state.waiting.reason, 'PostStartHookError');
    assert.deepEqual(s.lastState, { terminated: { exitCode: 0, reason: 'Completed', finishedAt: '2025-01-01T00:00:07Z' } });
  });
});

describe('the kubelet kills a container for a failing liveness probe within the grace period', () => {
  const livenessExec = (extra: Record<string, unknown> = {}) => pod('liveness-exec', [{
    name: 'liveness', image: 'registry.k8s.io/busybox:1.27.2',
    args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'],
    livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5, periodSeconds: 5, ...extra },
  }]);

  it('the probes task\'s liveness-exec: its shell ignores SIGTERM, so it is SIGKILLed 30 s later (137) and only then restarted', () => {
    const sim = withEvents();
    sim.apply(livenessExec());
    sim.advance(120);
    const killedAt = STARTED_AT + 45; // the file goes at 30 s; probes at 35, 40 and 45 s fail
    assert.deepEqual(events(sim, ['Killing']).slice(0, 1), [[killedAt, 'Killing', 'Container liveness failed liveness probe, will be restarted']]);
    const restarts = events(sim, ['Started']).map((e) => e[0]);
    assert.deepEqual(restarts.slice(0, 2), [STARTED_AT, killedAt + 30 + 1]);
    assert.deepEqual(statusOf(sim, 'liveness-exec')[0].lastState, { terminated: { exitCode: 137, reason: 'Error', finishedAt: `2025-01-01T00:01:${String(killedAt + 30 - 60).padStart(2, '0')}Z` } });
  });

  it('the probe\'s own terminationGracePeriodSeconds replaces the pod\'s', () => {
    const sim = withEvents();
    sim.apply(livenessExec({ terminationGracePeriodSeconds: 5 }));
    sim.advance(120);
    assert.deepEqual(events(sim, ['Started']).map((e) => e[0]).slice(0, 2), [STARTED_AT, STARTED_AT + 45 + 5 + 1]);
  });
});

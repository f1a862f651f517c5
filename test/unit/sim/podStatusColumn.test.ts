/**
 * kubectl's READY, STATUS and RESTARTS columns (printPod, pkg/printers/internalversion/printers.go): the first container with a waiting or
 * a terminated reason gives it; Completed beside a container running Ready reads Running, or NotReady.
 */
import { strict as assert } from 'node:assert';
import { Simulation, type KubeObject } from '../../../src/core/sim';
import { displayStatus, podColumns, restartsCell } from '../../../src/core/sim/snapshot';
import type { Stored } from '../../../src/core/sim/store';

const pod = (statuses: unknown[], ready = false): Stored => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { nodeName: 'worker-1', containers: [] },
  status: { phase: 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }], containerStatuses: statuses },
} as unknown as Stored);
const running = { name: 'a', ready: true, state: { running: {} } };

describe("kubectl's READY, STATUS and RESTARTS columns for a pod", () => {
  it('a container that just exited reads its terminated reason, not Running', () => {
    assert.equal(displayStatus(pod([{ name: 'a', ready: false, state: { terminated: { exitCode: 1, reason: 'Error' } } }])), 'Error');
  });
  it('the first container with a reason wins, waiting or terminated', () => {
    const oom = { name: 'a', ready: false, state: { terminated: { exitCode: 137, reason: 'OOMKilled' } } };
    const loop = { name: 'b', ready: false, state: { waiting: { reason: 'CrashLoopBackOff' } } };
    assert.equal(displayStatus(pod([oom, loop])), 'OOMKilled');
    assert.equal(displayStatus(pod([loop, oom])), 'CrashLoopBackOff');
    assert.equal(displayStatus(pod([running, loop])), 'CrashLoopBackOff');
  });
  it('Completed beside a running container reads Running when the pod is Ready, else NotReady', () => {
    const done = { name: 'b', ready: false, state: { terminated: { exitCode: 0, reason: 'Completed' } } };
    assert.equal(displayStatus(pod([running, done], true)), 'Running');
    assert.equal(displayStatus(pod([running, done], false)), 'NotReady');
    assert.equal(displayStatus(pod([{ ...running, ready: false }, done])), 'Completed', 'no container running Ready');
  });
  it('a terminated state without a reason reads ExitCode:N or Signal:N', () => {
    assert.equal(displayStatus(pod([{ name: 'a', ready: false, state: { terminated: { exitCode: 2 } } }])), 'ExitCode:2');
    assert.equal(displayStatus(pod([{ name: 'a', ready: false, state: { terminated: { exitCode: 0, signal: 9 } } }])), 'Signal:9');
  });
  it('with every container running, the phase', () => {
    assert.equal(displayStatus(pod([running], true)), 'Running');
  });

  it('READY counts started sidecars; RESTARTS sums the app containers\' and the sidecars\' once initialized', () => {
    const p = {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' },
      spec: { initContainers: [{ name: 'setup' }, { name: 'proxy', restartPolicy: 'Always' }], containers: [{ name: 'app' }] },
      status: {
        phase: 'Running', conditions: [{ type: 'Initialized', status: 'True' }, { type: 'Ready', status: 'True' }],
        initContainerStatuses: [
          { name: 'setup', restartCount: 5, ready: true, state: { terminated: { exitCode: 0, reason: 'Completed' } } },
          { name: 'proxy', restartCount: 1, ready: true, started: true, state: { running: {} } },
        ],
        containerStatuses: [{ name: 'app', restartCount: 2, ready: true, state: { running: {} } }],
      },
    } as unknown as Stored;
    assert.deepEqual(podColumns(p), { ready: 2, total: 2, status: 'Running', restarts: 3, lastRestartAt: null }, 'the plain init container\'s 5 restarts are not counted');
  });

  it('while initializing: Init:N/M and the init containers\' restarts; a sidecar not started yet is waited for', () => {
    const p = {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' },
      spec: { initContainers: [{ name: 'proxy', restartPolicy: 'Always' }, { name: 'wait' }], containers: [{ name: 'app' }] },
      status: {
        phase: 'Pending', conditions: [{ type: 'Initialized', status: 'False' }],
        initContainerStatuses: [
          { name: 'proxy', restartCount: 0, ready: true, started: true, state: { running: {} } },
          { name: 'wait', restartCount: 3, ready: false, state: { waiting: { reason: 'CrashLoopBackOff' } } },
        ],
        containerStatuses: [{ name: 'app', restartCount: 0, ready: false, state: { waiting: { reason: 'PodInitializing' } } }],
      },
    } as unknown as Stored;
    assert.deepEqual(podColumns(p), { ready: 1, total: 2, status: 'Init:CrashLoopBackOff', restarts: 3, lastRestartAt: null });
  });

  it('a deleted pod not yet ended reads Terminating; one that ended keeps its STATUS', () => {
    const deleting = (phase: string): Stored => ({ ...pod([{ name: 'a', ready: false, state: { terminated: { exitCode: 0, reason: 'Completed' } } }]), metadata: { name: 'p', namespace: 'default', deletionTimestamp: '2026-01-01T00:00:00Z' }, status: { phase, containerStatuses: [{ name: 'a', ready: false, state: { terminated: { exitCode: 0, reason: 'Completed' } } }] } } as unknown as Stored);
    assert.equal(displayStatus(deleting('Running')), 'Terminating');
    assert.equal(displayStatus(deleting('Succeeded')), 'Completed');
  });

  it('the Sidecar Containers page\'s Job: 0/2 Completed once done (the sidecar stopped after the app container)', () => {
    const sim = Simulation.preset('multi-worker');
    const volume = [{ name: 'data', mountPath: '/opt' }];
    sim.apply({
      apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'myjob' },
      spec: { template: { spec: {
        restartPolicy: 'Never', volumes: [{ name: 'data', emptyDir: {} }],
        containers: [{ name: 'myjob', image: 'alpine:latest', command: ['sh', '-c', 'echo "logging" > /opt/logs.txt'], volumeMounts: volume }],
        initContainers: [{ name: 'logshipper', image: 'alpine:latest', restartPolicy: 'Always', command: ['sh', '-c', 'tail -F /opt/logs.txt'], volumeMounts: volume }],
      } } },
    } as KubeObject);
    sim.runUntilSettled();
    const view = sim.snapshot().pods[0];
    assert.deepEqual([view.phase, view.containersReady, view.reason], ['Succeeded', '0/2', 'Completed']);
  });

  it('a pod failed by its init container under restartPolicy Never: Init:Error, not Initialized, the app container never created', () => {
    const sim = Simulation.preset('multi-worker');
    sim.apply({
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'init-fails' },
      spec: { restartPolicy: 'Never', initContainers: [{ name: 'check', image: 'busybox:1.36', command: ['sh', '-c', 'exit 1'] }], containers: [{ name: 'app', image: 'nginx:1.27' }] },
    } as KubeObject);
    sim.runUntilSettled();
    const p = sim.internals.store.get('Pod', 'default', 'init-fails') as Stored;
    const status = p.status as { phase: string; conditions: { type: string; status: string; reason?: string; message?: string }[]; containerStatuses: { state: { waiting?: { reason: string } } }[] };
    assert.equal(status.phase, 'Failed');
    assert.deepEqual(status.conditions.map((c) => [c.type, c.status, c.reason ?? '', c.message ?? '']), [
      ['PodScheduled', 'True', '', ''], ['Initialized', 'False', 'ContainersNotInitialized', 'containers with incomplete status: [check]'],
      ['ContainersReady', 'False', 'PodFailed', ''], ['Ready', 'False', 'PodFailed', ''],
    ]);
    assert.equal(status.containerStatuses[0].state.waiting?.reason, 'PodInitializing');
    assert.equal(displayStatus(p), 'Init:Error');
  });

  it('RESTARTS says how long ago the last restarted container ended, as kubectl prints it: `4 (25s ago)`', () => {
    const sim = Simulation.preset('multi-worker');
    sim.apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'loops' }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }, { name: 'reporter', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 5; exit 1'] }] } } as KubeObject);
    sim.advance(120);
    const p = sim.internals.store.get('Pod', 'default', 'loops') as Stored;
    const c = podColumns(p);
    assert.deepEqual([c.restarts, c.status], [4, 'CrashLoopBackOff']);
    // The reporter ended for the fourth time at 111 s (started at 106 after its 40 s back-off).
    assert.equal(c.lastRestartAt, 111);
    assert.equal(restartsCell(c.restarts, c.lastRestartAt, 120), '4 (9s ago)');
    assert.equal(restartsCell(0, null, 120), '0');
    assert.equal(sim.snapshot().pods.find((x) => x.name === 'loops')?.lastRestartAt, 111);
  });
});

/** Kubelet, node-status and restart rules checked against Kubernetes (each test names its source). */
import assert from 'node:assert/strict';
import { Simulation, presetTopology, type KubeObject } from '../../../src/core/sim';

type Status = { phase?: string; reason?: string; message?: string; podIP?: string; conditions?: { type: string; status: string }[]; containerStatuses?: { restartCount: number; state: Record<string, { reason?: string }> }[] };

function pod(name: string, extra: Record<string, unknown> = {}, annotations: Record<string, string> = {}, resources: Record<string, string> = {}): KubeObject {
  return {
    apiVersion: 'v1', kind: 'Pod', metadata: { name, annotations },
    spec: { containers: [{ name: 'c', image: 'busybox:1.36', resources: { requests: resources } }], ...extra },
  };
}

function status(sim: Simulation, name: string): Status {
  return (sim.internals.store.get('Pod', 'default', name)?.status ?? {}) as Status;
}

function events(sim: Simulation, reason: string): { type: string; message: string; component: string; object: { kind: string } | null; time: number }[] {
  return sim.eventsSince(0).filter((e) => e.reason === reason) as never;
}

describe('node status events and MarkPodsNotReady', () => {
  it('records NodeNotReady/NodeReady as Normal events; the pod event stays Warning; only Ready flips', () => {
    const sim = Simulation.preset('multi-worker');
    sim.apply(pod('p', { nodeName: 'worker-1' }));
    sim.runUntilSettled();
    sim.fail('worker-1/containerd');
    sim.heal('worker-1/containerd');
    const kubeletEvents = events(sim, 'NodeNotReady').concat(events(sim, 'NodeReady')).filter((e) => e.component === 'kubelet');
    assert.deepEqual(kubeletEvents.map((e) => e.type), ['Normal', 'Normal']);
    sim.fail('worker-1');
    sim.advance(60);
    const byController = events(sim, 'NodeNotReady').filter((e) => e.component === 'node-controller');
    assert.deepEqual(byController.map((e) => [e.object?.kind, e.type]), [['Node', 'Normal'], ['Pod', 'Warning']]);
    const conds = Object.fromEntries((status(sim, 'p').conditions ?? []).map((c) => [c.type, c.status]));
    assert.deepEqual(conds, { PodScheduled: 'True', Initialized: 'True', ContainersReady: 'True', Ready: 'False' });
  });
});

describe('kubelet admission (spec.nodeName bypasses the scheduler)', () => {
  it('rejects a pod that does not fit with OutOfcpu / OutOfmemory and the predicate.go message', () => {
    const sim = Simulation.preset('multi-worker');
    sim.apply(pod('big', { nodeName: 'worker-1' }, {}, { cpu: '3' }));
    sim.apply(pod('more', { nodeName: 'worker-1' }, {}, { cpu: '2' }));
    sim.apply(pod('mem', { nodeName: 'worker-1' }, {}, { memory: '9Gi' }));
    sim.runUntilSettled();
    assert.equal(status(sim, 'big').phase, 'Running');
    const more = status(sim, 'more');
    assert.deepEqual([more.phase, more.reason], ['Failed', 'OutOfcpu']);
    assert.equal(more.message, 'Pod was rejected: Node didn\'t have enough resource: cpu, requested: 2000, used: 3000, capacity: 4000');
    assert.equal(status(sim, 'mem').reason, 'OutOfmemory');
    const ev = events(sim, 'OutOfcpu');
    assert.deepEqual(ev.map((e) => [e.type, e.component]), [['Warning', 'kubelet']]);
    assert.equal(sim.snapshot().pods.find((p) => p.name === 'more')?.reason, 'OutOfcpu');
  });

  it('rejects the pod over the node\'s pods capacity with OutOfpods', () => {
    const topo = presetTopology('multi-worker');
    const nodes = topo.nodes.map((n) => (n.name === 'worker-1' ? { ...n, allocatable: { ...n.allocatable, pods: '1' } } : n));
    const sim = new Simulation({ topology: { ...topo, nodes } });
    sim.apply(pod('a', { nodeName: 'worker-1' }));
    sim.apply(pod('b', { nodeName: 'worker-1' }));
    sim.runUntilSettled();
    assert.equal(status(sim, 'a').phase, 'Running');
    assert.deepEqual([status(sim, 'b').reason, status(sim, 'b').message], ['OutOfpods', 'Pod was rejected: Node didn\'t have enough resource: pods, requested: 1, used: 1, capacity: 1']);
  });
});

describe('containerd stopping', () => {
  it('keeps running containers under their shims; new pods wait; healing reconnects', () => {
    const sim = Simulation.preset('multi-worker');
    sim.apply(pod('old', { nodeName: 'worker-1' }));
    sim.runUntilSettled();
    const ip = status(sim, 'old').podIP;
    const started = events(sim, 'Started').length;
    sim.fail('worker-1/containerd');
    assert.equal(sim.internals.kubelets.get('worker-1')?.runningContainers(), 1);
    sim.apply(pod('new', { nodeName: 'worker-1' }));
    sim.advance(30);
    assert.equal(sim.snapshot().cluster.nodes.find((n) => n.name === 'worker-1')?.ready, false);
    assert.equal(status(sim, 'new').phase ?? 'Pending', 'Pending');
    sim.heal('worker-1/containerd');
    sim.runUntilSettled();
    assert.deepEqual([status(sim, 'old').phase, status(sim, 'old').podIP], ['Running', ip]);
    assert.equal(status(sim, 'new').phase, 'Running');
    assert.equal(events(sim, 'Started').length, started + 1, 'only the new pod\'s container starts');
  });
});

describe('container restarts (restartPolicy OnFailure / Always)', () => {
  it('restarts in place with CrashLoopBackOff between restarts: immediately, then 10 s, 20 s …', () => {
    const sim = Simulation.preset('multi-worker');
    sim.apply(pod('crash', { restartPolicy: 'OnFailure' }, { 'sim.kube-anatomy.dev/exit-code': '1', 'sim.kube-anatomy.dev/run-seconds': '2' }));
    sim.advance(9); // created 0, pulled 5, started 6, exits 8 → restarted 9 at once
    assert.equal(status(sim, 'crash').containerStatuses?.[0].restartCount, 1);
    sim.advance(3); // exits 11 → back-off 10 s
    const s = status(sim, 'crash');
    assert.deepEqual([s.phase, Object.keys(s.containerStatuses?.[0].state ?? {}), s.containerStatuses?.[0].state.waiting?.reason], ['Running', ['waiting'], 'CrashLoopBackOff']);
    assert.equal(sim.snapshot().pods[0].reason, 'CrashLoopBackOff');
    sim.advance(10); // restarted at 22
    assert.equal(status(sim, 'crash').containerStatuses?.[0].restartCount, 2);
    assert.equal(events(sim, 'BackOff')[0].type, 'Warning');
    assert.equal(sim.snapshot().pods[0].restarts, 2);
  });

  it('a Never pod ends Failed; a crash-looping pod stops runUntilSettled at its bound', () => {
    const sim = Simulation.preset('multi-worker');
    sim.apply(pod('never', { restartPolicy: 'Never' }, { 'sim.kube-anatomy.dev/exit-code': '1' }));
    sim.apply(pod('always', {}, { 'sim.kube-anatomy.dev/exit-code': '2' }));
    const elapsed = sim.runUntilSettled(1000);
    assert.ok(elapsed > 600 && elapsed <= 1000, `stopped at the bound, not settled (${elapsed})`);
    assert.ok(sim.internals.timers.pendingWork() > 0, 'the back-off timer is still pending work');
    assert.equal(status(sim, 'never').phase, 'Failed');
    const always = status(sim, 'always');
    assert.equal(always.phase, 'Running');
    assert.ok((always.containerStatuses?.[0].restartCount ?? 0) >= 5);
  });

  it('a Job with OnFailure keeps one pod and fails once its restarts reach backoffLimit', () => {
    const sim = Simulation.preset('multi-worker');
    sim.apply({
      apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' },
      spec: { backoffLimit: 2, template: { metadata: { annotations: { 'sim.kube-anatomy.dev/exit-code': '1' } }, spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'busybox:1.36' }] } } },
    });
    sim.runUntilSettled();
    assert.equal(events(sim, 'SuccessfulCreate').length, 1);
    const job = sim.internals.store.get('Job', 'default', 'j');
    const failed = ((job?.status as { conditions?: { type: string; reason: string }[] }).conditions ?? []).find((c) => c.type === 'Failed');
    assert.equal(failed?.reason, 'BackoffLimitExceeded');
  });
});

describe('pod sandbox networking', () => {
  it('a node without a podCIDR leaves its pod ContainerCreating with FailedCreatePodSandBox', () => {
    const topo = presetTopology('multi-worker');
    const sim = new Simulation({ topology: { ...topo, podSubnet: '10.244.0.0/24' } }); // room for one node's /24 only
    sim.apply(pod('p', { nodeName: 'worker-1' }));
    sim.advance(10); // (the node is NotReady without a pod network: after 300 s its default toleration evicts the pod)
    const s = status(sim, 'p');
    assert.deepEqual([s.phase, s.podIP, sim.snapshot().pods[0].reason], ['Pending', undefined, 'ContainerCreating']);
    assert.equal(sim.snapshot().cluster.nodes.find((n) => n.name === 'worker-1')?.ready, false, 'CIDRNotAvailable: no pod network');
    const ev = events(sim, 'FailedCreatePodSandBox');
    assert.deepEqual(ev.map((e) => [e.type, e.component]), [['Warning', 'kubelet']]);
    assert.match(ev[0].message, /^Failed to create pod sandbox: /);
  });
});

describe('Pulled event (image_manager.go, v1.33)', () => {
  it('is recorded when the pull completes, with durations and a simulated image size', () => {
    const sim = Simulation.preset('multi-worker');
    sim.apply(pod('p', { nodeName: 'worker-1' }));
    sim.runUntilSettled();
    const [pulled] = events(sim, 'Pulled');
    assert.match(pulled.message, /^Successfully pulled image "busybox:1\.36" in 5s \(5s including waiting\)\. Image size: \d+ bytes\.$/);
    assert.equal(pulled.time, 5);
    assert.equal(events(sim, 'Started')[0].time, 6);
  });
});

describe('a container over its memory limit (https://kubernetes.io/docs/tasks/configure-pod-container/assign-memory-resource/)', () => {
  it('is OOMKilled (exit 137) at each start: CrashLoopBackOff, with the OOM kill as its last state', () => {
    const sim = Simulation.preset('multi-worker');
    assert.ok(sim.apply({
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'memory-demo-2' },
      spec: { containers: [{ name: 'memory-demo-2-ctr', image: 'polinux/stress', resources: { requests: { memory: '50Mi' }, limits: { memory: '100Mi' } }, command: ['stress'], args: ['--vm', '1', '--vm-bytes', '250M', '--vm-hang', '1'] }] },
    }).ok);
    const seen = new Set<string>();
    for (let t = 0; t < 40; t++) {
      sim.advance(1);
      const row = sim.snapshot().pods.find((p) => p.name === 'memory-demo-2');
      if (row) seen.add(row.reason);
    }
    assert.ok(seen.has('CrashLoopBackOff'), [...seen].join(', '));
    const cs = (sim.internals.store.get('Pod', 'default', 'memory-demo-2')?.status as { containerStatuses: { lastState?: { terminated?: unknown } }[] }).containerStatuses[0];
    assert.deepEqual(cs.lastState?.terminated, { exitCode: 137, reason: 'OOMKilled', finishedAt: '2025-01-01T00:00:22Z' });
  });
});

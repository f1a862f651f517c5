/**
 * Scheduler benchmark: `npx tsx scripts/benchScheduler.ts`
 * (add `--expose-gc` through NODE_OPTIONS for a steadier heap figure).
 *
 * Schedules 30 Deployments × 5,000 replicas (100m / 128Mi each) onto 5,000 nodes
 * (32 cpu / 128Gi / 110 pods), binding each pod as the engine would (schedule, then
 * addPod), and the same workload shape scaled down onto 100 nodes. Prints pods/s,
 * the time spent inside the scheduler and the heap used afterwards. On a shared machine
 * wall times vary with load; the CPU time of the whole loop is the steadier figure.
 */
import { Scheduler } from '../src/core/sim/scheduler';
import type { SchedNode, SchedPod } from '../src/core/sim/scheduler';

function makeNode(i: number): SchedNode {
  const name = `node-${String(i).padStart(5, '0')}`;
  return {
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'topology.kubernetes.io/zone': `zone-${i % 3}` } },
    spec: {},
    status: { allocatable: { cpu: '32', memory: '128Gi', pods: '110' } },
  };
}

function makePod(deployment: number, replica: number): SchedPod {
  return {
    metadata: {
      name: `web-${deployment}-${replica}`, namespace: 'default', uid: `pod-${deployment}-${replica}`,
      labels: { app: `web-${deployment}`, 'pod-template-hash': 'abc' },
      ownerReferences: [{ kind: 'ReplicaSet', name: `web-${deployment}-abc`, uid: `rs-${deployment}`, controller: true }],
    },
    spec: { containers: [{ name: 'app', resources: { requests: { cpu: '100m', memory: '128Mi' } } }] },
  };
}

function heapMb(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

function run(nodes: number, deployments: number, replicas: number): void {
  const scheduler = new Scheduler();
  for (let i = 0; i < nodes; i++) scheduler.upsertNode(makeNode(i));
  const total = deployments * replicas;
  const heapBefore = heapMb();
  let scheduleMs = 0;
  let failed = 0;
  let note: string | null = null;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < total; i++) {
    // Replicas are created round-robin across Deployments, as controllers would; pods are
    // made on the fly so the heap figure is the scheduler's, not the benchmark's.
    const pod = makePod(i % deployments, Math.floor(i / deployments));
    const s = performance.now();
    const result = scheduler.schedule(pod);
    scheduleMs += performance.now() - s;
    note ??= result.note;
    if (result.nodeName === null) { failed++; continue; }
    scheduler.addPod({ ...pod, spec: { ...pod.spec, nodeName: result.nodeName } });
  }
  const totalMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const heapAfter = heapMb();
  if (scheduler.nodeCount() !== nodes) throw new Error('node count changed'); // keeps the cache alive past the measurement
  console.log(`${nodes} nodes × ${total} pods: ${Math.round(total / (totalMs / 1000))} pods/s incl. addPod `
    + `(${totalMs.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU; schedule() alone ${scheduleMs.toFixed(0)} ms, ${Math.round(total / (scheduleMs / 1000))} pods/s); `
    + `unschedulable ${failed}; heap ${heapAfter.toFixed(0)} MB (${(heapAfter - heapBefore).toFixed(0)} MB held by the scheduler's pod cache)`);
  if (note) console.log(`  note: ${note}`);
}

run(5000, 30, 5000);
run(100, 30, 100);

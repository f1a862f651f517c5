/**
 * Property tests: random sequences of apply, delete, scale, fail, heal and time steps,
 * checking the cluster's invariants after every step, then convergence and determinism.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Simulation, type KubeObject } from '../../../src/core/sim';
import { cpuMillis } from '../../../src/core/quantity';
import { toleratesTaint } from '../../../src/core/sim/scheduler/taints';
import type { Taint, Toleration } from '../../../src/core/sim/scheduler/types';
import { checkDaemonSets, daemonSet, EXTRA_NODE, statefulSet } from './propertyWorkloads';

interface Real { sim: Simulation; log: string[] }
type Model = Record<string, never>;

const NAMES = ['a', 'b', 'c'];
const TARGETS = ['worker-1', 'worker-2', 'worker-1/kubelet', 'control-plane/kube-scheduler', 'control-plane/kube-controller-manager'];

function deployment(name: string, replicas: number, cpu: string, pinned: boolean): KubeObject {
  const spec: Record<string, unknown> = { containers: [{ name: 'c', image: 'nginx:1.27', resources: { requests: { cpu } } }] };
  if (pinned) spec.nodeSelector = { 'kubernetes.io/hostname': 'worker-1' };
  // `b` prefers to keep its replicas apart; `c` must spread one per node at most 1 apart (taints honoured).
  const term = { labelSelector: { matchLabels: { app: name } }, topologyKey: 'kubernetes.io/hostname' };
  if (name === 'b') spec.affinity = { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: term }] } };
  if (name === 'c') spec.topologySpreadConstraints = [{ maxSkew: 1, whenUnsatisfiable: 'DoNotSchedule', nodeTaintsPolicy: 'Honor', ...term }];
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name }, spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec } } };
}

/** No node over-committed; every bound pod satisfies its nodeSelector, its node-name affinity and tolerates the node's static NoSchedule taints. */
export function checkInvariants(sim: Simulation): void {
  const store = sim.internals.store;
  const used = new Map<string, { cpu: number; pods: number }>();
  for (const p of store.list('Pod')) {
    const spec = p.spec as { nodeName?: string; nodeSelector?: Record<string, string>; tolerations?: Toleration[]; affinity?: unknown; containers: { resources?: { requests?: { cpu?: string } } }[] };
    const phase = (p.status as { phase?: string }).phase;
    if (!spec.nodeName || phase === 'Succeeded' || phase === 'Failed') continue;
    const node = store.get('Node', undefined, spec.nodeName);
    assert.ok(node, `pod ${p.metadata.name} bound to a missing node`);
    for (const [k, v] of Object.entries(spec.nodeSelector ?? {})) assert.equal(node.metadata.labels?.[k], v, `${p.metadata.name} violates its nodeSelector`);
    const taints = ((node.spec as { taints?: Taint[] }).taints ?? []).filter((t) => !t.key.startsWith('node.kubernetes.io/'));
    const untolerated = taints.filter((t) => t.effect === 'NoSchedule' && !(spec.tolerations ?? []).some((tol) => toleratesTaint(tol, t)));
    assert.deepEqual(untolerated, [], `${p.metadata.name} on a node with an untolerated taint`);
    const pinned = /"key":"metadata\.name","operator":"In","values":\["([^"]+)"\]/.exec(JSON.stringify(spec.affinity ?? null))?.[1];
    if (pinned) assert.equal(spec.nodeName, pinned, `${p.metadata.name} ignores its metadata.name node affinity`);
    const u = used.get(spec.nodeName) ?? { cpu: 0, pods: 0 };
    for (const c of spec.containers) u.cpu += cpuMillis(c.resources?.requests?.cpu ?? '0').ok ? (cpuMillis(c.resources?.requests?.cpu ?? '0') as { value: number }).value : 0;
    u.pods++;
    used.set(spec.nodeName, u);
  }
  for (const [name, u] of used) {
    const alloc = (store.get('Node', undefined, name)?.status as { allocatable: { cpu: string; pods: string } }).allocatable;
    assert.ok(u.cpu <= (cpuMillis(alloc.cpu) as { value: number }).value, `${name} over-committed: ${u.cpu}m CPU`);
    assert.ok(u.pods <= Number(alloc.pods), `${name} has ${u.pods} pods`);
  }
}

class Apply implements fc.Command<Model, Real> {
  constructor(readonly name: string, readonly replicas: number, readonly cpu: string, readonly pinned: boolean) {}
  check = (): boolean => true;
  run(_m: Model, r: Real): void {
    r.sim.apply(deployment(this.name, this.replicas, this.cpu, this.pinned));
    r.log.push(this.toString());
  }
  toString = (): string => `apply ${this.name} x${this.replicas} ${this.cpu}${this.pinned ? ' pinned' : ''}`;
}
class Delete implements fc.Command<Model, Real> {
  constructor(readonly name: string, readonly kind = 'Deployment') {}
  check = (): boolean => true;
  run(_m: Model, r: Real): void {
    r.sim.delete(this.kind, 'default', this.name);
    r.log.push(this.toString());
  }
  toString = (): string => `delete ${this.name} ${this.kind}`;
}
/** Applies a DaemonSet, a StatefulSet or the extra Node; its log line is enough to rebuild the object. */
class ApplyOther implements fc.Command<Model, Real> {
  constructor(readonly line: string) {}
  check = (): boolean => true;
  run(_m: Model, r: Real): void {
    r.sim.apply(otherObject(this.line));
    r.log.push(this.toString());
  }
  toString = (): string => this.line;
}

function otherObject(line: string): KubeObject {
  const [verb, name, a, b] = line.split(' ');
  if (verb === 'ds') return daemonSet(name, a === 'cp', b === 'ssd');
  if (verb === 'sts') return statefulSet(name, Number(a), b === 'parallel');
  return EXTRA_NODE;
}
class Fault implements fc.Command<Model, Real> {
  constructor(readonly target: string, readonly failed: boolean) {}
  check = (): boolean => true;
  run(_m: Model, r: Real): void {
    if (this.failed) r.sim.fail(this.target);
    else r.sim.heal(this.target);
    r.log.push(this.toString());
  }
  toString = (): string => `${this.failed ? 'fail' : 'heal'} ${this.target}`;
}
class Advance implements fc.Command<Model, Real> {
  constructor(readonly seconds: number) {}
  check = (): boolean => true;
  run(_m: Model, r: Real): void {
    r.sim.advance(this.seconds);
    checkInvariants(r.sim);
    r.log.push(this.toString());
  }
  toString = (): string => `advance ${this.seconds}`;
}

const commands = [
  fc.tuple(fc.constantFrom(...NAMES), fc.integer({ min: 0, max: 5 }), fc.constantFrom('100m', '900m', '1500m'), fc.boolean()).map(([n, r, c, p]) => new Apply(n, r, c, p)),
  fc.constantFrom(...NAMES).map((n) => new Delete(n)),
  fc.tuple(fc.constantFrom('ds-a', 'ds-b'), fc.boolean(), fc.boolean()).map(([n, cp, ssd]) => new ApplyOther(`ds ${n} ${cp ? 'cp' : '-'} ${ssd ? 'ssd' : '-'}`)),
  fc.tuple(fc.constantFrom('sts-a', 'sts-b'), fc.integer({ min: 0, max: 4 }), fc.boolean()).map(([n, r, par]) => new ApplyOther(`sts ${n} ${r} ${par ? 'parallel' : 'ordered'}`)),
  fc.constantFrom<[string, string]>(['ds-a', 'DaemonSet'], ['sts-a', 'StatefulSet'], ['worker-3', 'Node']).map(([n, k]) => new Delete(n, k)),
  fc.constant(new ApplyOther('node worker-3')),
  fc.tuple(fc.constantFrom(...TARGETS), fc.boolean()).map(([t, f]) => new Fault(t, f)),
  fc.integer({ min: 1, max: 400 }).map((s) => new Advance(s)),
];

const SERVICE: KubeObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc-a' }, spec: { selector: { app: 'a' }, ports: [{ port: 80 }] } };

function replay(log: string[]): Simulation {
  const sim = Simulation.preset('multi-worker');
  sim.apply(SERVICE);
  for (const line of log) {
    const [verb, ...rest] = line.split(' ');
    if (verb === 'apply') sim.apply(deployment(rest[0], Number(rest[1].slice(1)), rest[2], rest[3] === 'pinned'));
    else if (verb === 'delete') sim.delete(rest[1], 'default', rest[0]);
    else if (verb === 'ds' || verb === 'sts' || verb === 'node') sim.apply(otherObject(line));
    else if (verb === 'fail') sim.fail(rest[0]);
    else if (verb === 'heal') sim.heal(rest[0]);
    else sim.advance(Number(rest[0]));
  }
  return sim;
}

describe('simulation properties', () => {
  it('keeps its invariants after every step, converges once healed, and is deterministic', () => {
    fc.assert(fc.property(fc.commands(commands, { maxCommands: 25 }), (cmds) => {
      const real: Real = { sim: Simulation.preset('multi-worker'), log: [] };
      real.sim.apply(SERVICE);
      fc.modelRun(() => ({ model: {}, real }), cmds);
      for (const t of TARGETS) real.sim.heal(t);
      real.sim.runUntilSettled(3600);
      checkInvariants(real.sim);
      const snap = real.sim.snapshot();
      checkDaemonSets(real.sim);
      for (const w of snap.workloads.filter((x) => x.kind === 'Deployment' || x.kind === 'StatefulSet')) {
        const pending = snap.pods.filter((p) => p.phase === 'Pending' && /^0\/\d+ nodes are available/.test(p.message));
        assert.ok(w.ready === w.desired || pending.length > 0, `${w.name}: ready ${w.ready}/${w.desired} with no capacity problem`);
      }
      const svc = snap.services.find((x) => x.name === 'svc-a');
      const readyA = snap.pods.filter((p) => p.ready && p.reason !== 'Terminating' && p.owner?.name.startsWith('a-')).map((p) => `${p.ip}:80`).sort();
      assert.deepEqual([...(svc?.endpoints ?? [])].sort(), readyA, 'endpoints equal the Ready matching pods');
      const again = replay([...real.log, ...TARGETS.map((t) => `heal ${t}`)]);
      again.runUntilSettled(3600);
      assert.equal(JSON.stringify(again.snapshot()), JSON.stringify(snap), 'same inputs, same result');
    }), { numRuns: 60, seed: 42 });
  });
});

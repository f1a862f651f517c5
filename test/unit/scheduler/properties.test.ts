import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { Scheduler } from '../../../src/core/sim/scheduler';
import type { SchedNode, SchedPod, ScheduleResult } from '../../../src/core/sim/scheduler';
import type { Taint, Toleration } from '../../../src/core/sim/scheduler/types';

const TAINTS: Taint[] = [
  { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
  { key: 'dedicated', value: 'gpu', effect: 'NoExecute' },
  { key: 'spot', value: 'true', effect: 'PreferNoSchedule' },
];
const TOLERATIONS: Toleration[] = [
  { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'dedicated', operator: 'Equal', value: 'gpu' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists' },
];
const APPS = ['web', 'db', 'cache'];

const nodeArb = fc.record({
  cpu: fc.integer({ min: 1, max: 8 }), memGi: fc.integer({ min: 1, max: 16 }), pods: fc.integer({ min: 1, max: 6 }),
  disk: fc.constantFrom('ssd', 'hdd', undefined), taints: fc.subarray(TAINTS), unschedulable: fc.boolean(),
});
const podArb = fc.record({
  cpuM: fc.constantFrom(0, 100, 250, 500, 1000, 3000), memMi: fc.constantFrom(0, 128, 512, 2048),
  app: fc.constantFrom(...APPS), disk: fc.constantFrom('ssd', undefined), tolerations: fc.subarray(TOLERATIONS),
  antiAffinity: fc.constantFrom(undefined, ...APPS), ns: fc.constantFrom('default', 'other'),
});
type ArbValue<A> = A extends fc.Arbitrary<infer T> ? T : never;
type NodeSpec = ArbValue<typeof nodeArb>;
type PodSpec = ArbValue<typeof podArb>;

function toNode(n: NodeSpec, i: number): SchedNode {
  const name = `node-${i}`;
  return {
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...(n.disk ? { disk: n.disk } : {}) } },
    spec: { taints: n.taints, unschedulable: n.unschedulable },
    status: { allocatable: { cpu: String(n.cpu), memory: `${n.memGi}Gi`, pods: String(n.pods) } },
  };
}

function toPod(p: PodSpec, i: number): SchedPod {
  const anti = p.antiAffinity ? { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [
    { labelSelector: { matchLabels: { app: p.antiAffinity } }, topologyKey: 'kubernetes.io/hostname' }] } } : undefined;
  const requests = { ...(p.cpuM ? { cpu: `${p.cpuM}m` } : {}), ...(p.memMi ? { memory: `${p.memMi}Mi` } : {}) };
  return {
    metadata: { name: `pod-${i}`, namespace: p.ns, uid: `u${i}`, labels: { app: p.app },
      ownerReferences: [{ kind: 'ReplicaSet', name: p.app, uid: `rs-${p.app}`, controller: true }] },
    spec: { nodeSelector: p.disk ? { disk: p.disk } : undefined, tolerations: p.tolerations, affinity: anti,
      containers: [{ name: 'c', resources: { requests } }] },
  };
}

/** An independent, naive oracle of the filters. */
interface Placed { node: number; spec: PodSpec }
function tolerated(tols: Toleration[], t: Taint): boolean {
  return tols.some((x) => (!x.effect || x.effect === t.effect) && (!x.key || x.key === t.key)
    && (x.operator === 'Exists' || (x.value ?? '') === (t.value ?? '')));
}
function oraclePasses(n: NodeSpec, ni: number, p: PodSpec, placed: Placed[]): boolean {
  const here = placed.filter((x) => x.node === ni);
  if (n.unschedulable && !tolerated(p.tolerations, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' })) return false;
  if (n.taints.some((t) => t.effect !== 'PreferNoSchedule' && !tolerated(p.tolerations, t))) return false;
  if (p.disk && n.disk !== p.disk) return false;
  if (here.length + 1 > n.pods) return false;
  const cpu = here.reduce((s, x) => s + x.spec.cpuM, 0);
  const mem = here.reduce((s, x) => s + x.spec.memMi, 0);
  if (p.cpuM > 0 && p.cpuM > n.cpu * 1000 - cpu) return false;
  if (p.memMi > 0 && p.memMi > n.memGi * 1024 - mem) return false;
  if (p.antiAffinity && here.some((x) => x.spec.ns === p.ns && x.spec.app === p.antiAffinity)) return false;
  return !here.some((x) => x.spec.antiAffinity === p.app && x.spec.ns === p.ns);
}

function run(nodes: NodeSpec[], pods: PodSpec[], check: (r: ScheduleResult, p: PodSpec, placed: Placed[]) => void,
  placed: Placed[] = []): ScheduleResult[] {
  const s = new Scheduler();
  nodes.forEach((n, i) => s.upsertNode(toNode(n, i)));
  return pods.map((spec, i) => {
    const p = toPod(spec, i);
    const r = s.schedule(p);
    check(r, spec, placed);
    if (r.nodeName !== null) {
      s.addPod({ ...p, spec: { ...p.spec, nodeName: r.nodeName } });
      placed.push({ node: Number(r.nodeName.slice(5)), spec });
    }
    return r;
  });
}

const clusterArb = fc.tuple(fc.array(nodeArb, { minLength: 1, maxLength: 8 }), fc.array(podArb, { minLength: 1, maxLength: 40 }));

describe('scheduler properties (fast-check)', () => {
  it('a chosen node passes every filter, and "unschedulable" means no node passes', () => {
    fc.assert(fc.property(clusterArb, ([nodes, pods]) => {
      run(nodes, pods, (r, p, placed) => {
        const passing = nodes.map((n, i) => oraclePasses(n, i, p, placed));
        if (r.nodeName === null) assert.ok(!passing.some(Boolean), `unschedulable but a node passes: ${r.message}`);
        else assert.ok(passing[Number(r.nodeName.slice(5))], `chose ${r.nodeName}, which fails a filter`);
        assert.equal(r.feasibleNodes, passing.filter(Boolean).length);
      });
    }), { numRuns: 300 });
  });

  it('no node is over-committed after binding every result', () => {
    fc.assert(fc.property(clusterArb, ([nodes, pods]) => {
      const placed: Placed[] = [];
      run(nodes, pods, () => undefined, placed);
      nodes.forEach((n, i) => {
        const here = placed.filter((x) => x.node === i);
        assert.ok(here.length <= n.pods);
        assert.ok(here.reduce((s, x) => s + x.spec.cpuM, 0) <= n.cpu * 1000);
        assert.ok(here.reduce((s, x) => s + x.spec.memMi, 0) <= n.memGi * 1024);
      });
    }), { numRuns: 200 });
  });

  it('is deterministic: the same sequence gives the same results', () => {
    fc.assert(fc.property(clusterArb, ([nodes, pods]) => {
      const a = run(nodes, pods, () => undefined);
      const b = run(nodes, pods, () => undefined);
      assert.deepEqual(a, b);
    }), { numRuns: 100 });
  });

  it('every failure message starts with the node count and ends with the preemption summary', () => {
    fc.assert(fc.property(clusterArb, ([nodes, pods]) => {
      run(nodes, pods, (r) => {
        if (r.nodeName === null) {
          assert.match(r.message ?? '', new RegExp(`^0/${nodes.length} nodes are available: .+\\. preemption: 0/${nodes.length} nodes are available: .+\\.$`));
        }
      });
    }), { numRuns: 100 });
  });
});

/** Spread constraints, pod affinity and priority: checked against naive oracles at every binding. */
const zonedNodeArb = fc.record({ cpu: fc.integer({ min: 1, max: 4 }), zone: fc.constantFrom('a', 'b', 'c'), tainted: fc.boolean() });
const richPodArb = fc.record({
  app: fc.constantFrom('web', 'db'), cpuM: fc.constantFrom(0, 500, 1000, 2000),
  spread: fc.constantFrom(undefined, 'kubernetes.io/hostname', 'topology.kubernetes.io/zone'), maxSkew: fc.integer({ min: 1, max: 2 }),
  affinityTo: fc.constantFrom(undefined, 'web', 'db'), priority: fc.constantFrom(0, 10, 1000),
});
type RichPod = ArbValue<typeof richPodArb>;
type ZonedNode = ArbValue<typeof zonedNodeArb>;

function richNode(n: ZonedNode, i: number): SchedNode {
  const name = `node-${i}`;
  return {
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'topology.kubernetes.io/zone': n.zone } },
    spec: { taints: n.tainted ? [{ key: 'dedicated', effect: 'NoSchedule' }] : [] },
    status: { allocatable: { cpu: String(n.cpu), memory: '8Gi', pods: '110' } },
  };
}

function richPod(p: RichPod, i: number): SchedPod {
  return {
    metadata: { name: `p-${i}`, namespace: 'default', uid: `r${i}`, labels: { app: p.app } },
    spec: {
      priority: p.priority,
      containers: [{ name: 'c', resources: { requests: p.cpuM ? { cpu: `${p.cpuM}m` } : {} } }],
      topologySpreadConstraints: p.spread ? [{ maxSkew: p.maxSkew, topologyKey: p.spread, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: p.app } } }] : undefined,
      affinity: p.affinityTo ? { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: p.affinityTo } }, topologyKey: 'topology.kubernetes.io/zone' }] } } : undefined,
    },
  };
}

/** The domain value of node i for a key. */
const domainOf = (nodes: ZonedNode[], i: number, key: string): string => (key === 'kubernetes.io/hostname' ? `node-${i}` : nodes[i].zone);

describe('scheduler properties: spread constraints, pod affinity, priority (fast-check)', () => {
  const arb = fc.tuple(fc.array(zonedNodeArb, { minLength: 1, maxLength: 6 }), fc.array(richPodArb, { minLength: 1, maxLength: 30 }));

  it('no bound pod violates its DoNotSchedule spread constraint or required pod affinity; no node over allocatable', () => {
    fc.assert(fc.property(arb, ([nodes, pods]) => {
      const s = new Scheduler();
      nodes.forEach((n, i) => s.upsertNode(richNode(n, i)));
      const placed: { node: number; spec: RichPod }[] = [];
      pods.forEach((spec, i) => {
        const p = richPod(spec, i);
        const r = s.schedule(p);
        if (r.nodeName === null) return;
        const ni = Number(r.nodeName.slice(5));
        assert.ok(!nodes[ni].tainted, 'never on an untolerated taint');
        if (spec.spread) {
          const key = spec.spread;
          const counts = new Map<string, number>(); // every node is eligible: no node affinity, taints ignored by default
          nodes.forEach((_n, j) => counts.set(domainOf(nodes, j, key), counts.get(domainOf(nodes, j, key)) ?? 0));
          for (const x of placed) if (x.spec.app === spec.app) counts.set(domainOf(nodes, x.node, key), (counts.get(domainOf(nodes, x.node, key)) ?? 0) + 1);
          const min = Math.min(...counts.values());
          assert.ok((counts.get(domainOf(nodes, ni, key)) ?? 0) + 1 - min <= spec.maxSkew, `skew above ${spec.maxSkew}`);
        }
        if (spec.affinityTo) {
          const any = placed.some((x) => x.spec.app === spec.affinityTo);
          const here = placed.some((x) => x.spec.app === spec.affinityTo && nodes[x.node].zone === nodes[ni].zone);
          assert.ok(here || (!any && spec.app === spec.affinityTo), 'required pod affinity');
        }
        const used = placed.filter((x) => x.node === ni).reduce((sum, x) => sum + x.spec.cpuM, 0);
        assert.ok(used + spec.cpuM <= nodes[ni].cpu * 1000, 'over allocatable cpu');
        s.addPod({ ...p, spec: { ...p.spec, nodeName: r.nodeName } });
        placed.push({ node: ni, spec });
      });
    }), { numRuns: 300 });
  });

  it('preemption only names lower-priority victims, and without them the pod fits', () => {
    fc.assert(fc.property(arb, ([nodes, pods]) => {
      const s = new Scheduler();
      nodes.forEach((n, i) => s.upsertNode(richNode(n, i)));
      const bound = new Map<string, SchedPod>();
      pods.forEach((spec, i) => {
        const p = richPod(spec, i);
        const r = s.schedule(p);
        if (r.nodeName !== null) {
          const b = { ...p, spec: { ...p.spec, nodeName: r.nodeName } };
          s.addPod(b);
          bound.set(p.metadata.name, b);
          return;
        }
        const found = s.preempt(p);
        if (found.nodeName === null) return;
        for (const v of found.victims) {
          const victim = bound.get(v.name);
          assert.ok(victim && (victim.spec?.priority ?? 0) < spec.priority, 'victims have lower priority');
          assert.equal(victim.spec?.nodeName, found.nodeName);
          s.removePod(victim);
          bound.delete(v.name);
        }
        const again = s.schedule(p);
        assert.ok(again.nodeName !== null, `fits once the victims are gone: ${again.message}`);
        const b = { ...p, spec: { ...p.spec, nodeName: again.nodeName } };
        s.addPod(b);
        bound.set(p.metadata.name, b);
      });
    }), { numRuns: 200 });
  });
});

import assert from 'node:assert/strict';
import { presetTopology, Simulation, type KubeObject } from '../../../src/core/sim';
import { ipStaticBand, parseServiceSubnet, portStaticBand } from '../../../src/core/sim/serviceAllocator';
import { gracePeriod } from '../../../src/core/sim/apiServer';
import { rfc1123z } from '../../../src/core/sim/controllers/cronjob';
import { Prng, safeEncodeString, templateHash } from '../../../src/core/sim/prng';

describe('faithfulness: generated names', () => {
  it('ComputeHash is SafeEncodeString of the decimal FNV-32a digits (10-character subset)', () => {
    // '0'..'9' are runes 48..57: alphanums[48 % 27] = '4' … alphanums[57 % 27] = 'f'.
    assert.equal(safeEncodeString('0123456789'), '456789bcdf');
    for (const t of [{}, { a: 1 }, { spec: { containers: [{ image: 'nginx:1.27' }] } }, 'x'.repeat(50)]) {
      const h = templateHash(t);
      assert.match(h, /^[456789bcdf]{1,10}$/);
    }
  });

  it('pod name suffixes are 5 characters of rand.String\'s alphabet', () => {
    const p = new Prng(1);
    for (let i = 0; i < 200; i++) assert.match(p.suffix(), /^[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    assert.equal(Prng.ALPHANUMS, 'bcdfghjklmnpqrstvwxz2456789');
  });
});

describe('faithfulness: PodGC orphan sweep', () => {
  const pod = (nodeName: string): KubeObject => ({
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'lost', namespace: 'default' },
    spec: { nodeName, containers: [{ name: 'c', image: 'nginx:1.27' }] },
  });

  it('sets a pod bound to a missing node Failed (DeletionByPodGC) and force-deletes it after the 40 s quarantine', () => {
    const sim = Simulation.preset('multi-worker');
    const seen: KubeObject[] = [];
    sim.internals.store.watch('Pod', (t, o) => { if (t === 'MODIFIED') seen.push(o); });
    assert.ok(sim.apply(pod('no-such-node')).ok);
    // Seen by the gc pass at 20 s, quarantined until 60 s, deleted by the pass at 60 s.
    sim.advance(59);
    assert.deepEqual(sim.internals.store.get('Pod', 'default', 'lost')?.status, { phase: 'Pending', qosClass: 'BestEffort' }, 'as kube-apiserver created it');
    sim.advance(1);
    assert.equal(sim.internals.store.get('Pod', 'default', 'lost'), undefined);
    const failed = seen.find((p) => (p.status as { phase?: string } | undefined)?.phase === 'Failed');
    assert.deepEqual((failed?.status as { conditions: unknown[] }).conditions,
      [{ type: 'DisruptionTarget', status: 'True', reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists' }]);
  });

  it('settles: runUntilSettled reaches the deletion; a pod on an existing node is left alone', () => {
    const sim = Simulation.preset('multi-worker');
    sim.apply(pod('no-such-node'));
    sim.runUntilSettled();
    assert.equal(sim.snapshot().pods.length, 0);
    const ok = Simulation.preset('multi-worker');
    ok.apply(pod('worker-1'));
    ok.runUntilSettled();
    assert.equal(ok.snapshot().pods[0]?.phase, 'Running');
  });
});

describe('faithfulness: Service allocation', () => {
  const svc = (name: string, type = 'ClusterIP', extra: Record<string, unknown> = {}): KubeObject => ({
    apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { type, selector: { app: name }, ports: [{ port: 80 }], ...extra },
  });

  it('bands follow calculateRangeOffset: IPs min(max(16, size/16), 256), NodePorts min(max(16, size/32), 128)', () => {
    assert.equal(ipStaticBand(2 ** 20), 256);
    assert.equal(ipStaticBand(256), 16);
    assert.equal(ipStaticBand(16), 0);
    assert.equal(portStaticBand(2768), 86);
    assert.equal(portStaticBand(128), 16);
  });

  it('creates default/kubernetes on 10.96.0.1:443 with the apiservers :6443, keeps .10 for kube-dns, allocates from the upper bands', () => {
    const sim = Simulation.preset('ha');
    assert.ok(sim.apply(svc('web', 'NodePort')).ok);
    const [kube, web] = [sim.snapshot().services.find((s) => s.name === 'kubernetes'), sim.snapshot().services.find((s) => s.name === 'web')];
    assert.deepEqual([kube?.namespace, kube?.type, kube?.clusterIP, kube?.nodePort], ['default', 'ClusterIP', '10.96.0.1', null]);
    assert.equal(kube?.endpoints.length, 3, 'one :6443 endpoint per kube-apiserver');
    assert.ok(kube?.endpoints.every((e) => e.endsWith(':6443')));
    assert.notEqual(web?.clusterIP, '10.96.0.10');
    // 10.96.0.0/12: the static band is 10.96.0.1-10.96.1.0; dynamic addresses come from above it.
    const [, , c, d] = (web?.clusterIP ?? '').split('.').map(Number);
    assert.ok(c * 256 + d > 256, `${web?.clusterIP} should be in the upper band`);
    assert.ok((web?.nodePort ?? 0) >= 30086 && (web?.nodePort ?? 0) <= 32767, `nodePort ${web?.nodePort}`);
    const dns = sim.apply(svc('dns', 'ClusterIP', { clusterIP: '10.96.0.10' }));
    assert.match(dns.error ?? '', /failed to allocate IP 10\.96\.0\.10: provided IP is already allocated/);
    assert.ok(sim.apply(svc('static', 'ClusterIP', { clusterIP: '10.96.0.20' })).ok);
  });

  it('is deterministic', () => {
    const run = (): unknown => { const s = Simulation.preset('multi-worker'); for (const n of ['a', 'b', 'c']) s.apply(svc(n, 'NodePort')); return s.snapshot().services; };
    assert.deepEqual(run(), run());
  });

  it('reports an invalid serviceSubnet instead of replacing it', () => {
    assert.equal(typeof parseServiceSubnet('10.96.0.0/12'), 'object');
    assert.match(String(parseServiceSubnet('10.96.0.0/8')), /mask must be >= 12/);
    assert.match(String(parseServiceSubnet('banana')), /invalid service subnet/);
    const topology = { ...presetTopology('single-node'), serviceSubnet: '10.300.0.0/16' };
    const sim = new Simulation({ topology });
    const r = sim.apply(svc('web'));
    assert.equal(r.ok, false);
    assert.match(r.error ?? '', /invalid service subnet "10\.300\.0\.0\/16"/);
  });
});

describe('faithfulness: deletion grace period, leader identity, CronJob times', () => {
  const pod = (name: string, spec: Record<string, unknown>, status?: Record<string, unknown>): KubeObject => ({
    apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }], ...spec }, ...(status ? { status } : {}),
  });

  it('CheckGracefulDelete: terminationGracePeriodSeconds (default 30), 0 when unscheduled or terminal', () => {
    assert.equal(gracePeriod(pod('a', { nodeName: 'n' })), 30);
    assert.equal(gracePeriod(pod('a', { nodeName: 'n', terminationGracePeriodSeconds: 5 })), 5);
    assert.equal(gracePeriod(pod('a', {})), 0);
    assert.equal(gracePeriod(pod('a', { nodeName: 'n' }, { phase: 'Succeeded' })), 0);
    assert.equal(gracePeriod(pod('a', { nodeName: 'n' }, { phase: 'Failed' })), 0);
  });

  it('marks a running pod with its own grace period and deletes a finished one at once', () => {
    const sim = Simulation.preset('single-node');
    sim.apply(pod('short', { terminationGracePeriodSeconds: 5 }));
    sim.apply(pod('done', { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox', command: ['true'] }] }));
    sim.runUntilSettled();
    const store = sim.internals.store;
    const marks: Record<string, unknown> = {};
    store.watch('Pod', (t, o) => { if (t === 'MODIFIED' && o.metadata.deletionTimestamp) marks[o.metadata.name ?? ''] = o.metadata.deletionGracePeriodSeconds; });
    sim.delete('Pod', 'default', 'short');
    assert.equal(marks.short, 5);
    assert.equal((store.get('Pod', 'default', 'done')?.status as { phase?: string } | undefined)?.phase, 'Succeeded');
    sim.delete('Pod', 'default', 'done');
    assert.equal(store.get('Pod', 'default', 'done'), undefined, 'a terminated pod is deleted at once (grace period 0)');
  });

  it('leader identities are <hostname>_<36-character UUID>, deterministic', () => {
    const ids = (): string[] => sim0().eventsSince(0).filter((e) => e.reason === 'LeaderElection').map((e) => e.message);
    const sim0 = (): Simulation => Simulation.preset('ha');
    const msgs = ids();
    assert.ok(msgs.length >= 2);
    for (const m of msgs) assert.match(m, /^control-plane-\d_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12} became leader$/);
    assert.deepEqual(ids(), msgs);
  });

  it('MissSchedule prints the scheduled time as Go time.RFC1123Z in UTC', () => {
    assert.equal(rfc1123z(300), 'Wed, 01 Jan 2025 00:05:00 +0000');
    assert.equal(rfc1123z(86400 * 40 + 3661), 'Mon, 10 Feb 2025 01:01:01 +0000');
  });
});

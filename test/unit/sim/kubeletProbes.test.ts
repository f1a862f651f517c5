/** Probes, init containers and start-up blockers (probes.ts, initContainers.ts, blockers.ts). */
import assert from 'node:assert/strict';
import { Simulation, type KubeObject } from '../../../src/core/sim';
import { missingTag, validImage } from '../../../src/core/sim/kubelet/blockers';

function pod(name: string, container: Record<string, unknown>, spec: Record<string, unknown> = {}, annotations: Record<string, string> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, annotations }, spec: { nodeName: 'worker-1', containers: [{ name: 'c', image: 'nginx:1.27', ...container }], ...spec } };
}
const view = (sim: Simulation, name: string) => sim.snapshot().pods.find((p) => p.name === name);

describe('probes', () => {
  it('a readiness probe keeps the pod not Ready until initialDelaySeconds have passed', () => {
    const sim = Simulation.preset('multi-worker');
    sim.apply(pod('r', { readinessProbe: { httpGet: { port: 80 }, initialDelaySeconds: 20 } }));
    sim.advance(7); // pulled at 5, started at 6
    assert.deepEqual([view(sim, 'r')?.phase, view(sim, 'r')?.ready], ['Running', false]);
    sim.advance(19);
    assert.equal(view(sim, 'r')?.ready, true);
  });
  it('a failing startup probe kills the container after failureThreshold × periodSeconds', () => {
    const sim = Simulation.preset('multi-worker');
    sim.apply(pod('s', { startupProbe: { exec: { command: ['false'] }, periodSeconds: 10, failureThreshold: 3 } }));
    sim.advance(40);
    const killing = sim.eventsSince(0).filter((e) => e.reason === 'Killing');
    assert.deepEqual(killing.map((e) => [e.time, e.message]), [[36, 'Container c failed startup probe, will be restarted']]);
  });
  it('the probes task\'s liveness-http: agnhost\'s /healthz answers 200 for 10 s, then 500, and the kubelet restarts it', () => {
    const sim = Simulation.preset('multi-worker');
    const probe = { httpGet: { path: '/healthz', port: 8080, httpHeaders: [{ name: 'Custom-Header', value: 'Awesome' }] }, initialDelaySeconds: 3, periodSeconds: 3 };
    sim.apply(pod('liveness-http', { name: 'liveness', image: 'registry.k8s.io/e2e-test-images/agnhost:2.40', args: ['liveness'], livenessProbe: probe }));
    sim.advance(40);
    const events = sim.eventsSince(0);
    // Started at 6; probes at 9, 12 and 15 pass (3, 6, 9 s in), those at 18, 21 and 24 fail (12, 15, 18 s in).
    // Each failed probe records Unhealthy; the kill follows the third.
    const unhealthy = events.filter((e) => e.reason === 'Unhealthy').map((e) => [e.time, e.type, e.message]).slice(0, 3);
    assert.deepEqual(unhealthy, [18, 21, 24].map((t) => [t, 'Warning', 'Liveness probe failed: HTTP probe failed with statuscode: 500']));
    assert.deepEqual(events.filter((e) => e.reason === 'Killing').map((e) => [e.time, e.message]).slice(0, 1), [[27, 'Container liveness failed liveness probe, will be restarted']]);
    assert.ok((view(sim, 'liveness-http')?.restarts ?? 0) >= 1);
    sim.apply(pod('plain-http', { readinessProbe: { httpGet: { path: '/healthz', port: 80 } } }));
    sim.advance(40);
    assert.equal(view(sim, 'plain-http')?.restarts, 0, 'any other HTTP probe passes');
  });
});

describe('init containers', () => {
  it('an init container that keeps failing is restarted with back-off: Init:CrashLoopBackOff', () => {
    const sim = Simulation.preset('multi-worker');
    sim.apply(pod('i', {}, { initContainers: [{ name: 'migrate', image: 'busybox:1.36', command: ['sh', '-c', 'exit 1'] }] }));
    sim.advance(30);
    assert.equal(view(sim, 'i')?.reason, 'Init:CrashLoopBackOff');
    assert.equal(view(sim, 'i')?.phase, 'Pending');
    // RESTARTS counts the init container's restarts and says when it last failed: at its last start (`exit 1` at once).
    const lastStart = Math.max(...sim.snapshot().events.filter((e) => e.reason === 'Started' && e.message === 'Started container migrate').map((e) => e.time));
    assert.deepEqual([view(sim, 'i')?.restarts, view(sim, 'i')?.lastRestartAt], [2, lastStart]);
  });
});

describe('image references', () => {
  it('accepts what distribution/reference parses and refuses the rest', () => {
    for (const ok of ['nginx', 'nginx:1.27', 'registry.k8s.io/pause:3.10', 'localhost:5000/a/b:c', 'nginx@sha256:' + 'a'.repeat(64)]) assert.ok(validImage(ok), ok);
    for (const bad of ['Nginx', 'nginx:', 'nginx::1', 'my app', '', 'nginx:1.27 ']) assert.ok(!validImage(bad), bad);
  });

  it('knows the tags Docker Hub\'s nginx cannot have (1.0 to 1.29 only), and takes other images\' tags to exist', () => {
    for (const missing of ['nginx:1.161', 'docker.io/library/nginx:1.30', 'nginx:2.0', 'nginx:0.9-alpine']) assert.ok(missingTag(missing), missing);
    for (const present of ['nginx', 'nginx:latest', 'nginx:1', 'nginx:1.16.1', 'nginx:1.29.1-alpine-slim', 'nginx:stable-perl', 'busybox:9.99', 'myrepo/nginx:1.161']) assert.ok(!missingTag(present), present);
  });
});

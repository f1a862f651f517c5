/**
 * The PodSecurity admission plugin (k8s.io/pod-security-admission, v1.33) against the Pod Security Standards pages:
 * https://kubernetes.io/docs/concepts/security/pod-security-admission/ and the tutorial
 * https://kubernetes.io/docs/tutorials/security/ns-level-pss/ (its messages are quoted from the page).
 */
import assert from 'node:assert/strict';
import { Simulation, type KubeObject } from '../../../src/core/sim';
import { podSecurityPolicy, podViolations } from '../../../src/core/sim/apiserver/admission/podSecurity';

const ns = (name: string, labels: Record<string, string>): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
const pod = (name: string, namespace: string, spec: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace }, spec: { containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }] }], ...spec },
} as KubeObject);
const RESTRICTED_OK = {
  securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
  containers: [{ name: 'nginx', image: 'nginx', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }],
};
const restricted = { level: 'restricted' as const, version: 'latest', minor: 33 };
const baseline = { level: 'baseline' as const, version: 'latest', minor: 33 };

describe('PodSecurity admission', () => {
  it('refuses, warns and admits as the namespace-level tutorial shows', () => {
    const sim = Simulation.preset('multi-worker');
    assert.ok(sim.apply(ns('example', { 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/warn': 'restricted' })).ok);
    const r = sim.apply(pod('nginx', 'example'));
    assert.ok(r.ok);
    assert.deepEqual(r.apiWarnings, ['would violate PodSecurity "restricted:latest": allowPrivilegeEscalation != false (container "nginx" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container "nginx" must set securityContext.capabilities.drop=["ALL"]), runAsNonRoot != true (pod or container "nginx" must set securityContext.runAsNonRoot=true), seccompProfile (pod or container "nginx" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")']);
    const refused = sim.apply(pod('hostile', 'example', { hostPID: true, containers: [{ name: 'c', image: 'busybox', securityContext: { privileged: true, capabilities: { add: ['SYS_ADMIN', 'NET_ADMIN'] } } }] }));
    assert.equal(refused.error, 'pods "hostile" is forbidden: violates PodSecurity "baseline:latest": non-default capabilities (container "c" must not include "NET_ADMIN", "SYS_ADMIN" in securityContext.capabilities.add), host namespaces (hostPID=true), privileged (container "c" must not set securityContext.privileged=true)');
    const clean = sim.apply(pod('clean', 'example', RESTRICTED_OK));
    assert.deepEqual([clean.ok, clean.apiWarnings], [true, undefined]);
  });

  it('enforce alone also warns on workloads (warn defaults to a stricter enforce level), whose pods the ReplicaSet cannot create', () => {
    const sim = Simulation.preset('multi-worker');
    assert.ok(sim.apply(ns('locked', { 'pod-security.kubernetes.io/enforce': 'restricted' })).ok);
    const r = sim.apply({
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'locked' },
      spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } },
    } as KubeObject);
    assert.ok(r.ok && r.apiWarnings?.[0]?.startsWith('would violate PodSecurity "restricted:latest": allowPrivilegeEscalation != false'));
    sim.runUntilSettled();
    const failed = sim.snapshot().events.find((e) => e.reason === 'FailedCreate');
    assert.match(failed?.message ?? '', /^Error creating: pods "web-[a-z0-9]+-[a-z0-9]{5}" is forbidden: violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false/);
    assert.equal([...sim.internals.store.list('Pod')].filter((p) => p.metadata.namespace === 'locked').length, 0);
  });

  it('reads the labels as kube-apiserver does: invalid values are refused; warn follows enforce unless set; versions', () => {
    assert.deepEqual(podSecurityPolicy({ 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/enforce-version': 'v1.30' }).policy.warn, { level: 'baseline', version: 'v1.30', minor: 30 });
    assert.deepEqual(podSecurityPolicy({ 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/warn': 'privileged' }).policy.warn.level, 'privileged');
    assert.deepEqual(podSecurityPolicy({}).policy.enforce.level, 'privileged');
    const sim = Simulation.preset('multi-worker');
    assert.equal(sim.apply(ns('bad', { 'pod-security.kubernetes.io/enforce': 'strict', 'pod-security.kubernetes.io/warn-version': '1.30' })).error,
      'Namespace "bad" is invalid: [metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: "strict": must be one of privileged, baseline, restricted, metadata.labels[pod-security.kubernetes.io/warn-version]: Invalid value: "1.30": must be "latest" or "v1.x"]');
  });

  it('restricted replaces the baseline hostPath check by its volume types, and older policy versions lack newer checks', () => {
    const withHostPath = { volumes: [{ name: 'logs', hostPath: { path: '/var/log' } }, { name: 'tmp', emptyDir: {} }], ...RESTRICTED_OK };
    assert.equal(podViolations(restricted, withHostPath).detail, 'restricted volume types (volume "logs" uses restricted volume type "hostPath")');
    assert.equal(podViolations(baseline, withHostPath).detail, 'hostPath volumes (volume "logs")');
    const root = { ...RESTRICTED_OK, securityContext: { ...RESTRICTED_OK.securityContext, runAsUser: 0 } };
    assert.equal(podViolations(restricted, root).detail, 'runAsUser=0 (pod must not set runAsUser=0)');
    assert.equal(podViolations({ ...restricted, version: 'v1.22', minor: 22 }, root).detail, '', 'runAsUser came with v1.23');
    const ports = { containers: [{ name: 'a', image: 'x', ports: [{ containerPort: 80, hostPort: 8080 }, { containerPort: 443, hostPort: 443 }] }] };
    assert.equal(podViolations(baseline, ports).detail, 'hostPort (container "a" uses hostPorts 443, 8080)');
    const bare = { securityContext: { runAsNonRoot: true }, containers: [{ name: 'w', image: 'x' }] };
    assert.equal(podViolations(restricted, { ...bare, os: { name: 'windows' } }).detail, '', 'a Windows pod is exempt from the Linux-only checks');
    assert.equal(podViolations(restricted, bare).reasons, 'allowPrivilegeEscalation != false, unrestricted capabilities, seccompProfile');
  });

  it('warns about running pods when a namespace\'s enforce level becomes stricter', () => {
    const sim = Simulation.preset('multi-worker');
    assert.ok(sim.apply(ns('example', {})).ok);
    for (const name of ['nginx', 'nginx-2', 'nginx-3']) assert.ok(sim.apply(pod(name, 'example')).ok);
    sim.runUntilSettled();
    const r = sim.apply(ns('example', { 'pod-security.kubernetes.io/enforce': 'restricted' }));
    assert.deepEqual(r.apiWarnings, [
      'existing pods in namespace "example" violate the new PodSecurity enforce level "restricted:latest"',
      'nginx (and 2 other pods): allowPrivilegeEscalation != false, unrestricted capabilities, runAsNonRoot != true, seccompProfile',
    ]);
    assert.equal([...sim.internals.store.list('Pod')].filter((p) => p.metadata.namespace === 'example').length, 3, 'they keep running');
  });
});

import * as assert from 'assert';
import { COMPONENTS, GLOSSARY, entryById, lookup } from '../../../src/core/knowledge';

describe('glossary', () => {
  const seven = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kubelet', 'kube-proxy', 'containerd'];

  it('has an entry for each of the study guide\'s seven components', () => {
    for (const id of seven) assert.strictEqual(lookup(id)?.kind, 'component', id);
  });

  it('lists the ports of the Kubernetes "Ports and Protocols" page', () => {
    const ports = (id: string): string[] => (entryById(id)?.ports ?? []).map((p) => (p.to ? `${p.port}-${p.to}` : `${p.port}`));
    assert.deepStrictEqual(ports('kube-apiserver'), ['6443']);
    assert.deepStrictEqual(ports('etcd'), ['2379-2380']);
    assert.deepStrictEqual(ports('kubelet'), ['10250']);
    assert.deepStrictEqual(ports('kube-scheduler'), ['10259']);
    assert.deepStrictEqual(ports('kube-controller-manager'), ['10257']);
    assert.deepStrictEqual(ports('kube-proxy'), ['10256', '30000-32767']);
    assert.deepStrictEqual(ports('containerd'), []);
  });

  it('places control-plane components on the control plane and node agents on every node', () => {
    for (const id of ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler']) assert.strictEqual(entryById(id)?.placement, 'control-plane', id);
    for (const id of ['kubelet', 'kube-proxy', 'containerd']) assert.strictEqual(entryById(id)?.placement, 'every-node', id);
  });

  it('gives every entry a summary, who it talks to or is called by, and a kubernetes.io link', () => {
    for (const e of GLOSSARY) {
      assert.ok(e.summary.length > 40, e.id);
      assert.match(e.docs.url, /^https:\/\/kubernetes\.io\/docs\//, e.id);
    }
    for (const e of COMPONENTS) assert.ok(e.talksTo.length + e.calledBy.length > 0, e.id);
  });

  it('resolves aliases and is case-sensitive', () => {
    assert.strictEqual(lookup('master')?.id, 'control-plane');
    assert.strictEqual(lookup('node-role.kubernetes.io/control-plane')?.id, 'control-plane');
    assert.strictEqual(lookup('pod')?.id, 'Pod');
    assert.strictEqual(lookup('ETCD'), undefined);
    assert.strictEqual(lookup('kube'), undefined);
  });
});

describe('glossary: the grown list (issue 7)', () => {
  it('has at least 80 entries, each with a kubectl command to look at it', () => {
    assert.ok(GLOSSARY.length >= 80, `${GLOSSARY.length} entries`);
    for (const e of GLOSSARY) assert.match(e.kubectl, /^kubectl /, e.id);
  });

  it('covers the study guide\'s components, roles, core kinds and ideas', () => {
    const words = ['cloud-controller-manager', 'CoreDNS', 'CNI', 'CRI', 'kubeadm', 'minikube', 'kind', 'workstation', 'control-plane', 'worker', 'load-balancer',
      'Namespace', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ConfigMap', 'Secret', 'EndpointSlice', 'Ingress', 'PersistentVolumeClaim', 'Lease',
      'reconciliation', 'desired-state', 'watch', 'quorum', 'horizontal-scaling', 'vertical-scaling', 'high-availability', 'self-healing', 'eviction',
      'tolerations', 'labels', 'pod-ip', 'overlay', 'NodePort'];
    for (const w of words) assert.ok(lookup(w), w);
  });

  it('states the corrected facts', () => {
    assert.match(entryById('kubernetes.io/hostname')?.summary ?? '', /hostname.*can differ from it/);
    assert.ok(entryById('kube-scheduler')?.calledBy.some((c) => /kubelet's liveness.*10259/.test(c)));
    assert.ok(entryById('kube-controller-manager')?.calledBy.some((c) => /metrics.*10257/.test(c)));
    assert.ok(entryById('containerd')?.calledBy.some((c) => /streaming server, a local TCP port.*exec, attach and port-forward/.test(c)));
    assert.match(entryById('tolerations')?.summary ?? '', /at once.*without tolerationSeconds stays bound for ever/);
    assert.match(entryById('kube-proxy')?.summary ?? '', /kube-proxy programs the rules; the kernel routes the traffic/);
  });
});

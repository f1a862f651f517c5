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

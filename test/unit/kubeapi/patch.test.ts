import * as assert from 'node:assert';
import { jsonPatch, mergePatch, PatchError, strategicMergePatch } from '../../../src/core/kubeapi/patch';

const POD = { spec: { containers: [{ name: 'a', image: 'x:1', ports: [{ containerPort: 80 }], env: [{ name: 'A', value: '1' }] }, { name: 'b', image: 'y:1' }], tolerations: [{ key: 't' }] }, metadata: { finalizers: ['f1'] } };

describe('kubeapi: patches', () => {
  it('merge patch: maps merge, null deletes, lists replace', () => {
    assert.deepStrictEqual(mergePatch({ a: 1, b: { c: 2, d: 3 }, l: [1, 2] }, { b: { c: null, e: 4 }, l: [3] }), { a: 1, b: { d: 3, e: 4 }, l: [3] });
  });

  it('strategic merge: containers by name, ports by containerPort, env by name; tolerations replace', () => {
    const out = strategicMergePatch(POD, { spec: { containers: [{ name: 'a', image: 'x:2', env: [{ name: 'B', value: '2' }] }, { name: 'c', image: 'z:1' }], tolerations: [{ key: 'u' }] } }) as typeof POD;
    assert.deepStrictEqual(out.spec.containers.map((c) => `${c.name}=${c.image}`), ['a=x:2', 'b=y:1', 'c=z:1']);
    assert.deepStrictEqual(out.spec.containers[0].env, [{ name: 'A', value: '1' }, { name: 'B', value: '2' }]);
    assert.deepStrictEqual(out.spec.containers[0].ports, [{ containerPort: 80 }]);
    assert.deepStrictEqual(out.spec.tolerations, [{ key: 'u' }]);
  });

  it('strategic merge directives kubectl apply sends: $patch delete, $setElementOrder, $deleteFromPrimitiveList, $retainKeys', () => {
    const out = strategicMergePatch(POD, {
      $setElementOrder: undefined,
      metadata: { '$deleteFromPrimitiveList/finalizers': ['f1'] },
      spec: { '$setElementOrder/containers': [{ name: 'a' }], containers: [{ name: 'b', $patch: 'delete' }] },
    }) as typeof POD;
    assert.deepStrictEqual(out.spec.containers.map((c) => c.name), ['a']);
    assert.deepStrictEqual(out.metadata.finalizers, []);
    assert.deepStrictEqual(strategicMergePatch({ s: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } }, { s: { $retainKeys: ['type'], type: 'Recreate' } }), { s: { type: 'Recreate' } });
    assert.deepStrictEqual(strategicMergePatch({ m: { a: 1 } }, { m: { $patch: 'replace', b: 2 } }), { m: { b: 2 } });
  });

  it('JSON patch: add, replace, remove, move, copy, test; failures are PatchErrors', () => {
    const doc = { a: [1, 2], b: { c: 1 } };
    assert.deepStrictEqual(jsonPatch(doc, [{ op: 'add', path: '/a/-', value: 3 }, { op: 'replace', path: '/b/c', value: 2 }, { op: 'copy', from: '/b/c', path: '/d' }, { op: 'move', from: '/d', path: '/e' }, { op: 'remove', path: '/a/0' }, { op: 'test', path: '/e', value: 2 }]),
      { a: [2, 3], b: { c: 2 }, e: 2 });
    assert.deepStrictEqual(doc, { a: [1, 2], b: { c: 1 } }, 'the input is not changed');
    assert.throws(() => jsonPatch(doc, [{ op: 'replace', path: '/zz', value: 1 }]), PatchError);
    assert.throws(() => jsonPatch(doc, [{ op: 'test', path: '/b/c', value: 9 }]), /test failed/);
    assert.throws(() => jsonPatch(doc, { op: 'add' }), PatchError);
  });
});

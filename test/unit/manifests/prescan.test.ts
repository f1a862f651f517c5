import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Document, isSeq, parseAllDocuments } from 'yaml';
import { topLevelSequences } from '../../../src/core/manifests/prescan';

/** The pre-scan of every document, as plain data. */
function scan(text: string, limit = 1_000): { kind?: string; apiVersion?: string; items: number; overAt: number; keyAt: number }[] {
  return [...topLevelSequences(text, 'nodes', limit)].map((d) => ({ kind: d.scalars.get('kind'), apiVersion: d.scalars.get('apiVersion'), items: d.items, overAt: d.overAt, keyAt: d.keyAt }));
}

describe('pre-scan of top-level sequences (counting nodes: before parsing)', () => {
  it('counts the items of a block sequence, at column 0 or indented, with the top-level kind and apiVersion', () => {
    const text = 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n- role: worker\n  labels: {a: b}\n- role: worker\n';
    assert.deepEqual(scan(text), [{ kind: 'Cluster', apiVersion: 'kind.x-k8s.io/v1alpha4', items: 3, overAt: -1, keyAt: text.indexOf('nodes') }]);
    assert.equal(scan(text.replace(/^- /gm, ' '.repeat(2) + '- ').replace(/^ {2}labels/m, '    labels'))[0]?.items, 3);
  });

  it('does not count dashes in block scalars, comments, nested sequences or other keys', () => {
    const text = [
      'kind: Cluster', 'nodes:', '  - role: worker', '    script: |', '      - not an item', '  # - a comment', '',
      '  - - nested', '    - nested', '  -   role: control-plane', 'other:', '  - x', '  - y', 'apiVersion: "kind.x-k8s.io/v1alpha4" # after nodes', '',
    ].join('\n');
    assert.deepEqual(scan(text)[0], { kind: 'Cluster', apiVersion: 'kind.x-k8s.io/v1alpha4', items: 3, overAt: -1, keyAt: text.indexOf('nodes') });
  });

  it('counts a flow sequence, over several lines', () => {
    assert.equal(scan('kind: Cluster\nnodes: [ {role: worker}, {role: control-plane},\n  x, [a, b] ]\n')[0]?.items, 4);
    assert.equal(scan('kind: Cluster\nnodes: []\n')[0]?.items, 0);
  });

  it('gives the offset of the item that passes the limit, and the full count', () => {
    const text = 'kind: Cluster\nnodes:\n' + '- role: worker\n'.repeat(7);
    const [d] = scan(text, 5);
    assert.equal(d?.items, 7);
    assert.equal(d?.overAt, text.indexOf('nodes:\n') + 7 + 5 * 15, 'the sixth item');
    assert.equal(scan(text, 7)[0]?.overAt, -1, 'a count equal to the limit is within it');
  });

  it('reads each document of a stream on its own, and skips pieces without the needle', () => {
    const text = 'kind: A\nnodes: [1]\n---\nkind: B\nnodes:\n- 1\n- 2\n...\nkind: C\n';
    assert.deepEqual(scan(text).map((d) => [d.kind, d.items]), [['A', 1], ['B', 2], ['C', 0]]);
    assert.deepEqual([...topLevelSequences(text, 'nodes', 10, 'kind: B')].map((d) => d.scalars.get('kind')), ['B', 'C']);
  });

  it('takes a scalar only as a value: a map, a block scalar or a sequence under kind is no kind', () => {
    assert.equal(scan('kind:\n  Cluster: x\nnodes: []\n')[0]?.kind, undefined);
    assert.equal(scan('kind: |\n  Cluster\nnodes: []\n')[0]?.kind, undefined);
    assert.equal(scan('kind: [Cluster]\nnodes: []\n')[0]?.kind, undefined);
    assert.equal(scan("kind: !!str 'Cluster'\nnodes: []\n")[0]?.kind, 'Cluster');
  });

  it('agrees with the YAML parser on the length of nodes for any valid document (property)', () => {
    const scalar = fc.oneof(fc.constantFrom('worker', 'control-plane', '- x', 'a: b', '#', '"q"', 'multi\nline\n- dash', ''), fc.integer(), fc.boolean());
    const item = fc.oneof(scalar, fc.dictionary(fc.constantFrom('role', 'labels', 'image', 'extraMounts'), fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 4 }), scalar, { maxKeys: 2 }))), fc.array(scalar, { maxLength: 3 }));
    const config = fc.record({ nodes: fc.array(item, { maxLength: 12 }), before: fc.boolean(), indentSeq: fc.boolean(), flow: fc.boolean(), limit: fc.integer({ min: 0, max: 12 }) });
    fc.assert(fc.property(config, ({ nodes, before, indentSeq, flow, limit }) => {
      const head = { kind: 'Cluster', apiVersion: 'kind.x-k8s.io/v1alpha4' };
      const obj = before ? { ...head, nodes, name: 'x' } : { nodes, name: 'x', ...head };
      const doc = new Document(obj);
      const seq = doc.get('nodes', true);
      if (flow && isSeq(seq)) seq.flow = true;
      const text = doc.toString({ indentSeq, lineWidth: 20 });
      const docs = parseAllDocuments(text);
      assert.ok(!Array.isArray(docs) || docs.every((d) => d.errors.length === 0));
      const parsed = (docs as { toJS(): { nodes: unknown[] } }[])[0]?.toJS().nodes.length;
      const [d] = scan(text, limit);
      assert.equal(d?.items, parsed, text);
      assert.equal(d?.kind, 'Cluster');
      assert.equal(d?.apiVersion, 'kind.x-k8s.io/v1alpha4');
      assert.equal(d?.overAt >= 0, nodes.length > limit);
    }), { seed: 10, numRuns: 400 });
  });
});

import * as assert from 'assert';
import { findPathAtOffset, parseManifests, wordAt } from '../../../src/core/manifests';
import { deployment } from './helpers';

describe('manifests: findPathAtOffset', () => {
  const text = `# preamble comment\n---\n${deployment('web')}---\n${deployment('api')}`;
  const offsetOf = (needle: string, from = 0, delta = 1): number => text.indexOf(needle, from) + delta;

  it('finds a key, with isKey', () => {
    assert.deepStrictEqual(findPathAtOffset(text, offsetOf('replicas')), { documentIndex: 0, path: ['spec', 'replicas'], isKey: true });
  });

  it('finds a scalar value inside a pod template', () => {
    assert.deepStrictEqual(findPathAtOffset(text, offsetOf('nginx')), {
      documentIndex: 0, path: ['spec', 'template', 'spec', 'containers', 0, 'image'], isKey: false,
    });
  });

  it('numbers documents the way parseManifests does, a preamble comment included', () => {
    const hit = findPathAtOffset(text, offsetOf('name: api', 0, 7));
    assert.deepStrictEqual(hit, { documentIndex: 1, path: ['metadata', 'name'], isKey: false });
    const objects = parseManifests(text, 'f.yaml').objects;
    assert.strictEqual(objects.find((o) => o.object.metadata.name === 'api')?.documentIndex, hit?.documentIndex);
  });

  it('counts documents after content that precedes the first ---', () => {
    const t = 'a: 1\n---\nb: 2\n---\nc: 3\n';
    assert.deepStrictEqual(findPathAtOffset(t, t.indexOf('c')), { documentIndex: 2, path: ['c'], isKey: true });
  });

  it('finds keys inside flow maps and works on a document with errors elsewhere', () => {
    const t = 'metadata: {name: x, labels: {app: web}}\nbroken: [\n';
    assert.deepStrictEqual(findPathAtOffset(t, t.indexOf('web')), { documentIndex: 0, path: ['metadata', 'labels', 'app'], isKey: false });
  });

  it('returns undefined in comments, whitespace and out of range', () => {
    assert.strictEqual(findPathAtOffset(text, 3), undefined);
    assert.strictEqual(findPathAtOffset(text, -1), undefined);
    assert.strictEqual(findPathAtOffset(text, text.length + 5), undefined);
  });

  it('answers quickly in a large file by parsing only the document under the cursor', () => {
    let big = '';
    for (let i = 0; i < 3000; i++) big += `---\n${deployment(`d${i}`)}`;
    const t0 = performance.now();
    const hit = findPathAtOffset(big, big.lastIndexOf('replicas') + 1);
    assert.ok(performance.now() - t0 < 100);
    assert.deepStrictEqual(hit, { documentIndex: 2999, path: ['spec', 'replicas'], isKey: true });
  });
});

describe('manifests: wordAt', () => {
  it('keeps hyphens, dots and slashes inside a word', () => {
    const t = 'key: node-role.kubernetes.io/control-plane';
    assert.deepStrictEqual(wordAt(t, t.indexOf('kubernetes')), { word: 'node-role.kubernetes.io/control-plane', start: 5, end: t.length });
    assert.strictEqual(wordAt('# the kube-apiserver talks to etcd', 10)?.word, 'kube-apiserver');
  });

  it('accepts a cursor just after the word and drops a sentence-ending dot', () => {
    const t = 'see kube-proxy.';
    assert.deepStrictEqual(wordAt(t, 14), { word: 'kube-proxy', start: 4, end: 14 });
    assert.strictEqual(wordAt(t, 4)?.word, 'kube-proxy');
  });

  it('returns undefined between words', () => {
    assert.strictEqual(wordAt('a:  b', 3), undefined);
    assert.strictEqual(wordAt('', 0), undefined);
  });
});

import * as assert from 'assert';
import { parseAllDocuments } from 'yaml';
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
    for (let i = 0; i < 1000; i++) big += `---\n${deployment(`d${i}`)}`;
    // A ratio in one run, not a wall-clock budget (the machine may be loaded): the lookup must cost a
    // small fraction of parsing the whole stream, which it would not if it parsed every document.
    const best = (f: () => unknown): number => {
      let min = Infinity;
      for (let i = 0; i < 3; i++) { const t0 = performance.now(); f(); min = Math.min(min, performance.now() - t0); }
      return min;
    };
    const hit = findPathAtOffset(big, big.lastIndexOf('replicas') + 1);
    assert.deepStrictEqual(hit, { documentIndex: 999, path: ['spec', 'replicas'], isKey: true });
    const lookup = best(() => findPathAtOffset(big, big.lastIndexOf('replicas') + 1));
    const t0 = performance.now();
    parseAllDocuments(big);
    const whole = performance.now() - t0;
    assert.ok(lookup * 5 < whole, `lookup ${lookup.toFixed(1)} ms vs whole parse ${whole.toFixed(1)} ms`);
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

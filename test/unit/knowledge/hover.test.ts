import * as assert from 'assert';
import { computeHover, escapeMarkdown } from '../../../src/core/knowledge';

/** The offset of the first `|` in `marked`, and the text without it. */
function at(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('|');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

describe('computeHover', () => {
  it('explains etcd with its ports wherever the word appears', () => {
    const { text, offset } = at('    - name: et|cd\n');
    const h = computeHover(text, offset);
    assert.strictEqual(h?.entry.id, 'etcd');
    assert.match(h.markdown, /^### etcd/);
    assert.match(h.markdown, /\| 2379-2380 \| TCP \| etcd server client API \| kube-apiserver, etcd \|/);
    assert.strictEqual(text.slice(h.start, h.end), 'etcd');
  });

  it('finds kube-scheduler inside a path and reports its port 10259', () => {
    const { text, offset } = at('  path: /etc/kubernetes/manifests/kube-sch|eduler.yaml');
    const h = computeHover(text, offset);
    assert.strictEqual(h?.entry.id, 'kube-scheduler');
    assert.match(h.markdown, /\| 10259 \|/);
    assert.strictEqual(text.slice(h.start, h.end), 'kube-scheduler');
  });

  it('prefers a whole well-known label over a word inside it', () => {
    const { text, offset } = at('  - key: node-role.kubernetes.io/con|trol-plane');
    assert.strictEqual(computeHover(text, offset)?.entry.id, 'control-plane');
    const label = at('      kubernetes.io/host|name: worker-1');
    assert.strictEqual(computeHover(label.text, label.offset)?.entry.id, 'kubernetes.io/hostname');
  });

  it('explains fields and kinds', () => {
    assert.strictEqual(computeHover('  replicas: 3', 4)?.entry.id, 'replicas');
    assert.strictEqual(computeHover('kind: Deployment', 8)?.entry.id, 'Deployment');
    assert.strictEqual(computeHover('      nodeSelector:', 9)?.entry.id, 'nodeSelector');
  });

  it('returns nothing for other words, whitespace and out-of-range offsets', () => {
    assert.strictEqual(computeHover('  image: nginx', 10), undefined);
    assert.strictEqual(computeHover('   ', 1), undefined);
    assert.strictEqual(computeHover('etcd', 99), undefined);
    assert.strictEqual(computeHover('etcd', -1), undefined);
    assert.strictEqual(computeHover('kube-scheduler2', 3), undefined);
  });

  it('adds live status lines from the simulation, escaped so a manifest cannot inject Markdown', () => {
    const h = computeHover('etcd', 1, (id) => (id === 'etcd' ? ['3/3 members healthy', 'pod [x](javascript:alert(1)) <b>'] : []));
    assert.match(h?.markdown ?? '', /\*\*In the simulated cluster now:\*\*\n- 3\\\/3 members healthy/);
    assert.ok(h?.markdown.includes('\\[x\\]\\(javascript\\:alert\\(1\\)\\) \\<b\\>'));
    assert.strictEqual(escapeMarkdown('*a*'), '\\*a\\*');
  });
});

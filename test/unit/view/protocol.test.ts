import * as assert from 'assert';
import { MAX_EXPORT_CHARS, MAX_REPLICAS, parseFromWebview } from '../../../src/shared/protocol';
import { clusterViewHtml, escapeAttribute, makeNonce } from '../../../src/vscode/webviewHtml';

const ref = { kind: 'Deployment', namespace: 'default', name: 'shop' };

describe('webview protocol', () => {
  it('accepts exactly the known messages', () => {
    const good: unknown[] = [
      { type: 'ready' }, { type: 'openDocs', entryId: 'etcd' },
      { type: 'fault', target: 'worker-1', failed: true }, { type: 'fault', target: 'control-plane-2/etcd', failed: false },
      { type: 'scale', ...ref, replicas: 5 }, { type: 'scale', ...ref, replicas: 0 }, { type: 'scale', ...ref, replicas: MAX_REPLICAS },
      { type: 'addWorker' }, { type: 'removeWorker', node: 'worker-2' },
      { type: 'setTopology', topology: 'ha' }, { type: 'setTopology', topology: 'auto' },
      { type: 'setSpeed', speed: 0, seq: 1 }, { type: 'setSpeed', speed: 60, seq: 42 },
      { type: 'seek', time: 12.5 }, { type: 'seek', time: null },
      { type: 'revealManifest', object: ref }, { type: 'settle' },
      { type: 'export', format: 'svg', content: '<svg/>' }, { type: 'export', format: 'png', content: 'data:image/png;base64,AA==' }, { type: 'export', format: 'md', content: '# x' },
    ];
    for (const raw of good) assert.deepStrictEqual(parseFromWebview(raw), raw, JSON.stringify(raw));
  });

  it('drops hostile or malformed messages: shape, size and allowed values', () => {
    const bad: unknown[] = [
      null, undefined, 42, 'ready', [], {}, { type: 'ready', extra: 1 }, { type: 'openDocs' }, { type: 'openDocs', entryId: 7 },
      { type: 'openDocs', entryId: 'x'.repeat(65) }, { type: 'eval', code: 'alert(1)' }, { type: '__proto__' }, { type: 'toString' }, { type: 'constructor' },
      { type: 'fault', target: 'worker-1' }, { type: 'fault', target: 'worker-1', failed: 'yes' }, { type: 'fault', target: '../etc/passwd', failed: true },
      { type: 'fault', target: 'a/b/c', failed: true }, { type: 'fault', target: 'w'.repeat(301), failed: true }, { type: 'fault', target: '', failed: true },
      { type: 'scale', ...ref, replicas: -1 }, { type: 'scale', ...ref, replicas: 1.5 }, { type: 'scale', ...ref, replicas: MAX_REPLICAS + 1 },
      { type: 'scale', ...ref, replicas: '3' }, { type: 'scale', ...ref, name: 'Bad Name', replicas: 3 }, { type: 'scale', kind: 'Deployment', name: 'x', replicas: 3 },
      { type: 'settle', seconds: 5 }, { type: 'settle', now: true },
      { type: 'addWorker', count: 5 }, { type: 'removeWorker', node: '<script>' }, { type: 'removeWorker' },
      { type: 'setTopology', topology: 'kind' }, { type: 'setTopology', topology: 'HA' },
      { type: 'setSpeed', speed: 2, seq: 1 }, { type: 'setSpeed', speed: '1', seq: 1 }, { type: 'setSpeed', speed: Infinity, seq: 1 },
      { type: 'setSpeed', speed: 0 }, { type: 'setSpeed', speed: 0, seq: 0 }, { type: 'setSpeed', speed: 0, seq: 1.5 }, { type: 'setSpeed', speed: 0, seq: '1' },
      { type: 'seek', time: -1 }, { type: 'seek', time: Number.NaN }, { type: 'seek', time: 1e9 }, { type: 'seek' },
      { type: 'revealManifest', object: { ...ref, extra: 1 } }, { type: 'revealManifest', object: 'shop' }, { type: 'revealManifest', object: { ...ref, name: '' } },
      { type: 'export', format: 'html', content: '<script>' }, { type: 'export', format: 'svg', content: 7 },
      { type: 'export', format: 'svg', content: 'x'.repeat(MAX_EXPORT_CHARS + 1) },
    ];
    for (const raw of bad) assert.strictEqual(parseFromWebview(raw), undefined, JSON.stringify(raw)?.slice(0, 120));
  });
});

describe('Cluster View page', () => {
  const page = (initialJson: string, nonce = 'abc123'): string =>
    clusterViewHtml({ cspSource: 'vscode-resource:', nonce, scriptUri: 'vscode-resource:/media/webview.js', styleUri: 'vscode-resource:/media/clusterView.css', initialJson });

  it('sets a strict Content-Security-Policy with the nonce and no unsafe sources', () => {
    const html = page('{}');
    assert.match(html, /content="default-src 'none'; img-src vscode-resource: data:; style-src vscode-resource:; script-src 'nonce-abc123';"/);
    assert.match(html, /<script nonce="abc123" src=/);
    assert.doesNotMatch(html, /unsafe-(inline|eval)/);
    assert.doesNotMatch(html, / style=/, 'no inline style (the CSP would block it)');
    assert.strictEqual((html.match(/<script/g) ?? []).length, 1);
  });

  it('labels every control for assistive technology', () => {
    const html = page('{}');
    for (const id of ['attention', 'strip', 'cluster', 'grid', 'details', 'narration', 'search']) assert.match(html, new RegExp(`id="${id}"[^>]*(aria-label|role)=`), id);
  });

  it('embeds the initial snapshot only as an escaped attribute', () => {
    const html = page(JSON.stringify({ name: '"><script>alert(1)</script>' }));
    assert.doesNotMatch(html, /<script>alert/);
    assert.match(html, /data-initial="\{&quot;name&quot;:&quot;\\&quot;&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;&quot;\}"/);
    assert.strictEqual(escapeAttribute(`<&"'>`), '&lt;&amp;&quot;&#39;&gt;');
  });

  it('makes a fresh 128-bit nonce each time', () => {
    const a = makeNonce();
    assert.strictEqual(Buffer.from(a, 'base64').length, 16);
    assert.notStrictEqual(a, makeNonce());
  });
});

import * as assert from 'assert';
import { parseFromWebview } from '../../../src/shared/protocol';
import { clusterViewHtml, escapeAttribute, makeNonce } from '../../../src/vscode/webviewHtml';

describe('webview protocol', () => {
  it('accepts exactly the known messages', () => {
    assert.deepStrictEqual(parseFromWebview({ type: 'ready' }), { type: 'ready' });
    assert.deepStrictEqual(parseFromWebview({ type: 'openDocs', entryId: 'etcd' }), { type: 'openDocs', entryId: 'etcd' });
  });

  it('drops hostile or malformed messages', () => {
    for (const raw of [null, undefined, 42, 'ready', [], {}, { type: 'ready', extra: 1 }, { type: 'openDocs' }, { type: 'openDocs', entryId: 7 },
      { type: 'openDocs', entryId: 'x'.repeat(65) }, { type: 'eval', code: 'alert(1)' }, { type: '__proto__' }]) {
      assert.strictEqual(parseFromWebview(raw), undefined, JSON.stringify(raw));
    }
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
    assert.strictEqual((html.match(/<script/g) ?? []).length, 1);
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

import * as assert from 'assert';
import { code, commandLink, escapeMarkdown } from '../../../src/core/knowledge';

/** Markdown syntax an attacker would need: a link, an autolink, a heading, HTML, a command URI. */
function assertInert(md: string): void {
  assert.doesNotMatch(md, /(?<!\\)\[[^\]]*(?<!\\)\]\(/, 'link');
  assert.doesNotMatch(md, /(?<!\\)<[a-z]/i, 'HTML or autolink');
  assert.doesNotMatch(md, /https?(?<!\\):\/\//, 'bare URL');
  assert.doesNotMatch(md, /\n/, 'newline');
  assert.doesNotMatch(md, /(?<!\\)command:/, 'command URI');
}

describe('hover Markdown escaping (issue 10: text that becomes markup)', () => {
  const hostile = [
    'http://evil.example:8080/login',
    'www.evil.example',
    'x\n===',
    'x\n# heading',
    '[click](command:kubeAnatomy.showClusterView?%5B%5D)',
    '<img src=x onerror=alert(1)>',
    '<https://evil.example>',
    'mail@evil.example',
    '![img](http://evil.example/a.png)',
    '`code` **bold** | table |',
    '\u001b[31mred\u001b[0m',
  ];

  it('escapes every hostile string so that it renders as text', () => {
    for (const s of hostile) assertInert(escapeMarkdown(s));
  });

  it('puts hostile strings in code spans that nothing can close early', () => {
    for (const s of hostile) {
      const c = code(s);
      const fence = /^`+/.exec(c)?.[0] ?? '';
      assert.ok(fence.length > 0 && c.endsWith(fence), s);
      assert.ok(!c.slice(fence.length, c.length - fence.length).includes(fence), s);
      assert.doesNotMatch(c, /\n/);
    }
  });

  it('cuts long values with an ellipsis', () => {
    assert.strictEqual(escapeMarkdown('a'.repeat(4_000_000)).length, 200);
    assert.ok(escapeMarkdown('a'.repeat(300)).endsWith('…'));
  });

  it('builds command links whose arguments cannot end the link', () => {
    const link = commandLink('Show in Cluster View', 'kubeAnatomy.showClusterView', { name: 'a)](http://evil.example) [x' });
    assert.match(link, /^\[Show in Cluster View\]\(command:kubeAnatomy\.showClusterView\?[^()\s]+\)$/);
    assert.deepStrictEqual(JSON.parse(decodeURIComponent(link.slice(link.indexOf('?') + 1, -1))), [{ name: 'a)](http://evil.example) [x' }]);
  });
});

import assert from 'node:assert/strict';
import { displayText, MAX_DISPLAY } from '../../../src/core/display';
import { WorkspaceCluster } from '../../../src/core/live/workspaceCluster';
import { parseManifests } from '../../../src/core/manifests';
import { runCli } from './helpers';

const POD = (name: string): string => `apiVersion: v1
kind: Pod
metadata:
  name: ${JSON.stringify(name)}
spec:
  containers: [{name: c, image: nginx}]
`;

describe('output hygiene (display.ts)', () => {
  it('escapes control characters and text-reordering characters, keeps the rest', () => {
    assert.equal(displayText('a\u001b[31mred\u0007'), 'a\\u001b[31mred\\u0007');
    assert.equal(displayText('one\ntwo\r\tthree'), 'one\\ntwo\\r\\tthree');
    assert.equal(displayText('rtl\u202eevil\u2028x'), 'rtl\\u202eevil\\u2028x');
    assert.equal(displayText('é/ü 日本 \\n'), 'é/ü 日本 \\n');
  });

  it('cuts long values with an ellipsis and the length, and is idempotent', () => {
    const huge = 'x'.repeat(4 * 1024 * 1024);
    const shown = displayText(huge);
    assert.ok(shown.length <= MAX_DISPLAY);
    assert.match(shown, /^x+… \(4194304 characters\)$/);
    assert.equal(displayText(shown), shown);
    const escaped = displayText('\u0001'.repeat(2000));
    assert.ok(escaped.length <= MAX_DISPLAY && escaped.endsWith('… (2000 characters)'));
  });

  it('CLI: an error quoting a name with ESC and a newline stays one escaped line', () => {
    const r = runCli(['simulate', 'a.yaml'], { 'a.yaml': POD('\u001b[31mweb\nfake.yaml:1:1: forged') });
    assert.equal(r.code, 1);
    assert.ok(!r.err.includes('\u001b'), r.err);
    const lines = r.err.trimEnd().split('\n');
    assert.equal(lines.length, 1, r.err);
    assert.match(lines[0], /^a\.yaml:\d+:\d+: .*\\u001b\[31mweb\\nfake\.yaml/);
  });

  it('CLI: a 4 MB name is not echoed whole', () => {
    const r = runCli(['simulate', 'a.yaml'], { 'a.yaml': POD('a'.repeat(4 * 1024 * 1024)) });
    assert.equal(r.code, 1);
    assert.ok(r.err.length < 4 * MAX_DISPLAY, `stderr is ${r.err.length} characters`);
    assert.match(r.err, /… \(\d+ characters\)/);
  });

  it('CLI: table cells and file names are escaped too', () => {
    const r = runCli(['simulate', 'we\u001bird.yaml'], { 'we\u001bird.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {containers: [{name: c, image: "nginx\\u001b[2J"}]}\n' });
    assert.ok(!(r.out + r.err).includes('\u001b'));
  });

  it('live diagnostics are escaped as well', () => {
    const ws = new WorkspaceCluster();
    const state = ws.sync([{ uri: 'file:///a.yaml', text: POD('bad\u001bname') }]);
    const messages = state.diagnostics['file:///a.yaml'].map((d) => d.message);
    assert.ok(messages.length > 0);
    for (const m of messages) assert.ok(!m.includes('\u001b'), m);
  });
});

describe('stream: kubectl splits on --- lines before parsing', () => {
  it('an unterminated quoted string does not swallow the documents after it', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: broken}\ndata:\n  a: "unterminated\n---\n' + POD('after') + '--- # a comment\n' + POD('third');
    const r = parseManifests(text, 'a.yaml');
    assert.deepEqual(r.objects.map((o) => o.object.metadata.name), ['after', 'third']);
    assert.equal(r.objects[0].range.start.line, 7, 'positions stay absolute');
    assert.ok(r.diagnostics.some((d) => d.severity === 'error' && /quote/i.test(d.message)));
    const cli = runCli(['simulate', 'a.yaml'], { 'a.yaml': text });
    assert.match(cli.out, /pod\/after\s+1\/1\s+Running/);
    assert.match(cli.out, /pod\/third\s+1\/1\s+Running/);
  });

  it('an unterminated flow mapping does not either', () => {
    const r = parseManifests('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\n---\n' + POD('after'), 'a.yaml');
    assert.deepEqual(r.objects.map((o) => o.object.metadata.name), ['after']);
  });
});

import assert from 'node:assert/strict';
import { WorkspaceCluster } from '../../../src/core/live/workspaceCluster';
import { DiagnosticCode, MAX_SIMULATED_NODES, parseManifests } from '../../../src/core/manifests';
import { kindConfigOverLimit } from '../../../src/core/manifests/kindConfig';

const KIND = (n: number): string => 'apiVersion: kind.x-k8s.io/v1alpha4\nkind: Cluster\nnodes:\n' + '- role: worker\n'.repeat(n - 1) + '- role: control-plane\n';
const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\n';

describe('the node limit of a kind config, before parsing (manifest layer)', () => {
  it('a config at the limit parses to its object; one node more is an error at that node, and no object', () => {
    const at = parseManifests(KIND(MAX_SIMULATED_NODES), 'k.yaml');
    assert.equal(at.objects.length, 1);
    assert.deepEqual(at.diagnostics, []);
    const over = parseManifests(KIND(MAX_SIMULATED_NODES + 1), 'k.yaml');
    assert.equal(over.objects.length, 0);
    assert.equal(over.skipped, undefined, 'a refusal, not an empty file');
    assert.equal(over.diagnostics.length, 1);
    const [d] = over.diagnostics;
    assert.equal(d?.code, DiagnosticCode.tooManyKindNodes);
    assert.equal(d?.severity, 'error');
    assert.deepEqual(d?.range.start, { line: 3 + MAX_SIMULATED_NODES + 1, column: 1 });
    assert.match(d?.message ?? '', /^kind Cluster config: 20001 nodes is more than the simulator's limit of 20000 /);
  });

  it('refuses 100,000 nodes without parsing them: an error deep in the nodes is never seen (npm run bench times it)', () => {
    const lines = KIND(100_001).split('\n');
    lines[60_000] = '- role: [worker';
    lines[80_000] = '- {role: worker';
    const r = parseManifests(lines.join('\n'), 'k.yaml');
    assert.deepEqual(r.diagnostics.map((d) => d.code), [DiagnosticCode.tooManyKindNodes], 'no YAML syntax error: the document was not parsed');
    assert.match(r.diagnostics[0]?.message ?? '', /^kind Cluster config: 100001 nodes/);
  });

  it('the other documents of the file are read, at their own lines; comments around the config do not make it "empty"', () => {
    const text = CM + '---\n' + KIND(MAX_SIMULATED_NODES + 1) + '---\n' + CM.replace('cfg', 'two') + '---\n' + CM.replace('cfg', 'three') + 'bad: [\n';
    const r = parseManifests(text, 'k.yaml');
    const third = 3 + 1 + 3 + (MAX_SIMULATED_NODES + 1) + 1 + 1;
    assert.deepEqual(r.objects.map((o) => [o.object.metadata.name, o.documentIndex, o.range.start.line]), [['cfg', 0, 1], ['two', 2, third]], 'indices and lines as in the file');
    const last = r.diagnostics.find((d) => d.code !== DiagnosticCode.tooManyKindNodes);
    assert.equal(last && text.slice(last.range.startOffset, last.range.startOffset + 4), '', 'offsets are those of the text: the end of the file');
    const syntax = r.diagnostics.find((d) => d.code === DiagnosticCode.yamlSyntax);
    assert.equal(syntax?.range.start.line, text.split('\n').length, 'the unclosed [ of the third document, at the end of the file');
    const alone = parseManifests('# a comment\n' + KIND(MAX_SIMULATED_NODES + 1) + '---\n# the end\n', 'k.yaml');
    assert.equal(alone.skipped, undefined);
    assert.deepEqual(alone.diagnostics.map((d) => d.code), [DiagnosticCode.tooManyKindNodes]);
  });

  it('refuses a config that is its own piece of the stream; one sharing it (after `...`) is left to the full parse', () => {
    assert.equal(kindConfigOverLimit(KIND(3), 2)?.at, KIND(3).indexOf('- role: control-plane'));
    assert.ok(kindConfigOverLimit('a: 1\n---\n' + KIND(3), 2));
    assert.equal(kindConfigOverLimit('a: 1\n...\n' + KIND(3), 2), null);
  });

  it('the live cluster shows the refusal as a diagnostic and runs on the default topology', function () {
    this.timeout(60_000);
    const c = new WorkspaceCluster();
    const s = c.sync([{ uri: 'file:///kind.yaml', text: KIND(MAX_SIMULATED_NODES + 1) }]);
    const diags = s.diagnostics['file:///kind.yaml'] ?? [];
    assert.ok(diags.some((d) => d.code === DiagnosticCode.tooManyKindNodes && d.range.start.line === 3 + MAX_SIMULATED_NODES + 1), JSON.stringify(diags).slice(0, 300));
    assert.ok(s.view.nodes.length < 10, `${s.view.nodes.length} nodes`);
  });
});

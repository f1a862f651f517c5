import * as assert from 'assert';
import { parseManifests, DiagnosticCode } from '../../../src/core/manifests';
import { at, deployment, withCode, yaml } from './helpers';

describe('manifests: parseManifests', () => {
  it('returns an object per document with its document index and 1-based range', () => {
    const text = `${deployment('a')}---\n${deployment('b')}`;
    const r = parseManifests(text, 'app.yaml');
    assert.deepStrictEqual(r.diagnostics, []);
    assert.deepStrictEqual(r.objects.map((o) => [o.object.metadata.name, o.documentIndex, o.file]), [['a', 0, 'app.yaml'], ['b', 1, 'app.yaml']]);
    assert.deepStrictEqual(r.objects[1].range.start, { line: 19, column: 1 });
    assert.strictEqual(r.skipped, undefined);
  });

  it('keeps the valid documents when one document has broken YAML, and reports where it broke', () => {
    const text = yaml`
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: first}
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: broken
         labels: x
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: third}
    `;
    const r = parseManifests(text, 'mixed.yaml');
    assert.deepStrictEqual(r.objects.map((o) => [o.object.metadata.name, o.documentIndex]), [['first', 0], ['third', 2]]);
    const errors = withCode(r, DiagnosticCode.yamlSyntax);
    assert.ok(errors.length >= 1);
    assert.strictEqual(errors[0].file, 'mixed.yaml');
    assert.strictEqual(errors[0].severity, 'error');
    assert.strictEqual(at(errors[0]), '8:9');
    assert.match(errors[0].message, /^YAML syntax error: .+/);
  });

  it('reports an unclosed flow sequence with its line and still reads the next documents', () => {
    const text = 'a: [1, 2\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: ok}\n';
    const r = parseManifests(text, 'f.yaml');
    assert.deepStrictEqual(r.objects.map((o) => o.object.kind), ['Namespace']);
    const [err] = withCode(r, DiagnosticCode.yamlSyntax);
    assert.ok(err.range.start.line <= 2, at(err));
    assert.match(err.message, /Flow sequence/);
  });

  it('squiggles a stray quote on its own line, not the rest of the file it would open', () => {
    // `replicas: "five""` as an editor's auto-closed quote leaves it: yaml's error spans to the end of the file.
    const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: "five""\n  selector: {}\n  template: {}\n';
    const [err] = withCode(parseManifests(text, 'f.yaml'), DiagnosticCode.yamlSyntax);
    assert.deepStrictEqual([err.range.start, err.range.end], [{ line: 5, column: 19 }, { line: 5, column: 20 }], at(err));
    assert.match(err.message, /Unexpected double-quoted-scalar/);
  });

  it('keyRange gives the range of the value at a path, through pod templates and lists', () => {
    const text = deployment('web');
    const [o] = parseManifests(text, 'd.yaml').objects;
    const r = o.keyRange(['spec', 'replicas']);
    assert.ok(r);
    assert.deepStrictEqual([r.start, r.end], [{ line: 6, column: 13 }, { line: 6, column: 14 }]);
    assert.strictEqual(text.slice(r.startOffset, r.endOffset), '2');
    const image = o.keyRange(['spec', 'template', 'spec', 'containers', 0, 'image']);
    assert.strictEqual(image && text.slice(image.startOffset, image.endOffset), 'nginx:1.27');
    assert.strictEqual(o.keyRange(['spec', 'nope']), undefined);
    assert.strictEqual(o.keyRange(['spec', 'template', 'spec', 'containers', 3]), undefined);
  });

  it('keyRange follows aliases and merge keys', () => {
    const text = yaml`
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: m
        labels: &l {app: web}
        annotations:
          <<: *l
          note: hi
    `;
    const [o] = parseManifests(text, 'm.yaml').objects;
    assert.deepStrictEqual(o.object.metadata.annotations, { app: 'web', note: 'hi' });
    const r = o.keyRange(['metadata', 'annotations', 'app']);
    assert.strictEqual(r && text.slice(r.startOffset, r.endOffset), 'web');
  });

  it('expands List kinds into their items, each with its own ranges', () => {
    const text = yaml`
      apiVersion: v1
      kind: List
      items:
      - apiVersion: v1
        kind: ConfigMap
        metadata: {name: one}
      - apiVersion: v1
        kind: Secret
        metadata: {name: two}
    `;
    const r = parseManifests(text, 'l.yaml');
    assert.deepStrictEqual(r.objects.map((o) => [o.object.kind, o.documentIndex]), [['ConfigMap', 0], ['Secret', 0]]);
    assert.strictEqual(r.objects[1].range.start.line, 7);
    const name = r.objects[1].keyRange(['metadata', 'name']);
    assert.strictEqual(name && text.slice(name.startOffset, name.endOffset), 'two');
  });

  it('expands *List kinds such as PodList', () => {
    const text = 'apiVersion: v1\nkind: PodList\nitems:\n- {apiVersion: v1, kind: Pod, metadata: {name: p}}\n';
    assert.deepStrictEqual(parseManifests(text, 'p.yaml').objects.map((o) => o.object.kind), ['Pod']);
  });

  it('does not apply a default namespace', () => {
    const [o] = parseManifests(deployment('web'), 'd.yaml').objects;
    assert.strictEqual(o.object.metadata.namespace, undefined);
  });

  it('accepts generateName instead of name', () => {
    const r = parseManifests('apiVersion: batch/v1\nkind: Job\nmetadata: {generateName: run-}\n', 'j.yaml');
    assert.deepStrictEqual([r.objects.length, r.diagnostics.length], [1, 0]);
  });

  it('stores unknown kinds without complaint (the engine marks them as not simulated)', () => {
    const r = parseManifests('apiVersion: example.com/v1\nkind: CronTab\nmetadata: {name: c}\n', 'c.yaml');
    assert.deepStrictEqual([r.objects.length, r.diagnostics.length], [1, 0]);
  });

  it('reports a duplicate key at its second occurrence', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: d}\ndata:\n  a: "1"\n  b: "2"\n  a: "3"\n';
    const r = parseManifests(text, 'd.yaml');
    const [dup] = withCode(r, DiagnosticCode.duplicateKey);
    assert.strictEqual(dup.severity, 'error');
    assert.strictEqual(dup.message.startsWith('duplicate key "a"'), true);
    assert.strictEqual(at(dup), '7:3');
  });

  it('skips an empty or comment-only file with a reason', () => {
    const r = parseManifests('# nothing here\n\n', 'e.yaml');
    assert.match(r.skipped?.reason ?? '', /^empty/);
    assert.strictEqual(parseManifests('', 'e.yaml').objects.length, 0);
  });

  it('gives the same positions for CRLF line endings and a byte-order mark', () => {
    const text = '\uFEFFapiVersion: apps/v1\r\nkind: Deployment\r\nmetadata: {name: d}\r\nspec:\r\n  replicas: 50000\r\n';
    const [d] = withCode(parseManifests(text, 'crlf.yaml'), DiagnosticCode.countCapped);
    assert.deepStrictEqual([at(d), text.slice(d.range.startOffset, d.range.endOffset)], ['5:13', '50000']);
  });

  it('parses a 50-object workspace, one object per file', () => {
    // Its speed is a budget in `npm run bench` (the teaching-sized workspace), not a timed unit test.
    const files = Array.from({ length: 50 }, (_, i) => deployment(`web-${i}`));
    const names = files.flatMap((t, i) => parseManifests(t, `w${i}.yaml`).objects.map((o) => o.object.metadata.name));
    assert.deepStrictEqual(names, files.map((_, i) => `web-${i}`));
  });

  it('never throws on odd input', () => {
    for (const text of ['\u0000', '? [a]\n: b', '!!binary x', '*undefined', '- - -', '%YAML 9.9\n---\na: 1', ': :', '"\\', '\t\tx: 1']) {
      assert.doesNotThrow(() => parseManifests(text, 'odd.yaml'), text);
    }
  });
});

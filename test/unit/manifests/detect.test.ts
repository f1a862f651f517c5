import * as assert from 'assert';
import { parseManifests, DiagnosticCode } from '../../../src/core/manifests';
import { deployment, withCode, yaml } from './helpers';

describe('manifests: non-Kubernetes YAML and templates', () => {
  it('skips a GitHub Actions workflow and says what it looks like', () => {
    const text = yaml`
      name: ci
      on: [push]
      jobs:
        test:
          runs-on: ubuntu-latest
          steps: [{run: npm test}]
    `;
    const r = parseManifests(text, '.github/workflows/ci.yml');
    assert.strictEqual(r.skipped?.reason, 'not a Kubernetes manifest: no document has apiVersion and kind (looks like a GitHub Actions workflow)');
    assert.deepStrictEqual([r.objects.length, r.diagnostics.length], [0, 0]);
  });

  const shapes: [string, string, string][] = [
    ['.travis.yml', 'language: node_js\nnode_js: [20]\nscript: npm test\n', 'a Travis CI config'],
    ['docker-compose.yml', 'services:\n  web:\n    image: nginx\n', 'a Docker Compose file'],
    ['Chart.yaml', 'apiVersion: v2\nname: web\nversion: 0.1.0\n', 'a Helm Chart.yaml'],
    ['chart/values.yaml', 'replicaCount: 1\nimage: {repository: nginx}\n', 'a Helm values file'],
    ['.gitlab-ci.yml', 'stages: [build]\nbuild:\n  script: make\n', 'a GitLab CI config'],
  ];
  for (const [file, text, shape] of shapes) {
    it(`recognises ${shape}`, () => {
      assert.strictEqual(parseManifests(text, file).skipped?.reason, `not a Kubernetes manifest: no document has apiVersion and kind (looks like ${shape})`);
    });
  }

  it('skips an unknown non-Kubernetes YAML file with the generic reason', () => {
    assert.strictEqual(parseManifests('cluster_name: x\nnum_tokens: 256\n', 'cassandra.yaml').skipped?.reason,
      'not a Kubernetes manifest: no document has apiVersion and kind');
  });

  it('in a mixed file, warns about the non-Kubernetes document and does not return it', () => {
    const text = `${deployment('web')}---\nfoo: bar\nbaz: 1\n`;
    const r = parseManifests(text, 'mixed.yaml');
    assert.strictEqual(r.skipped, undefined);
    assert.deepStrictEqual(r.objects.map((o) => o.object.kind), ['Deployment']);
    const [w] = withCode(r, DiagnosticCode.notKubernetes);
    assert.strictEqual(w.severity, 'warning');
    assert.strictEqual(w.range.start.line, 19);
  });

  it('does not skip a file whose only document is broken Kubernetes YAML', () => {
    const r = parseManifests('apiVersion: v1\nkind: Pod\nmetadata: {name: p\n', 'p.yaml');
    assert.strictEqual(r.skipped, undefined);
    assert.ok(withCode(r, DiagnosticCode.yamlSyntax).length > 0);
  });

  it('skips a Helm template whose actions break the YAML', () => {
    const text = yaml`
      {{- if .Values.enabled }}
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: {{ include "app.fullname" . }}
      spec:
        replicas: {{ .Values.replicaCount }}
      {{- end }}
    `;
    const r = parseManifests(text, 'templates/deployment.yaml');
    assert.strictEqual(r.skipped?.reason, 'Helm/Go template: render it with `helm template` first');
    assert.deepStrictEqual([r.objects.length, r.diagnostics.length], [0, 0]);
  });

  it('skips a file with template actions even where the YAML stays valid', () => {
    const r = parseManifests('apiVersion: v1\nkind: Pod\nmetadata:\n  name: tablet-{{uid}}\n', 'pod-template.yaml');
    assert.strictEqual(r.skipped?.reason, 'Helm/Go template: render it with `helm template` first');
  });

  it('does not treat {{ }} inside quoted strings, block scalars or comments as templates', () => {
    const text = yaml`
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: alerts # {{ not a template }}
        annotations: {summary: "{{ $labels.instance }} is down"}
      data:
        tmpl: |
          {{ define "slack.title" }}{{ .Status }}{{ end }}
    `;
    const r = parseManifests(text, 'cm.yaml');
    assert.strictEqual(r.skipped, undefined);
    assert.deepStrictEqual([r.objects.length, r.diagnostics.length], [1, 0]);
  });

  it('keeps a manifest whose command-line flag holds a Go template, with a warning', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    args:\n    - --format={{.Name}}\n';
    const r = parseManifests(text, 'p.yaml');
    assert.strictEqual(r.objects.length, 1);
    const [w] = withCode(r, DiagnosticCode.templateAction);
    assert.strictEqual(w.severity, 'warning');
    assert.strictEqual(w.range.start.line, 8);
  });
});

import * as assert from 'assert';
import { DecodeCode } from '../../../src/core/api';
import { parseManifests, DiagnosticCode, MAX_SIMULATED_COUNT } from '../../../src/core/manifests';
import type { ParseResult } from '../../../src/core/manifests';
import { at, withCode, yaml } from './helpers';

/** The text a diagnostic points at. */
function pointed(text: string, r: ParseResult, code: string): string[] {
  return withCode(r, code).map((d) => text.slice(d.range.startOffset, d.range.endOffset));
}

const POD_SPEC = `containers:
- name: app
  image: busybox
  resources:
    requests: {cpu: "1.5.3", memory: 64Mi}
    limits: {memory: 1Gi}`;

function indent(text: string, n: number): string {
  return text.split('\n').map((l) => ' '.repeat(n) + l).join('\n');
}

/** Each workload kind with its pod template at the right place. */
const WORKLOADS: Record<string, string> = {
  Pod: `apiVersion: v1\nkind: Pod\nmetadata: {name: w}\nspec:\n${indent(POD_SPEC, 2)}\n`,
  Deployment: `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: w}\nspec:\n  template:\n    spec:\n${indent(POD_SPEC, 6)}\n`,
  ReplicaSet: `apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: w}\nspec:\n  template:\n    spec:\n${indent(POD_SPEC, 6)}\n`,
  StatefulSet: `apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: w}\nspec:\n  template:\n    spec:\n${indent(POD_SPEC, 6)}\n`,
  DaemonSet: `apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: w}\nspec:\n  template:\n    spec:\n${indent(POD_SPEC, 6)}\n`,
  Job: `apiVersion: batch/v1\nkind: Job\nmetadata: {name: w}\nspec:\n  template:\n    spec:\n${indent(POD_SPEC, 6)}\n`,
  CronJob: `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: w}\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n${indent(POD_SPEC, 10)}\n`,
};

describe('manifests: validation', () => {
  for (const [kind, text] of Object.entries(WORKLOADS)) {
    it(`finds an invalid quantity in the pod template of a ${kind} (when decoding, as resource.Quantity does)`, () => {
      const r = parseManifests(text, 'w.yaml');
      const [d] = withCode(r, DecodeCode.invalidValue);
      assert.strictEqual(d.severity, 'error');
      assert.match(d.message, /^invalid quantity "1\.5\.3": quantities must match the regular expression/);
      assert.deepStrictEqual(pointed(text, r, DecodeCode.invalidValue), ['"1.5.3"']);
      assert.strictEqual(r.objects.length, 0, 'an object the API server would reject is not returned');
    });
  }

  it('finds invalid quantities in Node capacity and allocatable: unparseable when decoding, negative when validating', () => {
    const text = 'apiVersion: v1\nkind: Node\nmetadata: {name: n1}\nstatus:\n  capacity: {cpu: "4", memory: 8Gx}\n  allocatable: {cpu: -1}\n';
    const r = parseManifests(text, 'n.yaml');
    // The API server stops at the decode error: validation (the negative value) never runs.
    assert.deepStrictEqual(r.diagnostics.map((d) => [d.code, at(d), text.slice(d.range.startOffset, d.range.endOffset)]), [[DecodeCode.invalidValue, '5:32', '8Gx']]);
    const negative = 'apiVersion: v1\nkind: Node\nmetadata: {name: n1}\nstatus:\n  allocatable: {cpu: -1}\n';
    assert.deepStrictEqual(withCode(parseManifests(negative, 'n.yaml'), DiagnosticCode.invalidQuantity).map(at), ['5:22']);
  });

  it('accepts valid quantities written as numbers or strings', () => {
    const text = 'apiVersion: v1\nkind: Node\nmetadata: {name: n1}\nstatus:\n  capacity: {cpu: 4, memory: "8Gi", pods: 110, ephemeral-storage: 1e11}\n';
    assert.deepStrictEqual(parseManifests(text, 'n.yaml').diagnostics, []);
  });

  it('reports a request above its limit', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    resources: {requests: {cpu: "2"}, limits: {cpu: 500m}}\n';
    const r = parseManifests(text, 'p.yaml');
    assert.deepStrictEqual(pointed(text, r, DiagnosticCode.requestOverLimit), ['"2"']);
  });

  for (const [value, code, why] of [
    ['-1', DiagnosticCode.invalidCount, /greater than or equal to 0/],
    ['1.5', DecodeCode.typeError, /^json: cannot unmarshal number 1\.5 into Go struct field DeploymentSpec\.spec\.replicas of type int32$/],
    ['"3"', DecodeCode.typeError, /^json: cannot unmarshal string into Go struct field DeploymentSpec\.spec\.replicas of type int32$/],
  ] as const) {
    it(`rejects replicas: ${value}`, () => {
      const text = `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  replicas: ${value}\n`;
      const r = parseManifests(text, 'd.yaml');
      const [d] = withCode(r, code);
      assert.strictEqual(d.severity, 'error');
      assert.match(d.message, why);
      assert.strictEqual(at(d), '5:13');
      assert.strictEqual(r.objects.length, 0);
    });
  }

  it('caps absurd replicas with a warning and returns the capped object', () => {
    const text = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: s}\nspec:\n  replicas: 50000\n';
    const r = parseManifests(text, 's.yaml');
    const [w] = withCode(r, DiagnosticCode.countCapped);
    assert.strictEqual(w.severity, 'warning');
    assert.strictEqual(at(w), '5:13');
    assert.strictEqual((r.objects[0].object.spec as { replicas: number }).replicas, MAX_SIMULATED_COUNT);
  });

  it('checks Job and CronJob completions and parallelism', () => {
    const job = 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  completions: -2\n  parallelism: 20000\n';
    assert.deepStrictEqual(parseManifests(job, 'j.yaml').diagnostics.map((d) => [d.code, at(d)]),
      [[DiagnosticCode.invalidCount, '5:16'], [DiagnosticCode.countCapped, '6:16']]);
    const cron = 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  jobTemplate:\n    spec: {parallelism: 0.5}\n';
    assert.deepStrictEqual(parseManifests(cron, 'c.yaml').diagnostics.map((d) => [d.code, at(d)]), [[DecodeCode.typeError, '6:25']]);
  });

  it('requires metadata.name (or generateName), pointing at metadata', () => {
    const r = parseManifests('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels: {a: b}\n', 'c.yaml');
    const [d] = withCode(r, DiagnosticCode.missingName);
    assert.strictEqual([d.severity, at(d)].join(' '), 'error 4:3');
    assert.strictEqual(r.objects.length, 0);
  });

  it('requires metadata itself', () => {
    const r = parseManifests('apiVersion: v1\nkind: ConfigMap\n', 'c.yaml');
    assert.deepStrictEqual(withCode(r, DiagnosticCode.missingName).map(at), ['2:7']);
  });

  it('rejects names that are not DNS-1123 subdomains, citing the rule', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: My_Config}\n';
    const r = parseManifests(text, 'c.yaml');
    const [d] = withCode(r, DiagnosticCode.invalidName);
    assert.strictEqual(d.severity, 'error');
    assert.match(d.message, /invalid name "My_Config": a lowercase RFC 1123 subdomain/);
    assert.deepStrictEqual(pointed(text, r, DiagnosticCode.invalidName), ['My_Config']);
  });

  it('uses the RFC 1035 label rule for Services and RFC 1123 labels for namespaces', () => {
    const svc = parseManifests('apiVersion: v1\nkind: Service\nmetadata: {name: 1web, namespace: a.b}\n', 's.yaml');
    const messages = withCode(svc, DiagnosticCode.invalidName).map((d) => d.message);
    assert.strictEqual(messages.length, 2);
    assert.ok(messages[0].startsWith('invalid name "1web": a DNS-1035 label must'), messages[0]);
    assert.ok(messages[1].startsWith('invalid namespace "a.b": a lowercase RFC 1123 label'), messages[1]);
    const long = parseManifests(`apiVersion: v1\nkind: Namespace\nmetadata: {name: ${'a'.repeat(64)}}\n`, 'n.yaml');
    assert.match(withCode(long, DiagnosticCode.invalidName)[0].message, /no more than 63 characters/);
  });

  it('allows colons in RBAC names and only warns for unknown kinds', () => {
    assert.deepStrictEqual(parseManifests('apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: "system:aggregate-to-view"}\n', 'r.yaml').diagnostics, []);
    const r = parseManifests('apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: Big}\n', 'w.yaml');
    assert.deepStrictEqual(r.diagnostics.map((d) => d.severity), ['warning']);
    assert.strictEqual(r.objects.length, 1);
  });

  it('rejects a kind that is not a string, and a missing apiVersion', () => {
    const text = 'apiVersion: v1\nkind: [Pod]\nmetadata: {name: p}\n';
    const r = parseManifests(text, 'p.yaml');
    const [d] = withCode(r, DiagnosticCode.missingKind);
    assert.match(d.message, /kind must be a string, got a list/);
    assert.strictEqual(at(d), '2:7');
    assert.deepStrictEqual(withCode(parseManifests('kind: Pod\nmetadata: {name: p}\n', 'p.yaml'), DiagnosticCode.missingApiVersion).length, 1);
  });

  it('rejects label values that are not strings (an unquoted version number), as the API server decodes them', () => {
    const text = yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: d}
      spec:
        template:
          metadata:
            labels: {app: web, version: 1.0}
    `;
    const r = parseManifests(text, 'd.yaml');
    const [d] = withCode(r, DecodeCode.typeError);
    assert.match(d.message, /^json: cannot unmarshal number into Go struct field ObjectMeta\.spec\.template\.metadata\.labels of type string \(YAML reads this unquoted value as a number: quote it/);
    assert.strictEqual(at(d), '7:35');
  });
});

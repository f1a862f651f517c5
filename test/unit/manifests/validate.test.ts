import * as assert from 'assert';
import { DecodeCode } from '../../../src/core/api';
import { parseManifests, DiagnosticCode, MAX_SIMULATED_COUNT } from '../../../src/core/manifests';
import type { ParseResult } from '../../../src/core/manifests';
import { at, withCode, yaml } from './helpers';
import { WorkspaceCluster } from '../../../src/core/live/workspaceCluster';

/**
 * What the editor shows for a manifest the simulated API server refuses: its message, and the text its
 * range covers (the field the message names first). Semantic rules (names, negative counts, a request
 * above its limit) are the API server's, with kube-apiserver's messages; the manifest layer checks types.
 */
function apiRejection(text: string): { message: string; pointed: string } | undefined {
  const state = new WorkspaceCluster('multi-worker').sync([{ uri: 'file:///w/x.yaml', text }]);
  const d = state.diagnostics['file:///w/x.yaml']?.find((x) => x.code === 'api-rejected');
  return d && { message: d.message, pointed: text.slice(d.range.startOffset, d.range.endOffset) };
}

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

  it('leaves a request above its limit to the API server, which refuses it with its message at the requests', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: nginx\n    resources: {requests: {cpu: "2"}, limits: {cpu: 500m}}\n';
    const r = parseManifests(text, 'p.yaml');
    assert.deepStrictEqual([r.diagnostics, r.objects.length], [[], 1]);
    assert.deepStrictEqual(apiRejection(text), {
      message: 'Pod "p" is invalid: spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 500m',
      pointed: '{cpu: "2"}',
    });
  });

  it('leaves a negative replicas to the API server: `spec.replicas: Invalid value: -1: must be greater than or equal to 0`', () => {
    const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  replicas: -1\n  selector: {matchLabels: {app: d}}\n  template:\n    metadata: {labels: {app: d}}\n    spec: {containers: [{name: c, image: nginx}]}\n';
    assert.deepStrictEqual(parseManifests(text, 'd.yaml').diagnostics, []);
    assert.deepStrictEqual(apiRejection(text), { message: 'Deployment.apps "d" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0', pointed: '-1' });
  });

  for (const [value, code, why] of [
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
    assert.deepStrictEqual(parseManifests(job, 'j.yaml').diagnostics.map((d) => [d.code, at(d)]), [[DiagnosticCode.countCapped, '6:16']], 'a negative completions is the API server\'s to refuse');
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

  it('leaves names to the API server, which cites the rule of each kind with kube-apiserver\'s message', () => {
    const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: My_Config}\n';
    assert.deepStrictEqual(parseManifests(cm, 'c.yaml').diagnostics, []);
    assert.deepStrictEqual(apiRejection(cm), {
      message: 'ConfigMap "My_Config" is invalid: metadata.name: Invalid value: "My_Config": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character (e.g. \'example.com\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\')',
      pointed: 'My_Config',
    });
    const svc = apiRejection('apiVersion: v1\nkind: Service\nmetadata: {name: 1web}\nspec: {ports: [{port: 80}]}\n');
    assert.match(svc?.message ?? '', /^Service "1web" is invalid: metadata\.name: Invalid value: "1web": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character/);
    assert.strictEqual(svc?.pointed, '1web');
    const ns = apiRejection('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: a.b}\n');
    assert.strictEqual(ns?.message, 'namespaces "a.b" not found', 'NamespaceLifecycle refuses it before validation');
    const long = apiRejection(`apiVersion: v1\nkind: Namespace\nmetadata: {name: ${'a'.repeat(64)}}\n`);
    assert.match(long?.message ?? '', /metadata\.name: Invalid value: "a{64}": must be no more than 63 characters/);
    const notString = parseManifests('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: [a]}\n', 'c.yaml');
    assert.deepStrictEqual(withCode(notString, DecodeCode.typeError).map((d) => d.message), ['json: cannot unmarshal array into Go struct field ObjectMeta.metadata.namespace of type string'], 'a type the decoder refuses');
  });

  it('points a Secret\'s data errors at the manifest: a key under stringData, a key the type requires at type', () => {
    const tls = 'apiVersion: v1\nkind: Secret\nmetadata: {name: site}\ntype: kubernetes.io/tls\nstringData:\n  tls.crt: cert\n';
    assert.deepStrictEqual(apiRejection(tls), { message: 'Secret "site" is invalid: data[tls.key]: Required value', pointed: 'kubernetes.io/tls' });
    const badKey = 'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData:\n  bad key: x\n';
    assert.strictEqual(apiRejection(badKey)?.pointed, 'x', 'the entry written under stringData, reported as data[bad key]');
    const annotation = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: t\n  annotations:\n    kubernetes.io/service-account.name: ""\ntype: kubernetes.io/service-account-token\n';
    assert.strictEqual(apiRejection(annotation)?.pointed, '""', 'a bracketed map key with dots and a slash is one key');
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

  it('points an admission plugin\'s refusal at the field it read, not at the whole object', () => {
    const ns = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: strict\n  labels: {pod-security.kubernetes.io/enforce: baseline}\n---\n';
    const psa = apiRejection(`${ns}apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: strict}\nspec:\n  containers:\n  - name: app\n    image: nginx\n    securityContext:\n      privileged: true\n`);
    assert.match(psa?.message ?? '', /violates PodSecurity "baseline:latest": privileged \(container "app"/);
    assert.strictEqual(psa?.pointed, 'true');
    const priority = apiRejection('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  priorityClassName: urgent\n  containers: [{name: app, image: nginx}]\n');
    assert.deepStrictEqual(priority, { message: 'pods "p" is forbidden: no PriorityClass with name urgent was found', pointed: 'urgent' });
    // NamespaceLifecycle: the namespace it names.
    const nowhere = apiRejection('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: nowhere}\ndata: {a: b}\n');
    assert.strictEqual(nowhere?.pointed, 'nowhere');
  });
});

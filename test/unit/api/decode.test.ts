import * as assert from 'assert';
import { base64Error, goNumber, quantityError } from '../../../src/core/api/decode';
import { closest } from '../../../src/core/api/suggest';
import { decodeObject, discover } from '../../../src/core/api';
import { parseManifests } from '../../../src/core/manifests';
import type { ParseResult } from '../../../src/core/manifests';
import { yaml } from '../manifests/helpers';

/** `line:column code message` of each diagnostic, and the text each points at. */
function report(text: string, r: ParseResult): string[] {
  return r.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.code} ${d.message} <${text.slice(d.range.startOffset, d.range.endOffset)}>`);
}

function pod(spec: string, extraMeta = ''): string {
  const indented = spec.split('\n').map((l) => (l ? `  ${l}` : l)).join('\n');
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p${extraMeta}\nspec:\n${indented}\n`;
}

const CONTAINER = 'containers:\n- name: app\n  image: nginx';

describe('api: decoding like kube-apiserver', () => {
  describe('wrong types (Go\'s UnmarshalTypeError)', () => {
    it('nodeSelector: [a, b] is refused with the API server\'s message, at the value', () => {
      const text = pod(`nodeSelector: [a, b]\n${CONTAINER}`);
      const r = parseManifests(text, 'p.yaml');
      assert.deepStrictEqual(report(text, r), [
        '6:17 api-type-error json: cannot unmarshal array into Go struct field PodSpec.spec.nodeSelector of type map[string]string <[a, b]>',
      ]);
      assert.strictEqual(r.objects.length, 0, 'an object that does not decode is not returned');
    });

    it('names the innermost struct and the field path without indexes, in a Deployment', () => {
      const text = yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - name: app
                image: nginx
                ports:
                - containerPort: "80"
      `;
      assert.deepStrictEqual(report(text, parseManifests(text, 'd.yaml')), [
        '13:26 api-type-error json: cannot unmarshal string into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32 <"80">',
      ]);
    });

    it('initContainers: 5 is refused; a block value is reported at its key', () => {
      const text = pod(`initContainers: 5\n${CONTAINER}`);
      assert.deepStrictEqual(report(text, parseManifests(text, 'p.yaml')), [
        '6:19 api-type-error json: cannot unmarshal number into Go struct field PodSpec.spec.initContainers of type []v1.Container <5>',
      ]);
      const block = pod('containers:\n  name: app\n  image: nginx');
      assert.deepStrictEqual(report(block, parseManifests(block, 'p.yaml')), [
        '6:3 api-type-error json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type []v1.Container <containers>',
      ]);
    });

    it('nodeSelectorTerms: 5 is refused', () => {
      const text = pod(`affinity:\n  nodeAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n      nodeSelectorTerms: 5\n${CONTAINER}`);
      assert.deepStrictEqual(report(text, parseManifests(text, 'p.yaml')), [
        '9:28 api-type-error json: cannot unmarshal number into Go struct field NodeSelector.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms of type []v1.NodeSelectorTerm <5>',
      ]);
    });

    it('an item of the wrong type is reported with the item\'s type', () => {
      const text = pod(`containers:\n- 5\n- name: app\n  image: nginx`);
      assert.deepStrictEqual(report(text, parseManifests(text, 'p.yaml')), [
        '7:5 api-type-error json: cannot unmarshal number into Go struct field PodSpec.spec.containers of type v1.Container <5>',
      ]);
    });

    it('names enum and UID types as Go does, and hints at quoting numbers and booleans', () => {
      const text = pod(`restartPolicy: 1\n${CONTAINER}`, '\n  uid: 12\n  labels: {version: 1.0, beta: true}');
      assert.deepStrictEqual(report(text, parseManifests(text, 'p.yaml')), [
        '5:8 api-type-error json: cannot unmarshal number into Go struct field ObjectMeta.metadata.uid of type types.UID (YAML reads this unquoted value as a number: quote it to make it a string)',
        '6:21 api-type-error json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string (YAML reads this unquoted value as a number: quote it to make it a string)',
        '6:32 api-type-error json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.labels of type string (YAML reads this unquoted value as a boolean: quote it to make it a string)',
        '8:18 api-type-error json: cannot unmarshal number into Go struct field PodSpec.spec.restartPolicy of type v1.RestartPolicy (YAML reads this unquoted value as a number: quote it to make it a string)',
      ].map((l, i) => `${l} <${['12', '1.0', 'true', '1'][i]}>`));
    });

    it('resources given as a list are a v1.ResourceList', () => {
      const text = pod('containers:\n- name: app\n  image: nginx\n  resources:\n    limits: [cpu]');
      assert.deepStrictEqual(report(text, parseManifests(text, 'p.yaml')), [
        '10:15 api-type-error json: cannot unmarshal array into Go struct field ResourceRequirements.spec.containers.resources.limits of type v1.ResourceList <[cpu]>',
      ]);
    });
  });

  describe('numbers out of range', () => {
    it('refuses ports beyond int32 and fractions, with the number as Go prints it', () => {
      const text = pod('containers:\n- name: app\n  image: nginx\n  ports:\n  - containerPort: 99999999999\n  - containerPort: 80.5');
      assert.deepStrictEqual(report(text, parseManifests(text, 'p.yaml')), [
        '10:22 api-type-error json: cannot unmarshal number 99999999999 into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32 <99999999999>',
        '11:22 api-type-error json: cannot unmarshal number 80.5 into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32 <80.5>',
      ]);
    });

    it('accepts int32 bounds, and int64 beyond them (activeDeadlineSeconds)', () => {
      const ok = decodeObject({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { activeDeadlineSeconds: 2 ** 40, priority: -2147483648, containers: [{ name: 'a', ports: [{ containerPort: 2147483647 }] }] } });
      assert.deepStrictEqual(ok, []);
      const [f] = decodeObject({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { priority: 2147483648 } });
      assert.match(f.message, /number 2147483648 into Go struct field PodSpec\.spec\.priority of type int32$/);
    });

    it('refuses YAML\'s .inf and .nan, which no JSON number can carry', () => {
      const [a, b] = decodeObject({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { priority: Infinity, activeDeadlineSeconds: NaN } });
      assert.match(a.message, /number Infinity into Go struct field PodSpec\.spec\.priority of type int32$/);
      assert.match(b.message, /number NaN into Go struct field PodSpec\.spec\.activeDeadlineSeconds of type int64$/);
    });

    it('prints floats as Go\'s strconv does', () => {
      assert.deepStrictEqual([1.5, 3, 1e21, 1.5e-7, 1234567.5, 2 ** 63].map(goNumber), ['1.5', '3', '1e+21', '1.5e-07', '1234567.5', '9223372036854775808']);
    });
  });

  describe('int-or-string, quantities, times and bytes', () => {
    it('takes ports and maxSurge as a number or a string, and anything else as a failed int32', () => {
      const ok = decodeObject({
        apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' },
        spec: { strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } }, template: { spec: { containers: [{ name: 'a', livenessProbe: { httpGet: { port: 'http' } } }] } } },
      });
      assert.deepStrictEqual(ok, []);
      const text = yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: d}
        spec:
          strategy:
            rollingUpdate: {maxSurge: [1], maxUnavailable: 0.5}
      `;
      assert.deepStrictEqual(report(text, parseManifests(text, 'd.yaml')), [
        '6:31 api-type-error json: cannot unmarshal array into Go struct field RollingUpdateDeployment.spec.strategy.rollingUpdate.maxSurge of type int32 <[1]>',
        '6:52 api-type-error json: cannot unmarshal number 0.5 into Go struct field RollingUpdateDeployment.spec.strategy.rollingUpdate.maxUnavailable of type int32 <0.5>',
      ]);
    });

    it('parses quantities as resource.Quantity does, with its error', () => {
      const text = pod('containers:\n- name: app\n  image: nginx\n  resources:\n    requests: {cpu: 1 core, memory: 1Kk, ephemeral-storage: [1]}\n    limits: {cpu: 2, memory: 1e3, nvidia.com/gpu: "1"}');
      assert.deepStrictEqual(report(text, parseManifests(text, 'p.yaml')), [
        `10:23 api-invalid-value invalid quantity "1 core": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$' <1 core>`,
        '10:39 api-invalid-value invalid quantity "1Kk": unable to parse quantity\'s suffix <1Kk>',
        `10:63 api-invalid-value invalid quantity "[1]": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$' <[1]>`,
      ]);
      assert.deepStrictEqual(['500m', '1.5', '128Mi', '1e3', '+1', '-1', '1E-3', '.5', ''].map(quantityError), [
        undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined,
        "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
      ]);
    });

    it('parses times as RFC 3339, with time.Parse\'s error', () => {
      const text = pod(`${CONTAINER}`, '\n  creationTimestamp: "2024-13-01T00:00:00Z"\n  deletionTimestamp: yesterday');
      assert.deepStrictEqual(report(text, parseManifests(text, 'p.yaml')), [
        '5:22 api-invalid-value parsing time "2024-13-01T00:00:00Z" as "2006-01-02T15:04:05Z07:00": month out of range <"2024-13-01T00:00:00Z">',
        '6:22 api-invalid-value parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006" <yesterday>',
      ]);
      assert.deepStrictEqual(decodeObject({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', creationTimestamp: '2024-01-02T03:04:05.123+01:00' } }), []);
    });

    it('decodes Secret data as base64, with encoding/base64\'s error offset', () => {
      const text = 'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata:\n  ok: cGFzc3dvcmQ=\n  plain: mypassword\n  bad: "ab!d"\nstringData:\n  plain: mypassword\n';
      assert.deepStrictEqual(report(text, parseManifests(text, 's.yaml')), [
        '6:10 api-invalid-value illegal base64 data at input byte 8 <mypassword>',
        '7:8 api-invalid-value illegal base64 data at input byte 2 <"ab!d">',
      ]);
      const enc = (s: string): number | undefined => base64Error(new TextEncoder().encode(s));
      assert.deepStrictEqual(['', 'YQ==', 'YWI=', 'YWJj', 'YQ=', 'Y===', 'YQ==x', 'YW\nJj'].map(enc), [undefined, undefined, undefined, undefined, 3, 1, 4, undefined]);
    });

    it('lets free-form values through (a ControllerRevision\'s data, a CRD schema\'s default)', () => {
      assert.deepStrictEqual(decodeObject({ apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name: 'r' }, revision: 1, data: { anything: [1, { x: null }] } }), []);
      assert.deepStrictEqual(decodeObject({
        apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'ws.example.com' },
        spec: { group: 'example.com', names: { kind: 'W', plural: 'ws' }, scope: 'Namespaced', versions: [{ name: 'v1', served: true, storage: true,
          schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { size: { type: 'integer', default: 3 } } } } }] },
      }), []);
    });
  });

  describe('unknown fields (kubectl\'s default --validate=strict)', () => {
    it('refuses a misspelt field at its key, with the strict decoding path and the closest field', () => {
      const text = yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, lables: {a: b}}
        spec:
          replica: 3
          template:
            spec:
              containers:
              - name: app
                image: nginx
                imagePullPolicyy: Always
      `;
      const r = parseManifests(text, 'd.yaml');
      assert.deepStrictEqual(report(text, r), [
        '3:23 api-unknown-field strict decoding error: unknown field "metadata.lables" (did you mean "labels"?) <lables>',
        '5:3 api-unknown-field strict decoding error: unknown field "spec.replica" (did you mean "replicas"?) <replica>',
        '11:9 api-unknown-field strict decoding error: unknown field "spec.template.spec.containers[0].imagePullPolicyy" (did you mean "imagePullPolicy"?) <imagePullPolicyy>',
      ]);
      assert.strictEqual(r.objects.length, 0);
    });

    it('is case-sensitive, as sigs.k8s.io/json is', () => {
      const [f] = decodeObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { Name: 'x' } });
      assert.strictEqual(f.message, 'strict decoding error: unknown field "metadata.Name" (did you mean "name"?)');
    });

    it('quotes the field as Go\'s %q does, so a control character in a key never reaches a terminal raw', () => {
      const [f] = decodeObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, 'a\u001b[31m\nb': 1 });
      assert.strictEqual(f.message, 'strict decoding error: unknown field "a\\u001b[31m\\nb"');
    });
  });

  describe('null', () => {
    it('a null field is absent', () => {
      const obj = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', creationTimestamp: null, labels: null }, spec: { nodeSelector: null, containers: [{ name: 'a', resources: null }] }, status: null };
      assert.deepStrictEqual(decodeObject(obj), []);
      assert.deepStrictEqual(obj, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'a' }] } });
    });

    it('a null item is the zero value of its type, as Go leaves it (tolerations with a lone `-`, a null ownerReferences item)', () => {
      const text = pod(`tolerations:\n-\n${CONTAINER}\n  command: [sh, null]\n  env: [~]`, '\n  ownerReferences:\n  - null\n  labels: {a: null}');
      const r = parseManifests(text, 'p.yaml');
      assert.deepStrictEqual(r.diagnostics.filter((d) => d.code.startsWith('api-')), []);
      const o = r.objects[0].object;
      assert.deepStrictEqual(o.metadata, { name: 'p', ownerReferences: [{}], labels: { a: '' } });
      assert.deepStrictEqual(o.spec, { tolerations: [{}], containers: [{ name: 'app', image: 'nginx', command: ['sh', ''], env: [{}] }] });
    });
  });

  describe('enum values (validation\'s Unsupported value)', () => {
    it('refuses a value outside the enum with the supported values in validation\'s order', () => {
      const text = pod('restartPolicy: Sometimes\ncontainers:\n- name: app\n  image: nginx\n  imagePullPolicy: always\n  ports:\n  - {containerPort: 80, protocol: tcp}');
      assert.deepStrictEqual(report(text, parseManifests(text, 'p.yaml')), [
        '6:18 api-unsupported-value spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never" <Sometimes>',
        '10:22 api-unsupported-value spec.containers[0].imagePullPolicy: Unsupported value: "always": supported values: "Always", "IfNotPresent", "Never" <always>',
        '12:37 api-unsupported-value spec.containers[0].ports[0].protocol: Unsupported value: "tcp": supported values: "SCTP", "TCP", "UDP" <tcp>',
      ]);
    });

    it('says Invalid value for selector operators, and checks items of enum lists', () => {
      const text = yaml`
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: c}
        spec:
          accessModes: [ReadWriteOnce, ReadWriteAll]
          selector:
            matchExpressions: [{key: a, operator: Equals}]
      `;
      assert.deepStrictEqual(report(text, parseManifests(text, 'c.yaml')), [
        '5:32 api-unsupported-value spec.accessModes[1]: Unsupported value: "ReadWriteAll": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod" <ReadWriteAll>',
        '7:43 api-unsupported-value spec.selector.matchExpressions[0].operator: Invalid value: "Equals": not a valid selector operator <Equals>',
      ]);
    });

    it('leaves the empty string to defaulting and status to the server', () => {
      assert.deepStrictEqual(decodeObject({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { restartPolicy: '', containers: [] } }), []);
      assert.deepStrictEqual(decodeObject({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, status: { conditions: [] }, spec: { type: 'NodePort' } }), []);
    });
  });

  describe('discovery', () => {
    it('refuses a removed version as kubectl does, naming the served one (apiVersion: v1 on a Deployment)', () => {
      const text = 'apiVersion: v1\nkind: Deployment\nmetadata: {name: web}\n---\napiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: {name: old}\n';
      const r = parseManifests(text, 'd.yaml');
      assert.deepStrictEqual(report(text, r), [
        '1:13 api-no-match no matches for kind "Deployment" in version "v1" (Deployment is served as apps/v1 in v1.33) <v1>',
        '5:13 api-no-match no matches for kind "Deployment" in version "extensions/v1beta1" (Deployment is served as apps/v1 in v1.33) <extensions/v1beta1>',
      ]);
      assert.strictEqual(r.objects.length, 0);
    });

    it('names every served version, and refuses kinds a built-in group does not have', () => {
      assert.deepStrictEqual(discover('autoscaling/v2beta2', 'HorizontalPodAutoscaler'), {
        status: 'no-match', message: 'no matches for kind "HorizontalPodAutoscaler" in version "autoscaling/v2beta2" (HorizontalPodAutoscaler is served as autoscaling/v1 or autoscaling/v2 in v1.33)',
      });
      assert.deepStrictEqual(discover('batch/v1beta1', 'CronJob').status, 'no-match');
      assert.deepStrictEqual(discover('apps/v1', 'Deploymnet'), { status: 'no-match', message: 'no matches for kind "Deploymnet" in version "apps/v1" (did you mean "Deployment"? Deployment is served as apps/v1 in v1.33)' });
      assert.deepStrictEqual(discover('policy/v1beta1', 'PodSecurityPolicy'), { status: 'no-match', message: 'no matches for kind "PodSecurityPolicy" in version "policy/v1beta1"' });
    });

    it('leaves custom resources, tool configs and lists to the layers after it', () => {
      for (const [v, k] of [['example.com/v1', 'Widget'], ['kind.x-k8s.io/v1alpha4', 'Cluster'], ['kubeadm.k8s.io/v1beta3', 'ClusterConfiguration'],
        ['gateway.networking.k8s.io/v1', 'Gateway'], ['example.com/v1', 'Deployment'], ['v1', 'List'], ['apps/v1', 'DeploymentList']]) {
        assert.deepStrictEqual(discover(v, k), { status: 'custom' }, `${v} ${k}`);
      }
      const text = 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {anything: [1, 2]}\n';
      assert.strictEqual(parseManifests(text, 'w.yaml').objects.length, 1);
    });

    it('warns that alpha and beta versions are off by default, and still decodes them', () => {
      const text = 'apiVersion: resource.k8s.io/v1beta1\nkind: DeviceClass\nmetadata: {name: gpu}\nspec: {selectors: 5}\n';
      const r = parseManifests(text, 'dc.yaml');
      assert.deepStrictEqual(report(text, r), [
        '1:13 api-disabled-by-default resource.k8s.io/v1beta1 is a beta API: a v1.33 cluster serves it only when enabled (kube-apiserver --runtime-config=resource.k8s.io/v1beta1=true) <resource.k8s.io/v1beta1>',
        '4:19 api-type-error json: cannot unmarshal number into Go struct field DeviceClassSpec.spec.selectors of type []v1beta1.DeviceSelector <5>',
      ]);
    });
  });

  it('caps the findings of one object at 100', () => {
    const data: Record<string, number> = {};
    for (let i = 0; i < 500; i++) data[`k${i}`] = i;
    assert.strictEqual(decodeObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data }).length, 100);
  });

  it('leaves objects it does not know untouched', () => {
    const obj = { apiVersion: 'example.com/v1', kind: 'Widget', spec: null };
    assert.deepStrictEqual(decodeObject(obj), []);
    assert.deepStrictEqual(obj, { apiVersion: 'example.com/v1', kind: 'Widget', spec: null });
  });
});

describe('api: did you mean', () => {
  it('suggests the closest name only when it is close', () => {
    assert.strictEqual(closest('replica', ['replicas', 'selector']), 'replicas');
    assert.strictEqual(closest('IMAGE', ['image', 'images']), 'image');
    assert.strictEqual(closest('pool', ['pool2', 'fsType']), 'pool2');
    assert.strictEqual(closest('pool', ['volumeName', 'fsType']), undefined);
    assert.strictEqual(closest('ab', ['xy']), undefined);
    assert.strictEqual(closest('x'.repeat(5000), ['image']), undefined);
  });

  it('names a kind written in the wrong case (kind: pod)', () => {
    assert.deepStrictEqual(discover('v1', 'pod'), { status: 'no-match', message: 'no matches for kind "pod" in version "v1" (did you mean "Pod"? Pod is served as v1 in v1.33)' });
  });
});

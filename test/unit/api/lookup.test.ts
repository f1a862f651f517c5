import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import {
  API_VERSION, fieldAt, fieldDoc, fieldInDocument, getModel, kindNames, resolveKind, servedVersions, setApiDocsLoader, typeLabel,
} from '../../../src/core/api';
import { decodeObject } from '../../../src/core/api';
import type { Api, ApiDocs } from '../../../src/core/api';

const DOCS = path.resolve(__dirname, '../../../src/core/api/generated/apiDocs.json');

describe('api: lookups', () => {
  it('is stamped with the API release the simulation models', () => {
    assert.strictEqual(API_VERSION, 'v1.33.0');
  });

  it('knows which group/versions serve each kind in v1.33', () => {
    const list = (kind: string): string[] => servedVersions(kind).map((v) => v.apiVersion);
    assert.deepStrictEqual(list('Deployment'), ['apps/v1']);
    assert.deepStrictEqual(list('HorizontalPodAutoscaler').sort(), ['autoscaling/v1', 'autoscaling/v2']);
    assert.deepStrictEqual(list('CronJob'), ['batch/v1']);
    assert.deepStrictEqual(list('Pod'), ['v1']);
    assert.deepStrictEqual(list('Ingress'), ['networking.k8s.io/v1']);
    assert.deepStrictEqual(list('PodDisruptionBudget'), ['policy/v1']);
    assert.deepStrictEqual(list('Event').sort(), ['events.k8s.io/v1', 'v1']);
    assert.deepStrictEqual(list('PodSecurityPolicy'), [], 'removed in v1.25');
    assert.deepStrictEqual(list('FlowSchema'), ['flowcontrol.apiserver.k8s.io/v1'], 'v1beta3 is no longer served in v1.32+ (stale client-node files are ignored)');
    assert.ok(kindNames().length > 60);
  });

  it('resolves a kind at a version with its model, scope, resource and stability', () => {
    assert.deepStrictEqual(resolveKind('apps/v1', 'Deployment'), {
      kind: 'Deployment', apiVersion: 'apps/v1', group: 'apps', version: 'v1', model: 'V1Deployment', namespaced: true, resource: 'deployments', stability: 'ga',
    });
    assert.strictEqual(resolveKind('v1', 'Node')?.namespaced, false);
    assert.strictEqual(resolveKind('v1', 'Namespace')?.namespaced, false);
    assert.strictEqual(resolveKind('v1', 'Event')?.model, 'CoreV1Event');
    assert.strictEqual(resolveKind('autoscaling/v2', 'HorizontalPodAutoscaler')?.model, 'V2HorizontalPodAutoscaler');
    assert.strictEqual(resolveKind('resource.k8s.io/v1beta1', 'ResourceClaim')?.stability, 'beta');
    assert.strictEqual(resolveKind('extensions/v1beta1', 'Deployment'), undefined);
    assert.strictEqual(resolveKind('v1', 'Deployment'), undefined);
  });

  it('finds the field at a path, through lists and maps, with type, format and Go struct', () => {
    const replicas = fieldAt('apps/v1', 'Deployment', ['spec', 'replicas'])!;
    assert.strictEqual(replicas.field.jsonName, 'replicas');
    assert.deepStrictEqual(replicas.field.type, { kind: 'scalar', scalar: 'int32' });
    assert.strictEqual(replicas.goStruct, 'DeploymentSpec');
    assert.strictEqual(replicas.jsonPath, 'spec.replicas');

    const image = fieldAt('apps/v1', 'Deployment', ['spec', 'template', 'spec', 'containers', 0, 'image'])!;
    assert.strictEqual(image.goStruct, 'Container');
    assert.strictEqual(image.jsonPath, 'spec.template.spec.containers.image');

    const container = fieldAt('v1', 'Pod', ['spec', 'containers', 0])!;
    assert.strictEqual(container.field.jsonName, 'containers');
    assert.strictEqual(container.field.required, true);
    assert.deepStrictEqual(container.valueType, { kind: 'model', model: 'V1Container' });
    assert.strictEqual(typeLabel(container.field.type), '[]Container');

    const cpu = fieldAt('v1', 'Pod', ['spec', 'containers', 0, 'resources', 'requests', 'cpu'])!;
    assert.deepStrictEqual(cpu.valueType, { kind: 'scalar', scalar: 'quantity' });
    assert.strictEqual(typeLabel(cpu.field.type), 'map[string]Quantity');

    assert.deepStrictEqual(fieldAt('apps/v1', 'Deployment', ['spec', 'strategy', 'rollingUpdate', 'maxSurge'])!.valueType, { kind: 'scalar', scalar: 'int-or-string' });
    assert.deepStrictEqual(fieldAt('v1', 'Pod', ['spec', 'restartPolicy'])!.field.enum, ['Always', 'OnFailure', 'Never']);
    assert.strictEqual(fieldAt('v1', 'Pod', ['metadata', 'labels', 'app'])!.field.jsonName, 'labels');
    assert.deepStrictEqual(fieldAt('v1', 'Pod', ['metadata', 'creationTimestamp'])!.valueType, { kind: 'scalar', scalar: 'date-time' });
    assert.deepStrictEqual(fieldAt('v1', 'Secret', ['data', 'x'])!.valueType, { kind: 'scalar', scalar: 'byte' });
    assert.deepStrictEqual(fieldAt('apps/v1', 'ControllerRevision', ['data'])!.valueType, { kind: 'scalar', scalar: 'free-form' });
  });

  it('finds the field at a path of a whole document, through the items of a List', () => {
    const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', spec: { replicas: 1 } };
    assert.strictEqual(fieldInDocument(deployment, ['spec', 'replicas'])?.goStruct, 'DeploymentSpec');
    const list = { apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Service' }, deployment] };
    assert.strictEqual(fieldInDocument(list, ['items', 1, 'spec', 'replicas'])?.jsonPath, 'spec.replicas');
    assert.strictEqual(fieldInDocument(list, ['items', 0, 'spec', 'type'])?.goStruct, 'ServiceSpec');
    assert.strictEqual(fieldInDocument(list, ['items', 5, 'spec']), undefined);
    assert.strictEqual(fieldInDocument({ kind: 'Pod' }, ['spec']), undefined);
    assert.strictEqual(fieldInDocument(null, ['spec']), undefined);
  });

  it('types decoded objects with the generated models', () => {
    const obj: Record<string, unknown> = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { restartPolicy: 'Never', containers: [{ name: 'a', ports: [{ containerPort: 80 }] }] } };
    assert.deepStrictEqual(decodeObject(obj), []);
    const pod = obj as Api.V1Pod;
    const policy: Api.V1PodSpec['restartPolicy'] = pod.spec?.restartPolicy;
    assert.strictEqual(policy, 'Never');
    assert.strictEqual(pod.spec?.containers?.[0].ports?.[0].containerPort, 80);
  });

  it('answers undefined off the schema', () => {
    assert.strictEqual(fieldAt('apps/v1', 'Deployment', ['spec', 'replica']), undefined);
    assert.strictEqual(fieldAt('apps/v1', 'Deployment', ['spec', 'replicas', 'x']), undefined);
    assert.strictEqual(fieldAt('apps/v1', 'Deployment', []), undefined);
    assert.strictEqual(fieldAt('example.com/v1', 'Widget', ['spec']), undefined);
    assert.strictEqual(fieldAt('v1', 'Pod', ['spec', 'containers', 'x']), undefined);
    assert.strictEqual(getModel('NoSuchModel'), undefined);
    assert.strictEqual(getModel('constructor'), undefined);
  });

  it('gives the API description of a field once a docs loader is set, lazily', async () => {
    setApiDocsLoader(undefined);
    assert.strictEqual(await fieldDoc('apps/v1', 'Deployment', ['spec', 'replicas']), undefined, 'no loader, no docs');
    let loads = 0;
    setApiDocsLoader(() => {
      loads++;
      return JSON.parse(fs.readFileSync(DOCS, 'utf8')) as ApiDocs;
    });
    assert.match((await fieldDoc('apps/v1', 'Deployment', ['spec', 'replicas']))!, /^Number of desired pods\./);
    // A field that refers to another model has its own description (from kubernetes-models: client-node drops it).
    assert.match((await fieldDoc('v1', 'Pod', ['spec', 'affinity']))!, /^If specified, the pod's scheduling constraints/);
    assert.match((await fieldDoc('v1', 'Pod', ['spec', 'containers', 0, 'lifecycle', 'postStart']))!, /^PostStart is called immediately after a container is created\. If the handler fails, the container is terminated/);
    assert.match((await fieldDoc('apps/v1', 'Deployment', ['spec', 'template']))!, /^Template describes the pods that will be created\./);
    assert.match((await fieldDoc('v1', 'Pod', ['spec', 'nodeSelector']))!, /NodeSelector is a selector which must be true/);
    assert.strictEqual(loads, 1);
    setApiDocsLoader(undefined);
  });

  it('answers undefined when the docs cannot be read, and tries again on the next hover', async () => {
    let calls = 0;
    setApiDocsLoader(() => {
      calls++;
      if (calls === 1) throw new Error('ENOENT');
      return { apiVersion: 'v1.33.0', source: 'test', models: { V1DeploymentSpec: { replicas: 'How many.' } } };
    });
    assert.strictEqual(await fieldDoc('apps/v1', 'Deployment', ['spec', 'replicas']), undefined);
    assert.strictEqual(await fieldDoc('apps/v1', 'Deployment', ['spec', 'replicas']), 'How many.');
    assert.strictEqual(calls, 2);
    setApiDocsLoader(undefined);
  });
});

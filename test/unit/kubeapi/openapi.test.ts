import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ApiDocs } from '../../../src/core/api';
import { KubeApi, type ApiResponse } from '../../../src/core/kubeapi/api';
import { schemaName } from '../../../src/core/kubeapi/openapi';
import { Simulation } from '../../../src/core/sim';

const docs = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../src/core/api/generated/apiDocs.json'), 'utf8')) as ApiDocs;

interface Schema { description?: string; type?: string; properties?: Record<string, Schema>; required?: string[]; $ref?: string; allOf?: Schema[]; items?: Schema; additionalProperties?: Schema; enum?: string[]; oneOf?: Schema[]; 'x-kubernetes-group-version-kind'?: unknown }
interface Doc { paths: Record<string, Record<string, { 'x-kubernetes-group-version-kind'?: unknown; requestBody?: unknown }>>; components: { schemas: Record<string, Schema> } }

function get(api: KubeApi, url: string): { status: number; json: unknown } {
  const r = api.handle({ method: 'GET', path: url, query: new URLSearchParams() }) as ApiResponse;
  return { status: r.status, json: JSON.parse(r.body) };
}

/** Follows a field path as kubectl explain does: properties, $ref, single allOf, items, additionalProperties. */
function follow(doc: Doc, schema: Schema, fields: readonly string[]): Schema | undefined {
  const resolve = (s: Schema): Schema => {
    if (s.$ref) return doc.components.schemas[s.$ref.replace('#/components/schemas/', '')];
    if (s.allOf?.length === 1 && !s.properties) return resolve(s.allOf[0]);
    if (s.items) return resolve(s.items);
    return s;
  };
  let at: Schema | undefined = schema;
  for (const f of fields) at = at && resolve(at).properties?.[f];
  return at;
}

describe('kubeapi: OpenAPI v3 from the API table (kubectl explain)', () => {
  const api = new KubeApi(Simulation.preset('single-node'), '127.0.0.1:6443', undefined, () => docs);

  it('lists one document per served group/version in the root, each with a hash', () => {
    const root = get(api, '/openapi/v3').json as { paths: Record<string, { serverRelativeURL: string }> };
    assert.match(root.paths['apis/apps/v1'].serverRelativeURL, /^\/openapi\/v3\/apis\/apps\/v1\?hash=[0-9A-F]{32}$/);
    assert.ok(root.paths['api/v1']);
  });

  it('marks the kind schema with its GVK and finds it from the resource path, as explain does', () => {
    const doc = get(api, '/openapi/v3/apis/apps/v1').json as Doc;
    const gvk = doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments'].get['x-kubernetes-group-version-kind'];
    assert.deepStrictEqual(gvk, { group: 'apps', version: 'v1', kind: 'Deployment' });
    const deployment = doc.components.schemas['io.k8s.api.apps.v1.Deployment'];
    assert.deepStrictEqual(deployment['x-kubernetes-group-version-kind'], [gvk]);
    assert.match(deployment.description ?? '', /^Deployment enables declarative updates/);
    // PATCH has no requestBody, so client-side apply keeps its built-in strategic merge (see openapi.ts).
    assert.strictEqual(doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'].patch.requestBody, undefined);
  });

  it('describes deployment.spec.replicas and wraps a described reference in allOf', () => {
    const doc = get(api, '/openapi/v3/apis/apps/v1').json as Doc;
    const deployment = doc.components.schemas['io.k8s.api.apps.v1.Deployment'];
    const replicas = follow(doc, deployment, ['spec', 'replicas']);
    assert.deepStrictEqual([replicas?.type, replicas?.description], ['integer', docs.models.V1DeploymentSpec.replicas]);
    // A field holding a model has its own description (kube-apiserver's OpenAPI v3 writes it beside an allOf $ref).
    assert.deepStrictEqual(doc.components.schemas['io.k8s.api.apps.v1.DeploymentSpec'].properties?.template, {
      allOf: [{ $ref: '#/components/schemas/io.k8s.api.core.v1.PodTemplateSpec' }], description: docs.models.V1DeploymentSpec.template,
    });
    assert.match(docs.models.V1DeploymentSpec.template, /^Template describes the pods that will be created\./);
    const created = doc.components.schemas['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'].properties?.creationTimestamp;
    assert.deepStrictEqual(created?.allOf, [{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Time' }]);
    assert.strictEqual(created?.description, docs.models.V1ObjectMeta.creationTimestamp);
    assert.deepStrictEqual(follow(doc, deployment, ['spec', 'template', 'spec', 'containers', 'imagePullPolicy'])?.enum, ['Always', 'IfNotPresent', 'Never']);
    assert.strictEqual(doc.components.schemas['io.k8s.apimachinery.pkg.util.intstr.IntOrString'].type, undefined, 'no type, so explain prints <IntOrString>');
    assert.deepStrictEqual(doc.components.schemas['io.k8s.api.apps.v1.DeploymentSpec'].required, ['selector', 'template']);
  });

  it('names models after their Go package', () => {
    assert.strictEqual(schemaName('V1PodSpec'), 'io.k8s.api.core.v1.PodSpec');
    assert.strictEqual(schemaName('V1DeploymentSpec'), 'io.k8s.api.apps.v1.DeploymentSpec');
    assert.strictEqual(schemaName('V1ObjectMeta'), 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta');
    assert.strictEqual(schemaName('DiscoveryV1EndpointPort'), 'io.k8s.api.discovery.v1.EndpointPort');
    assert.strictEqual(schemaName('V2HorizontalPodAutoscalerSpec'), 'io.k8s.api.autoscaling.v2.HorizontalPodAutoscalerSpec');
  });

  it('every $ref resolves inside its document', () => {
    for (const gv of ['/openapi/v3/api/v1', '/openapi/v3/apis/apps/v1', '/openapi/v3/apis/batch/v1', '/openapi/v3/apis/autoscaling/v2']) {
      const text = JSON.stringify(get(api, gv).json);
      const doc = JSON.parse(text) as Doc;
      for (const [, ref] of text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)) assert.ok(doc.components.schemas[ref], `${gv}: ${ref}`);
    }
  });

  it('serves the schemas without descriptions when the descriptions cannot be read', () => {
    const bare = new KubeApi(Simulation.preset('single-node'), 'x', undefined, () => { throw new Error('no file'); });
    const doc = get(bare, '/openapi/v3/apis/apps/v1').json as Doc;
    assert.strictEqual(doc.components.schemas['io.k8s.api.apps.v1.Deployment'].description, undefined);
    assert.ok(doc.components.schemas['io.k8s.api.apps.v1.DeploymentSpec'].properties?.replicas);
    assert.strictEqual(get(bare, '/openapi/v3/apis/nope/v1').status, 404);
  });
});

import * as assert from 'node:assert';
import { KubeApi, type ApiResponse } from '../../../src/core/kubeapi/api';
import { leafFields, pathString } from '../../../src/core/kubeapi/fieldManagers';
import { Simulation, type KubeObject } from '../../../src/core/sim';

const APP = (replicas: number, image = 'nginx:1.27'): KubeObject => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'app' },
  spec: { replicas, selector: { matchLabels: { app: 'app' } }, template: { metadata: { labels: { app: 'app' } }, spec: { containers: [{ name: 'web', image }] } } },
});
const URL_APP = '/apis/apps/v1/namespaces/default/deployments/app';

function call(api: KubeApi, method: string, url: string, body: unknown, contentType: string, userAgent = 'kubectl/v1.33.0 (linux/amd64) kubernetes/0000000'): { status: number; json: Record<string, unknown> } {
  const u = new URL(url, 'https://127.0.0.1');
  const r = api.handle({ method, path: u.pathname, query: u.searchParams, contentType, body: JSON.stringify(body), userAgent }) as ApiResponse;
  return { status: r.status, json: JSON.parse(r.body) as Record<string, unknown> };
}
const apply = (api: KubeApi, manager: string, o: KubeObject, force = false): { status: number; json: Record<string, unknown> } =>
  call(api, 'PATCH', `${URL_APP}?fieldManager=${manager}${force ? '&force=true' : ''}`, o, 'application/apply-patch+yaml');
const managers = (o: Record<string, unknown>): string[] => ((o.metadata as { managedFields: { manager: string; operation: string; subresource?: string }[] }).managedFields)
  .map((m) => `${m.manager}:${m.operation}${m.subresource ? ':' + m.subresource : ''}`);

describe('kubeapi: server-side apply field ownership', () => {
  function cluster(): KubeApi {
    const sim = Simulation.preset('single-node');
    return new KubeApi(sim, '127.0.0.1:6443');
  }

  it('an apply changing a field another manager applied is a 409 Conflict with kube-apiserver\'s message and causes', () => {
    const api = cluster();
    assert.strictEqual(apply(api, 'kubectl', APP(2)).status, 201);
    const r = apply(api, 'ci', APP(4));
    assert.strictEqual(r.status, 409);
    assert.strictEqual(r.json.reason, 'Conflict');
    assert.strictEqual(r.json.message, 'Apply failed with 1 conflict: conflict with "kubectl": .spec.replicas');
    assert.deepStrictEqual((r.json.details as { causes: unknown[] }).causes, [{ type: 'FieldManagerConflict', message: 'conflict with "kubectl"', field: '.spec.replicas' }]);
  });

  it('the same value is shared, not a conflict; --force-conflicts takes the field', () => {
    const api = cluster();
    apply(api, 'kubectl', APP(2));
    assert.strictEqual(apply(api, 'ci', APP(2)).status, 200, 'co-owning a field with the same value');
    const forced = apply(api, 'ci', APP(4), true);
    assert.strictEqual(forced.status, 200);
    assert.strictEqual((forced.json.spec as { replicas: number }).replicas, 4);
    const owned = (forced.json.metadata as { managedFields: { manager: string; fieldsV1: { 'f:spec': Record<string, unknown> } }[] }).managedFields;
    assert.strictEqual(owned.find((m) => m.manager === 'kubectl')?.fieldsV1['f:spec']['f:replicas'], undefined, 'kubectl lost .spec.replicas');
    assert.deepStrictEqual(owned.find((m) => m.manager === 'ci')?.fieldsV1['f:spec']['f:replicas'], {});
    // Now kubectl's own apply of the old value conflicts with ci.
    assert.strictEqual(apply(api, 'kubectl', APP(2)).json.message, 'Apply failed with 1 conflict: conflict with "ci": .spec.replicas');
  });

  it('kubectl scale takes .spec.replicas as an Update through the scale subresource, named as printManager names it', () => {
    const api = cluster();
    apply(api, 'kubectl', APP(2));
    const scaled = call(api, 'PATCH', `${URL_APP}/scale`, { spec: { replicas: 5 } }, 'application/merge-patch+json');
    assert.strictEqual(scaled.status, 200);
    const after = call(api, 'GET', URL_APP, undefined, 'application/json').json;
    assert.deepStrictEqual(managers(after), ['kubectl:Apply', 'kubectl:Update:scale']);
    const r = apply(api, 'kubectl', APP(2, 'nginx:1.28'));
    assert.strictEqual(r.json.message, 'Apply failed with 1 conflict: conflict with "kubectl" with subresource "scale" using apps/v1: .spec.replicas');
  });

  it('lists several conflicts by manager', () => {
    const api = cluster();
    apply(api, 'kubectl', APP(2));
    const r = apply(api, 'ci', APP(3, 'nginx:1.28'));
    assert.strictEqual(r.json.message, 'Apply failed with 2 conflicts: conflicts with "kubectl":\n- .spec.replicas\n- .spec.template.spec.containers[name="web"].image');
  });

  it('a client-side write takes the fields it changes from their appliers', () => {
    const api = cluster();
    apply(api, 'kubectl', APP(2));
    const patched = call(api, 'PATCH', `${URL_APP}?fieldManager=kubectl-edit`, { spec: { replicas: 3 } }, 'application/strategic-merge-patch+json');
    assert.deepStrictEqual(managers(patched.json), ['kubectl:Apply', 'kubectl-edit:Update']);
    assert.strictEqual(apply(api, 'kubectl', APP(2)).json.message, 'Apply failed with 1 conflict: conflict with "kubectl-edit" using apps/v1: .spec.replicas');
  });

  it('names leaves as structured-merge-diff prints paths', () => {
    const paths = [...leafFields(APP(1)).values()].map((l) => pathString(l.path));
    assert.ok(paths.includes('.spec.template.spec.containers[name="web"].image'), paths.join(' '));
    assert.ok(!paths.some((p) => p.startsWith('.metadata.name')), 'the name identifies the object; nobody owns it');
  });
});

describe('kubeapi: streaming subresources are refused at once', () => {
  const sim = Simulation.preset('single-node');
  sim.apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
  sim.runUntilSettled();
  const api = new KubeApi(sim, 'x');
  const get = (path: string, method = 'GET'): ApiResponse => api.handle({ method, path, query: new URLSearchParams() }) as ApiResponse;

  for (const [sub, method, words] of [['log', 'GET', /container logs are not simulated/], ['exec', 'POST', /exec is not simulated/], ['attach', 'POST', /attach is not simulated/], ['portforward', 'GET', /port-forward is not simulated/], ['proxy/healthz', 'GET', /proxy is not simulated/]] as const) {
    it(`${method} pods/p/${sub}: 400 BadRequest saying it is not simulated`, () => {
      const r = get(`/api/v1/namespaces/default/pods/p/${sub}`, method);
      const body = JSON.parse(r.body) as { reason: string; message: string };
      assert.deepStrictEqual([r.status, body.reason], [400, 'BadRequest']);
      assert.match(body.message, words);
    });
  }

  it('a missing pod is NotFound first, as kube-apiserver checks', () => {
    const r = get('/api/v1/namespaces/default/pods/nope/log');
    assert.deepStrictEqual([r.status, (JSON.parse(r.body) as { message: string }).message], [404, 'pods "nope" not found']);
    assert.strictEqual(get('/api/v1/namespaces/default/services/kubernetes/exec').status, 404, 'services have no exec');
  });
});

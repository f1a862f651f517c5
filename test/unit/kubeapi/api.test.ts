import * as assert from 'node:assert';
import { KubeApi, shiftTimestamps, type ApiResponse, type WatchStream } from '../../../src/core/kubeapi/api';
import { Simulation, type KubeObject } from '../../../src/core/sim';
import { warningHeader } from '../../../src/cli/serveHttp';

const WEB: KubeObject = {
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', labels: { app: 'web' } },
  spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } },
};
const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';

function cluster(): { sim: Simulation; api: KubeApi } {
  const sim = Simulation.preset('multi-worker');
  sim.apply(WEB);
  sim.runUntilSettled();
  return { sim, api: new KubeApi(sim, '127.0.0.1:6443') };
}

function call(api: KubeApi, method: string, url: string, extra: { accept?: string; contentType?: string; body?: unknown } = {}): { status: number; json: Record<string, unknown> } {
  const u = new URL(url, 'https://127.0.0.1');
  const r = api.handle({ method, path: u.pathname, query: u.searchParams, accept: extra.accept, contentType: extra.contentType ?? 'application/json', body: extra.body === undefined ? undefined : JSON.stringify(extra.body) }) as ApiResponse;
  return { status: r.status, json: r.body ? JSON.parse(r.body) as Record<string, unknown> : {} };
}

describe('kubeapi: the simulated cluster served as the Kubernetes API', () => {
  it('serves discovery: legacy and aggregated', () => {
    const { api } = cluster();
    assert.deepStrictEqual(call(api, 'GET', '/api').json.versions, ['v1']);
    const groups = (call(api, 'GET', '/apis').json.groups as { name: string }[]).map((g) => g.name);
    assert.ok(groups.includes('apps') && groups.includes('batch'));
    const apps = call(api, 'GET', '/apis/apps/v1').json.resources as { name: string; shortNames?: string[] }[];
    assert.deepStrictEqual(apps.find((r) => r.name === 'deployments')?.shortNames, ['deploy']);
    assert.ok(apps.some((r) => r.name === 'deployments/scale'));
    const agg = api.handle({ method: 'GET', path: '/apis', query: new URLSearchParams(), accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json' }) as ApiResponse;
    assert.match(agg.contentType, /as=APIGroupDiscoveryList/);
    assert.strictEqual(call(api, 'GET', '/apis/extensions/v1beta1').status, 404);
  });

  it('lists, gets and prints Tables with kubectl\'s columns', () => {
    const { api } = cluster();
    const list = call(api, 'GET', '/api/v1/namespaces/default/pods?labelSelector=app%3Dweb');
    assert.strictEqual(list.json.kind, 'PodList');
    assert.strictEqual((list.json.items as unknown[]).length, 2);
    const table = call(api, 'GET', '/api/v1/namespaces/default/pods', { accept: TABLE }).json;
    assert.deepStrictEqual((table.columnDefinitions as { name: string; priority: number }[]).map((c) => `${c.name}:${c.priority}`),
      ['Name:0', 'Ready:0', 'Status:0', 'Restarts:0', 'Age:0', 'IP:1', 'Node:1', 'Nominated Node:1', 'Readiness Gates:1']);
    const row = (table.rows as { cells: unknown[] }[])[0].cells;
    assert.deepStrictEqual(row.slice(1, 4), ['1/1', 'Running', '0'], 'RESTARTS is a string column (`4 (25s ago)`)');
    assert.strictEqual(call(api, 'GET', '/apis/apps/v1/namespaces/default/deployments/web').json.kind, 'Deployment');
    const missing = call(api, 'GET', '/apis/apps/v1/namespaces/default/deployments/nope');
    assert.deepStrictEqual([missing.status, missing.json.reason, missing.json.message], [404, 'NotFound', 'deployments.apps "nope" not found']);
  });

  it('selects by field and pages with limit and continue', () => {
    const { api } = cluster();
    const onNode = call(api, 'GET', '/api/v1/pods?fieldSelector=spec.nodeName%3Dworker-1').json.items as KubeObject[];
    assert.ok(onNode.every((p) => (p.spec as { nodeName: string }).nodeName === 'worker-1'));
    assert.strictEqual(call(api, 'GET', '/api/v1/pods?fieldSelector=spec.colour%3Dred').status, 400);
    const first = call(api, 'GET', '/api/v1/pods?limit=1').json;
    const meta = first.metadata as { continue: string; remainingItemCount: number };
    assert.deepStrictEqual([(first.items as unknown[]).length, meta.remainingItemCount], [1, 1]);
    const second = call(api, 'GET', `/api/v1/pods?limit=1&continue=${encodeURIComponent(meta.continue)}`).json;
    assert.notStrictEqual((second.items as KubeObject[])[0].metadata.name, (first.items as KubeObject[])[0].metadata.name);
    assert.strictEqual((second.metadata as { continue?: string }).continue, undefined);
  });

  it('pages a long list in key order: the first page (picked without sorting them all) and the rest equal the whole list', () => {
    const sim = Simulation.preset('multi-worker');
    sim.apply({ ...WEB, spec: { ...(WEB.spec as object), replicas: 37 } });
    sim.runUntilSettled();
    for (const query of ['', '&labelSelector=app%3Dweb', '&fieldSelector=spec.nodeName%3Dworker-2']) {
      const api = new KubeApi(sim, '127.0.0.1:6443'); // nothing cached: the first page takes its own path
      const whole = (call(api, 'GET', `/api/v1/pods?${query.slice(1)}`).json.items as KubeObject[]).map((p) => `${p.metadata.namespace}/${p.metadata.name}`);
      assert.deepStrictEqual(whole, [...whole].sort(), 'the whole list is in key order');
      const fresh = new KubeApi(sim, '127.0.0.1:6443');
      const paged: string[] = [];
      let token: string | undefined;
      let remaining: number[] = [];
      do {
        const page = call(fresh, 'GET', `/api/v1/pods?limit=7${query}${token ? `&continue=${encodeURIComponent(token)}` : ''}`).json;
        paged.push(...(page.items as KubeObject[]).map((p) => `${p.metadata.namespace}/${p.metadata.name}`));
        const meta = page.metadata as { continue?: string; remainingItemCount?: number };
        token = meta.continue;
        if (meta.remainingItemCount !== undefined) remaining.push(meta.remainingItemCount);
      } while (token);
      assert.deepStrictEqual(paged, whole, `paged${query}`);
      assert.strictEqual(remaining[0], Math.max(0, whole.length - 7), `remainingItemCount of the first page${query}`);
      remaining = [];
    }
  });

  it('creates, refuses duplicates and invalid objects with the API server\'s codes', () => {
    const { api } = cluster();
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { a: '1' } };
    assert.strictEqual(call(api, 'POST', '/api/v1/namespaces/default/configmaps', { body: cm }).status, 201);
    const dup = call(api, 'POST', '/api/v1/namespaces/default/configmaps', { body: cm });
    assert.deepStrictEqual([dup.status, dup.json.reason], [409, 'AlreadyExists']);
    const bad = call(api, 'POST', '/apis/apps/v1/namespaces/default/deployments', { body: { ...WEB, metadata: { name: 'bad' }, spec: { ...(WEB.spec as object), replicas: -1 } } });
    assert.deepStrictEqual([bad.status, bad.json.reason, bad.json.message], [422, 'Invalid', 'Deployment.apps "bad" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0']);
    assert.deepStrictEqual((bad.json.details as { causes: unknown[] }).causes, [{ reason: 'FieldValueInvalid', message: 'Invalid value: -1: must be greater than or equal to 0', field: 'spec.replicas' }]);
    const wrongNs = call(api, 'POST', '/api/v1/namespaces/other/configmaps', { body: { ...cm, metadata: { name: 'x', namespace: 'default' } } });
    assert.strictEqual(wrongNs.status, 400);
  });

  it('scales through the scale subresource and patches with each patch type', () => {
    const { api, sim } = cluster();
    const scaled = call(api, 'PATCH', '/apis/apps/v1/namespaces/default/deployments/web/scale', { contentType: 'application/merge-patch+json', body: { spec: { replicas: 4 } } });
    assert.deepStrictEqual([scaled.status, (scaled.json.spec as { replicas: number }).replicas], [200, 4]);
    sim.runUntilSettled();
    assert.strictEqual(sim.snapshot().pods.filter((p) => p.phase === 'Running').length, 4);
    const smp = call(api, 'PATCH', '/apis/apps/v1/namespaces/default/deployments/web', {
      contentType: 'application/strategic-merge-patch+json', body: { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.28' }] } } } },
    });
    const containers = ((smp.json.spec as { template: { spec: { containers: { name: string; image: string }[] } } }).template.spec.containers);
    assert.deepStrictEqual(containers.map((c) => `${c.name}=${c.image}`), ['nginx=nginx:1.28']);
    const cordon = call(api, 'PATCH', '/api/v1/nodes/worker-1', { contentType: 'application/strategic-merge-patch+json', body: { spec: { unschedulable: true } } });
    assert.strictEqual((cordon.json.spec as { unschedulable: boolean }).unschedulable, true);
    const jp = call(api, 'PATCH', '/apis/apps/v1/namespaces/default/deployments/web', { contentType: 'application/json-patch+json', body: [{ op: 'replace', path: '/spec/replicas', value: 1 }] });
    assert.strictEqual((jp.json.spec as { replicas: number }).replicas, 1);
    assert.strictEqual(call(api, 'PATCH', '/apis/apps/v1/namespaces/default/deployments/web', { contentType: 'text/plain', body: {} }).status, 400);
  });

  it('deletes, evicts, and refuses everything without etcd quorum', () => {
    const { api, sim } = cluster();
    const pod = (call(api, 'GET', '/api/v1/namespaces/default/pods').json.items as KubeObject[])[0].metadata.name as string;
    const ev = call(api, 'POST', `/api/v1/namespaces/default/pods/${pod}/eviction`, { body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: pod } } });
    assert.strictEqual(ev.status, 201);
    const del = call(api, 'DELETE', '/apis/apps/v1/namespaces/default/deployments/web');
    assert.deepStrictEqual([del.status, del.json.status], [200, 'Success']);
    const ha = Simulation.preset('ha');
    const haApi = new KubeApi(ha, '127.0.0.1:6443');
    ha.fail('control-plane-1');
    ha.fail('control-plane-2');
    const r = call(haApi, 'GET', '/api/v1/pods');
    assert.deepStrictEqual([r.status, r.json.message, r.json.reason], [500, 'etcdserver: request timed out', undefined]);
    assert.ok(sim);
  });

  it('takes a readiness gate\'s condition through pods/status; the kubelet keeps it and the pod turns Ready, an endpoint', () => {
    const sim = Simulation.preset('multi-worker');
    sim.apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'gated', labels: { app: 'gated' } }, spec: { readinessGates: [{ conditionType: 'www.example.com/feature-1' }], containers: [{ name: 'web', image: 'nginx:1.27' }] } } as KubeObject);
    sim.apply({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'gated' }, spec: { selector: { app: 'gated' }, ports: [{ port: 80 }] } } as KubeObject);
    sim.runUntilSettled();
    const api = new KubeApi(sim, '127.0.0.1:6443');
    const ready = (): unknown => ((sim.internals.store.get('Pod', 'default', 'gated')?.status as { conditions: { type: string; status: string; reason?: string }[] }).conditions.find((c) => c.type === 'Ready'));
    assert.deepStrictEqual((ready() as { status: string; reason: string }).reason, 'ReadinessGatesNotReady');
    // kubectl patch pod gated --subresource=status --type=json -p '[{"op":"add","path":"/status/conditions/-","value":{…}}]'
    const patched = call(api, 'PATCH', '/api/v1/namespaces/default/pods/gated/status', { contentType: 'application/json-patch+json', body: [{ op: 'add', path: '/status/conditions/-', value: { type: 'www.example.com/feature-1', status: 'False' } }] });
    assert.strictEqual(patched.status, 200);
    sim.advance(1);
    assert.match(String((ready() as { message?: string }).message), /the status of pod readiness gate "www\.example\.com\/feature-1" is not "True", but False/);
    call(api, 'PATCH', '/api/v1/namespaces/default/pods/gated/status', { contentType: 'application/strategic-merge-patch+json', body: { status: { conditions: [{ type: 'www.example.com/feature-1', status: 'True' }] } } });
    sim.advance(1);
    assert.strictEqual((ready() as { status: string }).status, 'True');
    const pod = sim.internals.store.get('Pod', 'default', 'gated') as KubeObject;
    assert.ok((pod.status as { conditions: { type: string }[] }).conditions.some((c) => c.type === 'www.example.com/feature-1'), 'the kubelet kept the gate\'s condition');
    assert.strictEqual(sim.snapshot().services.find((x) => x.name === 'gated')?.endpoints.length, 1);
    assert.strictEqual(sim.snapshot().pods.find((p) => p.name === 'gated')?.readinessGates, '1/1');
  });

  it('refuses an eviction a PodDisruptionBudget does not allow, as kube-apiserver does (429, DisruptionBudget cause)', () => {
    const { api, sim } = cluster();
    sim.apply({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web' }, spec: { minAvailable: 2, selector: { matchLabels: { app: 'web' } } } });
    sim.runUntilSettled();
    const pod = (call(api, 'GET', '/api/v1/namespaces/default/pods').json.items as KubeObject[])[0].metadata.name as string;
    const ev = call(api, 'POST', `/api/v1/namespaces/default/pods/${pod}/eviction`, { body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: pod } } });
    assert.deepStrictEqual([ev.status, ev.json.reason, ev.json.message], [429, 'TooManyRequests', "Cannot evict pod as it would violate the pod's disruption budget."]);
    const causes = (ev.json.details as { causes?: { reason: string; message: string }[] }).causes ?? [];
    assert.deepStrictEqual(causes.map((c) => c.reason), ['DisruptionBudget']);
    assert.match(causes[0].message, /The disruption budget web needs 2 healthy pods and has 2 currently/);
  });

  it('answers health checks, failing etcd without quorum', () => {
    const ha = Simulation.preset('ha');
    const api = new KubeApi(ha, '127.0.0.1:6443');
    const ok = api.handle({ method: 'GET', path: '/readyz', query: new URLSearchParams('verbose') }) as ApiResponse;
    assert.match(ok.body, /\[\+\]etcd ok\n[\s\S]*readyz check passed\n$/);
    ha.fail('control-plane-1');
    ha.fail('control-plane-2');
    const bad = api.handle({ method: 'GET', path: '/readyz', query: new URLSearchParams() }) as ApiResponse;
    assert.strictEqual(bad.status, 500);
    assert.match(bad.body, /\[-\]etcd failed: reason withheld\n[\s\S]*readyz check failed\n$/);
    assert.strictEqual(JSON.parse((api.handle({ method: 'GET', path: '/version', query: new URLSearchParams() }) as ApiResponse).body).gitVersion, 'v1.33.0');
  });

  it('streams watch events as the store changes', () => {
    const { api, sim } = cluster();
    const w = api.handle({ method: 'GET', path: '/api/v1/namespaces/default/pods', query: new URLSearchParams('watch=true&labelSelector=app%3Dweb') }) as WatchStream;
    assert.strictEqual(w.initial.length, 2);
    const lines: string[] = [];
    const stop = w.subscribe((l) => lines.push(l));
    call(api, 'PATCH', '/apis/apps/v1/namespaces/default/deployments/web/scale', { contentType: 'application/merge-patch+json', body: { spec: { replicas: 3 } } });
    sim.runUntilSettled();
    stop();
    const types = lines.map((l) => (JSON.parse(l) as { type: string }).type);
    assert.strictEqual(types[0], 'ADDED');
    assert.ok(types.includes('MODIFIED'));
    const after = lines.length;
    call(api, 'PATCH', '/apis/apps/v1/namespaces/default/deployments/web/scale', { contentType: 'application/merge-patch+json', body: { spec: { replicas: 1 } } });
    sim.runUntilSettled();
    assert.strictEqual(lines.length, after, 'nothing after the watch stopped');
  });

  it('re-anchors timestamps to the wall clock when asked', () => {
    assert.strictEqual(shiftTimestamps('{"t":"2025-01-01T00:00:10Z"}', 3_600_000), '{"t":"2025-01-01T01:00:10Z"}');
    const sim = Simulation.preset('single-node');
    const api = new KubeApi(sim, 'x', () => Date.UTC(2030, 5, 1));
    const ns = JSON.parse((api.handle({ method: 'GET', path: '/api/v1/namespaces/default', query: new URLSearchParams() }) as ApiResponse).body) as KubeObject;
    assert.match(String(ns.metadata.creationTimestamp), /^2030-06-01T/);
  });
});

describe('kubeapi: the API server\'s warnings (kubectl prints them as "Warning: …")', () => {
  it('sends PodSecurity\'s warning with the created object, and the Warning header quotes it as kube-apiserver does', () => {
    const { api } = cluster();
    const labels = { 'pod-security.kubernetes.io/warn': 'restricted' };
    assert.strictEqual(call(api, 'POST', '/api/v1/namespaces', { body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'example', labels } } }).status, 201);
    const body = JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'nginx' }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } });
    const r = api.handle({ method: 'POST', path: '/api/v1/namespaces/example/pods', query: new URLSearchParams(), contentType: 'application/json', body }) as ApiResponse;
    assert.strictEqual(r.status, 201);
    assert.match(r.warnings?.[0] ?? '', /^would violate PodSecurity "restricted:latest": allowPrivilegeEscalation != false \(container "nginx" must set/);
    assert.strictEqual(warningHeader('a "b" \\ c'), '299 - "a \\"b\\" \\\\ c"');
  });
});

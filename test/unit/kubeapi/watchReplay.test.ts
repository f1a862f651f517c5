import * as assert from 'node:assert';
import { KubeApi, type ApiResponse, type WatchStream } from '../../../src/core/kubeapi/api';
import { Simulation, presetTopology, type KubeObject } from '../../../src/core/sim';

const WEB: KubeObject = {
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', labels: { app: 'web' } },
  spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } },
};

function cluster(maxRecords?: number): { sim: Simulation; api: KubeApi } {
  const sim = new Simulation({ topology: presetTopology('multi-worker'), ...(maxRecords ? { journal: { maxRecords } } : {}) });
  sim.apply(WEB);
  sim.runUntilSettled();
  return { sim, api: new KubeApi(sim, '127.0.0.1:6443') };
}

function get(api: KubeApi, url: string, method = 'GET', body?: unknown, contentType = 'application/merge-patch+json'): ApiResponse | WatchStream {
  const u = new URL(url, 'https://127.0.0.1');
  return api.handle({ method, path: u.pathname, query: u.searchParams, contentType, body: body === undefined ? undefined : JSON.stringify(body) });
}

function listVersion(api: KubeApi, url: string): string {
  return (JSON.parse((get(api, url) as ApiResponse).body) as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
}

interface Event { type: string; object: KubeObject & { code?: number; reason?: string; message?: string } }

function events(w: ApiResponse | WatchStream): Event[] {
  assert.ok('initial' in w, 'a watch stream');
  return w.initial.map((l) => JSON.parse(l) as Event);
}

function scale(api: KubeApi, sim: Simulation, replicas: number): void {
  assert.strictEqual((get(api, '/apis/apps/v1/namespaces/default/deployments/web/scale', 'PATCH', { spec: { replicas } }) as ApiResponse).status, 200);
  sim.runUntilSettled();
}

describe('kubeapi watch: continuing from a resourceVersion (the watch cache\'s history)', () => {
  it('replays every change after the list\'s resourceVersion, in order, and nothing from before it', () => {
    const { sim, api } = cluster();
    const rv = listVersion(api, '/api/v1/namespaces/default/pods');
    scale(api, sim, 3);
    const w = get(api, `/api/v1/namespaces/default/pods?watch=true&resourceVersion=${rv}`);
    const seen = events(w);
    assert.ok(seen.length >= 2, 'the new pod is created, then scheduled and started');
    assert.strictEqual(seen[0].type, 'ADDED');
    const name = seen[0].object.metadata.name;
    assert.ok(seen.slice(1).every((e) => e.type === 'MODIFIED' && e.object.metadata.name === name), 'only the third pod changed');
    const versions = seen.map((e) => Number(e.object.metadata.resourceVersion));
    assert.ok(versions.every((v, i) => v > Number(rv) && (i === 0 || v > versions[i - 1])), 'in resourceVersion order, all after the list');
    assert.strictEqual((seen.at(-1)?.object.status as { phase?: string }).phase, 'Running');
    // From resourceVersion 0 (or none) the watch starts with what exists, as before.
    assert.strictEqual(events(get(api, '/api/v1/namespaces/default/pods?watch=true&resourceVersion=0')).length, 3);
    assert.strictEqual(events(get(api, '/api/v1/namespaces/default/pods?watch=true')).filter((e) => e.type === 'ADDED').length, 3);
    // From the store's own version: nothing to replay.
    assert.strictEqual(events(get(api, `/api/v1/namespaces/default/pods?watch=true&resourceVersion=${listVersion(api, '/api/v1/pods')}`)).length, 0);
  });

  it('replays a deletion as DELETED with the deletion\'s resourceVersion, and an object leaving the selector as DELETED', () => {
    const { sim, api } = cluster();
    const rv = Number(listVersion(api, '/api/v1/namespaces/default/configmaps'));
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'site', namespace: 'default', labels: { tier: 'web' } }, data: { a: '1' } };
    assert.strictEqual((get(api, '/api/v1/namespaces/default/configmaps', 'POST', cm, 'application/json') as ApiResponse).status, 201);
    assert.strictEqual((get(api, '/api/v1/namespaces/default/configmaps/site', 'PATCH', { metadata: { labels: { tier: 'db' } } }) as ApiResponse).status, 200);
    assert.strictEqual((get(api, '/api/v1/namespaces/default/configmaps/site', 'DELETE') as ApiResponse).status, 200);
    sim.runUntilSettled();
    const all = events(get(api, `/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${rv}`));
    assert.deepStrictEqual(all.map((e) => e.type), ['ADDED', 'MODIFIED', 'DELETED']);
    assert.strictEqual(Number(all[2].object.metadata.resourceVersion), Number(all[1].object.metadata.resourceVersion) + 1, 'the deletion made a version of its own');
    const web = events(get(api, `/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${rv}&labelSelector=tier%3Dweb`));
    assert.deepStrictEqual(web.map((e) => [e.type, (e.object.metadata.labels ?? {}).tier]), [['ADDED', 'web'], ['DELETED', 'web']], 'it left the selector: DELETED with its last matching state');
  });

  it('answers a version older than the history with one ERROR event: 410 Expired, too old resource version', () => {
    const { sim, api } = cluster(200);
    for (let i = 0; i < 30; i++) scale(api, sim, i % 2 === 0 ? 4 : 1);
    const w = get(api, '/api/v1/namespaces/default/pods?watch=true&resourceVersion=5') as WatchStream;
    assert.strictEqual(w.end, true, 'the stream ends after the error');
    const [error] = events(w);
    assert.strictEqual(error.type, 'ERROR');
    assert.deepStrictEqual([error.object.kind, error.object.code, error.object.reason], ['Status', 410, 'Expired']);
    const m = /^too old resource version: 5 \((\d+)\)$/.exec(error.object.message ?? '');
    assert.ok(m, error.object.message);
    const oldest = Number(m[1]);
    assert.ok(oldest > 5);
    // The version it names is the oldest it can continue from; one before it is expired too.
    assert.notStrictEqual(events(get(api, `/api/v1/namespaces/default/pods?watch=true&resourceVersion=${oldest}`))[0]?.type, 'ERROR');
    assert.strictEqual(events(get(api, `/api/v1/namespaces/default/pods?watch=true&resourceVersion=${oldest - 1}`))[0]?.type, 'ERROR');
  });

  it('answers a version newer than the store with a 504 Timeout (Too large resource version) and refuses a malformed one', () => {
    const { api } = cluster();
    const current = Number(listVersion(api, '/api/v1/pods'));
    const [error] = events(get(api, `/api/v1/pods?watch=true&resourceVersion=${current + 10}`));
    assert.deepStrictEqual([error.type, error.object.code, error.object.reason, error.object.message], ['ERROR', 504, 'Timeout', `Timeout: Too large resource version: ${current + 10}, current: ${current}`]);
    const bad = get(api, '/api/v1/pods?watch=true&resourceVersion=abc') as ApiResponse;
    assert.strictEqual(bad.status, 422);
  });

  it('continues an Event watch from the Event list\'s resourceVersion', () => {
    const { sim, api } = cluster();
    const rv = listVersion(api, '/api/v1/namespaces/default/events');
    const before = (JSON.parse((get(api, '/api/v1/namespaces/default/events') as ApiResponse).body) as { items: KubeObject[] }).items;
    assert.ok(Number(before.at(-1)?.metadata.resourceVersion) <= Number(rv), 'the list is at or after its newest Event');
    scale(api, sim, 3);
    const replayed = events(get(api, `/api/v1/namespaces/default/events?watch=true&resourceVersion=${rv}`));
    assert.ok(replayed.length > 0 && replayed.every((e) => e.type === 'ADDED' && Number(e.object.metadata.resourceVersion) > Number(rv)));
    assert.ok(replayed.some((e) => (e as unknown as { object: { reason: string } }).object.reason === 'ScalingReplicaSet'));
  });
});

describe('kubeapi Events: a repeat is one Event with a count, as the recorders make them', () => {
  const LIVENESS: KubeObject = {
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'liveness-exec' },
    spec: { containers: [{
      name: 'liveness', image: 'registry.k8s.io/busybox:1.27.2', args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'],
      livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5, periodSeconds: 5 },
    }] },
  };
  type EventObject = KubeObject & { reason: string; count: number; firstTimestamp: string; lastTimestamp: string };
  const list = (api: KubeApi): EventObject[] => (JSON.parse((get(api, '/api/v1/namespaces/default/events') as ApiResponse).body) as { items: EventObject[] }).items;

  it('the probes task\'s liveness-exec: its three failed probes are one Unhealthy Event, count 3 over 10 s (kubectl describe: x3 over 10s)', () => {
    const sim = new Simulation({ topology: presetTopology('multi-worker'), podEvents: true });
    sim.apply(LIVENESS);
    sim.advance(60);
    const unhealthy = list(new KubeApi(sim, '127.0.0.1:6443')).filter((e) => e.reason === 'Unhealthy');
    assert.strictEqual(unhealthy.length, 1);
    const [e] = unhealthy;
    assert.strictEqual(e.count, 3);
    assert.strictEqual((Date.parse(e.lastTimestamp) - Date.parse(e.firstTimestamp)) / 1000, 10);
  });

  it('a watch sees the first occurrence ADDED and each repeat MODIFIED, with the count raised and the same name', () => {
    const sim = new Simulation({ topology: presetTopology('multi-worker'), podEvents: true });
    const api = new KubeApi(sim, '127.0.0.1:6443');
    const w = get(api, '/api/v1/namespaces/default/events?watch=true');
    assert.ok('subscribe' in w);
    const seen: Event[] = [];
    const stop = w.subscribe((l) => seen.push(JSON.parse(l) as Event));
    sim.apply(LIVENESS);
    sim.advance(60);
    stop();
    const unhealthy = seen.filter((e) => (e.object as EventObject).reason === 'Unhealthy');
    assert.deepStrictEqual(unhealthy.map((e) => [e.type, (e.object as EventObject).count]), [['ADDED', 1], ['MODIFIED', 2], ['MODIFIED', 3]]);
    assert.strictEqual(new Set(unhealthy.map((e) => e.object.metadata.name)).size, 1);
  });
});

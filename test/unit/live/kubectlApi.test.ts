/**
 * The kubectl terminal's API in the worker loop (src/worker/apiHook.ts): kubectl's writes reach the live
 * cluster the documents feed, the settled cluster is posted after them, and what kubectl created is owned
 * by the API: the next editor sync does not delete it.
 */
import * as assert from 'assert';
import { KubeApi, type ApiResponse } from '../../../src/core/kubeapi/api';
import type { Simulation } from '../../../src/core/sim';
import type { FromWorker, ToWorker } from '../../../src/shared/workerProtocol';
import { WorkerLoop } from '../../../src/worker/workerLoop';
import { deploymentYaml as deployment } from './fixtures';

const docs = (replicas: number): ToWorker.Sync['documents'] => [{ uri: 'file:///w.yaml', text: deployment('web', replicas) }];
const WEB_DEPLOYMENT = {
  apiVersion: 'apps/v1', kind: 'Deployment',
  spec: { replicas: 2, selector: { matchLabels: { app: 'api' } }, template: { metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'api', image: 'nginx:1.27' }] } } },
};
const IDENTITY = { port: 1, token: 't', cert: 'c', key: 'k' };
const CONFIGMAP = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'from-kubectl' }, data: { a: 'b' } };

/** The loop with a fake server: `write` sends a request to a KubeApi over the loop's simulation, as the HTTPS server would. */
function harness(): { loop: WorkerLoop; posted: FromWorker.Message[]; settle: () => void; write: (method: string, url: string, body?: unknown, contentType?: string) => ApiResponse; stopped: () => boolean } {
  const posted: FromWorker.Message[] = [];
  const turns: (() => void)[] = [];
  let server: { sim: () => Simulation; afterWrite: () => void } | undefined;
  let stopped = false;
  const loop = new WorkerLoop({
    post: (m) => posted.push(m), now: () => 0, defer: (run) => turns.push(run),
    serveApi: (sim, afterWrite) => {
      server = { sim, afterWrite };
      return { start: async () => ({ url: 'https://127.0.0.1:1', kubeconfig: 'kubeconfig', identity: IDENTITY }), stop: async () => { stopped = true; } };
    },
  });
  const settle = (): void => { while (turns.length > 0) turns.shift()?.(); };
  const write = (method: string, url: string, body?: unknown, contentType = 'application/json'): ApiResponse => {
    assert.ok(server, 'the API was started');
    const u = new URL(url, 'https://127.0.0.1');
    const r = new KubeApi(server.sim(), 'x').handle({ method, path: u.pathname, query: u.searchParams, contentType, body: JSON.stringify(body), userAgent: 'kubectl/v1.33.0' }) as ApiResponse;
    if (method !== 'GET' && r.status < 300) server.afterWrite();
    return r;
  };
  return { loop, posted, settle, write, stopped: () => stopped };
}

const flush = (): Promise<void> => new Promise((r) => setImmediate(r));

/** The harness after a sync of the two-replica file (id 1) and the API started (id 2). */
async function serving(): Promise<ReturnType<typeof harness>> {
  const h = harness();
  h.loop.receive({ type: 'sync', id: 1, documents: docs(2) });
  h.loop.receive({ type: 'api', id: 2, action: 'start' });
  h.settle();
  await flush();
  return h;
}
const podsIn = (m: FromWorker.Message | undefined): number => (m?.type === 'apiWrite' || m?.type === 'state' ? m.state.view.nodes.reduce((n, node) => n + node.pods.length, 0) : -1);

describe('the kubectl terminal\'s API in the simulation worker', () => {
  it('starts once, answers with the address and kubeconfig, and stops', async () => {
    const { loop, posted, settle, stopped } = harness();
    loop.receive({ type: 'api', id: 1, action: 'start' });
    settle();
    await flush();
    assert.deepStrictEqual(posted.at(-1), { type: 'api', id: 1, served: { url: 'https://127.0.0.1:1', kubeconfig: 'kubeconfig', identity: IDENTITY } });
    loop.receive({ type: 'api', id: 2, action: 'stop' });
    settle();
    await flush();
    assert.deepStrictEqual(posted.at(-1), { type: 'api', id: 2, served: undefined });
    assert.ok(stopped());
  });

  it('refuses to start where the host has no sockets', async () => {
    const posted: FromWorker.Message[] = [];
    const turns: (() => void)[] = [];
    const loop = new WorkerLoop({ post: (m) => posted.push(m), now: () => 0, defer: (run) => turns.push(run) });
    loop.receive({ type: 'api', id: 1, action: 'start' });
    while (turns.length > 0) turns.shift()?.();
    assert.strictEqual(posted.at(-1)?.type, 'failed');
  });

  it('kubectl scale on a file\'s Deployment: the settled cluster is posted once, as an apiWrite', async () => {
    const { posted, settle, write } = await serving();
    assert.strictEqual(podsIn(posted.find((m) => m.id === 1)), 2);
    const scaled = write('PATCH', '/apis/apps/v1/namespaces/default/deployments/web/scale', { spec: { replicas: 4 } }, 'application/merge-patch+json');
    assert.strictEqual(scaled.status, 200);
    write('POST', '/api/v1/namespaces/default/configmaps', CONFIGMAP);
    settle();
    const writes = posted.filter((m) => m.type === 'apiWrite');
    assert.strictEqual(writes.length, 1, 'two writes in a row, one state');
    assert.strictEqual(podsIn(writes[0]), 4);
  });

  it('an object kubectl created survives the next editor sync; the file\'s objects still follow the file', async () => {
    const { loop, posted, settle, write } = await serving();
    assert.strictEqual(write('POST', '/api/v1/namespaces/default/configmaps', CONFIGMAP).status, 201);
    loop.receive({ type: 'sync', id: 3, documents: docs(3) });
    settle();
    assert.strictEqual(podsIn(posted.find((m) => m.id === 3)), 3);
    assert.strictEqual(write('GET', '/api/v1/namespaces/default/configmaps/from-kubectl').status, 200, 'still there');
    loop.receive({ type: 'sync', id: 4, documents: [] });
    settle();
    assert.strictEqual(write('GET', '/apis/apps/v1/namespaces/default/deployments/web').status, 404, 'the closed file\'s Deployment is deleted');
    assert.strictEqual(write('GET', '/api/v1/namespaces/default/configmaps/from-kubectl').status, 200, 'kubectl\'s ConfigMap is not');
  });
  it('what kubectl created moves to the new cluster on a topology change; the file\'s objects come from the file', async () => {
    const { loop, posted, settle, write } = await serving();
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } };
    const api = { ...WEB_DEPLOYMENT, metadata: { name: 'api', namespace: 'team' } };
    assert.strictEqual(write('POST', '/api/v1/namespaces', ns).status, 201);
    assert.strictEqual(write('POST', '/apis/apps/v1/namespaces/team/deployments', api).status, 201);
    assert.strictEqual(write('POST', '/api/v1/namespaces/default/configmaps', CONFIGMAP).status, 201);
    assert.strictEqual(write('PATCH', '/apis/apps/v1/namespaces/default/deployments/web/scale', { spec: { replicas: 5 } }, 'application/merge-patch+json').status, 200);
    settle();
    const carried = posted.filter((m) => m.type === 'apiWrite').at(-1);
    assert.deepStrictEqual(carried?.type === 'apiWrite' && carried.apiObjects?.map((o) => o.kind), ['Namespace', 'ConfigMap', 'Deployment'], 'the host is told what kubectl created (not the file\'s Deployment it scaled)');
    loop.receive({ type: 'setTopology', id: 3, choice: 'ha' });
    settle();
    const after = posted.find((m) => m.id === 3);
    assert.strictEqual(after?.type, 'state');
    assert.strictEqual(after?.type === 'state' && after.state.view.nodes.filter((n) => n.name.startsWith('control-plane-')).length, 3, 'a new cluster');
    assert.strictEqual(write('GET', '/api/v1/namespaces/default/configmaps/from-kubectl').status, 200);
    const moved = JSON.parse(write('GET', '/apis/apps/v1/namespaces/team/deployments/api').body) as { status?: { readyReplicas?: number }; metadata: { managedFields?: unknown[] } };
    assert.strictEqual(moved.status?.readyReplicas, 2, 'created again in the new cluster, and running');
    assert.ok(moved.metadata.managedFields?.length, 'still kubectl\'s: it moves again on the next change');
    const web = JSON.parse(write('GET', '/apis/apps/v1/namespaces/default/deployments/web').body) as { spec: { replicas: number } };
    assert.strictEqual(web.spec.replicas, 2, 'the file\'s Deployment is applied from the file, as at every rebuild');
  });

  it('a restored worker creates the objects kubectl had created again', () => {
    const { loop, posted, settle, write } = harness();
    const objects = [{ ...CONFIGMAP, metadata: { ...CONFIGMAP.metadata, namespace: 'default', managedFields: [{ manager: 'kubectl-create', operation: 'Update', apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: {} }] } }];
    loop.receive({ type: 'restore', id: 1, choice: 'auto', documents: docs(1), faults: [], apiObjects: objects });
    loop.receive({ type: 'api', id: 2, action: 'start' });
    settle();
    assert.strictEqual(posted.find((m) => m.id === 1)?.type, 'state');
    assert.strictEqual(write('GET', '/api/v1/namespaces/default/configmaps/from-kubectl').status, 200);
  });
});

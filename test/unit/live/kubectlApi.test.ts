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
      return { start: async () => ({ url: 'https://127.0.0.1:1', kubeconfig: 'kubeconfig' }), stop: async () => { stopped = true; } };
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
const podsIn = (m: FromWorker.Message | undefined): number => (m?.type === 'apiWrite' || m?.type === 'state' ? m.state.view.nodes.reduce((n, node) => n + node.pods.length, 0) : -1);

describe('the kubectl terminal\'s API in the simulation worker', () => {
  it('starts once, answers with the address and kubeconfig, and stops', async () => {
    const { loop, posted, settle, stopped } = harness();
    loop.receive({ type: 'api', id: 1, action: 'start' });
    settle();
    await flush();
    assert.deepStrictEqual(posted.at(-1), { type: 'api', id: 1, served: { url: 'https://127.0.0.1:1', kubeconfig: 'kubeconfig' } });
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
    const { loop, posted, settle, write } = harness();
    loop.receive({ type: 'sync', id: 1, documents: docs(2) });
    loop.receive({ type: 'api', id: 2, action: 'start' });
    settle();
    await flush();
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
    const { loop, posted, settle, write } = harness();
    loop.receive({ type: 'sync', id: 1, documents: docs(2) });
    loop.receive({ type: 'api', id: 2, action: 'start' });
    settle();
    await flush();
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
});

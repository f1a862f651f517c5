/**
 * The kubectl terminal across a worker crash, with a real worker thread and the real HTTPS server in it:
 * the API is served again on the same port with the same token and certificate (the terminal's kubeconfig
 * keeps working), and the objects kubectl had created are in the restored cluster.
 */
import * as assert from 'assert';
import * as https from 'https';
import { nodeEngine } from '../../../src/vscode/platform/node';
import { SimulationWorker, type WorkerEvents } from '../../../src/vscode/simulationWorker';
import type { FromWorker } from '../../../src/shared/workerProtocol';
import { deploymentYaml } from './fixtures';
import { workerScript } from './workerThread';

type Served = NonNullable<FromWorker.Api['served']>;

/** One HTTPS request to the served API, trusting only its certificate, with its bearer token. */
function request(served: Served, method: string, path: string, body?: unknown): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = https.request({
      host: '127.0.0.1', port: served.identity.port, path, method, ca: served.identity.cert,
      headers: { Authorization: `Bearer ${served.identity.token}`, 'Content-Type': 'application/json' },
    }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => { text += d.toString(); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

describe('the kubectl terminal\'s API across a worker crash (real worker thread)', function () {
  this.timeout(60_000);

  it('is served again on the same port with the same token and certificate, with kubectl\'s objects restored', async () => {
    let wrote: () => void = () => undefined;
    const written = new Promise<void>((resolve) => (wrote = resolve));
    let restarted: (s: Served | string | undefined) => void = () => undefined;
    const again = new Promise<Served | string | undefined>((resolve) => (restarted = resolve));
    const events: WorkerEvents = {
      log: () => undefined, progress: () => undefined, crashed: () => undefined, restored: () => undefined,
      apiWrite: (m) => { if (m.apiObjects?.length) wrote(); },
      apiRestarted: (s) => restarted(s),
    };
    const worker = new SimulationWorker(nodeEngine(workerScript()), events);
    try {
      assert.strictEqual((await worker.request({ type: 'sync', documents: [{ uri: 'file:///w.yaml', text: deploymentYaml('web', 2) }] })).type, 'state');
      const reply = await worker.request({ type: 'api', action: 'start' });
      assert.ok(reply.type === 'api' && reply.served, JSON.stringify(reply));
      const served = reply.served;
      const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'from-kubectl' }, data: { a: 'b' } };
      assert.strictEqual((await request(served, 'POST', '/api/v1/namespaces/default/configmaps', cm)).status, 201);
      await written;
      worker.crashForTest();
      const restored = await again;
      assert.ok(restored && typeof restored !== 'string', String(restored));
      assert.strictEqual(restored.url, served.url, 'the same address');
      assert.strictEqual(restored.kubeconfig, served.kubeconfig, 'the same kubeconfig: token and CA');
      const got = await request(served, 'GET', '/api/v1/namespaces/default/configmaps/from-kubectl');
      assert.strictEqual(got.status, 200, got.body);
      assert.strictEqual((JSON.parse(got.body) as { data: { a: string } }).data.a, 'b');
      assert.strictEqual((await request(served, 'GET', '/apis/apps/v1/namespaces/default/deployments/web')).status, 200, 'the file\'s objects too');
    } finally {
      await worker.request({ type: 'api', action: 'stop' });
      worker.dispose();
    }
  });
});

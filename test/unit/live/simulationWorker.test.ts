import * as assert from 'assert';
import { nodeEngine } from '../../../src/vscode/platform/node';
import { SimulationWorker, type WorkerEvents } from '../../../src/vscode/simulationWorker';
import type { FromWorker } from '../../../src/shared/workerProtocol';
import { workerScript } from './workerThread';

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: nginx:1.27}]
`;

describe('SimulationWorker (the host side): a worker that dies is restarted with its cluster', function () {
  this.timeout(60_000);

  it('restores the topology, the documents and the failed node in a fresh worker, with one crash notice', async () => {
    const crashes: [string, boolean][] = [];
    let restored: (reply: FromWorker.Reply) => void = () => undefined;
    const restoredReply = new Promise<FromWorker.Reply>((resolve) => (restored = resolve));
    const events: WorkerEvents = { log: () => undefined, progress: () => undefined, crashed: (m, r) => crashes.push([m, r]), restored: (r) => restored(r) };
    const worker = new SimulationWorker(nodeEngine(workerScript()), events);
    try {
      assert.strictEqual((await worker.request({ type: 'setTopology', choice: 'ha' })).type, 'state');
      assert.strictEqual((await worker.request({ type: 'sync', documents: [{ uri: 'file:///w.yaml', text: deployment }] })).type, 'state');
      const failed = await worker.request({ type: 'fault', target: 'worker-1', failed: true });
      assert.deepStrictEqual(failed.type === 'state' ? failed.faults : failed, ['worker-1']);
      worker.crashForTest();
      const reply = await restoredReply;
      assert.strictEqual(crashes.length, 1);
      assert.deepStrictEqual(crashes[0]?.[1], true, 'restarted');
      assert.strictEqual(reply.type, 'state');
      if (reply.type !== 'state') return;
      assert.deepStrictEqual(reply.faults, ['worker-1']);
      assert.strictEqual(reply.state.view.nodes.filter((n) => n.name.startsWith('control-plane-')).length, 3, 'the ha topology');
      assert.strictEqual(reply.state.view.nodes.find((n) => n.name === 'worker-1')?.ready, false);
      assert.strictEqual(reply.state.objects, 1);
      const targets = await worker.request({ type: 'targets' });
      assert.ok(targets.type === 'targets' && targets.targets.includes('worker-2'), 'the new worker serves requests');
    } finally {
      worker.dispose();
    }
  });
});

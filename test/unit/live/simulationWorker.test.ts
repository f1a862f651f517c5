import * as assert from 'assert';
import { nodeEngine } from '../../../src/vscode/platform/node';
import { SimulationWorker, type WorkerEvents } from '../../../src/vscode/simulationWorker';
import type { FromWorker } from '../../../src/shared/workerProtocol';
import { workerScript } from './workerThread';
import { WorkspaceCluster } from '../../../src/core/live/workspaceCluster';

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

  it('a state that crossed with only its new steps and changed editor entries reaches the host whole, across a crash', async () => {
    let crashed: () => void = () => undefined;
    const crash = new Promise<void>((resolve) => (crashed = resolve));
    const events: WorkerEvents = { log: () => undefined, progress: () => undefined, crashed: () => crashed(), restored: () => undefined };
    const worker = new SimulationWorker(nodeEngine(workerScript()), events);
    const direct = new WorkspaceCluster();
    const docs = (replicas: number) => [{ uri: 'file:///w.yaml', text: `${deployment.replace('replicas: 2', `replicas: ${replicas}`)}---\n${deployment.replace(/web/g, 'db')}` }];
    try {
      for (const replicas of [2, 3, 1]) {
        const reply = await worker.request({ type: 'sync', documents: docs(replicas) });
        const want = direct.sync(docs(replicas));
        assert.ok(reply.type === 'state');
        const got = reply.state as unknown as typeof want;
        assert.deepStrictEqual(got.editor.objects, want.editor.objects, `replicas ${replicas}: every object's facts`);
        assert.deepStrictEqual(got.view.steps?.map((x) => x.seq), want.view.steps?.map((x) => x.seq), `replicas ${replicas}: the latest steps`);
      }
      worker.crashForTest();
      await crash;
      const after = await worker.request({ type: 'sync', documents: docs(2) });
      assert.ok(after.type === 'state');
      assert.strictEqual((after.state as unknown as { editor: { objects: Record<string, { total: number }> } }).editor.objects['Deployment/default/web']?.total, 2, 'a fresh worker sends its maps whole');
    } finally {
      worker.dispose();
    }
  });
});

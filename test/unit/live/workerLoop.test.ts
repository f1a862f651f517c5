import * as assert from 'assert';
import type { FromWorker, ToWorker } from '../../../src/shared/workerProtocol';
import { PROGRESS_MS, SLICE_MS, WorkerLoop } from '../../../src/worker/workerLoop';
import { deploymentYaml as deployment } from './fixtures';

const docs = (replicas: number): ToWorker.Sync['documents'] => [{ uri: 'file:///w.yaml', text: deployment('web', replicas) }];

/**
 * The worker loop in-process: `defer` queues turns that the test runs one by one, and the clock moves
 * `tick` ms on every reading, so a slice ends after a known amount of work.
 */
function harness(tick = 0): { loop: WorkerLoop; posted: FromWorker.Message[]; turn: () => boolean; settle: () => void } {
  const posted: FromWorker.Message[] = [];
  const turns: (() => void)[] = [];
  let now = 0;
  const loop = new WorkerLoop({ post: (m) => posted.push(m), now: () => (now += tick), defer: (run) => turns.push(run) });
  const turn = (): boolean => {
    const next = turns.shift();
    next?.();
    return next !== undefined;
  };
  return { loop, posted, turn, settle: () => { while (turn()); } };
}

const replies = (posted: readonly FromWorker.Message[]): string[] => posted.filter((m) => m.type !== 'progress').map((m) => `${m.id}:${m.type}`);
const podsIn = (m: FromWorker.Message | undefined, phase?: string): number =>
  (m?.type === 'state' ? m.state.view.nodes.reduce((n, node) => n + node.pods.filter((p) => !phase || p.phase === phase).length, 0) : -1);

describe('the simulation worker loop (coalescing, abandoning, progress, restore)', () => {
  it('collapses syncs queued while it is busy into the latest one', () => {
    const { loop, posted, settle } = harness();
    for (let i = 1; i <= 8; i++) loop.receive({ type: 'sync', id: i, documents: docs(i) });
    settle();
    assert.deepStrictEqual(replies(posted), ['1:superseded', '2:superseded', '3:superseded', '4:superseded', '5:superseded', '6:superseded', '7:superseded', '8:state']);
    assert.strictEqual(podsIn(posted.at(-1)), 8, 'the latest documents won');
  });

  it('abandons a running sync at the end of a slice when a newer one arrives', () => {
    const { loop, posted, turn, settle } = harness(SLICE_MS / 4); // every clock reading is a quarter slice: slices are short
    loop.receive({ type: 'sync', id: 1, documents: docs(300) });
    turn();
    turn();
    assert.deepStrictEqual(replies(posted), [], 'still running after two slices');
    loop.receive({ type: 'sync', id: 2, documents: docs(2) });
    settle();
    assert.deepStrictEqual(replies(posted), ['1:superseded', '2:state']);
    assert.strictEqual(podsIn(posted.at(-1)), 2);
  });

  it('reports the progress of a long sync in pods Running out of the pods asked for', () => {
    const { loop, posted, settle } = harness(PROGRESS_MS / 8);
    loop.receive({ type: 'sync', id: 1, documents: docs(100) });
    settle();
    const progress = posted.filter((m): m is FromWorker.Progress => m.type === 'progress');
    assert.ok(progress.length >= 2, `progress reports: ${progress.length}`);
    assert.ok(progress.every((p) => p.id === 1 && p.progress.total === 100 && p.progress.done <= 100));
    assert.ok(progress.some((p) => p.progress.done < 100), 'reported before the end');
    assert.strictEqual(podsIn(posted.at(-1)), 100);
  });

  it('answers a targets query while a sync runs, and keeps a superseded setTopology\'s choice', () => {
    const { loop, posted, turn, settle } = harness(SLICE_MS / 4);
    loop.receive({ type: 'sync', id: 1, documents: docs(300) });
    turn();
    loop.receive({ type: 'targets', id: 2 });
    turn();
    assert.deepStrictEqual(replies(posted), ['2:targets']);
    loop.receive({ type: 'setTopology', id: 3, choice: 'ha' });
    loop.receive({ type: 'sync', id: 4, documents: docs(1) });
    settle();
    assert.deepStrictEqual(replies(posted).slice(1), ['1:superseded', '3:superseded', '4:state']);
    const last = posted.at(-1);
    assert.deepStrictEqual(last?.type === 'state' ? last.state.view.etcd : undefined, { members: 3, healthy: 3, quorum: true });
  });

  it('a restore rebuilds the topology, the documents and the faults a crashed worker had', () => {
    const { loop, posted, settle } = harness();
    loop.receive({ type: 'restore', id: 1, choice: 'ha', documents: docs(2), faults: ['worker-1', 'control-plane-2/etcd', 'gone-node'] });
    settle();
    const state = posted.at(-1);
    assert.strictEqual(state?.type, 'state');
    if (state?.type !== 'state') return;
    assert.deepStrictEqual(state.faults, ['worker-1', 'control-plane-2/etcd'], 'a target that no longer exists is dropped');
    assert.strictEqual(state.state.view.nodes.find((n) => n.name === 'worker-1')?.ready, false);
    assert.deepStrictEqual(state.state.view.etcd, { members: 3, healthy: 2, quorum: true });
    assert.strictEqual(podsIn(state, 'Running'), 2, 'worker-1\'s pod came back on worker-2');
  });

  it('reports an engine error as a failed reply and keeps serving', () => {
    const { loop, posted, settle } = harness();
    loop.receive({ type: 'fault', id: 1, target: 'nowhere', failed: true });
    loop.receive({ type: 'sync', id: 2, documents: docs(1) });
    settle();
    assert.deepStrictEqual(replies(posted), ['1:failed', '2:state']);
  });
});

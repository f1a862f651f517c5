import * as assert from 'assert';
import type { FromWorker, ToWorker } from '../../../src/shared/workerProtocol';
import type { LiveState } from '../../../src/core/live/workspaceCluster';
import { WorkerLoop } from '../../../src/worker/workerLoop';
import { deploymentYaml as deployment } from './fixtures';

const docs: ToWorker.Sync['documents'] = [{ uri: 'file:///w.yaml', text: deployment('web', 3) }];

/** The loop in-process; `ask` sends one message and runs the loop until it is quiet, returning what it posted. */
function harness(): { ask: (m: ToWorker.Message) => FromWorker.Message[] } {
  let posted: FromWorker.Message[] = [];
  const turns: (() => void)[] = [];
  const loop = new WorkerLoop({ post: (m) => posted.push(m), now: () => 0, defer: (run) => turns.push(run) });
  return {
    ask: (m) => {
      posted = [];
      loop.receive(m);
      while (turns.length > 0) turns.shift()?.();
      return posted;
    },
  };
}

/** The worker's WorkspaceCluster sends its full LiveState (with the editor's facts); the protocol names the shared part. */
function stateOf(messages: readonly FromWorker.Message[]): LiveState {
  const s = messages.find((m): m is FromWorker.State => m.type === 'state');
  assert.ok(s, `a state reply in ${messages.map((m) => m.type).join(', ')}`);
  return s.state as LiveState;
}

const node = (state: FromWorker.State['state'], name: string) => state.view.nodes.find((n) => n.name === name);
const runningOn = (state: FromWorker.State['state'], name: string): number => node(state, name)?.pods.filter((p) => p.phase === 'Running').length ?? 0;

describe('the clock in the editor (worker loop: setClock, advance, settle, play head)', () => {
  it('without the view, a change settles at once; with it, only what is due now happens and the clock does the rest', () => {
    const settledAtOnce = harness();
    const first = stateOf(settledAtOnce.ask({ type: 'sync', id: 1, documents: docs }));
    assert.strictEqual(first.settled, true);
    assert.strictEqual(first.view.nodes.reduce((n, x) => n + x.pods.filter((p) => p.phase === 'Running').length, 0), 3);

    const { ask } = harness();
    stateOf(ask({ type: 'setClock', id: 1, settleOnChange: false }));
    const start = stateOf(ask({ type: 'sync', id: 2, documents: docs }));
    assert.strictEqual(start.settled, false, 'pods are still being pulled and started');
    assert.strictEqual(start.view.time, 0, 'no simulated time passed');
    assert.match(JSON.stringify(start.editor.moment), /"settled":false/);
    let last = start;
    for (let i = 3; i < 40 && !last.settled; i++) {
      const reply = ask({ type: 'advance', id: i, seconds: 1 });
      if (reply[0]?.type === 'state') last = reply[0].state as LiveState;
    }
    assert.strictEqual(last.settled, true, 'the clock brought the cluster to rest');
    assert.ok(last.view.time > 0 && last.view.time < 40, `t=${last.view.time}`);
    const idle = ask({ type: 'advance', id: 50, seconds: 5 });
    assert.deepStrictEqual(idle.map((m) => m.type), ['clock'], 'a settled cluster ticks without a state');
    assert.strictEqual((idle[0] as FromWorker.Clock).time, last.view.time + 5);
  });

  it('a failed worker turns NotReady only after its grace period, and its pods move only after the toleration, as the clock runs', () => {
    const { ask } = harness();
    ask({ type: 'sync', id: 1, documents: docs });
    ask({ type: 'setClock', id: 2, settleOnChange: false });
    const failed = stateOf(ask({ type: 'fault', id: 3, target: 'worker-1', failed: true }));
    const onWorker1 = runningOn(failed, 'worker-1');
    assert.ok(onWorker1 > 0, 'worker-1 held pods');
    assert.strictEqual(node(failed, 'worker-1')?.ready, true, 'still Ready at the moment it failed');
    let state = failed;
    const advanceTo = (t: number): void => {
      for (let id = 10; state.view.time < t; id++) {
        const r = ask({ type: 'advance', id, seconds: 5 });
        if (r[0]?.type === 'state') state = r[0].state as LiveState;
        else if (r[0]?.type === 'clock' && r[0].time >= t) break;
      }
    };
    advanceTo(failed.view.time + 30);
    assert.strictEqual(node(state, 'worker-1')?.ready, true, 'within the node monitor grace period');
    advanceTo(failed.view.time + 60);
    assert.strictEqual(node(state, 'worker-1')?.ready, false, 'NotReady after the grace period');
    assert.strictEqual(runningOn(state, 'worker-2'), 3 - onWorker1, 'its pods stay bound during the 300 s toleration');
    const settled = stateOf(ask({ type: 'settle', id: 99 }));
    assert.strictEqual(runningOn(settled, 'worker-2'), 3, 'settling evicts them and they run on worker-2');
    assert.strictEqual(settled.settled, true);
  });

  it('turning settling back on (the view closed) settles the cluster', () => {
    const { ask } = harness();
    ask({ type: 'setClock', id: 1, settleOnChange: false });
    assert.strictEqual(stateOf(ask({ type: 'sync', id: 2, documents: docs })).settled, false);
    assert.strictEqual(stateOf(ask({ type: 'setClock', id: 3, settleOnChange: true })).settled, true);
  });

  it('a seek answers the view first, then the editor\'s state at the play head; back at the head, null', () => {
    const { ask } = harness();
    const now = stateOf(ask({ type: 'sync', id: 1, documents: docs }));
    const back = ask({ type: 'viewAction', id: 2, action: { kind: 'seek', time: 1 } });
    assert.deepStrictEqual(back.map((m) => m.type), ['viewAt', 'playHead']);
    const past = (back[1] as FromWorker.PlayHead).state as LiveState | null;
    assert.ok(past);
    assert.deepStrictEqual(past.past, { time: 1, head: now.view.time });
    assert.strictEqual(past.editor.moment?.past, true);
    assert.strictEqual(past.editor.time, 1);
    assert.ok(past.editor.pods.running < now.editor.pods.running, 'fewer pods Running at t=1');
    const live = ask({ type: 'viewAction', id: 3, action: { kind: 'seek', time: null } });
    assert.deepStrictEqual(live.map((m) => m.type), ['viewAt', 'playHead']);
    assert.strictEqual((live[1] as FromWorker.PlayHead).state, null);
  });
});

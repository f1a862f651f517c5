import * as assert from 'assert';
import { serialize } from 'v8';
import { WorkspaceCluster } from '../../../src/core/live/workspaceCluster';
import { VIEW_STEPS } from '../../../src/core/view/fromSnapshot';
import { StepReceiver, StepSender } from '../../../src/core/view/stepStream';
import { twoSyncs } from '../live/twoSyncs';
import { deploymentYaml } from '../live/fixtures';

const docs = (replicas: number): { uri: string; text: string }[] => [{ uri: 'file:///w/app.yaml', text: deploymentYaml('web', replicas) + '---\n' + deploymentYaml('db', 2) }];

describe('the steps of the process between the worker and the host (stepStream)', () => {
  it('the host puts back exactly the steps of every whole state, while each message carries only the new ones', () => {
    const cluster = new WorkspaceCluster();
    const sender = new StepSender();
    const receiver = new StepReceiver();
    const states = [cluster.sync(docs(3)), cluster.sync(docs(5)), cluster.sync(docs(4))];
    cluster.fault('worker-1', true);
    states.push(cluster.state(['file:///w/app.yaml']));
    states.push(cluster.sync(docs(200))); // more steps in one change than the view holds
    states.push(cluster.sync(docs(201)));
    cluster.setTopology('ha'); // another cluster: its journal counts from 0 again
    states.push(cluster.sync(docs(2)), cluster.sync(docs(3)));
    let trimmedBytes = 0;
    let wholeBytes = 0;
    states.forEach((state, i) => {
      const sent = sender.trim(state.view);
      const merged = receiver.merge(sent);
      assert.deepStrictEqual(merged.steps, state.view.steps, `state ${i}: the steps put back are the whole state's`);
      assert.strictEqual(merged.nodes, state.view.nodes, 'the rest of the view passes as it is');
      if (i > 0) {
        trimmedBytes += serialize(sent.view.steps).length;
        wholeBytes += serialize(state.view.steps).length;
      }
    });
    assert.ok(states[4]!.view.steps!.length === VIEW_STEPS, 'the big scale filled the view');
    assert.ok(trimmedBytes < wholeBytes / 2, `sent ${trimmedBytes} bytes of steps instead of ${wholeBytes}`);
  });

  it('sends every step again for another cluster and for a journal that went back, and a reset receiver takes them whole', () => {
    const sender = new StepSender();
    const step = (seq: number) => ({ seq, time: seq, actor: 'kubectl', verb: 'create', hops: [], text: `step ${seq}` });
    const view = (clusterId: number, seqs: number[]) => ({ steps: seqs.map(step), clusterId }) as never;
    assert.strictEqual(sender.trim(view(1, [1, 2, 3])).stepsAfter, undefined, 'the first state: every step');
    const next = sender.trim(view(1, [1, 2, 3, 4, 5]));
    assert.strictEqual(next.stepsAfter, 3);
    assert.deepStrictEqual(next.view.steps!.map((s) => s.seq), [4, 5]);
    assert.strictEqual(sender.trim(view(1, [1, 2])).stepsAfter, undefined, 'went back');
    assert.strictEqual(sender.trim(view(2, [1, 2, 3, 4, 5, 6])).stepsAfter, undefined, 'another cluster');
    assert.deepStrictEqual(sender.trim(view(2, [1, 2, 3, 4, 5, 6])).view.steps, [], 'nothing new: no step sent');
    const receiver = new StepReceiver();
    receiver.merge({ view: view(2, [1, 2]) });
    receiver.reset();
    assert.deepStrictEqual(receiver.merge({ view: view(2, [7]), stepsAfter: 6 }).steps!.map((s) => s.seq), [7], 'nothing held after a reset');
  });

  it('the worker loop posts each state with only the steps after the last state it posted', () => {
    const [first, second] = twoSyncs(docs(3), docs(4));
    assert.strictEqual(first.stepsAfter, undefined);
    const last = first.state.view.steps!.at(-1)!.seq;
    assert.strictEqual(second.stepsAfter, last);
    assert.ok(second.state.view.steps!.length > 0 && second.state.view.steps!.every((s) => s.seq > last), 'only new steps');
  });
});

import * as assert from 'assert';
import { WorkspaceCluster } from '../../../src/core/live/workspaceCluster';
import { backToNow, feed, FRESH_FEED, type FeedState } from '../../../src/core/view/feed';
import { studyGuideMultiWorker } from '../../../src/core/view/studyGuide';
import type { ClusterView, ToWebview, ViewStep } from '../../../src/shared/protocol';

const step = (seq: number, time: number, mark: ViewStep['mark'] = 'none', text = `step ${seq}`): ViewStep => ({ seq, time, actor: 'kube-scheduler', verb: 'bind', hops: [], text, mark });
const steps = (from: number, to: number, time: number): ViewStep[] => Array.from({ length: to - from + 1 }, (_, i) => step(from + i, time));
const view = (time: number, list: readonly ViewStep[], clusterId?: number): ClusterView => ({ ...studyGuideMultiWorker(), time, steps: list, ...(clusterId !== undefined ? { clusterId } : {}) });
const types = (messages: readonly ToWebview.Message[]): string[] => messages.map((m) => m.type);
const stepsOf = (messages: readonly ToWebview.Message[]): ToWebview.Steps | undefined => messages.find((m): m is ToWebview.Steps => m.type === 'steps');

/** The state after the webview received `v` whole. */
const held = (v: ClusterView): FeedState => feed(FRESH_FEED, v).state;

describe('Cluster View feed (what the host posts the webview)', () => {
  it('sends the first view whole with its steps, then only new steps and a delta', () => {
    const first = feed(FRESH_FEED, view(10, steps(0, 4, 10), 1));
    assert.deepStrictEqual(types(first.messages), ['steps', 'updateState']);
    assert.strictEqual(stepsOf(first.messages)?.reset, true);
    const next = feed(first.state, { ...view(12, steps(0, 6, 12), 1), podTotal: 3 });
    assert.deepStrictEqual(types(next.messages), ['steps', 'delta']);
    assert.deepStrictEqual(stepsOf(next.messages)?.steps.map((s) => s.seq), [5, 6]);
    assert.strictEqual(stepsOf(next.messages)?.reset, false);
  });

  it('starts over when the cluster is rebuilt, even though the new journal is already longer and its time later', () => {
    const before = held(view(30, steps(0, 9, 30), 1));
    // A topology switch: seq counts from 0 again; seq 0-9 are another cluster's steps, 10-14 are new too.
    const after = feed(before, view(40, steps(0, 14, 40), 2));
    assert.deepStrictEqual(types(after.messages), ['steps', 'updateState']);
    const sent = stepsOf(after.messages);
    assert.strictEqual(sent?.reset, true);
    assert.deepStrictEqual(sent?.steps.map((s) => s.seq), steps(0, 14, 40).map((s) => s.seq));
    assert.strictEqual(after.state.clusterId, 2);
  });

  it('still starts over when the cluster went back (a lesson restarted: an earlier time, a shorter journal)', () => {
    const before = held(view(30, steps(0, 9, 30)));
    assert.strictEqual(stepsOf(feed(before, view(5, steps(0, 2, 5))).messages)?.reset, true);
    assert.strictEqual(stepsOf(feed(before, view(30, steps(0, 3, 30))).messages)?.reset, true);
  });

  it('holds the drawing at a past moment while the clock adds steps, and comes back to now on a change the learner caused', () => {
    const now = held(view(30, steps(0, 9, 30), 1));
    const past: FeedState = { ...now, seeking: true, sent: view(12, []) };
    const ticked = feed(past, view(31, [...steps(0, 9, 30), step(10, 31)], 1));
    assert.deepStrictEqual(types(ticked.messages), ['steps'], 'clock steps only: the drawing stays in the past');
    assert.strictEqual(ticked.state.seeking, true);
    const edited = feed(ticked.state, view(32, [...steps(0, 10, 31), step(11, 32, 'apply', 'kubectl applied Deployment shop.')], 1));
    assert.deepStrictEqual(types(edited.messages), ['steps', 'now', 'updateState']);
    assert.strictEqual((edited.messages[1] as ToWebview.Now).reason, 'kubectl applied Deployment shop.');
    assert.strictEqual((edited.messages[2] as ToWebview.UpdateState).view.time, 32);
    assert.strictEqual(edited.state.seeking, false);
    const faulted = feed(ticked.state, view(32, [...steps(0, 10, 31), step(11, 32, 'fault')], 1));
    assert.deepStrictEqual(types(faulted.messages), ['steps', 'now', 'updateState']);
  });

  it('a rebuilt cluster ends a past moment too (the moment belonged to the old cluster)', () => {
    const past: FeedState = { ...held(view(30, steps(0, 9, 30), 1)), seeking: true, sent: view(12, []) };
    const after = feed(past, view(3, steps(0, 2, 3), 2));
    assert.deepStrictEqual(types(after.messages), ['steps', 'updateState']);
    assert.strictEqual(after.state.seeking, false);
  });

  it('an action of the view brings a past moment back to now; at now it sends nothing more', () => {
    const now = held(view(30, steps(0, 9, 30), 1));
    assert.deepStrictEqual(backToNow(now, 'Settle', view(30, steps(0, 9, 30), 1)).messages, []);
    const back = backToNow({ ...now, seeking: true, sent: view(12, []) }, 'Settle', view(30, steps(0, 9, 30), 1));
    assert.deepStrictEqual(types(back.messages), ['now', 'updateState']);
    assert.strictEqual(back.state.seeking, false);
  });

  it('a topology picked in the view while it showed a past moment brings it to now on the new cluster, steps started over', () => {
    const past: FeedState = { ...held(view(30, steps(0, 9, 30), 1)), seeking: true, sent: view(12, []) };
    const back = backToNow(past, 'Topology ha', view(40, steps(0, 14, 40), 2));
    assert.deepStrictEqual(types(back.messages), ['now', 'steps', 'updateState']);
    assert.strictEqual(stepsOf(back.messages)?.reset, true);
    assert.strictEqual(stepsOf(back.messages)?.steps.length, 15);
  });

  it('after a topology switch of the workspace cluster, no step of the old cluster stays (docker-server never shows kube-proxy)', () => {
    const c = new WorkspaceCluster();
    const doc = [{ uri: 'file:///d.yaml', text: 'apiVersion: v1\nkind: Pod\nmetadata: { name: web }\nspec:\n  containers: [{ name: web, image: nginx:1.27 }]\n' }];
    const multi = c.sync(doc).view;
    assert.ok(multi.steps?.some((s) => s.actor === 'kube-proxy' || s.actor === 'kube-scheduler'), 'the multi-worker cluster has control-plane steps');
    const state = held(multi);
    c.setTopology('docker-server');
    const docker = c.sync(doc).view;
    assert.notStrictEqual(docker.clusterId, multi.clusterId);
    const sent = stepsOf(feed(state, docker).messages);
    assert.strictEqual(sent?.reset, true);
    assert.ok(!sent.steps.some((s) => s.actor === 'kube-proxy' || s.actor === 'kube-scheduler'), JSON.stringify(sent.steps.map((s) => s.actor)));
  });
});

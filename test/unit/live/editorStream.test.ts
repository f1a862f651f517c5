import * as assert from 'assert';
import { serialize } from 'v8';
import { EditorReceiver, EditorSender } from '../../../src/core/live/editorStream';
import { WorkspaceCluster } from '../../../src/core/live/workspaceCluster';
import { twoSyncs } from './twoSyncs';
import { deploymentYaml } from './fixtures';

const service = (name: string): string => `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}}\nspec: {selector: {app: ${name}}, ports: [{port: 80}]}\n`;
const docs = (replicas: number, extra = ''): { uri: string; text: string }[] => [{
  uri: 'file:///w/app.yaml',
  text: [deploymentYaml('web', replicas), deploymentYaml('db', 2), service('web'), ...Array.from({ length: 30 }, (_, i) => deploymentYaml(`app-${i}`, 1)), extra].filter(Boolean).join('---\n'),
}];

describe("the editor's live facts between the worker and the host (editorStream)", () => {
  it('the host puts back exactly the objects and Services of every whole state, while each message carries only what changed', () => {
    const cluster = new WorkspaceCluster('multi-worker');
    const sender = new EditorSender();
    const receiver = new EditorReceiver();
    const states = [cluster.sync(docs(3)), cluster.sync(docs(4)), cluster.sync(docs(4, service('db'))), cluster.sync(docs(2))];
    cluster.fault('worker-1', true);
    states.push(cluster.state(['file:///w/app.yaml']));
    cluster.setTopology('ha'); // another cluster: every entry new
    states.push(cluster.sync(docs(2)), cluster.sync(docs(3)));
    let sentBytes = 0;
    let wholeBytes = 0;
    states.forEach((state, i) => {
      const { editor, delta } = sender.trim(state.editor);
      assert.strictEqual(delta === undefined, i === 0, 'only the first state carries the maps whole');
      const merged = receiver.merge(editor, delta);
      assert.deepStrictEqual(merged.objects, state.editor.objects, `state ${i}: objects`);
      assert.deepStrictEqual(merged.services, state.editor.services, `state ${i}: services`);
      assert.strictEqual(merged.nodes, state.editor.nodes, 'the rest passes as it is');
      if (i > 0 && i < 5) {
        sentBytes += serialize([editor, delta]).length;
        wholeBytes += serialize(state.editor).length;
      }
    });
    assert.ok(sentBytes < wholeBytes / 2, `sent ${sentBytes} bytes of editor facts instead of ${wholeBytes}`);
  });

  it('says which keys are gone, and a reset receiver takes the next maps whole', () => {
    const sender = new EditorSender();
    const live = (objects: Record<string, unknown>) => ({ objects, services: {} }) as never;
    const a = { kind: 'Deployment' };
    const b = { kind: 'StatefulSet' };
    sender.trim(live({ a, b }));
    const { delta } = sender.trim(live({ a }));
    assert.deepStrictEqual(delta, { objects: { changed: {}, removed: ['b'] }, services: { changed: {}, removed: [] } });
    const receiver = new EditorReceiver();
    receiver.merge(live({ a, b }), undefined);
    assert.deepStrictEqual(receiver.merge(live({}), delta).objects, { a });
    receiver.reset();
    assert.deepStrictEqual(receiver.merge(live({ b }), undefined).objects, { b });
  });

  it('the worker loop posts the second state with the changes only', () => {
    const [first, second] = twoSyncs(docs(3), docs(4));
    assert.strictEqual(first.editorDelta, undefined);
    assert.deepStrictEqual(Object.keys(second.editorDelta?.objects.changed ?? {}), ['Deployment/default/web'], 'only web changed');
    assert.deepStrictEqual((second.state as unknown as { editor: { objects: object } }).editor.objects, {});
  });
});

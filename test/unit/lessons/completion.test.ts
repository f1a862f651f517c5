import * as assert from 'node:assert';
import { lessonCompletions } from '../../../src/core/lessons/completion';

/** Completions at the `|` of the text. */
function at(textWithCursor: string): string[] {
  const offset = textWithCursor.indexOf('|');
  const text = textWithCursor.replace('|', '');
  const lines = text.slice(0, offset).split('\n');
  return lessonCompletions(text, lines.length - 1, lines[lines.length - 1]!.length).map((c) => c.label);
}

describe('lessons: schema completion (schemas/lesson.schema.json)', () => {
  it('offers the top-level keys not written yet', () => {
    assert.deepStrictEqual(at('|'), ['title', 'summary', 'topology', 'manifests', 'steps']);
    assert.deepStrictEqual(at('title: T\n|\nsteps: []\n'), ['summary', 'topology', 'manifests']);
    assert.deepStrictEqual(at('title: T\nto|'), ['topology']);
  });

  it('offers the topology presets as values', () => {
    assert.deepStrictEqual(at('topology: |'), ['docker-server', 'single-node', 'multi-worker', 'ha']);
    assert.deepStrictEqual(at('topology: mu|'), ['multi-worker']);
  });

  it('offers the step kinds for a new step, then only what that kind allows', () => {
    assert.deepStrictEqual(at('steps:\n  - |'), ['title', 'narration', 'ask', 'expect', 'apply', 'edit', 'delete', 'scale', 'fail', 'heal', 'wait', 'settle']);
    assert.deepStrictEqual(at('steps:\n  - fail: worker-1\n    |'), ['title', 'narration', 'ask', 'expect']);
    assert.deepStrictEqual(at('steps:\n  - settle: true\n  - |').length, 12, 'a new item does not see the keys of the one above');
    assert.deepStrictEqual(at('steps:\n  - title: a\n    |\n    narration: n\n'), ['ask', 'expect', 'apply', 'edit', 'delete', 'scale', 'fail', 'heal', 'wait', 'settle']);
    assert.deepStrictEqual(at('steps:\n  - settle: |'), ['true']);
  });

  it('offers the check kinds, then the keys and values of the check chosen', () => {
    const step = 'steps:\n  - fail: worker-1\n    expect:\n      - ';
    assert.deepStrictEqual(at(`${step}|`), ['pods', 'pod', 'leader', 'etcd', 'workload', 'service', 'event', 'applied', 'node']);
    assert.deepStrictEqual(at(`${step}pods: {selector: app=web}\n        |`), ['count']);
    assert.deepStrictEqual(at(`${step}pods:\n          phase: |`), ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown']);
    assert.deepStrictEqual(at(`${step}etcd:\n          quorum: |`), ['true', 'false']);
    assert.deepStrictEqual(at(`${step}leader: |`), ['kube-scheduler', 'kube-controller-manager']);
    assert.deepStrictEqual(at('steps:\n  - wait: 5\n    ask:\n      |'), ['question', 'choices', 'answer', 'explanation']);
  });

  it('offers nothing inside comments, quotes or flow collections, and never throws on odd text', () => {
    assert.deepStrictEqual(at('# |'), []);
    assert.deepStrictEqual(at('title: "|'), []);
    assert.deepStrictEqual(at('steps: [{|'), []);
    assert.deepStrictEqual(at('nonsense:\n  deeper:\n    |'), []);
    for (const odd of ['\t-\t|', '- - - |', ':\n:|', '---\n|', 'steps:\n  -|']) assert.ok(Array.isArray(at(odd)));
  });

  it('replaces the word typed so far', () => {
    const [c] = lessonCompletions('topology: mu', 0, 12);
    assert.deepStrictEqual({ from: c?.from, insertText: c?.insertText }, { from: 10, insertText: 'multi-worker' });
    const [k] = lessonCompletions('steps:\n  - fa', 1, 6);
    assert.deepStrictEqual({ label: k?.label, from: k?.from, insertText: k?.insertText }, { label: 'fail', from: 4, insertText: 'fail: ' });
  });
});

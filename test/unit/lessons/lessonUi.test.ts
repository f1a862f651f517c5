import * as assert from 'node:assert';
import { scenarioFiles } from '../../../src/core/lessons/files';
import { parseScenario } from '../../../src/core/lessons/parse';
import type { LessonView } from '../../../src/shared/lesson';
import { parseFromWebview } from '../../../src/shared/protocol';
import { lessonKey, progressSummary, ProgressStore } from '../../../src/vscode/lessons/progress';

function memento(): { data: Map<string, unknown>; get<T>(k: string): T | undefined; update(k: string, v: unknown): Promise<void> } {
  const data = new Map<string, unknown>();
  return { data, get: <T>(k: string) => data.get(k) as T | undefined, update: async (k, v) => void (v === undefined ? data.delete(k) : data.set(k, v)) };
}

const VIEW = {
  file: 'l', title: 'T', summary: '', next: 3, awaitingAnswer: false, checksPassed: 4, checksFailed: 0, answered: 2, rightAnswers: 1,
  steps: Array.from({ length: 8 }, (_, i) => ({ index: i, title: `s${i}`, narration: '', played: i < 3, checks: [], ...(i % 3 === 0 ? { question: { prompt: 'q', choices: ['a', 'b'] } } : {}) })),
} satisfies LessonView;

describe('lessons in VS Code: progress, messages, files', () => {
  it('keeps progress per lesson and says it as "3/8 steps, 1/3 answers right"', async () => {
    const m = memento();
    const store = new ProgressStore(m);
    assert.strictEqual(progressSummary(store.get('a')), 'not started');
    await store.save('a', { played: 3, answers: { 0: 1, 3: 0 } }, VIEW);
    assert.strictEqual(progressSummary(store.get('a')), '3/8 steps, 1/3 answers right');
    await store.save('b', { played: 8, answers: {} }, { ...VIEW, rightAnswers: 0 });
    assert.strictEqual(progressSummary(store.get('b')), 'done, 8 steps, 0/3 answers right');
    assert.deepStrictEqual(new ProgressStore(m).get('a')?.answers, { 0: 1, 3: 0 }, 'a new store (a restart) reads it back');
    await store.reset('a');
    assert.strictEqual(store.get('a'), undefined);
    assert.ok(store.get('b'));
    await store.resetAll();
    assert.strictEqual(store.get('b'), undefined);
  });

  it('ignores saved progress of the wrong shape', () => {
    const m = memento();
    m.data.set('kubeAnatomy.lessonProgress', { a: { played: 'x' }, b: null });
    const store = new ProgressStore(m);
    assert.strictEqual(store.get('a'), undefined);
    assert.strictEqual(store.get('b'), undefined);
    m.data.set('kubeAnatomy.lessonProgress', [1]);
    assert.strictEqual(store.get('0'), undefined);
  });

  it('keys bundled lessons by file name, so progress survives an update of the extension', () => {
    assert.strictEqual(lessonKey('file:///ext-0.1.0/samples/lessons/01-a.lesson.yaml', 'file:///ext-0.1.0/samples/lessons'), 'bundled:01-a.lesson.yaml');
    assert.strictEqual(lessonKey('file:///ws/deep/samples/lessons/x/01-a.lesson.yaml', 'file:///ws/deep/samples/lessons'), 'file:///ws/deep/samples/lessons/x/01-a.lesson.yaml');
    assert.strictEqual(lessonKey('file:///ws/my.lesson.yaml', 'file:///ext/samples/lessons'), 'file:///ws/my.lesson.yaml');
  });

  it('accepts exactly the lesson messages of the webview, and nothing near them', () => {
    assert.deepStrictEqual(parseFromWebview({ type: 'lessonStep', command: 'previous' }), { type: 'lessonStep', command: 'previous' });
    assert.deepStrictEqual(parseFromWebview({ type: 'lessonAnswer', step: 2, choice: 1 }), { type: 'lessonAnswer', step: 2, choice: 1 });
    for (const bad of [
      { type: 'lessonStep', command: 'skip' }, { type: 'lessonStep' }, { type: 'lessonStep', command: 'next', extra: 1 },
      { type: 'lessonAnswer', step: -1, choice: 0 }, { type: 'lessonAnswer', step: 1.5, choice: 0 }, { type: 'lessonAnswer', step: 1, choice: '0' },
      { type: 'lessonAnswer', step: 1, choice: 1e9 }, { type: 'lessonAnswer', step: 1 },
    ]) assert.strictEqual(parseFromWebview(bad), undefined, JSON.stringify(bad));
  });

  it('lists the files a scenario reads, once each: its kind config, its manifests and the ones its steps apply', () => {
    const text = 'title: T\ntopology: {kindConfig: kind.yaml}\nmanifests: [a.yaml, {kind: ConfigMap, apiVersion: v1, metadata: {name: c}}]\nsteps:\n  - apply: [b.yaml, a.yaml]\n  - wait: 5\n';
    const { scenario, diagnostics } = parseScenario(text, 'x.lesson.yaml');
    assert.ok(scenario, JSON.stringify(diagnostics));
    assert.deepStrictEqual(scenarioFiles(scenario), ['kind.yaml', 'a.yaml', 'b.yaml']);
  });
});

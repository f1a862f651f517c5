import * as assert from 'node:assert';
import type { FromLessonWorker, ToLessonWorker } from '../../../src/shared/lessonWorkerProtocol';
import { LessonLoop } from '../../../src/worker/lessonLoop';
import { WEB } from '../cli/helpers';
import { LESSON } from './fixtures';


type Request = ToLessonWorker.Message extends infer M ? (M extends { id: number } ? Omit<M, 'id'> : never) : never;
let clock = 0;
function loop(): { send(m: Request): FromLessonWorker.Message } {
  const l = new LessonLoop(() => (clock += 5));
  let id = 0;
  return { send: (m) => l.handle({ ...m, id: ++id } as ToLessonWorker.Message) };
}
const open = { type: 'open', file: 'l.lesson.yaml', text: LESSON, files: { 'web.yaml': WEB }, progress: null } as const;

function state(r: FromLessonWorker.Message): FromLessonWorker.State {
  assert.strictEqual(r.type, 'state', r.type === 'failed' ? r.message : '');
  return r as FromLessonWorker.State;
}

describe('lessons: the lesson worker loop', () => {
  it('opens a lesson with its files and answers each move with the player, the view and the progress', () => {
    const w = loop();
    const opened = state(w.send(open));
    assert.strictEqual(opened.lesson.next, 0);
    assert.strictEqual(opened.view.topology, 'multi-worker');
    assert.deepStrictEqual(opened.progress, { played: 0, answers: {} });
    assert.strictEqual(opened.millis, 5);
    const one = state(w.send({ type: 'step', command: 'next' }));
    assert.strictEqual(one.lesson.next, 1);
    assert.strictEqual(one.lesson.awaitingAnswer, true);
    assert.ok((one.view.steps?.length ?? 0) > 0, 'the view carries the journal steps to animate');
  });

  it('refuses to play past a question until it is answered, and an answer for another step', () => {
    const w = loop();
    w.send(open);
    w.send({ type: 'step', command: 'next' });
    assert.deepStrictEqual(w.send({ type: 'step', command: 'next' }), { type: 'failed', id: 3, message: 'answer the question first' });
    assert.deepStrictEqual(w.send({ type: 'answer', step: 2, choice: 0 }), { type: 'failed', id: 4, message: 'step 3 is not the next step' });
    const answered = state(w.send({ type: 'answer', step: 1, choice: 1 }));
    assert.strictEqual(answered.lesson.steps[1]!.question?.chosen, 1);
    assert.strictEqual(answered.lesson.rightAnswers, 1);
    assert.strictEqual(state(w.send({ type: 'step', command: 'next' })).lesson.next, 2);
  });

  it('steps back by replay, keeping answers, and restarts forgetting them', () => {
    const w = loop();
    w.send(open);
    w.send({ type: 'step', command: 'next' });
    w.send({ type: 'answer', step: 1, choice: 0 });
    w.send({ type: 'step', command: 'next' });
    const three = state(w.send({ type: 'step', command: 'next' }));
    assert.strictEqual(three.lesson.next, 3);
    const back = state(w.send({ type: 'step', command: 'previous' }));
    assert.strictEqual(back.lesson.next, 2);
    assert.deepStrictEqual(back.progress, { played: 2, answers: { 1: 0 } });
    assert.ok(back.view.time < three.view.time, 'the cluster went back in time');
    const again = state(w.send({ type: 'step', command: 'restart' }));
    assert.deepStrictEqual(again.progress, { played: 0, answers: {} });
  });

  it('resumes from saved progress to the same state as playing it', () => {
    const w = loop();
    w.send(open);
    w.send({ type: 'step', command: 'next' });
    w.send({ type: 'answer', step: 1, choice: 1 });
    const played = state(w.send({ type: 'step', command: 'next' }));
    const resumed = state(loop().send({ ...open, progress: played.progress }));
    assert.deepStrictEqual(resumed.lesson, played.lesson);
    assert.strictEqual(resumed.view.time, played.view.time);
  });

  it('rebuilds the lesson cluster at a past moment for the scrubber, leaving the player where it was', () => {
    const w = loop();
    const start = state(w.send(open)).view;
    w.send({ type: 'step', command: 'next' });
    w.send({ type: 'answer', step: 1, choice: 1 });
    w.send({ type: 'step', command: 'next' });
    const now = state(w.send({ type: 'step', command: 'next' }));
    const past = w.send({ type: 'seek', time: start.time });
    assert.strictEqual(past.type, 'viewAt');
    const view = (past as FromLessonWorker.ViewAt).view;
    assert.strictEqual(view.time, start.time);
    assert.deepStrictEqual(view.nodes.map((n) => [n.name, n.ready]), start.nodes.map((n) => [n.name, n.ready]));
    assert.ok(now.view.nodes.some((n) => !n.ready), 'worker-1 is NotReady now, not then');
    const live = w.send({ type: 'seek', time: null });
    assert.strictEqual(live.type === 'viewAt' && live.view.time, now.view.time);
  });

  it('reports a scenario error with its position, a missing file as a problem, and moves before any lesson', () => {
    const w = loop();
    assert.deepStrictEqual(w.send({ type: 'step', command: 'next' }), { type: 'failed', id: 1, message: 'no lesson is open' });
    const bad = w.send({ ...open, text: 'title: T\ntopology: mars\nsteps: [{wait: 1}]\n' });
    assert.strictEqual(bad.type, 'failed');
    assert.match((bad as FromLessonWorker.Failed).message, /^l\.lesson\.yaml:2:\d+: /);
    const missing = state(w.send({ ...open, files: {} }));
    assert.ok(missing.problems.some((p) => p.includes('web.yaml: no such file beside the lesson')), missing.problems.join('\n'));
  });
});

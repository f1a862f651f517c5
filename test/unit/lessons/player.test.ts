import * as assert from 'node:assert';
import { LessonPlayer } from '../../../src/core/lessons';
import { WEB } from '../cli/helpers';
import { LESSON } from './fixtures';

const read = (p: string): string => {
  if (p === 'web.yaml') return WEB;
  throw new Error(`no such file: ${p}`);
};

function open(progress?: { played: number; answers: Record<number, number> }): LessonPlayer {
  const p = LessonPlayer.open(LESSON, 'l.lesson.yaml', read, progress);
  assert.ok(p instanceof LessonPlayer);
  return p;
}

describe('lessons: the player', () => {
  it('waits for the answer before a step that asks a question, then says whether it was right', () => {
    const p = open();
    assert.ok(p.next());
    assert.strictEqual(p.view().awaitingAnswer, true);
    assert.strictEqual(p.next(), undefined);
    assert.strictEqual(p.answer(5), undefined);
    assert.strictEqual(p.answer(0), false);
    assert.strictEqual(p.answer(1), undefined, 'answered once only');
    const v = p.view();
    assert.deepStrictEqual(v.steps[1].question, { prompt: 'Is worker-1 NotReady at once?', choices: ['yes', 'no'], chosen: 0, answer: 1, explanation: 'The grace period.' });
    assert.ok(p.next());
    assert.ok(p.next());
    assert.strictEqual(p.next(), undefined);
    const end = p.view();
    assert.deepStrictEqual([end.next, end.checksPassed, end.checksFailed, end.answered, end.rightAnswers], [3, 3, 0, 1, 0]);
    assert.deepStrictEqual(end.steps.map((s) => s.played), [true, true, true]);
  });

  it('hides the answer until the learner has answered', () => {
    const q = open().view().steps[1].question;
    assert.deepStrictEqual(q, { prompt: 'Is worker-1 NotReady at once?', choices: ['yes', 'no'] });
  });

  it('restores saved progress by replaying the played steps', () => {
    const p = open();
    p.next();
    p.answer(1);
    p.next();
    const saved = p.progress();
    assert.deepStrictEqual(saved, { played: 2, answers: { 1: 1 } });
    const q = open(saved);
    assert.deepStrictEqual(q.view(), p.view());
    assert.strictEqual(q.simulation.snapshot().time, p.simulation.snapshot().time);
  });

  it('ignores progress that does not fit the lesson, and restarts clean', () => {
    const p = open({ played: 99, answers: { 1: 7, 0: 0 } });
    assert.deepStrictEqual([p.view().next, p.view().answered], [1, 0]);
    p.restart();
    assert.deepStrictEqual([p.view().next, p.view().checksPassed], [0, 0]);
  });

  it('returns the errors of a scenario that does not parse', () => {
    const r = LessonPlayer.open('title: T\n', 'bad.lesson.yaml', read);
    assert.ok(Array.isArray(r));
    assert.match((r as readonly { message: string }[])[0].message, /"topology" is required/);
  });
});

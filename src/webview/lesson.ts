/**
 * The lesson pane of the Cluster View: the lesson's title and score, the step just played (its answer,
 * explanation and checks), the next step (its narration, its question with a button per choice, and
 * the button that plays it), and the moves: previous, restart, leave. Text only (textContent), never markup.
 */
import type { LessonCheckView, LessonPane, LessonStepView } from '../shared/lesson';
import type { FromWebview } from '../shared/protocol';

type Post = (message: FromWebview.Message) => void;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function button(text: string, id: string, onClick: () => void, disabled = false): HTMLButtonElement {
  const b = el('button', undefined, text);
  b.type = 'button';
  b.id = id;
  b.disabled = disabled;
  b.addEventListener('click', onClick);
  return b;
}

const seconds = (t: number): string => (t >= 60 ? `${Math.floor(t / 60)}m${t % 60 ? ` ${t % 60}s` : ''}` : `${t}s`);

/** The lesson pane; hidden while the view shows the live cluster. */
export class LessonPaneView {
  private readonly root: HTMLElement;

  constructor(before: Element, private readonly post: Post) {
    this.root = el('section', 'lesson');
    this.root.id = 'lesson';
    this.root.setAttribute('aria-label', 'Lesson');
    this.root.hidden = true;
    before.parentElement?.insertBefore(this.root, before);
  }

  render(pane: LessonPane | null): void {
    document.body.classList.toggle('lesson-mode', pane !== null);
    this.root.hidden = pane === null;
    this.root.replaceChildren();
    if (!pane) return;
    const { lesson } = pane;
    const header = el('div', 'lesson-head');
    header.append(el('h2', 'lesson-title', lesson.title), el('span', 'lesson-score', score(pane)));
    this.root.append(header);
    if (lesson.next === 0 && lesson.summary) this.root.append(el('p', 'lesson-summary', lesson.summary));
    for (const p of pane.problems) this.root.append(el('p', 'lesson-problem', p));
    const last = lesson.steps[lesson.next - 1];
    const next = lesson.steps[lesson.next];
    if (last) this.root.append(this.played(last));
    if (next) this.root.append(this.upcoming(next, lesson.awaitingAnswer));
    else this.root.append(el('p', 'lesson-done', `Lesson complete: ${lesson.checksPassed} of ${lesson.checksPassed + lesson.checksFailed} checks passed${lesson.answered ? `, ${lesson.rightAnswers} of ${lesson.answered} predictions right` : ''}.`));
    const moves = el('div', 'lesson-moves');
    moves.setAttribute('role', 'toolbar');
    moves.setAttribute('aria-label', 'Lesson');
    moves.append(
      button('◀ Previous step', 'lesson-previous', () => this.post({ type: 'lessonStep', command: 'previous' }), lesson.next === 0),
      button(next ? `Play step ${next.index + 1} ▶` : 'Done', 'lesson-next', () => this.post({ type: 'lessonStep', command: 'next' }), !next || lesson.awaitingAnswer),
      button('Restart', 'lesson-restart', () => this.post({ type: 'lessonStep', command: 'restart' })),
      button('Leave lesson', 'lesson-leave', () => this.post({ type: 'lessonStep', command: 'leave' })),
    );
    this.root.append(moves, this.outline(pane));
  }

  /** The step just played: what the learner predicted, the explanation, each check. */
  private played(step: LessonStepView): HTMLElement {
    const box = el('div', 'lesson-step lesson-played');
    box.append(el('h3', undefined, `${stepName(step)}${step.time !== undefined ? ` (t=${seconds(step.time)})` : ''}`));
    if (step.narration) box.append(el('p', 'lesson-narration', step.narration));
    if (step.question) box.append(this.verdict(step));
    if (step.error) box.append(el('p', 'lesson-problem', `The step could not be done: ${step.error}`));
    if (step.checks.length) {
      const list = el('ul', 'lesson-checks');
      list.setAttribute('aria-label', 'Checks');
      for (const c of step.checks) list.append(check(c));
      box.append(list);
    }
    return box;
  }

  /** The step about to play: its narration and, first, its question. */
  private upcoming(step: LessonStepView, awaiting: boolean): HTMLElement {
    const box = el('div', 'lesson-step lesson-next');
    box.append(el('h3', undefined, `Next, ${stepName(step).replace(/^S/, 's')}`));
    if (!step.question) {
      if (step.narration) box.append(el('p', 'lesson-narration', step.narration));
      return box;
    }
    box.append(el('p', 'lesson-prompt', `Predict, then run: ${step.question.prompt}`));
    if (step.question.chosen !== undefined) {
      box.append(this.verdict(step));
      if (step.narration) box.append(el('p', 'lesson-narration', step.narration));
      return box;
    }
    const choices = el('div', 'lesson-choices');
    choices.setAttribute('role', 'group');
    choices.setAttribute('aria-label', 'Your prediction');
    step.question.choices.forEach((c, i) => {
      const b = button(c, `lesson-choice-${i}`, () => this.post({ type: 'lessonAnswer', step: step.index, choice: i }), !awaiting);
      b.classList.add('lesson-choice');
      choices.append(b);
    });
    box.append(choices);
    return box;
  }

  /** Right or wrong, the right answer and the explanation. */
  private verdict(step: LessonStepView): HTMLElement {
    const q = step.question!;
    const right = q.chosen === q.answer;
    const p = el('div', `lesson-verdict ${right ? 'right' : 'wrong'}`);
    p.setAttribute('role', 'status');
    const answer = q.answer !== undefined ? q.choices[q.answer] : undefined;
    p.append(el('strong', undefined, right ? '✓ Right: ' : '✗ Not quite: '));
    p.append(document.createTextNode(right ? `${answer ?? ''}.` : `you said “${q.choices[q.chosen ?? 0] ?? ''}”; the answer is “${answer ?? ''}”.`));
    if (q.explanation) p.append(el('p', 'lesson-explanation', q.explanation));
    return p;
  }

  /** Every step, with a mark for played ones and their checks. */
  private outline(pane: LessonPane): HTMLElement {
    const details = el('details', 'lesson-outline');
    details.append(el('summary', undefined, `All ${pane.lesson.steps.length} steps`));
    const list = el('ol');
    for (const s of pane.lesson.steps) {
      const failed = s.checks.some((c) => !c.passed) || !!s.error;
      const mark = !s.played ? '○' : failed ? '✗' : '✓';
      const item = el('li', s.index === pane.lesson.next ? 'current' : undefined, `${mark} ${s.title}${s.question ? ' (question)' : ''}`);
      list.append(item);
    }
    details.append(list);
    return details;
  }
}

/** "Step 2: The server crashes", or "Step 2" for a step without a title of its own. */
function stepName(step: LessonStepView): string {
  const n = `Step ${step.index + 1}`;
  return step.title === n ? n : `${n}: ${step.title}`;
}

function check(c: LessonCheckView): HTMLElement {
  const li = el('li', c.passed ? 'passed' : 'failed');
  li.append(el('span', 'mark', c.passed ? '✓ ' : '✗ '), document.createTextNode(c.expected));
  if (!c.passed) li.append(el('span', 'seen', ` (seen: ${c.seen})`));
  return li;
}

function score(pane: LessonPane): string {
  const l = pane.lesson;
  const parts = [`step ${Math.min(l.next, l.steps.length)}/${l.steps.length}`];
  if (l.checksPassed + l.checksFailed) parts.push(`${l.checksPassed} check${l.checksPassed === 1 ? '' : 's'} passed${l.checksFailed ? `, ${l.checksFailed} failed` : ''}`);
  if (l.answered) parts.push(`${l.rightAnswers}/${l.answered} predictions right`);
  return parts.join(' · ');
}

/**
 * A lesson as a learner plays it: a step at a time, a question answered before the step that asks it,
 * each check's verdict kept. Progress (steps played, answers) can be saved and restored: the simulation
 * is deterministic, so restoring replays the played steps.
 */
import type { LessonProgress, LessonStepView, LessonView } from '../../shared/lesson';
import { parseScenario } from './parse';
import { LessonRun, type ReadRelative } from './run';
import type { Scenario, ScenarioDiagnostic, Step, StepResult } from './types';

/** Plays one scenario for a learner. */
export class LessonPlayer {
  private run: LessonRun;
  private readonly results: StepResult[] = [];
  private readonly answers = new Map<number, number>();

  private constructor(readonly scenario: Scenario, private readonly read: ReadRelative) {
    this.run = LessonRun.start(scenario, read);
  }

  /** Parses and starts a lesson; returns the diagnostics instead when it has errors. */
  static open(text: string, file: string, read: ReadRelative, progress?: LessonProgress): LessonPlayer | readonly ScenarioDiagnostic[] {
    const { scenario, diagnostics } = parseScenario(text, file);
    if (!scenario) return diagnostics.filter((d) => d.severity === 'error');
    const player = new LessonPlayer(scenario, read);
    if (progress) player.restore(progress);
    return player;
  }

  /** The simulation behind the lesson (the Cluster View draws it). */
  get simulation(): LessonRun['sim'] {
    return this.run.sim;
  }

  /** Set-up problems of the scenario (manifests that did not apply, targets that do not exist). */
  get problems(): LessonRun['problems'] {
    return this.run.problems;
  }

  /** Records the learner's prediction for the next step; returns whether it was right. */
  answer(choice: number): boolean | undefined {
    const step = this.scenario.steps[this.run.position];
    if (!step?.question || this.answers.has(this.run.position) || !Number.isInteger(choice) || choice < 0 || choice >= step.question.choices.length) return undefined;
    this.answers.set(this.run.position, choice);
    return choice === step.question.answer;
  }

  /** Plays the next step, unless it waits for an answer or the lesson is over. */
  next(): StepResult | undefined {
    if (this.awaitingAnswer()) return undefined;
    const r = this.run.next();
    if (r) this.results.push(r);
    return r;
  }

  /** Starts again from the beginning, forgetting answers. */
  restart(): void {
    this.run = LessonRun.start(this.scenario, this.read);
    this.results.length = 0;
    this.answers.clear();
  }

  /** Goes back one step: replays the lesson up to the step before the last one played, keeping the answers. */
  back(): void {
    const { played, answers } = this.progress();
    this.restart();
    this.restore({ played: Math.max(0, played - 1), answers });
  }

  /** What to save to resume later. */
  progress(): LessonProgress {
    return { played: this.results.length, answers: Object.fromEntries(this.answers) };
  }

  private restore(p: LessonProgress): void {
    for (const [k, v] of Object.entries(p.answers)) {
      const i = Number(k);
      const q = this.scenario.steps[i]?.question;
      if (q && Number.isInteger(v) && v >= 0 && v < q.choices.length) this.answers.set(i, v);
    }
    const target = Math.min(Math.max(0, Math.floor(p.played) || 0), this.scenario.steps.length);
    while (this.results.length < target && this.next());
  }

  private awaitingAnswer(): boolean {
    const i = this.run.position;
    return !!this.scenario.steps[i]?.question && !this.answers.has(i);
  }

  /** The player's state, for the view. */
  view(): LessonView {
    const steps = this.scenario.steps.map((s, i) => this.stepView(s, i));
    const checks = this.results.flatMap((r) => r.checks);
    const answered = [...this.answers].filter(([i]) => this.scenario.steps[i]?.question);
    return {
      file: this.scenario.file, title: this.scenario.title, summary: this.scenario.summary ?? '', steps,
      next: this.run.position, awaitingAnswer: this.awaitingAnswer(),
      checksPassed: checks.filter((c) => c.passed).length, checksFailed: checks.filter((c) => !c.passed).length,
      answered: answered.length, rightAnswers: answered.filter(([i, a]) => this.scenario.steps[i].question?.answer === a).length,
    };
  }

  private stepView(s: Step, i: number): LessonStepView {
    const r = this.results[i];
    const chosen = this.answers.get(i);
    const q = s.question;
    const question = q && { prompt: q.prompt, choices: q.choices, ...(chosen === undefined ? {} : { chosen, answer: q.answer, explanation: q.explanation }) };
    return {
      index: i, title: s.title ?? `Step ${i + 1}`, narration: s.narration ?? '', ...(question ? { question } : {}),
      played: !!r, checks: (r?.checks ?? []).map((c) => ({ passed: c.passed, expected: c.expected, seen: c.seen })),
      ...(r?.error ? { error: r.error } : {}), ...(r ? { time: r.time } : {}),
    };
  }
}

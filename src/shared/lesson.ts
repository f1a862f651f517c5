/**
 * What a lesson player shows: shared by the extension host and the Cluster View webview. Types only.
 */

/** One check's verdict, in words. */
export interface LessonCheckView {
  readonly passed: boolean;
  readonly expected: string;
  readonly seen: string;
}

/** A "predict, then run" question and, once answered, whether the learner was right. */
export interface LessonQuestionView {
  readonly prompt: string;
  readonly choices: readonly string[];
  /** The learner's choice, once answered. */
  readonly chosen?: number;
  /** Shown once answered. */
  readonly answer?: number;
  readonly explanation?: string;
}

/** One step as the player shows it. */
export interface LessonStepView {
  readonly index: number;
  readonly title: string;
  readonly narration: string;
  readonly question?: LessonQuestionView;
  /** Set once the step has played. */
  readonly played: boolean;
  readonly checks: readonly LessonCheckView[];
  /** Why the step's action could not be done, if it could not. */
  readonly error?: string;
  /** Simulated seconds after the step played. */
  readonly time?: number;
}

/** The whole player: the lesson, where it is, and what the learner did. */
export interface LessonView {
  readonly file: string;
  readonly title: string;
  readonly summary: string;
  readonly steps: readonly LessonStepView[];
  /** Index of the next step to play (steps.length when done). */
  readonly next: number;
  /** The next step asks a question the learner has not answered yet: play waits for an answer. */
  readonly awaitingAnswer: boolean;
  readonly checksPassed: number;
  readonly checksFailed: number;
  readonly rightAnswers: number;
  readonly answered: number;
}

/** What is kept per lesson across restarts. */
export interface LessonProgress {
  /** Steps played. */
  readonly played: number;
  /** Answers by step index. */
  readonly answers: Readonly<Record<number, number>>;
}

/** The learner's moves in the lesson pane besides answering ('leave' goes back to the live cluster). */
export const LESSON_COMMANDS = ['next', 'previous', 'restart', 'leave'] as const;
export type LessonCommand = (typeof LESSON_COMMANDS)[number];

/** The lesson pane's state: the player, and set-up problems of the scenario in words ("shop.yaml:3:1: …"). */
export interface LessonPane {
  readonly lesson: LessonView;
  readonly problems: readonly string[];
}

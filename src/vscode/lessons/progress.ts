/**
 * Lesson progress kept across restarts (the extension's globalState): per lesson, the steps played and
 * the answers given, which resume the lesson by replay, and the counts the Open Lesson picker shows.
 * No vscode import: the store is any Memento-like object, so unit tests give it a Map.
 */
import type { LessonProgress, LessonView } from '../../shared/lesson';

/** The part of vscode.Memento the store uses. */
export interface ProgressMemento {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

/** What is saved per lesson. */
export interface SavedProgress extends LessonProgress {
  readonly steps: number;
  readonly questions: number;
  readonly right: number;
}

const KEY = 'kubeAnatomy.lessonProgress';
const BUNDLED = 'bundled:';

/** The key of a lesson: bundled lessons by file name (the extension's folder changes with each version), others by URI. */
export function lessonKey(uri: string, bundledRoot: string): string {
  const root = bundledRoot.endsWith('/') ? bundledRoot : `${bundledRoot}/`;
  return uri.startsWith(root) && !uri.slice(root.length).includes('/') ? `${BUNDLED}${uri.slice(root.length)}` : uri;
}

/** "3/8 steps, 2/3 answers right", or "not started". */
export function progressSummary(p: SavedProgress | undefined): string {
  if (!p || (p.played === 0 && Object.keys(p.answers).length === 0)) return 'not started';
  const steps = p.played >= p.steps ? `done, ${p.steps} steps` : `${p.played}/${p.steps} steps`;
  return p.questions > 0 ? `${steps}, ${p.right}/${p.questions} answers right` : steps;
}

export class ProgressStore {
  constructor(private readonly memento: ProgressMemento) {}

  private all(): Readonly<Record<string, SavedProgress>> {
    const raw = this.memento.get<unknown>(KEY);
    return typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, SavedProgress>) : {};
  }

  get(key: string): SavedProgress | undefined {
    const p = this.all()[key];
    return p && typeof p.played === 'number' && typeof p.answers === 'object' && p.answers !== null ? p : undefined;
  }

  /** Saves where the learner is in a lesson. */
  save(key: string, progress: LessonProgress, lesson: LessonView): Thenable<void> {
    const saved: SavedProgress = {
      played: progress.played, answers: progress.answers, steps: lesson.steps.length,
      questions: lesson.steps.filter((s) => s.question).length, right: lesson.rightAnswers,
    };
    return this.memento.update(KEY, { ...this.all(), [key]: saved });
  }

  reset(key: string): Thenable<void> {
    const { [key]: _dropped, ...rest } = this.all();
    return this.memento.update(KEY, rest);
  }

  resetAll(): Thenable<void> {
    return this.memento.update(KEY, undefined);
  }
}

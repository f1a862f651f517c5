/**
 * The lesson worker's request handler, without the thread: one LessonPlayer, driven by the host's
 * requests, each answered with the player's state and the Cluster View of its simulation. Lesson steps
 * cost up to ~35 ms and opening a lesson up to ~50 ms (resuming replays every step played), so they run
 * here rather than on the extension host (measured in scripts/bench.ts, "lesson" lines). Tests run it in-process.
 */
import { LessonPlayer } from '../core/lessons/player';
import type { SetupProblem } from '../core/lessons/run';
import { toClusterView } from '../core/view/fromSnapshot';
import { assertNever } from '../shared/protocol';
import type { FromLessonWorker, ToLessonWorker } from '../shared/lessonWorkerProtocol';

export class LessonLoop {
  private player: LessonPlayer | undefined;

  constructor(private readonly now: () => number) {}

  /** Handles one request; never throws (a failure is a `failed` reply). */
  handle(message: ToLessonWorker.Message): FromLessonWorker.Message {
    const started = this.now();
    try {
      if (message.type === 'seek') return this.seek(message);
      const error = this.perform(message);
      return error ? { type: 'failed', id: message.id, message: error } : this.state(message.id, started);
    } catch (err) {
      return { type: 'failed', id: message.id, message: err instanceof Error ? err.message : String(err) };
    }
  }

  private seek(message: ToLessonWorker.Seek): FromLessonWorker.Message {
    if (!this.player) return { type: 'failed', id: message.id, message: 'no lesson is open' };
    const sim = this.player.simulation;
    const snapshot = message.time === null ? sim.snapshot() : sim.snapshotAt(Math.min(message.time, sim.now()));
    return { type: 'viewAt', id: message.id, view: toClusterView(snapshot, sim.journal) };
  }

  private perform(message: Exclude<ToLessonWorker.Message, ToLessonWorker.Seek>): string | undefined {
    if (message.type === 'open') return this.open(message);
    const player = this.player;
    if (!player) return 'no lesson is open';
    switch (message.type) {
      case 'answer':
        if (message.step !== player.view().next) return `step ${message.step + 1} is not the next step`;
        return player.answer(message.choice) === undefined ? 'this step has no question waiting for an answer' : undefined;
      case 'step':
        if (message.command === 'next') return player.next() ? undefined : player.view().awaitingAnswer ? 'answer the question first' : 'the lesson is over';
        if (message.command === 'previous') player.back();
        else player.restart();
        return undefined;
      default:
        return assertNever(message);
    }
  }

  private open(message: ToLessonWorker.Open): string | undefined {
    const files = message.files;
    const read = (rel: string): string => {
      if (!Object.prototype.hasOwnProperty.call(files, rel)) throw new Error(`${rel}: no such file beside the lesson`);
      return files[rel] as string;
    };
    const opened = LessonPlayer.open(message.text, message.file, read, message.progress ?? undefined);
    if (!(opened instanceof LessonPlayer)) {
      this.player = undefined;
      const first = opened[0];
      return first ? `${message.file}:${first.range.start.line}:${first.range.start.column}: ${first.message}` : `${message.file}: not a lesson`;
    }
    this.player = opened;
    return undefined;
  }

  private state(id: number, started: number): FromLessonWorker.State {
    const player = this.player as LessonPlayer;
    const sim = player.simulation;
    return {
      type: 'state', id, lesson: player.view(), view: toClusterView(sim.snapshot(), sim.journal), progress: player.progress(),
      problems: player.problems.map(problemText), millis: this.now() - started,
    };
  }
}

function problemText(p: SetupProblem): string {
  return `${p.severity === 'error' ? 'problem' : 'warning'}: ${p.line ? `${p.file}:${p.line}:${p.column}: ` : ''}${p.message}`;
}

import * as vscode from 'vscode';
import type { LessonCommand, LessonPane, LessonProgress } from '../../shared/lesson';
import type { FromLessonWorker, ToLessonWorker } from '../../shared/lessonWorkerProtocol';
import type { ClusterView } from '../../shared/protocol';
import type { ClusterSource } from '../clusterViewPanel';
import type { LessonWorkerClient } from './lessonWorker';

/** A scenario as the host read it: its text and the files it names, by the path written in it. */
export interface LessonSource {
  readonly uri: vscode.Uri;
  /** The name diagnostics and problems use (workspace-relative, or the file name of a bundled lesson). */
  readonly file: string;
  readonly text: string;
  readonly files: Readonly<Record<string, string>>;
}

/**
 * A lesson played in the Cluster View: a ClusterSource whose cluster is the lesson's own simulation,
 * run in the lesson worker. The learner's moves go to the worker; each reply is the player's state,
 * drawn by the panel like any change (the journal's steps animate) and saved as progress.
 */
export class LessonCluster implements ClusterSource, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private busy: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly source: LessonSource, private readonly worker: LessonWorkerClient, private state: FromLessonWorker.State,
    private readonly events: { saved(progress: LessonProgress, state: FromLessonWorker.State): void; leave(): void },
  ) {}

  /** Opens the lesson in the worker (resumed from `progress`); resolves to the cluster, or why it cannot play. */
  static async open(source: LessonSource, worker: LessonWorkerClient, progress: LessonProgress | undefined, events: LessonCluster['events']): Promise<LessonCluster | string> {
    const reply = await worker.request(openRequest(source, progress));
    return reply.type === 'state' ? new LessonCluster(source, worker, reply, events) : reply.type === 'failed' ? reply.message : 'unexpected reply';
  }

  get millis(): number {
    return this.state.millis;
  }

  current(): ClusterView {
    return this.state.view;
  }

  onDidChange(listener: () => void): vscode.Disposable {
    return this.changed.event(listener);
  }

  lesson(): LessonPane {
    return { lesson: this.state.lesson, problems: this.state.problems };
  }

  lessonStep(command: LessonCommand): Promise<string | undefined> {
    if (command === 'leave') {
      this.events.leave();
      return Promise.resolve(undefined);
    }
    return this.request({ type: 'step', command });
  }

  /** The lesson's cluster at a past moment, rebuilt from its journal (the scrubber), or why not. */
  async seek(time: number | null): Promise<ClusterView | string> {
    const reply = await this.worker.request({ type: 'seek', time });
    return reply.type === 'viewAt' ? reply.view : reply.type === 'failed' ? reply.message : 'unexpected reply';
  }

  lessonAnswer(step: number, choice: number): Promise<string | undefined> {
    return this.request({ type: 'answer', step, choice });
  }

  /** One request at a time, in order (a double click plays two steps, not a race). */
  private request(message: Omit<ToLessonWorker.Step, 'id'> | Omit<ToLessonWorker.Answer, 'id'>): Promise<string | undefined> {
    const run = this.busy.then(async () => {
      // A worker that died lost the lesson: open it again where the learner was, then do the move.
      if (!this.worker.alive) {
        const reopened = await this.worker.request(openRequest(this.source, this.state.progress));
        if (reopened.type === 'failed') return reopened.message;
      }
      return this.apply(await this.worker.request(message));
    });
    this.busy = run.catch(() => undefined);
    return run;
  }

  private apply(reply: FromLessonWorker.Message): string | undefined {
    if (reply.type === 'failed') return reply.message;
    if (reply.type !== 'state') return 'unexpected reply';
    this.state = reply;
    this.events.saved(reply.progress, reply);
    this.changed.fire();
    return undefined;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function openRequest(source: LessonSource, progress: LessonProgress | undefined): Omit<ToLessonWorker.Open, 'id'> {
  return { type: 'open', file: source.file, text: source.text, files: source.files, progress: progress ?? null };
}

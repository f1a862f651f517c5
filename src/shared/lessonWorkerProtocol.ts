/**
 * Messages between the extension host and the lesson worker thread (the simulation worker's bundle run
 * with workerData `{ role: 'lesson' }`, src/worker/lessonLoop.ts). The worker plays one lesson at a time;
 * the host sends the scenario with the files it names (read by the host, so virtual workspaces work) and
 * the learner's moves, and receives the player's state. Types only.
 */
import type { LessonProgress, LessonView } from './lesson';
import type { ClusterView } from './protocol';

/** What the worker thread is started for (its workerData). */
export interface LessonWorkerData { readonly role: 'lesson' }
/** In the browser build a Web Worker has no workerData: its name gives the lesson role instead. */
export const LESSON_WORKER_NAME = 'Kube Anatomy lesson';

/** Host → worker. `id` pairs each request with its reply. */
export namespace ToLessonWorker {
  /** Plays a scenario (replacing any other), resumed from `progress` by replay. `files`: relative path → text. */
  export interface Open {
    readonly type: 'open'; readonly id: number; readonly file: string; readonly text: string;
    readonly files: Readonly<Record<string, string>>; readonly progress: LessonProgress | null;
  }
  export interface Step { readonly type: 'step'; readonly id: number; readonly command: 'next' | 'previous' | 'restart' }
  export interface Answer { readonly type: 'answer'; readonly id: number; readonly step: number; readonly choice: number }
  /** The lesson's cluster at a past simulated second (null: now), for the Cluster View's scrubber. */
  export interface Seek { readonly type: 'seek'; readonly id: number; readonly time: number | null }
  export type Message = Open | Step | Answer | Seek;
}

/** Worker → host. */
export namespace FromLessonWorker {
  /** The player after the request; `problems` in words with their position; `millis` the request's cost. */
  export interface State {
    readonly type: 'state'; readonly id: number; readonly lesson: LessonView; readonly view: ClusterView;
    readonly progress: LessonProgress; readonly problems: readonly string[]; readonly millis: number;
  }
  export interface Failed { readonly type: 'failed'; readonly id: number; readonly message: string }
  /** The answer to a seek: the view at that moment (the player is unchanged). */
  export interface ViewAt { readonly type: 'viewAt'; readonly id: number; readonly view: ClusterView }
  export type Message = State | Failed | ViewAt;
}

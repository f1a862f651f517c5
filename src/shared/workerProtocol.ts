/**
 * Messages between the extension host and the simulation worker thread (src/worker/simWorker.ts).
 * The worker owns the simulated cluster; the host only sends documents and commands and receives state.
 * Types only, from src/shared only (never src/core).
 */
import type { LiveProgress, LiveState, TopologyChoice, WorkspaceDocument } from './liveTypes';
import type { ClusterView } from './protocol';
import type { ViewAction as ViewActionRequest } from './viewActions';

/** Host → worker. `id` pairs each request with its reply. */
export namespace ToWorker {
  /** The open documents. While the worker is busy, a newer sync supersedes queued and running ones. */
  export interface Sync { readonly type: 'sync'; readonly id: number; readonly documents: readonly WorkspaceDocument[] }
  export interface Fault { readonly type: 'fault'; readonly id: number; readonly target: string; readonly failed: boolean }
  export interface SetTopology { readonly type: 'setTopology'; readonly id: number; readonly choice: TopologyChoice }
  export interface Targets { readonly type: 'targets'; readonly id: number }
  /** A fresh worker after a crash: the topology, the documents and the faults the host remembers, applied in that order. */
  export interface Restore {
    readonly type: 'restore'; readonly id: number; readonly choice: TopologyChoice;
    readonly documents: readonly WorkspaceDocument[]; readonly faults: readonly string[];
  }
  /** The Cluster View's own requests (seek, scale, add or remove a worker): see viewActions.ts. */
  export interface ViewAction { readonly type: 'viewAction'; readonly id: number; readonly action: ViewActionRequest }
  /** Serve the live cluster's Kubernetes API for kubectl (`start`), or stop serving it. */
  export interface Api { readonly type: 'api'; readonly id: number; readonly action: 'start' | 'stop' }
  export type Message = Sync | Fault | SetTopology | Targets | Restore | ViewAction | Api;
}

/** Worker → host. */
export namespace FromWorker {
  /** `faults`: the targets failed now, for the host to restore after a crash. */
  export interface State { readonly type: 'state'; readonly id: number; readonly state: LiveState; readonly millis: number; readonly faults: readonly string[] }
  export interface Targets { readonly type: 'targets'; readonly id: number; readonly targets: readonly string[] }
  export interface Failed { readonly type: 'failed'; readonly id: number; readonly message: string }
  /** A newer sync arrived before this one finished: its work was dropped or abandoned. */
  export interface Superseded { readonly type: 'superseded'; readonly id: number; readonly by: number }
  /** Sent while a long request runs (not a reply: the request's own reply follows). */
  export interface Progress { readonly type: 'progress'; readonly id: number; readonly progress: LiveProgress }
  /** The view at a past moment (the answer to a seek): not the live state. */
  export interface ViewAt { readonly type: 'viewAt'; readonly id: number; readonly view: ClusterView }
  /** The answer to `api`: where the API is served and a kubeconfig for it (undefined once stopped). */
  export interface Api { readonly type: 'api'; readonly id: number; readonly served: { readonly url: string; readonly kubeconfig: string } | undefined }
  /** Not a reply: the cluster after kubectl changed it through the served API (`id` is 0). */
  export interface ApiWrite { readonly type: 'apiWrite'; readonly id: 0; readonly state: LiveState; readonly millis: number; readonly faults: readonly string[] }
  export type Reply = State | Targets | Failed | Superseded | ViewAt | Api;
  export type Message = Reply | Progress | ApiWrite;
}

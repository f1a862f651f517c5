/**
 * Messages between the extension host and the simulation worker thread (src/worker/simWorker.ts).
 * The worker owns the simulated cluster; the host only sends documents and commands and receives state.
 * Types only, from src/shared only (never src/core).
 */
import type { LiveProgress, LiveState, TopologyChoice, WorkspaceDocument } from './liveTypes';
import type { ClusterView } from './protocol';
import type { ViewAction as ViewActionRequest } from './viewActions';

/**
 * What serving the Kubernetes API again needs to look the same to kubectl (a worker restarted after a
 * crash): the port, the bearer token and the TLS certificate and key (its CA is in the kubeconfig).
 */
export interface ApiIdentity { readonly port: number; readonly token: string; readonly cert: string; readonly key: string }

/** Objects kubectl created through the served API, as they would be created again (src/core/kubeapi/apiOwned.ts). */
export type ApiObjects = readonly { readonly kind: string; readonly metadata: object }[];

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
    /** The clock mode the lost worker was in (see SetClock); absent: settle on change. */
    readonly settleOnChange?: boolean;
    /** The objects kubectl had created (the last `apiObjects` the lost worker posted), created again after the documents'. */
    readonly apiObjects?: ApiObjects;
  }
  /** The Cluster View's own requests (seek, scale, add or remove a worker): see viewActions.ts. */
  export interface ViewAction { readonly type: 'viewAction'; readonly id: number; readonly action: ViewActionRequest }
  /**
   * The Cluster View's clock. `settleOnChange` true (no view open): every change runs until settled, as
   * before. False (the view is open): a change does only what is due at once; time moves by `advance`.
   * Answered with a `state` (turning settling back on settles the cluster first).
   */
  export interface SetClock { readonly type: 'setClock'; readonly id: number; readonly settleOnChange: boolean }
  /**
   * The clock's tick: simulated time `seconds` forward. The host's timer measures wall time and sends
   * it scaled by the learner's speed, so the engine never reads a clock. Answered with a `state` when
   * anything was written, otherwise with a small `clock` reply.
   */
  export interface Advance { readonly type: 'advance'; readonly id: number; readonly seconds: number }
  /** "Settle the Cluster": runs until nothing pending would change it. Answered with a `state`. */
  export interface Settle { readonly type: 'settle'; readonly id: number }
  /**
   * Serve the live cluster's Kubernetes API for kubectl (`start`), or stop serving it. `identity`: serve
   * it as before (a restarted worker): same port if it is free, same token and certificate.
   */
  export interface Api { readonly type: 'api'; readonly id: number; readonly action: 'start' | 'stop'; readonly identity?: ApiIdentity }
  export type Message = Sync | Fault | SetTopology | Targets | Restore | ViewAction | SetClock | Advance | Settle | Api;
}

/** A keyed map's changes since the last state: entries new or changed, and keys gone. */
export interface MapChanges { readonly changed: Readonly<Record<string, unknown>>; readonly removed: readonly string[] }

/** The changes of the editor's keyed maps (src/core/live/editorStream.ts EditorDelta). */
export interface EditorMapChanges { readonly objects: MapChanges; readonly services: MapChanges }

/** Worker → host. */
export namespace FromWorker {
  /**
   * `faults`: the targets failed now, for the host to restore after a crash. `apiObjects`, after kubectl
   * wrote through the served API: the objects it created, for the same purpose (absent: unchanged).
   * `stepsAfter`: the view carries only the steps after this seq, the ones the host has not had yet
   * (absent: all of them; src/core/view/stepStream.ts). `editorDelta`: the editor's keyed maps
   * (objects, services) come as their changes since the last state (absent: whole; src/core/live/editorStream.ts).
   */
  export interface State { readonly type: 'state'; readonly id: number; readonly state: LiveState; readonly millis: number; readonly faults: readonly string[]; readonly apiObjects?: ApiObjects; readonly stepsAfter?: number; readonly editorDelta?: EditorMapChanges }
  export interface Targets { readonly type: 'targets'; readonly id: number; readonly targets: readonly string[] }
  export interface Failed { readonly type: 'failed'; readonly id: number; readonly message: string }
  /** A newer sync arrived before this one finished: its work was dropped or abandoned. */
  export interface Superseded { readonly type: 'superseded'; readonly id: number; readonly by: number }
  /** Sent while a long request runs (not a reply: the request's own reply follows). */
  export interface Progress { readonly type: 'progress'; readonly id: number; readonly progress: LiveProgress }
  /** The view at a past moment (the answer to a seek): not the live state. */
  export interface ViewAt { readonly type: 'viewAt'; readonly id: number; readonly view: ClusterView }
  /** An advance (or setClock) that wrote nothing: only the head moved. */
  export interface Clock { readonly type: 'clock'; readonly id: number; readonly time: number; readonly settled: boolean }
  /**
   * After a seek: the editor's state at the play head (hovers, lenses, diagnostics, status bar), or null
   * when the play head is back at the head. Sent after the seek's `viewAt` (not a reply), and only when
   * no newer seek waits.
   */
  export interface PlayHead { readonly type: 'playHead'; readonly id: number; readonly state: LiveState | null }
  /** The answer to `api`: where the API is served and a kubeconfig for it (undefined once stopped). */
  export interface Api { readonly type: 'api'; readonly id: number; readonly served: { readonly url: string; readonly kubeconfig: string; readonly identity: ApiIdentity } | undefined }
  /** Not a reply: the cluster after kubectl changed it through the served API (`id` is 0). */
  export interface ApiWrite { readonly type: 'apiWrite'; readonly id: 0; readonly state: LiveState; readonly millis: number; readonly faults: readonly string[]; readonly apiObjects?: ApiObjects; readonly stepsAfter?: number; readonly editorDelta?: EditorMapChanges }
  export type Reply = State | Targets | Failed | Superseded | ViewAt | Clock | Api;
  export type Message = Reply | Progress | PlayHead | ApiWrite;
}

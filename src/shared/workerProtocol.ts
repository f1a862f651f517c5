/**
 * Messages between the extension host and the simulation worker thread (src/worker/simWorker.ts).
 * The worker owns the simulated cluster; the host only sends documents and commands and receives state.
 */
import type { LiveState, TopologyChoice, WorkspaceDocument } from '../core/live/workspaceCluster';
import type { ClusterView } from './protocol';

/** Host → worker. `id` pairs each request with its reply. */
export namespace ToWorker {
  export interface Sync { readonly type: 'sync'; readonly id: number; readonly documents: readonly WorkspaceDocument[] }
  export interface Fault { readonly type: 'fault'; readonly id: number; readonly target: string; readonly failed: boolean }
  export interface SetTopology { readonly type: 'setTopology'; readonly id: number; readonly choice: TopologyChoice }
  export interface Targets { readonly type: 'targets'; readonly id: number }
  /** The Cluster View's own requests (seek, scale, add or remove a worker): see viewActions.ts. */
  export interface ViewAction { readonly type: 'viewAction'; readonly id: number; readonly action: import('./viewActions').ViewAction }
  export type Message = Sync | Fault | SetTopology | Targets | ViewAction;
}

/** Worker → host. */
export namespace FromWorker {
  export interface State { readonly type: 'state'; readonly id: number; readonly state: LiveState; readonly millis: number }
  export interface Targets { readonly type: 'targets'; readonly id: number; readonly targets: readonly string[] }
  export interface Failed { readonly type: 'failed'; readonly id: number; readonly message: string }
  /** The view at a past moment (the answer to a seek): not the live state. */
  export interface ViewAt { readonly type: 'viewAt'; readonly id: number; readonly view: ClusterView }
  export type Message = State | Targets | Failed | ViewAt;
}

/**
 * What the Cluster View asks of the simulation worker beyond syncing documents (a clearly separate
 * message of the worker protocol: `ToWorker.ViewAction`). Types only.
 */
export type ViewAction =
  /** The view at a past simulated second (null: now); answered with `FromWorker.ViewAt`. */
  | { readonly kind: 'seek'; readonly time: number | null }
  /** Sets a workload's replicas in the simulated cluster (the manifest on disk is not edited). */
  | { readonly kind: 'scale'; readonly workload: { readonly kind: string; readonly namespace: string; readonly name: string }; readonly replicas: number }
  /** Adds a worker node (as a `v1 Node` joining), or removes one. */
  | { readonly kind: 'addWorker' }
  | { readonly kind: 'removeWorker'; readonly node: string };

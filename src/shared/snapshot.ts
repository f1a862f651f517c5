/**
 * The cluster snapshot's shape: the CLI's `--output json` object and what a session answers for
 * "the state at a moment". Types only (the engine builds them in src/core/sim/snapshot.ts), so the
 * webview, the worker protocols and the CLI can name them without importing the engine.
 */

/** A reference to an object, as printed in events. */
export interface ObjectRef {
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
}

/** One recorded Kubernetes-style event: who did what, to which object, over which network path. */
export interface SimEvent {
  readonly seq: number;
  readonly time: number;
  readonly component: string;
  readonly reason: string;
  readonly object: ObjectRef | null;
  readonly message: string;
  /** Network path of the request, e.g. ['kubectl', 'API load balancer :6443', 'kube-apiserver', 'etcd :2379']. */
  readonly path: readonly string[];
  readonly node?: string;
  readonly type: 'Normal' | 'Warning';
}

/** A node as the CLI and the Cluster View show it. */
export interface NodeView {
  name: string; roles: string[]; ready: boolean; up: boolean; ip: string; taints: string[];
  components: { name: string; running: boolean; leader?: boolean }[];
  podCIDR: string | null; pods: number; capacity: Record<string, string>;
}

/** A pod row. */
export interface PodView {
  namespace: string; name: string; phase: string; node: string | null; ip: string | null;
  owner: { kind: string; name: string } | null; reason: string; message: string; ready: boolean;
  /** kubectl's READY column, e.g. "1/1". */
  containersReady: string;
  /** Simulated second the pod was created. */
  createdAt: number;
  /** kubectl's RESTARTS column: the sum of the containers' restartCount. */
  restarts: number;
  /** When a restarted container last ended (simulated seconds; kubectl prints RESTARTS as `4 (25s ago)`); absent when unknown. */
  lastRestartAt?: number;
  /** kubectl's NOMINATED NODE (wide): where preemption made room for the pod; absent when none. */
  nominatedNode?: string;
  /** kubectl's READINESS GATES (wide): gates whose condition is True, of all ("0/1"); absent when the pod has none. */
  readinessGates?: string;
}

/**
 * A workload row: desired vs ready (a Job: completions vs succeeded). `finished`, for a Job with a terminal
 * condition only: `Complete`, or `Failed (reason)` (BackoffLimitExceeded, DeadlineExceeded, PodFailurePolicy).
 * `failedCreate`, while its controller cannot create a pod: the message of the latest `FailedCreate` event (on the
 * workload, or a Deployment's ReplicaSet) with no `SuccessfulCreate` after it.
 */
export interface WorkloadView { kind: string; namespace: string; name: string; desired: number; ready: number; finished?: string; failedCreate?: string }
/**
 * A Service row with its EndpointSlices' ready addresses (`ip:port`, what kube-proxy routes to); `notReady`, when there
 * are any, counts the endpoints listed not ready (a pod running but not Ready, or terminating).
 */
export interface ServiceView { namespace: string; name: string; type: string; clusterIP: string | null; nodePort: number | null; endpoints: string[]; notReady?: number; externalName?: string }
/** An error row (file:line:column: message). */
export interface ErrorView { file: string; line: number; column: number; message: string; severity: 'error' | 'warning' }

/** The cluster-wide part of a snapshot: topology, etcd health and the leaders. */
export interface ClusterSummary {
  topology: string; mode: 'docker' | 'kubernetes'; apiLoadBalancer: boolean;
  nodes: NodeView[]; etcd: { members: number; healthy: number; quorum: number; hasQuorum: boolean };
  leaders: { 'kube-scheduler': string | null; 'kube-controller-manager': string | null };
}

/** The whole cluster: the CLI's `--output json` object (errors filled by the caller), plus view extras. */
export interface ClusterSnapshot {
  time: number;
  cluster: ClusterSummary;
  pods: PodView[]; workloads: WorkloadView[]; services: ServiceView[]; events: SimEvent[]; errors: ErrorView[];
}

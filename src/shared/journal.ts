/**
 * The journal: every write to the simulated store, and the reads a learner should see, as one
 * ordered list of entries (the model is etcd's revision history plus kube-scheduler-simulator's
 * recorder). The Cluster View animates each entry along its `path` and narrates it in one sentence
 * (`narrate(entry)` in src/core/sim/journal/narrate.ts); the CLI prints them as JSON lines.
 *
 * Types only: nothing here imports the engine, so the webview and the worker protocols can use them.
 *
 * Ordering: `seq` is the entry's position in the journal (from 1, never reused; what
 * `journalSince` pages by). The watch deliveries and kube-proxy syncs a write causes share the
 * write's `seq` and follow it (the engine derives them from the write), so (seq, type, watcher or
 * node) identifies an entry. `revision` is the store's resourceVersion: for a write, the revision
 * the write created (the object's new metadata.resourceVersion, or the deletion's revision), for
 * every other entry the store's revision when it happened. Several entries may share a revision.
 */

/** Where a packet starts or ends: a process on a host, the user's workstation, or the API load balancer. */
export interface JournalEndpoint {
  /**
   * A process ('kube-apiserver', 'etcd', 'kubelet', 'containerd', 'kube-proxy', 'kube-scheduler',
   * 'kube-controller-manager', 'dockerd'), 'kubectl' (the workstation) or 'api-load-balancer'.
   */
  readonly component: string;
  /** The host it runs on (absent for the workstation and the load balancer). */
  readonly node?: string;
}

/** One hop of a request: from an endpoint to the next, over a TCP port or a local socket. */
export interface JournalHop {
  readonly from: JournalEndpoint;
  readonly to: JournalEndpoint;
  /** TCP port the packet goes to (6443 kube-apiserver, 2379 etcd, 10250 kubelet), or null over a unix socket. */
  readonly port: number | null;
  /** The unix socket when `port` is null, e.g. "unix:///run/containerd/containerd.sock". */
  readonly socket?: string;
}

/** Who acted: a component (on a host) or the user's kubectl. */
export interface JournalActor {
  /** 'kubectl', 'kube-apiserver', 'kube-scheduler', 'kube-controller-manager', 'kubelet', 'kube-proxy', 'dockerd', 'simulator'. */
  readonly component: string;
  readonly node?: string;
  /**
   * For kube-controller-manager: which of its controllers acted ('replicaset', 'deployment',
   * 'nodelifecycle', 'taint-eviction-controller', 'garbagecollector', 'endpointslice', …).
   */
  readonly controller?: string;
}

/** The object an entry is about. */
export interface JournalObject {
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  readonly uid?: string;
}

/** The Kubernetes Event an entry produced (reason and message as the real component records them). */
export interface JournalEvent {
  readonly type: 'Normal' | 'Warning';
  readonly reason: string;
  readonly message: string;
  /** The component the Event names as its source (e.g. 'default-scheduler', 'kubelet'). */
  readonly source: string;
}

/**
 * The verb of a write, as the API server sees it: create, update (spec or metadata), patchStatus
 * (the status subresource), bind (pods/binding: spec.nodeName set by a scheduler), delete (including
 * the graceful "mark": deletionTimestamp set, `graceful: true`), evict (a delete by the taint-eviction
 * or node-lifecycle controller, or the eviction API).
 */
export type JournalVerb = 'create' | 'update' | 'patchStatus' | 'bind' | 'delete' | 'evict';

/** Fields every entry has. */
interface EntryBase {
  /** Position in the journal (dense, from 1). */
  readonly seq: number;
  /** The store's resourceVersion (see the file comment). */
  readonly revision: number;
  /** Simulated seconds since the run started. */
  readonly time: number;
}

/** A write to the store through the API server. */
export interface WriteEntry extends EntryBase {
  readonly type: 'write';
  readonly actor: JournalActor;
  readonly verb: JournalVerb;
  readonly object: JournalObject;
  /**
   * What changed, as dotted paths no deeper than two levels ("spec.replicas", "status.phase",
   * "metadata.deletionTimestamp"); [] for create and delete (the whole object). A cheap diff of the
   * top two levels, not a JSON patch: "spec.template" says the template changed, not where inside.
   */
  readonly changed: readonly string[];
  /** The request's path: the actor → (API load balancer :6443) → kube-apiserver :6443 → etcd :2379. */
  readonly path: readonly JournalHop[];
  /** Deletion was graceful: only deletionTimestamp was set, the kubelet removes the object later. */
  readonly graceful?: boolean;
  /** The Event recorded with this write, if any. */
  readonly event?: JournalEvent;
}

/** A write the API server refused (validation, already exists, no quorum, connection refused). */
export interface RejectedEntry extends EntryBase {
  readonly type: 'rejected';
  readonly actor: JournalActor;
  readonly verb: JournalVerb;
  readonly object: JournalObject;
  /** The error as kubectl or the component logs it. */
  readonly error: string;
  /** How far the request got (the hops it made before the refusal). */
  readonly path: readonly JournalHop[];
}

/**
 * A watch delivering a change to a component's informer (kube-apiserver → the watcher, over the
 * watch stream the watcher opened on :6443). Derived from the write it follows (same revision).
 */
export interface WatchEntry extends EntryBase {
  readonly type: 'watch';
  /** The component whose informer received the change. */
  readonly watcher: JournalActor;
  readonly change: 'ADDED' | 'MODIFIED' | 'DELETED';
  readonly object: JournalObject;
  /** The `seq` of the write delivered. */
  readonly writeSeq: number;
  /** kube-apiserver → the watcher (drawn as the response to the watcher's long-lived GET ?watch=1 on :6443). */
  readonly path: readonly JournalHop[];
}

/** One node's outcome in a scheduling cycle. */
export interface NodeVerdict {
  readonly node: string;
  /** 'fits' (passed every filter), 'rejected' (a filter failed), 'notEvaluated' (percentageOfNodesToScore stopped the search first). */
  readonly outcome: 'fits' | 'rejected' | 'notEvaluated';
  /** The total score of a feasible node (0-100 per plugin, weighted and summed). */
  readonly score?: number;
  /** Why a filter rejected it, in the scheduler's words ("node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }"). */
  readonly reasons?: readonly string[];
}

/** kube-scheduler's decision for one pod: where it goes (or why nowhere) and the verdict for each node. */
export interface ScheduleEntry extends EntryBase {
  readonly type: 'schedule';
  readonly actor: JournalActor;
  readonly pod: JournalObject;
  /** The chosen node, or null (FailedScheduling). */
  readonly node: string | null;
  /** Per-node verdicts, sorted by node name; absent when the cluster is larger than the scheduler records verdicts for. */
  readonly verdicts?: readonly NodeVerdict[];
  readonly feasibleNodes: number;
  readonly evaluatedNodes: number;
  /** The FailedScheduling message, or the sampling note ("scored 100 of 5000 nodes…"). */
  readonly message?: string;
}

/** A fault injected or healed by the learner: a host or one process on it stops or starts. */
export interface FaultEntry extends EntryBase {
  readonly type: 'fault';
  readonly node: string;
  /** The process, or absent for the whole host. */
  readonly component?: string;
  readonly failed: boolean;
}

/** A host joins or leaves the cluster (a Node applied or deleted, a topology change). */
export interface HostEntry extends EntryBase {
  readonly type: 'host';
  readonly node: string;
  /** 'changed': the host's spec (labels, taints, capacity) was re-applied. */
  readonly change: 'joined' | 'changed' | 'left';
}

/** A leader-elected component's Lease changed hands (or was lost). */
export interface LeaderEntry extends EntryBase {
  readonly type: 'leader';
  readonly component: 'kube-scheduler' | 'kube-controller-manager';
  /** The new holder's host, or null when the lease expired with no one to take it. */
  readonly node: string | null;
  readonly message: string;
}

/** CRI call names (k8s.io/cri-api RuntimeService and ImageService) the kubelet makes to containerd. */
export type CriCall = 'RunPodSandbox' | 'PullImage' | 'CreateContainer' | 'StartContainer' | 'StopContainer' | 'RemovePodSandbox';

/** The kubelet asking the container runtime for something, over the CRI's gRPC unix socket. */
export interface CriEntry extends EntryBase {
  readonly type: 'cri';
  /** The kubelet's host. */
  readonly node: string;
  readonly call: CriCall;
  readonly pod: JournalObject;
  readonly container?: string;
  readonly image?: string;
  /** kubelet → containerd (unix:///run/containerd/containerd.sock). */
  readonly path: readonly JournalHop[];
  /** The kubelet's Event for the call (Pulling, Created, Started, Killing). */
  readonly event?: JournalEvent;
}

/** kube-proxy on a node reprogramming its rules after Services or EndpointSlices changed. */
export interface ProxySyncEntry extends EntryBase {
  readonly type: 'proxySync';
  readonly node: string;
  readonly service: JournalObject;
  /** Ready endpoints ("10.244.1.5:80") the rules now send the Service's traffic to. */
  readonly endpoints: readonly string[];
  /** kube-apiserver → kube-proxy (its EndpointSlice watch). */
  readonly path: readonly JournalHop[];
}

/** An Event recorded with no write of its own (LeaderElection, PartialScoring, a node's NodeNotReady…). */
export interface EventEntry extends EntryBase {
  readonly type: 'event';
  readonly actor: JournalActor;
  readonly object: JournalObject | null;
  readonly event: JournalEvent;
  readonly path: readonly JournalHop[];
}

/** One journal entry. `type` is the discriminant. */
export type JournalEntry =
  | WriteEntry | RejectedEntry | WatchEntry | ScheduleEntry | FaultEntry | HostEntry
  | LeaderEntry | CriEntry | ProxySyncEntry | EventEntry;

/** The `type`s of journal entries. */
export type JournalEntryType = JournalEntry['type'];

/**
 * How much the journal records. 'full': every entry type. 'writes': writes, rejections, faults,
 * hosts and leaders only (what seek needs; no watches, verdicts, CRI calls or proxy syncs), for
 * very large runs. 'off': nothing (no seek, no timeline).
 */
export type JournalDetail = 'full' | 'writes' | 'off';

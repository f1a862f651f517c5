/**
 * The session protocol: one request/response vocabulary for driving a simulated cluster, spoken by
 * the CLI (in process), the extension's worker thread and a browser Web Worker alike, and scripted
 * by lessons. Types only (the engine implements them in src/core/session/). Every request has a
 * `type`; the response to a request of type T is `SessionResponse<T>`.
 *
 * Time is simulated seconds since the run started. The session has a head (the latest moment
 * simulated) and a play head (the moment being looked at, set by `seek`); commands that change the
 * cluster (apply, delete, fail, heal, advance…) act at the head and move the play head to it.
 */
import type { JournalDetail, JournalEntry } from './journal';
import type { ClusterSnapshot, ClusterSummary, ErrorView, NodeView, PodView } from './snapshot';

/** Where an object came from, so errors can point at the editor. */
export interface SessionSource {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** One object to apply, with where it came from. */
export interface SourcedInput {
  /** The object as parsed (untrusted: the session validates it like the API server does). */
  readonly object: unknown;
  readonly source?: SessionSource;
}

/** Outcome of one apply or delete (kubectl's words). */
export interface SessionApplyResult {
  readonly ok: boolean;
  readonly action?: 'created' | 'configured' | 'unchanged' | 'deleted' | 'stored';
  readonly error?: string;
  readonly warning?: string;
}

/** Requests a session answers. */
export namespace SessionRequest {
  /** `kubectl apply` of each object, in order. */
  export interface Apply { readonly type: 'apply'; readonly objects: readonly SourcedInput[] }
  /** `kubectl delete KIND [-n NAMESPACE] NAME`. */
  export interface Delete { readonly type: 'delete'; readonly kind: string; readonly namespace?: string; readonly name: string }
  /** Stops a host ("worker-1") or one process on it ("worker-1/kubelet"). */
  export interface Fail { readonly type: 'fail'; readonly target: string }
  /** Starts it again. */
  export interface Heal { readonly type: 'heal'; readonly target: string }
  /** Steps the head `seconds` forward. */
  export interface Advance { readonly type: 'advance'; readonly seconds: number }
  /** Steps the head to `time` (no-op when it is already there or later). */
  export interface RunUntil { readonly type: 'runUntil'; readonly time: number }
  /** Runs until nothing pending would change the cluster, for at most `maxSeconds` (default 3600). */
  export interface RunUntilSettled { readonly type: 'runUntilSettled'; readonly maxSeconds?: number }
  /** Moves the play head to a past moment (clamped to [oldest retained, head]). */
  export interface Seek { readonly type: 'seek'; readonly time: number }
  /** The whole cluster at `time` (default: the play head). Large clusters: prefer the bounded queries. */
  export interface SnapshotAt { readonly type: 'snapshotAt'; readonly time?: number }
  /** Journal entries with seq > `seq`, at most `limit` (default and maximum 10,000). */
  export interface JournalSince { readonly type: 'journalSince'; readonly seq: number; readonly limit?: number }
  /** Head, play head, counts and the cluster summary at the play head (no pod lists). */
  export interface Status { readonly type: 'status' }
  /** Nodes [offset, offset + limit) in topology order at the play head (limit at most 1,000). */
  export interface Nodes { readonly type: 'nodes'; readonly offset: number; readonly limit: number }
  /** A page of pods at the play head, sorted by namespace and name, optionally of one node (limit at most 1,000). */
  export interface Pods { readonly type: 'pods'; readonly node?: string; readonly offset: number; readonly limit: number }
  export type Any = Apply | Delete | Fail | Heal | Advance | RunUntil | RunUntilSettled | Seek | SnapshotAt | JournalSince | Status | Nodes | Pods;
}

/** Where the session stands: answered by commands and by `status`. */
export interface SessionPosition {
  /** The latest simulated moment. */
  readonly head: number;
  /** The moment being looked at (== head unless the learner seeked back). */
  readonly playHead: number;
  /** The last journal entry's seq. */
  readonly seq: number;
  /** Entries with seq < this were compacted away: seek cannot go before `oldestTime`. */
  readonly oldestSeq: number;
  readonly oldestTime: number;
  /** Nothing pending would change the cluster at the head (recurring CronJob ticks aside). */
  readonly settled: boolean;
}

/** Responses, by request type. */
export namespace SessionResponse {
  export interface Apply extends SessionPosition { readonly type: 'apply'; readonly results: readonly SessionApplyResult[] }
  export interface Delete extends SessionPosition { readonly type: 'delete'; readonly result: SessionApplyResult }
  export interface Fail extends SessionPosition { readonly type: 'fail' }
  export interface Heal extends SessionPosition { readonly type: 'heal' }
  export interface Advance extends SessionPosition { readonly type: 'advance' }
  export interface RunUntil extends SessionPosition { readonly type: 'runUntil' }
  export interface RunUntilSettled extends SessionPosition { readonly type: 'runUntilSettled'; readonly elapsed: number }
  export interface Seek extends SessionPosition { readonly type: 'seek' }
  export interface SnapshotAt { readonly type: 'snapshotAt'; readonly snapshot: ClusterSnapshot }
  export interface JournalSince {
    readonly type: 'journalSince'; readonly entries: readonly JournalEntry[];
    /** Pass as `seq` for the next page; equals the request's seq when there was nothing new. */
    readonly next: number;
    /** More entries are waiting after this page. */
    readonly more: boolean;
    /** The request asked for compacted entries: the page starts at the oldest retained one. */
    readonly gap: boolean;
  }
  export interface Status extends SessionPosition {
    readonly type: 'status'; readonly detail: JournalDetail;
    readonly cluster: Omit<ClusterSummary, 'nodes'>;
    readonly nodes: number; readonly pods: number; readonly errors: readonly ErrorView[];
  }
  export interface Nodes { readonly type: 'nodes'; readonly time: number; readonly total: number; readonly nodes: readonly NodeView[] }
  export interface Pods { readonly type: 'pods'; readonly time: number; readonly total: number; readonly pods: readonly PodView[] }
  /** A request that could not be served (unknown target, bad argument); the session is unchanged. */
  export interface Error { readonly type: 'error'; readonly request: SessionRequest.Any['type']; readonly message: string }
  export type Any = Apply | Delete | Fail | Heal | Advance | RunUntil | RunUntilSettled | Seek | SnapshotAt | JournalSince | Status | Nodes | Pods | Error;
}

/** The response type of a request type (or an error). */
export type SessionResponseTo<T extends SessionRequest.Any['type']> = Extract<SessionResponse.Any, { type: T }> | SessionResponse.Error;

/**
 * The one message protocol between the extension host and the Cluster View webview.
 * Readonly discriminated unions with `type` as the discriminant, one namespace per direction
 * (the shape of VS Code's Markdown preview `previewMessaging.d.ts`).
 * This file is shared by both runtimes: types and tiny pure validators only.
 */
import { LESSON_COMMANDS, type LessonCommand, type LessonPane } from './lesson';

/** A component running on a node (etcd, kube-apiserver, kubelet, …). */
export interface ViewComponent {
  readonly name: string;
  readonly ready: boolean;
  /** For leader-elected components: true on the active instance, false on standbys. */
  readonly leader?: boolean;
}

/** The object a pod belongs to, as the learner wrote it (a Deployment rather than its ReplicaSet). */
export interface ViewObjectRef { readonly kind: string; readonly namespace: string; readonly name: string }

/** A Pod as the view draws it. */
export interface ViewPod {
  readonly namespace: string;
  readonly name: string;
  /** The pod's phase, or Terminating once it is being deleted. */
  readonly phase: string;
  readonly ready: boolean;
  /** kubectl's STATUS column when it says more than the phase (ContainerCreating, CrashLoopBackOff, …). */
  readonly status?: string;
  /** Why a pod waits (kube-scheduler's FailedScheduling message) or failed. */
  readonly message?: string;
  /** The workload the learner applied (Deployment, StatefulSet, DaemonSet, Job) or the pod itself. */
  readonly workload?: ViewObjectRef;
  readonly ip?: string;
  readonly restarts?: number;
}

/** A node with its components and pods. */
export interface ViewNode {
  readonly name: string;
  readonly roles: readonly string[];
  readonly ready: boolean;
  readonly components: readonly ViewComponent[];
  /** The first pods on the node (the view draws a bounded number). */
  readonly pods: readonly ViewPod[];
  /** All pods bound to the node, drawn or not. */
  readonly podCount: number;
  /** The machine is running (a NotReady node may still be up, with a stopped kubelet). */
  readonly up?: boolean;
  readonly ip?: string;
  readonly taints?: readonly string[];
  readonly capacity?: Readonly<Record<string, string>>;
}

/** One line of the event list: who did what, over which network path. */
export interface ViewEvent {
  readonly time: number;
  readonly component: string;
  readonly reason: string;
  readonly message: string;
  readonly path: readonly string[];
  readonly warning: boolean;
}

/** A workload's desired and ready replicas (for the scale action and the details panel). */
export interface ViewWorkload { readonly kind: string; readonly namespace: string; readonly name: string; readonly desired: number; readonly ready: number }

/** Something the learner should know now, in words (a failed node, lost quorum, a pending pod). */
export interface ViewAlert {
  readonly severity: 'error' | 'warning' | 'info';
  readonly text: string;
  /** What to select when the alert is clicked: a node name, `node/component` or `pod:namespace/name`. */
  readonly target?: string;
}

/**
 * Every node of a large cluster as columns (one index per node), drawn as a grid of nodes with pod
 * bars. Columns keep 5,000 nodes to a few hundred kilobytes.
 */
export interface ViewGrid {
  readonly names: readonly string[];
  /** Per node: 1 ready, 0 not ready; 2 added when the node is a control-plane node. */
  readonly flags: readonly number[];
  /** Per node: pods Running and ready, other Running or starting, Pending on the node, Terminating or failed. */
  readonly running: readonly number[];
  readonly starting: readonly number[];
  readonly terminating: readonly number[];
  /** Per node: the most pods it holds (its `pods` capacity). */
  readonly capacity: readonly number[];
}

/** A hop of a request: from an endpoint to an endpoint, over a port. */
export interface ViewHop {
  /** Endpoint ids: `kubectl`, `api-lb`, `users`, `app-lb`, or `node/component`. */
  readonly from: string;
  readonly to: string;
  readonly port?: number;
  /** 'request' a call, 'watch' a watch delivering a change, 'local' a call on the same node (kubelet → containerd). */
  readonly kind: 'request' | 'watch' | 'local';
}

/** One step of the process: a journal entry (or an event) the view can animate and narrate. */
export interface ViewStep {
  readonly seq: number;
  readonly time: number;
  /** The component that acted, e.g. `kube-scheduler`. */
  readonly actor: string;
  readonly node?: string;
  /** What it did: create, update, bind, evict, delete, fail, heal, or the event's reason. */
  readonly verb: string;
  readonly object?: ViewObjectRef;
  readonly hops: readonly ViewHop[];
  /** One plain sentence naming the component and why. */
  readonly text: string;
  /** 'apply' and 'fault' steps get scrubber markers; so do warnings. */
  readonly mark: 'apply' | 'fault' | 'warning' | 'none';
  /** More lines in words: for a scheduling decision, the verdict for each node. */
  readonly detail?: readonly string[];
}

/** Everything the Cluster View draws: a snapshot owned by the host. */
export interface ClusterView {
  readonly topology: string;
  /** 'docker': one host running containers with no orchestration; 'kubernetes': a cluster. */
  readonly mode: 'docker' | 'kubernetes';
  readonly title: string;
  /** Simulated seconds since the cluster started. */
  readonly time: number;
  /** The nodes drawn as the study guide draws them (all of them up to the textbook limit, else the control plane). */
  readonly nodes: readonly ViewNode[];
  /** Nodes of the cluster neither in `nodes` nor in `grid`: always counted, never silently dropped. */
  readonly hiddenNodes: number;
  /** An API load balancer sits in front of the kube-apiservers (HA control planes). */
  readonly apiLoadBalancer: boolean;
  /** A Service of type LoadBalancer brings users to the app. */
  readonly appLoadBalancer: boolean;
  readonly etcd: { readonly members: number; readonly healthy: number; readonly quorum: boolean } | null;
  /** The most recent events, oldest first. */
  readonly events: readonly ViewEvent[];
  /** Pods no node holds yet (the first few) and how many there are. */
  readonly pending?: readonly ViewPod[];
  readonly pendingCount?: number;
  readonly workloads?: readonly ViewWorkload[];
  readonly alerts?: readonly ViewAlert[];
  /** Set when the cluster is larger than the textbook drawing: every node as a grid cell. */
  readonly grid?: ViewGrid | null;
  /** Total pods in the cluster. */
  readonly podTotal?: number;
  /** The latest steps of the process; the host sends them apart, as Steps messages, and strips them from the view. */
  readonly steps?: readonly ViewStep[];
  /**
   * Which build of the simulated cluster this is: it changes whenever the cluster is rebuilt (a topology
   * switch), whose journal counts from seq 0 again; the view then starts over. Absent: one cluster for good.
   */
  readonly clusterId?: number;
}

/** What a hover says about a component or term, for the details panel (plain text). */
export interface ViewCard {
  readonly title: string;
  readonly summary: string;
  readonly runsOn: string;
  /** "6443/TCP: Kubernetes API server (used by All)". */
  readonly ports: readonly string[];
  readonly talksTo: readonly string[];
  readonly calledBy: readonly string[];
}

/** Replaced top-level fields of the view, and nodes changed or removed by name. */
export interface ViewDelta {
  readonly fields: Partial<Omit<ClusterView, 'nodes'>>;
  readonly nodes: readonly ViewNode[];
  readonly removedNodes: readonly string[];
  /** The new node order, when it changed. */
  readonly order?: readonly string[];
}

/** Learner's playback speed: simulated seconds per second (0 is paused). */
export type Speed = 0 | 1 | 10 | 60;
export const SPEEDS: readonly Speed[] = [0, 1, 10, 60];

/** Topology choices the view's picker offers. */
export const TOPOLOGIES = ['auto', 'docker-server', 'single-node', 'multi-worker', 'ha'] as const;
export type ViewTopology = (typeof TOPOLOGIES)[number];

/** Messages the host sends to the webview. */
export namespace ToWebview {
  /** The whole view: sent first, and after a reset (topology switch, seek). */
  export interface UpdateState { readonly type: 'updateState'; readonly view: ClusterView }
  /** What changed since the last message; at most 10 a second. */
  export interface Delta { readonly type: 'delta'; readonly delta: ViewDelta }
  /** New steps of the process, oldest first; `reset` replaces the ones the view holds. */
  export interface Steps { readonly type: 'steps'; readonly steps: readonly ViewStep[]; readonly reset: boolean }
  /** The editor's cursor is on this object's manifest (null: on none): highlight its pods. */
  export interface Highlight { readonly type: 'highlight'; readonly object: ViewObjectRef | null }
  /** The host's answer to an action: an error in words, or done. */
  export interface ActionResult { readonly type: 'actionResult'; readonly error: string | null; readonly what: string }
  /** The host can (or cannot) rebuild past moments: when false, the scrubber only replays narration. */
  export interface Capabilities { readonly type: 'capabilities'; readonly seek: boolean; readonly clock: boolean }
  /** Hover cards by glossary entry id (sent once), and live facts by entry id (sent with each change). */
  export interface Glossary { readonly type: 'glossary'; readonly cards: Readonly<Record<string, ViewCard>> }
  export interface Facts { readonly type: 'facts'; readonly facts: Readonly<Record<string, readonly string[]>> }
  /**
   * The clock in the editor: the speed the learner chose (shared with the `kubeAnatomy.simulation.speed`
   * setting), the head's simulated second and whether the cluster has settled there. Sent on each tick
   * that moved the head (at most 10 a second) and when the speed changes. `ack`: the `seq` of this
   * view's last SetSpeed the host had applied when it sent this (0: none); a clock sent before the
   * view's latest speed change arrived carries the old speed, and the view keeps its own.
   */
  export interface Clock { readonly type: 'clock'; readonly speed: Speed; readonly head: number; readonly settled: boolean; readonly ack: number }
  /** "Show in Cluster View" from the editor: select and bring into view a node, `node/component`, or an object's pods. */
  export interface Select { readonly type: 'select'; readonly target: ViewSelectTarget }
  /** The lesson being played, or null: the view shows the live cluster. */
  export interface Lesson { readonly type: 'lesson'; readonly pane: LessonPane | null }
  /**
   * The cluster changed at the head (an edit, a fault, an action) while the view showed a past moment:
   * the play head goes back to now (an UpdateState of now follows). `reason` says what changed, in words.
   */
  export interface Now { readonly type: 'now'; readonly reason: string }
  /** The topology the host runs the cluster on, for the view's picker (null: this source offers no choice, e.g. a lesson). */
  export interface Topology { readonly type: 'topology'; readonly choice: ViewTopology | null }
  export type Message = UpdateState | Delta | Steps | Highlight | ActionResult | Capabilities | Glossary | Facts | Clock | Select | Lesson | Now | Topology;
}

/** What "Show in Cluster View" selects: a node or component by name, or an object (its pods are highlighted). */
export type ViewSelectTarget =
  | { readonly kind: 'component'; readonly name: string }
  | { readonly kind: 'object'; readonly object: ViewObjectRef };

/** Messages the webview sends to the host. Every one is validated by the host before use. */
export namespace FromWebview {
  /** The webview has loaded its script and can receive state. */
  export interface Ready { readonly type: 'ready' }
  /** The user clicked a component or node: open the glossary entry's documentation. */
  export interface OpenDocs { readonly type: 'openDocs'; readonly entryId: string }
  /** Fail or heal a node, `node/component`, or an etcd member. */
  export interface Fault { readonly type: 'fault'; readonly target: string; readonly failed: boolean }
  /** Set a workload's replicas (edits nothing on disk: the simulated cluster only). */
  export interface Scale { readonly type: 'scale'; readonly kind: string; readonly namespace: string; readonly name: string; readonly replicas: number }
  /** Add a worker node, or remove one by name. */
  export interface AddWorker { readonly type: 'addWorker' }
  export interface RemoveWorker { readonly type: 'removeWorker'; readonly node: string }
  export interface SetTopology { readonly type: 'setTopology'; readonly topology: ViewTopology }
  /** Simulated time's speed in the editor; `seq` counts the view's speed changes (the host's clock acknowledges it). */
  export interface SetSpeed { readonly type: 'setSpeed'; readonly speed: Speed; readonly seq: number }
  /** Show the cluster as it was at simulated second `time` (null: back to now). */
  export interface Seek { readonly type: 'seek'; readonly time: number | null }
  /** Reveal the manifest of an object in the editor. */
  export interface RevealManifest { readonly type: 'revealManifest'; readonly object: ViewObjectRef }
  /** Save an export through the host's save dialog. */
  export interface Export { readonly type: 'export'; readonly format: 'svg' | 'png' | 'md'; readonly content: string }
  /** "Settle now": run the cluster until nothing pending would change it. */
  export interface Settle { readonly type: 'settle' }
  /** A move in the lesson being played: next or previous step, restart, leave. */
  export interface LessonStep { readonly type: 'lessonStep'; readonly command: LessonCommand }
  /** The learner's prediction for step `step` (the next one): an index into its choices. */
  export interface LessonAnswer { readonly type: 'lessonAnswer'; readonly step: number; readonly choice: number }
  export type Message = Ready | OpenDocs | Fault | Scale | AddWorker | RemoveWorker | SetTopology | SetSpeed | Seek | RevealManifest | Export | Settle | LessonStep | LessonAnswer;
}

/** Exhaustiveness check for `switch` defaults on both sides. */
export function assertNever(value: never): never {
  throw new Error(`unexpected message: ${JSON.stringify(value)}`);
}

const MAX_ID_LENGTH = 64;
/** Node names are DNS subdomains (253); a target adds `/component`. */
const MAX_TARGET_LENGTH = 300;
/** Kubernetes object names are at most 253 characters; kinds and namespaces shorter. */
const MAX_NAME_LENGTH = 253;
/** Replicas the view may set: enough to fill the 5,000-node benchmark cluster, small enough to stay responsive. */
export const MAX_REPLICAS = 10_000;
/** A week of simulated time, the CLI's bound on --for. */
const MAX_SEEK_SECONDS = 604_800;
/** An export of a 150,000-pod grid as SVG stays well under this; a PNG as a data URL too. */
export const MAX_EXPORT_CHARS = 32 * 1024 * 1024;
/** More steps or choices than a lesson could hold: a bound for the validator, not a rule of the format. */
const MAX_LESSON_INDEX = 10_000;
const NAME = /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/;
const TARGET = /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?(\/[A-Za-z0-9-]+)?$/;

type Raw = Record<string, unknown>;

const isName = (v: unknown, max = MAX_NAME_LENGTH): v is string => typeof v === 'string' && v.length > 0 && v.length <= max && NAME.test(v);
const isIndex = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) < MAX_LESSON_INDEX;
const hasKeys = (msg: Raw, keys: readonly string[]): boolean => {
  const own = Object.keys(msg);
  return own.length === keys.length && keys.every((k) => own.includes(k));
};

function parseRef(raw: unknown): ViewObjectRef | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const r = raw as Raw;
  if (!hasKeys(r, ['kind', 'namespace', 'name']) || !isName(r.kind, MAX_ID_LENGTH) || !isName(r.namespace, 63) || !isName(r.name)) return undefined;
  return { kind: r.kind, namespace: r.namespace, name: r.name };
}

/** One parser per message type: each checks the exact keys, the types, the sizes and the allowed values. */
const PARSERS: Readonly<Record<FromWebview.Message['type'], (m: Raw) => FromWebview.Message | undefined>> = {
  ready: (m) => (hasKeys(m, ['type']) ? { type: 'ready' } : undefined),
  openDocs: (m) => (hasKeys(m, ['type', 'entryId']) && typeof m.entryId === 'string' && m.entryId.length <= MAX_ID_LENGTH ? { type: 'openDocs', entryId: m.entryId } : undefined),
  fault: (m) => (hasKeys(m, ['type', 'target', 'failed']) && typeof m.target === 'string' && m.target.length <= MAX_TARGET_LENGTH && TARGET.test(m.target) && typeof m.failed === 'boolean'
    ? { type: 'fault', target: m.target, failed: m.failed } : undefined),
  scale: (m) => (hasKeys(m, ['type', 'kind', 'namespace', 'name', 'replicas']) && isName(m.kind, MAX_ID_LENGTH) && isName(m.namespace, 63) && isName(m.name)
    && Number.isInteger(m.replicas) && (m.replicas as number) >= 0 && (m.replicas as number) <= MAX_REPLICAS
    ? { type: 'scale', kind: m.kind, namespace: m.namespace, name: m.name, replicas: m.replicas as number } : undefined),
  addWorker: (m) => (hasKeys(m, ['type']) ? { type: 'addWorker' } : undefined),
  removeWorker: (m) => (hasKeys(m, ['type', 'node']) && isName(m.node) ? { type: 'removeWorker', node: m.node } : undefined),
  setTopology: (m) => (hasKeys(m, ['type', 'topology']) && (TOPOLOGIES as readonly unknown[]).includes(m.topology) ? { type: 'setTopology', topology: m.topology as ViewTopology } : undefined),
  setSpeed: (m) => (hasKeys(m, ['type', 'speed', 'seq']) && (SPEEDS as readonly unknown[]).includes(m.speed) && Number.isSafeInteger(m.seq) && (m.seq as number) > 0
    ? { type: 'setSpeed', speed: m.speed as Speed, seq: m.seq as number } : undefined),
  seek: (m) => (hasKeys(m, ['type', 'time']) && (m.time === null || (typeof m.time === 'number' && Number.isFinite(m.time) && m.time >= 0 && m.time <= MAX_SEEK_SECONDS))
    ? { type: 'seek', time: m.time as number | null } : undefined),
  revealManifest: (m) => {
    const object = hasKeys(m, ['type', 'object']) ? parseRef(m.object) : undefined;
    return object ? { type: 'revealManifest', object } : undefined;
  },
  settle: (m) => (hasKeys(m, ['type']) ? { type: 'settle' } : undefined),
  export: (m) => (hasKeys(m, ['type', 'format', 'content']) && (m.format === 'svg' || m.format === 'png' || m.format === 'md') && typeof m.content === 'string' && m.content.length <= MAX_EXPORT_CHARS
    ? { type: 'export', format: m.format, content: m.content } : undefined),
  lessonStep: (m) => (hasKeys(m, ['type', 'command']) && (LESSON_COMMANDS as readonly unknown[]).includes(m.command) ? { type: 'lessonStep', command: m.command as LessonCommand } : undefined),
  lessonAnswer: (m) => (hasKeys(m, ['type', 'step', 'choice']) && isIndex(m.step) && isIndex(m.choice) ? { type: 'lessonAnswer', step: m.step, choice: m.choice } : undefined),
};

/** Parses an untrusted message from the webview; anything that is not exactly a known message is dropped (undefined). */
export function parseFromWebview(raw: unknown): FromWebview.Message | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const msg = raw as Raw;
  const type = msg.type;
  if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(PARSERS, type)) return undefined;
  return PARSERS[type as FromWebview.Message['type']](msg);
}

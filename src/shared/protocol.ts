/**
 * The one message protocol between the extension host and the Cluster View webview.
 * Readonly discriminated unions with `type` as the discriminant, one namespace per direction
 * (the shape of VS Code's Markdown preview `previewMessaging.d.ts`).
 * This file is shared by both runtimes: types and tiny pure validators only.
 */

/** A component running on a node (etcd, kube-apiserver, kubelet, …). */
export interface ViewComponent {
  readonly name: string;
  readonly ready: boolean;
  /** For leader-elected components: true on the active instance, false on standbys. */
  readonly leader?: boolean;
}

/** A Pod as the view draws it. */
export interface ViewPod {
  readonly namespace: string;
  readonly name: string;
  readonly phase: string;
  readonly ready: boolean;
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
}

/** One line of the timeline: who did what, over which network path. */
export interface ViewEvent {
  readonly time: number;
  readonly component: string;
  readonly reason: string;
  readonly message: string;
  readonly path: readonly string[];
  readonly warning: boolean;
}

/** Everything the Cluster View draws: a snapshot owned by the host. */
export interface ClusterView {
  readonly topology: string;
  /** 'docker': one host running containers with no orchestration; 'kubernetes': a cluster. */
  readonly mode: 'docker' | 'kubernetes';
  readonly title: string;
  /** Simulated seconds since the cluster started. */
  readonly time: number;
  /** The first nodes of the cluster (a large cluster is summarised). */
  readonly nodes: readonly ViewNode[];
  /** Nodes of the cluster not in `nodes`. */
  readonly hiddenNodes: number;
  /** An API load balancer sits in front of the kube-apiservers (HA control planes). */
  readonly apiLoadBalancer: boolean;
  /** A Service of type LoadBalancer brings users to the app. */
  readonly appLoadBalancer: boolean;
  readonly etcd: { readonly members: number; readonly healthy: number; readonly quorum: boolean } | null;
  /** The most recent events, oldest first. */
  readonly events: readonly ViewEvent[];
}

/** Messages the host sends to the webview. */
export namespace ToWebview {
  export interface UpdateState { readonly type: 'updateState'; readonly view: ClusterView }
  export type Message = UpdateState;
}

/** Messages the webview sends to the host. Every one is validated by the host before use. */
export namespace FromWebview {
  /** The webview has loaded its script and can receive state. */
  export interface Ready { readonly type: 'ready' }
  /** The user clicked a component or node: open the glossary entry's documentation. */
  export interface OpenDocs { readonly type: 'openDocs'; readonly entryId: string }
  export type Message = Ready | OpenDocs;
}

/** Exhaustiveness check for `switch` defaults on both sides. */
export function assertNever(value: never): never {
  throw new Error(`unexpected message: ${JSON.stringify(value)}`);
}

const MAX_ID_LENGTH = 64;

/** Parses an untrusted message from the webview; anything that is not exactly a known message is dropped (undefined). */
export function parseFromWebview(raw: unknown): FromWebview.Message | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const msg = raw as Record<string, unknown>;
  const keys = Object.keys(msg);
  if (msg.type === 'ready' && keys.length === 1) return { type: 'ready' };
  if (msg.type === 'openDocs' && keys.length === 2 && typeof msg.entryId === 'string' && msg.entryId.length <= MAX_ID_LENGTH) {
    return { type: 'openDocs', entryId: msg.entryId };
  }
  return undefined;
}

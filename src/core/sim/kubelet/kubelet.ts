import type { Timer } from '../clock';
import type { Client } from '../cluster';
import type { SimContext } from '../context';
import { refOf } from '../eventLog';
import { at, str } from '../objects';
import { containerList, isFinished, isTerminating } from '../pods';
import type { Stored } from '../store';
import type { ComponentName, ObjectRef } from '../types';
import type { Containerd } from './containerd';
import { podStatusFor, statusMatches, type LocalStage } from './podStatus';
import { DELAYS, finalPhase, runSeconds, runsToCompletion } from './stages';

const NO_PULLS: readonly string[] = [];

/**
 * What the kubelet keeps per pod. `pulls` holds [image, message, image, message, …] for the
 * Pulled events (the last entry for an image wins); `ref` is the pod's event reference.
 */
interface LocalPod {
  stage: LocalStage; ip: string | null; uid: unknown; timer: Timer | null; pulls: readonly string[]; ref: ObjectRef;
  /** The object our last status write stored, and the stage it reported. */
  reported: Stored | null; reportedStage: LocalStage | null;
}

/**
 * The kubelet of one node: watches the pods bound to its node, asks containerd to pull images
 * and start containers (the stage table in stages.ts), reports status through the API, stops
 * containers of deleted pods and then removes them. On the docker-server host the same loop
 * is dockerd's (no API server, no scheduler: containers just run there).
 */
export class Kubelet {
  /**
   * Queued pod keys. The value is null when the pod must be synced, or the object when the
   * only change since queueing is our own status write echoed back by the watch (its sync
   * is then a no-op and is skipped; the key keeps its place in the queue all the same).
   */
  private queue = new Map<string, Stored | null>();
  private readonly pods = new Map<string, LocalPod>();
  /** Key of the pod whose status this kubelet is writing right now. */
  private writing: string | null = null;

  constructor(
    private readonly ctx: SimContext, readonly node: string, readonly processName: ComponentName,
    readonly runtime: Containerd, private readonly hostIP: string, private readonly markDirty: (k: Kubelet) => void,
  ) {}

  /** Watches this node's pods (spec.nodeName field selector). */
  start(): this {
    this.ctx.store.watchNodePods(this.node, (t, p, _o, k) => {
      if (t === 'MODIFIED' && k === this.writing) this.enqueueEcho(k, p);
      else this.enqueue(k);
    });
    return this;
  }

  /** The kubelet process and the container runtime both run. */
  running(): boolean {
    return this.ctx.cluster.running(this.node, this.processName) && this.ctx.cluster.running(this.node, 'containerd');
  }

  /** True when there is work it can do now. */
  hasWork(): boolean {
    return this.queue.size > 0 && this.running();
  }

  /** Re-examines every pod it knows (after a restart or a change in the cluster). */
  resync(): void {
    for (const k of this.ctx.store.podsOnNode(this.node)) this.enqueue(k);
    for (const k of this.pods.keys()) this.enqueue(k);
  }

  /** The host lost power or containerd stopped: every container is gone. */
  containersLost(): void {
    for (const p of this.pods.values()) if (p.timer) this.ctx.timers.cancel(p.timer);
    this.pods.clear();
    this.runtime.reset();
  }

  /** Number of pods with running containers (for the view). */
  runningContainers(): number {
    let n = 0;
    for (const p of this.pods.values()) if (p.stage === 'running') n++;
    return n;
  }

  /** Syncs every queued pod. */
  process(): void {
    if (!this.running()) return;
    const batch = this.queue;
    this.queue = new Map();
    batch.forEach((echo, k) => {
      if (echo === null || !this.unchangedSince(k, echo)) this.syncPod(k);
    });
  }

  private enqueue(k: string): void {
    this.queue.set(k, null);
    this.markDirty(this);
  }

  private enqueueEcho(k: string, written: Stored): void {
    const queued = this.queue.get(k);
    if (queued === undefined || queued !== null) this.queue.set(k, written);
    this.markDirty(this);
  }

  /**
   * Whether `written` (our own status write) is still what syncPod would find and nothing
   * the sync looks at has changed since: then syncPod would write nothing and start nothing.
   * Any later write to the pod re-queues it as a full sync (the watch covers every write to
   * a pod on or leaving this node).
   */
  private unchangedSince(k: string, written: Stored): boolean {
    const local = this.pods.get(k);
    return local !== undefined && local.reported === written && local.reportedStage === local.stage
      && local.uid === written.metadata.uid && (written.spec as { nodeName?: unknown } | undefined)?.nodeName === this.node
      && written.metadata.deletionTimestamp === undefined
      && !(local.stage === 'creating' && !local.timer);
  }

  private clientRef: Client | null = null;

  private client(): Client {
    return (this.clientRef ??= { component: this.processName, node: this.node });
  }

  private syncPod(k: string): void {
    const pod = this.ctx.store.getByKey('Pod', k);
    let local = this.pods.get(k);
    if (local && (!pod || local.uid !== pod.metadata.uid)) local = this.forget(k, local);
    if (!pod || str(at(pod, 'spec', 'nodeName')) !== this.node) return;
    if (isTerminating(pod)) return this.terminate(k, pod, local);
    if (!local) return isFinished(pod) ? undefined : this.startPod(k, pod);
    if (local.stage === 'creating' && !local.timer) this.scheduleStart(k, pod, local);
    this.report(k, pod, local);
  }

  private forget(k: string, local: LocalPod): undefined {
    if (local.timer) this.ctx.timers.cancel(local.timer);
    this.runtime.releaseIp(local.ip);
    this.pods.delete(k);
    return undefined;
  }

  private startPod(k: string, pod: Stored): void {
    const local: LocalPod = {
      stage: 'creating', ip: this.runtime.allocateIp(), uid: pod.metadata.uid, timer: null,
      pulls: NO_PULLS, ref: refOf(pod), reported: null, reportedStage: null,
    };
    this.pods.set(k, local);
    this.scheduleStart(k, pod, local);
    this.report(k, pod, local);
  }

  private scheduleStart(k: string, pod: Stored, local: LocalPod): void {
    const now = this.ctx.clock.now();
    let ready = now;
    for (const c of containerList(pod)) {
      const image = str(c.image) ?? '';
      const r = this.runtime.pull(image, pullPolicy(image, c.imagePullPolicy), now);
      ready = Math.max(ready, r.ready);
      if (this.ctx.options.podEvents) local.pulls = local.pulls.concat(image, pulledMessage(image, r.pulled === 'present' ? -1 : r.ready - now));
      if (r.pulled !== 'present') this.emitFor('Pulling', local.ref, messages(image).pulling);
    }
    local.timer = this.ctx.timers.at(ready + DELAYS.containerStart, () => this.started(k, local));
  }

  private started(k: string, local: LocalPod): void {
    local.timer = null;
    const pod = this.ctx.store.getByKey('Pod', k);
    if (this.pods.get(k) !== local || !this.running() || !pod) return;
    local.stage = 'running';
    if (this.ctx.options.podEvents) for (const c of containerList(pod)) this.containerEvents(local, str(c.name) ?? '', lastPull(local.pulls, str(c.image) ?? ''));
    if (runsToCompletion(pod)) local.timer = this.ctx.timers.at(this.ctx.clock.now() + runSeconds(pod), () => this.finished(k, local));
    this.report(k, pod, local);
  }

  private containerEvents(local: LocalPod, name: string, pulled: string): void {
    const m = messages(name);
    this.emitFor('Pulled', local.ref, pulled);
    this.emitFor('Created', local.ref, m.created);
    this.emitFor('Started', local.ref, m.started);
  }

  private finished(k: string, local: LocalPod): void {
    local.timer = null;
    const pod = this.ctx.store.getByKey('Pod', k);
    if (this.pods.get(k) !== local || !pod) return;
    local.stage = finalPhase(pod) === 'Succeeded' ? 'succeeded' : 'failed';
    this.runtime.releaseIp(local.ip);
    this.report(k, pod, local);
  }

  private terminate(k: string, pod: Stored, local: LocalPod | undefined): void {
    if (!local || local.stage === 'stopped' || local.stage === 'succeeded' || local.stage === 'failed') return this.finalize(k, pod);
    if (local.stage === 'stopping') return;
    if (local.timer) this.ctx.timers.cancel(local.timer);
    local.stage = 'stopping';
    for (const c of containerList(pod)) this.emit('Killing', pod, `Stopping container ${str(c.name) ?? ''}`);
    local.timer = this.ctx.timers.at(this.ctx.clock.now() + DELAYS.containerStop, () => {
      local.timer = null;
      local.stage = 'stopped';
      this.enqueue(k);
    });
  }

  private finalize(k: string, pod: Stored): void {
    const r = this.ctx.api.delete(this.client(), 'Pod', pod.metadata.namespace, pod.metadata.name ?? '', true);
    const local = this.pods.get(k);
    if (r.ok && local) this.forget(k, local);
  }

  private report(k: string, pod: Stored, local: LocalPod): void {
    if (local.stage === 'stopping' || local.stage === 'stopped') return;
    const status = podStatusFor(pod, local.stage, this.hostIP, local.ip);
    if (statusMatches(pod, status)) return;
    this.writing = k;
    const r = this.ctx.api.update(this.client(), { ...pod, status }, k);
    this.writing = null;
    if (!r.ok) return;
    local.reported = r.object;
    local.reportedStage = local.stage;
  }

  private emit(reason: string, pod: Stored, message: string): void {
    if (this.ctx.options.podEvents || reason === 'Killing') this.ctx.emit(this.processName, this.client(), reason, refOf(pod), message);
  }

  private emitFor(reason: string, ref: ObjectRef, message: string): void {
    if (this.ctx.options.podEvents) this.ctx.emit(this.processName, this.client(), reason, ref, message);
  }
}

/** Event messages per image or container name, built once (150,000 pods share a handful). */
interface Messages { readonly pulling: string; readonly present: string; readonly created: string; readonly started: string; readonly pulled: Map<number, string> }
const messageCache = new Map<string, Messages>();

function messages(s: string): Messages {
  let m = messageCache.get(s);
  if (m === undefined) {
    if (messageCache.size > 10_000) messageCache.clear();
    m = {
      pulling: `Pulling image "${s}"`, present: `Container image "${s}" already present on machine`,
      created: `Created container: ${s}`, started: `Started container ${s}`, pulled: new Map(),
    };
    messageCache.set(s, m);
  }
  return m;
}

/** The Pulled event's message: already present (seconds < 0), or pulled in `seconds`. */
function pulledMessage(image: string, seconds: number): string {
  const m = messages(image);
  if (seconds < 0) return m.present;
  let s = m.pulled.get(seconds);
  if (s === undefined) m.pulled.set(seconds, (s = `Successfully pulled image "${image}" in ${seconds}s`));
  return s;
}

/** The message of the last pull of `image` recorded in `pulls` (as a Map keyed by image would give). */
function lastPull(pulls: readonly string[], image: string): string {
  for (let i = pulls.length - 2; i >= 0; i -= 2) if (pulls[i] === image) return pulls[i + 1];
  return '';
}

/** Default imagePullPolicy: Always for :latest or untagged images, else IfNotPresent (https://kubernetes.io/docs/concepts/containers/images/#imagepullpolicy-defaulting). */
export function pullPolicy(image: string, explicit: unknown): string {
  if (typeof explicit === 'string') return explicit;
  let p = defaultPolicies.get(image);
  if (p === undefined) {
    if (defaultPolicies.size > 10_000) defaultPolicies.clear();
    defaultPolicies.set(image, (p = defaultPullPolicy(image)));
  }
  return p;
}
const defaultPolicies = new Map<string, string>();

function defaultPullPolicy(image: string): string {
  const tag = image.includes('@') ? 'digest' : (/:([^/:]+)$/.exec(image)?.[1] ?? 'latest');
  return tag === 'latest' ? 'Always' : 'IfNotPresent';
}

import type { Timer } from '../clock';
import type { Client } from '../cluster';
import type { SimContext } from '../context';
import { refOf } from '../eventLog';
import { at, str } from '../objects';
import { containers, isFinished, isTerminating } from '../pods';
import type { Stored } from '../store';
import type { ComponentName } from '../types';
import type { Containerd } from './containerd';
import { podStatusFor, statusMatches, type LocalStage } from './podStatus';
import { DELAYS, finalPhase, runSeconds, runsToCompletion } from './stages';

const NO_PULLS = new Map<string, string>();

interface LocalPod { stage: LocalStage; ip: string | null; uid: unknown; timer: Timer | null; pulls: Map<string, string> }

/**
 * The kubelet of one node: watches the pods bound to its node, asks containerd to pull images
 * and start containers (the stage table in stages.ts), reports status through the API, stops
 * containers of deleted pods and then removes them. On the docker-server host the same loop
 * is dockerd's (no API server, no scheduler: containers just run there).
 */
export class Kubelet {
  private readonly queue = new Set<string>();
  private readonly pods = new Map<string, LocalPod>();

  constructor(
    private readonly ctx: SimContext, readonly node: string, readonly processName: ComponentName,
    readonly runtime: Containerd, private readonly hostIP: string, private readonly markDirty: (k: Kubelet) => void,
  ) {}

  /** Watches this node's pods (spec.nodeName field selector). */
  start(): this {
    this.ctx.store.watchNodePods(this.node, (_t, _p, _o, k) => this.enqueue(k));
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
    const batch = [...this.queue];
    this.queue.clear();
    for (const k of batch) this.syncPod(k);
  }

  private enqueue(k: string): void {
    this.queue.add(k);
    this.markDirty(this);
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
    this.report(pod, local);
  }

  private forget(k: string, local: LocalPod): undefined {
    if (local.timer) this.ctx.timers.cancel(local.timer);
    this.runtime.releaseIp(local.ip);
    this.pods.delete(k);
    return undefined;
  }

  private startPod(k: string, pod: Stored): void {
    const local: LocalPod = { stage: 'creating', ip: this.runtime.allocateIp(), uid: pod.metadata.uid, timer: null, pulls: this.ctx.options.podEvents ? new Map() : NO_PULLS };
    this.pods.set(k, local);
    this.scheduleStart(k, pod, local);
    this.report(pod, local);
  }

  private scheduleStart(k: string, pod: Stored, local: LocalPod): void {
    const now = this.ctx.clock.now();
    let ready = now;
    for (const c of containers(pod)) {
      const image = str(c.image) ?? '';
      const r = this.runtime.pull(image, pullPolicy(image, c.imagePullPolicy), now);
      ready = Math.max(ready, r.ready);
      if (this.ctx.options.podEvents) local.pulls.set(image, r.pulled === 'present' ? `Container image "${image}" already present on machine`
        : `Successfully pulled image "${image}" in ${r.ready - now}s`);
      if (r.pulled !== 'present') this.emit('Pulling', pod, `Pulling image "${image}"`);
    }
    local.timer = this.ctx.timers.at(ready + DELAYS.containerStart, () => this.started(k, local));
  }

  private started(k: string, local: LocalPod): void {
    local.timer = null;
    const pod = this.ctx.store.getByKey('Pod', k);
    if (this.pods.get(k) !== local || !this.running() || !pod) return;
    local.stage = 'running';
    for (const c of containers(pod)) this.containerEvents(pod, str(c.name) ?? '', local.pulls.get(str(c.image) ?? '') ?? '');
    if (runsToCompletion(pod)) local.timer = this.ctx.timers.at(this.ctx.clock.now() + runSeconds(pod), () => this.finished(k, local));
    this.report(pod, local);
  }

  private containerEvents(pod: Stored, name: string, pulled: string): void {
    if (!this.ctx.options.podEvents) return;
    this.emit('Pulled', pod, pulled);
    this.emit('Created', pod, `Created container: ${name}`);
    this.emit('Started', pod, `Started container ${name}`);
  }

  private finished(k: string, local: LocalPod): void {
    local.timer = null;
    const pod = this.ctx.store.getByKey('Pod', k);
    if (this.pods.get(k) !== local || !pod) return;
    local.stage = finalPhase(pod) === 'Succeeded' ? 'succeeded' : 'failed';
    this.runtime.releaseIp(local.ip);
    this.report(pod, local);
  }

  private terminate(k: string, pod: Stored, local: LocalPod | undefined): void {
    if (!local || local.stage === 'stopped' || local.stage === 'succeeded' || local.stage === 'failed') return this.finalize(k, pod);
    if (local.stage === 'stopping') return;
    if (local.timer) this.ctx.timers.cancel(local.timer);
    local.stage = 'stopping';
    for (const c of containers(pod)) this.emit('Killing', pod, `Stopping container ${str(c.name) ?? ''}`);
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

  private report(pod: Stored, local: LocalPod): void {
    if (local.stage === 'stopping' || local.stage === 'stopped') return;
    const status = podStatusFor(pod, local.stage, this.hostIP, local.ip);
    if (statusMatches(pod, status)) return;
    this.ctx.api.update(this.client(), { ...pod, status });
  }

  private emit(reason: string, pod: Stored, message: string): void {
    if (this.ctx.options.podEvents || reason === 'Killing') this.ctx.emit(this.processName, this.client(), reason, refOf(pod), message);
  }
}

/** Default imagePullPolicy: Always for :latest or untagged images, else IfNotPresent (https://kubernetes.io/docs/concepts/containers/images/#imagepullpolicy-defaulting). */
export function pullPolicy(image: string, explicit: unknown): string {
  if (typeof explicit === 'string') return explicit;
  const tag = image.includes('@') ? 'digest' : (/:([^/:]+)$/.exec(image)?.[1] ?? 'latest');
  return tag === 'latest' ? 'Always' : 'IfNotPresent';
}

import type { Client } from '../cluster';
import type { SimContext } from '../context';
import { refOf } from '../eventLog';
import { obj, str } from '../objects';
import { CONDITIONS, containerList, initIncompleteFailed, isFinished, isTerminating, simSecondsOf } from '../pods';
import type { Stored } from '../store';
import type { ComponentName, Json, ObjectRef } from '../types';
import { admit, requestsOf } from './admit';
import { imageBackOff, imageProblem, invalidImageMessage, missingEnv, missingVolume, pullErrorMessage, refersToConfig, type ConfigLookup } from './blockers';
import { PullCompletions, type PullDone } from './pullCompletions';
import type { Containerd } from './containerd';
import { admittedUsage, lastPull, needsTimer, NO_PULLS, type LocalPod, type Side } from './localPod';
import { backOffMessage, hookFailure, messages, pulledMessage, pullPolicy } from './messages';
import { initContainers, initStatuses, isSidecar } from './initContainers';
import { containerLifetime, postStartHook, preStopSeconds, serviceWait, stopsOnSigterm, type PartEnd, type ServiceWait } from './lifetime';
import { containerEnv } from './python';
import { ServiceWaits } from './serviceWaits';
import { containerStatuses, kubeletConditions, podStatusFor, statusMatches, withQosClass, type Waiting } from './podStatus';
import { probePlan, type ProbePlan } from './probes';
import { containersExit, DELAYS, exitCode, finalPhase, partlyEnding, restartDelay, restartsOnExit, runSeconds } from './stages';
import { asPod } from '../typed';
export { pullPolicy } from './messages';

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

  /** Watches this node's pods (spec.nodeName field selector), and the ConfigMaps and Secrets its blocked pods wait for. */
  start(): this {
    this.ctx.store.watchNodePods(this.node, (t, p, _o, k) => {
      if (t === 'MODIFIED' && k === this.writing) this.enqueueEcho(k, p);
      else this.enqueue(k);
    });
    const retry = (): void => {
      if (this.blockedOnConfig > 0) this.pods.forEach((p, key) => { if (p.blocked === 'mount' || p.blocked === 'config') this.enqueue(key); });
    };
    this.ctx.store.watch('ConfigMap', retry);
    this.ctx.store.watch('Secret', retry);
    return this;
  }

  /** Pods waiting for a ConfigMap or Secret (the watch above only looks when there are some). */
  private blockedOnConfig = 0;

  private setBlocked(local: LocalPod, blocked: LocalPod['blocked']): void {
    const was = local.blocked === 'mount' || local.blocked === 'config';
    const is = blocked === 'mount' || blocked === 'config';
    if (was !== is) this.blockedOnConfig += is ? 1 : -1;
    local.blocked = blocked;
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

  /**
   * The host lost power (or dockerd stopped, which without live-restore stops its containers): every
   * container is gone. containerd stopping alone does not call this: containers keep running under their shims.
   */
  containersLost(): void {
    for (const p of this.pods.values()) {
      if (p.timer) this.ctx.timers.cancel(p.timer);
      this.stopWaiting(p);
    }
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
    const b = this.ctx.barrier;
    // A dispatch point of the fault barrier: a pod sync that throws is reported on the pod, the others go on.
    batch.forEach((echo, k) => {
      b.enter(this.processName, 'Pod', k);
      try {
        if (echo === null || !this.unchangedSince(k, echo)) this.syncPod(k);
      } catch (err) { b.crashed(err); }
    });
    b.enter(null, null, null);
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
      && !(local.timer === null && needsTimer(local.stage, written));
  }

  private clientRef: Client | null = null;

  private client(): Client {
    return (this.clientRef ??= { component: this.processName, node: this.node });
  }

  private syncPod(k: string): void {
    const pod = this.ctx.store.getByKey('Pod', k);
    let local = this.pods.get(k);
    if (local && (!pod || local.uid !== pod.metadata.uid)) local = this.forget(k, local);
    if (!pod || asPod(pod).spec?.nodeName !== this.node) return;
    if (isTerminating(pod)) return this.terminate(k, pod, local);
    if (!local) return isFinished(pod) ? undefined : this.startPod(k, pod);
    if (local.created !== containerList(pod) && this.definitionChanged(k, pod, local)) return;
    if (!local.timer) this.resume(k, pod, local);
    if (local.sides !== null && (local.stage === 'running' || local.stage === 'starting')) this.resumeSides(k, pod, local);
    this.report(k, pod, local);
  }

  /**
   * A Pod update that changed a container's image (the one change it may make to a container, ValidatePodUpdate):
   * kuberuntime's computePodActions sees the running container's hash change and restarts it. Killing "Container c
   * definition changed, will be restarted", killed within the grace period as for a failing probe, then created
   * again from the new image (pulled first) without back-off, its restartCount one more. A container not running
   * yet simply starts from the new spec. Returns whether a restart began.
   */
  private definitionChanged(k: string, pod: Stored, local: LocalPod): boolean {
    const before = new Map(local.created.map((c) => [str(c.name) ?? '', str(c.image) ?? '']));
    local.created = containerList(pod);
    if (local.stage !== 'running' && local.stage !== 'starting') return false;
    const changed = local.created.filter((c) => before.get(str(c.name) ?? '') !== (str(c.image) ?? '') && isRunningContainer(local, str(c.name) ?? ''));
    if (changed.length === 0) return false;
    if (local.timer) this.ctx.timers.cancel(local.timer);
    this.stopEnds(local);
    for (const c of changed) this.emit('Killing', pod, `Container ${str(c.name) ?? ''} definition changed, will be restarted`);
    const stop = changed.map((c) => killedAfter(c, gracePeriod(pod))).reduce((a, b) => (b.seconds > a.seconds ? b : a));
    local.timer = this.ctx.timers.at(this.ctx.clock.now() + stop.seconds, () => {
      local.timer = null;
      const cur = this.ctx.store.getByKey('Pod', k);
      if (this.pods.get(k) !== local || !cur || !this.running()) return;
      local.killCode = stop.code;
      local.exitedAt = this.ctx.clock.now();
      local.restarts++;
      local.hookError = null;
      local.nextContainer = 0;
      local.pulledFor = -1;
      local.pulls = NO_PULLS;
      local.stage = 'creating';
      this.scheduleStart(k, cur, local);
      this.report(k, cur, local);
    });
    return true;
  }

  /** Picks up a timer that came due while containerd was down (or a sandbox that may now get an IP). */
  private resume(k: string, pod: Stored, local: LocalPod): void {
    if (local.stage === 'creating' && !local.hookHangs) this.scheduleStart(k, pod, local);
    else if (local.stage === 'waiting' && local.blocked === 'config') this.started(k, local);
    else if (local.stage === 'waiting' && local.blocked === 'pull') this.scheduleStart(k, pod, local);
    else if (local.stage === 'exited' || local.stage === 'backoff') this.scheduleRestart(k, local, 0);
    else if (local.stage === 'running' && containersExit(pod)) this.finished(k, local);
  }

  private forget(k: string, local: LocalPod): undefined {
    if (local.timer) this.ctx.timers.cancel(local.timer);
    if (local.deadline) this.ctx.timers.cancel(local.deadline);
    this.stopEnds(local);
    this.stopWaiting(local);
    this.setBlocked(local, null);
    this.pods.delete(k);
    this.releaseIp(local);
    return undefined;
  }

  /** Frees a pod IP; pods waiting for a sandbox (no free IP) try again. */
  private releaseIp(local: LocalPod): void {
    if (!local.holdsIp) return;
    this.runtime.releaseIp(local.ip);
    local.holdsIp = false;
    this.pods.forEach((p, key) => { if (p.stage === 'creating' && p.ip === null) this.enqueue(key); });
  }

  private startPod(k: string, pod: Stored): void {
    const req = requestsOf(pod);
    // eslint-disable-next-line no-restricted-syntax -- bounded: admittedUsage returns a fixed-size tuple
    const rejected = this.processName === 'kubelet' ? admit(this.ctx.store.get('Node', undefined, this.node), req, ...admittedUsage(this.pods.values())) : null;
    if (rejected) return this.reject(pod, rejected.reason, rejected.message);
    const local: LocalPod = {
      stage: 'creating', ip: null, uid: pod.metadata.uid, timer: null, restarts: 0, req, holdsIp: false, sandboxFailed: false,
      pulls: NO_PULLS, ref: refOf(pod), reported: null, reportedStage: null,
      waiting: null, blocked: null, pullFailures: 0, lastWarning: null, init: 0, initState: 'pending', initRestarts: 0, initCode: 0, unwait: null,
      admittedAt: startTimeOf(pod) ?? this.ctx.clock.now(), deadline: null, failure: null, sides: null,
      nextContainer: 0, pulledFor: -1, exitedAt: null, initExitedAt: null, hookHangs: false, hookError: null, killCode: null, created: containerList(pod),
    };
    this.pods.set(k, local);
    const deadline = asPod(pod).spec?.activeDeadlineSeconds;
    if (typeof deadline === 'number' && deadline > 0) local.deadline = this.ctx.timers.at(local.admittedAt + deadline, () => this.deadlineExceeded(k, local));
    this.scheduleStart(k, pod, local);
    this.report(k, pod, local);
  }

  /** Kubelet.rejectPod (pkg/kubelet/kubelet.go): a Warning event and phase Failed with "Pod was rejected: …". */
  private reject(pod: Stored, reason: string, message: string): void {
    this.ctx.emit(this.processName, this.client(), reason, refOf(pod), message, 'Warning');
    this.ctx.api.update(this.client(), { ...pod, status: withQosClass({ phase: 'Failed', reason, message: `Pod was rejected: ${message}` }, pod) });
  }

  /** The pod sandbox needs an IP from the node's podCIDR (hostNetwork pods use the node's). */
  private sandboxIp(pod: Stored, local: LocalPod): boolean {
    if (local.ip) return true;
    const hostNetwork = asPod(pod).spec?.hostNetwork === true;
    local.ip = hostNetwork ? this.hostIP : this.runtime.allocateIp();
    local.holdsIp = !hostNetwork && local.ip !== null;
    if (local.ip) return true;
    // The CNI plugin cannot give the sandbox an address: the pod stays ContainerCreating (retried when an IP frees up).
    if (!local.sandboxFailed) this.ctx.emit(this.processName, this.client(), 'FailedCreatePodSandBox', local.ref, this.runtime.sandboxError(), 'Warning');
    local.sandboxFailed = true;
    return false;
  }

  private scheduleStart(k: string, pod: Stored, local: LocalPod): void {
    if (this.mountBlocked(pod, local)) return; // volumes are mounted before the sandbox is created (kubelet.go SyncPod)
    if (this.noRuntimeHandler(pod, local)) return;
    if (!this.sandboxIp(pod, local)) return;
    if (this.blockedBeforePull(k, pod, local)) return;
    // With init containers to run, each one's image is pulled when it starts (runInit); the app containers start after
    // them, in order, each one's image pulled as it is created (startNext).
    if (local.init < initContainers(pod).length) local.timer = this.ctx.timers.at(this.ctx.clock.now() + DELAYS.containerStart, () => this.started(k, local));
    else this.startNext(k, pod, local);
  }

  /**
   * kuberuntime's SyncPod starts the app containers one after another, and startContainer first ensures the container's
   * image (EnsureImageExists: pulled unless present under its pull policy), then creates and starts it. This asks for
   * the image of the next container to start; it is created and started a second after the image is ready (started(),
   * which goes on with the next ones).
   */
  private startNext(k: string, pod: Stored, local: LocalPod): void {
    const c = containerList(pod)[local.nextContainer];
    const ready = c ? this.pullImage(k, local, c) : this.ctx.clock.now();
    local.pulledFor = local.nextContainer;
    local.timer = this.ctx.timers.at(ready + DELAYS.containerStart, () => this.started(k, local));
  }

  /**
   * Asks containerd for a container's image: a Pulling event when it must be pulled (its Pulled event when the pull
   * completes: image_manager.go records it right after PullImage returns), else the "already present" message kept for
   * the container's creation. Returns when the image is ready.
   */
  private pullImage(k: string, local: LocalPod, c: Json): number {
    const now = this.ctx.clock.now();
    const image = str(c.image) ?? '';
    const r = this.runtime.pull(image, pullPolicy(image, c.imagePullPolicy), now);
    if (r.pulled === 'present') {
      if (this.ctx.options.podEvents) local.pulls = local.pulls.concat(image, messages(image).present);
      return now;
    }
    this.emitFor('Pulling', local.ref, messages(image).pulling);
    if (this.ctx.options.podEvents) {
      local.pulls = local.pulls.concat(image, ''); // its Pulled event is the pull's own, not the creation's
      this.pullCompletions().add(r.ready, { k, local, image, seconds: r.pulling, waited: r.ready - now });
    }
    return r.ready;
  }

  private pulls: PullCompletions | undefined;
  private pullCompletions(): PullCompletions {
    return (this.pulls ??= new PullCompletions(this.ctx.timers, (d) => this.pulled(d)));
  }

  /** The Pulled event, when the pull completes (image_manager.go logs it right after PullImage returns). */
  private pulled({ k, local, image, seconds, waited }: PullDone): void {
    if (this.pods.get(k) === local && (local.stage === 'creating' || local.stage === 'init')) this.emitFor('Pulled', local.ref, pulledMessage(image, seconds, waited));
  }

  private started(k: string, local: LocalPod): void {
    local.timer = null;
    const pod = this.ctx.store.getByKey('Pod', k);
    if (this.pods.get(k) !== local || !this.running() || !pod) return;
    if (this.configMissing(pod, local)) return this.report(k, pod, local);
    if (local.init < initContainers(pod).length) return this.runInit(k, pod, local);
    // kuberuntime's SyncPod starts the app containers in order; startContainer pulls each one's image first (the next
    // container waits for the pull) and runs its postStart hook to its end before it returns, so the next container
    // waits, and the pod shows ContainerCreating until the last one started
    // (https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/#hook-handler-execution).
    const containers = containerList(pod);
    for (let i = local.nextContainer; i < containers.length; i++) {
      const c = containers[i];
      if (local.pulledFor !== i) {
        local.pulledFor = i;
        const ready = this.pullImage(k, local, c);
        if (ready > this.ctx.clock.now()) {
          local.nextContainer = i;
          local.timer = this.ctx.timers.at(ready + DELAYS.containerStart, () => this.started(k, local));
          return;
        }
      }
      if (this.ctx.options.podEvents) this.containerEvents(local, str(c.name) ?? '', lastPull(local.pulls, str(c.image) ?? ''));
      const hook = postStartHook(c);
      if (hook === null || (hook.seconds === 0 && hook.code === 0)) continue;
      local.nextContainer = i + 1;
      local.hookHangs = hook.seconds === Infinity;
      if (local.hookHangs) return; // a hook that never returns: the container never reaches Running
      local.timer = this.ctx.timers.at(this.ctx.clock.now() + hook.seconds, () => {
        local.timer = null;
        const cur = this.ctx.store.getByKey('Pod', k);
        if (this.pods.get(k) !== local || !this.running() || !cur) return;
        if (hook.code === 0) return this.started(k, local);
        this.postStartFailed(k, cur, local, c, hookFailure(hook, str(c.name) ?? '', cur));
      });
      return;
    }
    local.nextContainer = 0;
    local.pulledFor = -1;
    local.stage = 'running';
    const partly = partlyEnding(pod);
    if (partly !== null) this.scheduleEnds(k, local, partly);
    const plan = probePlan(pod, containerList(pod));
    if (plan !== null) return this.probe(k, pod, local, plan);
    if (containersExit(pod)) local.timer = this.ctx.timers.at(this.ctx.clock.now() + runSeconds(pod), () => this.finished(k, local));
    this.report(k, pod, local);
  }

  /**
   * A postStart hook failed (kuberuntime startContainer): a FailedPostStartHook warning that leaves the handler's
   * message out ("so that secrets won't leak"), then the container is killed (Killing, message FailedPostStartHook)
   * within the grace period, and waits with reason PostStartHookError and the handler's message until it is
   * restarted with the usual back-off.
   */
  private postStartFailed(k: string, pod: Stored, local: LocalPod, c: Json, failure: Waiting): void {
    this.emitFor('FailedPostStartHook', local.ref, 'PostStartHook failed', 'Warning');
    this.emit('Killing', pod, 'FailedPostStartHook');
    const stop = killedAfter(c, gracePeriod(pod));
    local.timer = this.ctx.timers.at(this.ctx.clock.now() + stop.seconds, () => {
      local.timer = null;
      const cur = this.ctx.store.getByKey('Pod', k);
      if (this.pods.get(k) !== local || !this.running() || !cur) return;
      local.nextContainer = 0;
      local.pulledFor = -1;
      local.hookError = failure;
      local.killCode = stop.code;
      this.crashed(k, cur, local);
    });
  }

  /**
   * A partly ending pod (stages.ts partlyEnding): each container that ends on its own has a lifecycle of its own, as
   * kuberuntime's computePodActions restarts only the containers that exited. It ends when its command ends; then it
   * stays terminated (restartPolicy Never, or OnFailure and exit 0) or restarts with its own back-off (CrashLoopBackOff),
   * while the others run on, restartCount 0. The pod is NotReady while one is not running.
   */
  private scheduleEnds(k: string, local: LocalPod, ends: ReadonlyMap<string, PartEnd>): void {
    this.stopEnds(local);
    const sides = new Map<string, Side>();
    for (const [name, e] of ends) sides.set(name, { state: 'running', restarts: 0, code: e.code, exitedAt: null, ends: e, timer: null });
    local.sides = sides;
    sides.forEach((side, name) => this.runSide(k, local, name, side));
  }

  /** The pod, when a timer of `local`'s side container still applies: the same pod, on a running kubelet, its containers running. */
  private sideCurrent(k: string, local: LocalPod): Stored | undefined {
    const cur = this.ctx.store.getByKey('Pod', k);
    if (this.pods.get(k) !== local || !cur || !this.running() || (local.stage !== 'running' && local.stage !== 'starting')) return undefined;
    return cur;
  }

  /** The side container runs its command, and ends when the command does. */
  private runSide(k: string, local: LocalPod, name: string, side: Side): void {
    side.timer = this.ctx.timers.at(this.ctx.clock.now() + side.ends.seconds, () => {
      side.timer = null;
      const cur = this.sideCurrent(k, local);
      if (cur) this.sideExited(k, cur, local, name, side);
    });
  }

  /** It stays terminated, or is restarted at once the first time, then after its back-off (BackOff, CrashLoopBackOff). */
  private sideExited(k: string, pod: Stored, local: LocalPod, name: string, side: Side): void {
    side.code = side.ends.code;
    side.exitedAt = this.ctx.clock.now();
    if (!side.ends.restarts) {
      side.state = 'ended';
      if (allEnded(pod, local)) this.lastSideEnded(local);
      return this.report(k, pod, local);
    }
    const delay = restartDelay(side.restarts);
    side.state = delay > 0 ? 'backoff' : 'exited';
    if (delay > 0) this.emitFor('BackOff', local.ref, backOffMessage(name, pod.metadata.name ?? '', pod.metadata.namespace ?? 'default', pod.metadata.uid), 'Warning');
    this.report(k, pod, local);
    side.timer = this.ctx.timers.at(this.ctx.clock.now() + delay, () => {
      side.timer = null;
      const cur = this.sideCurrent(k, local);
      if (cur) this.sideRecreate(k, cur, local, name, side);
    });
  }

  /** Its image ensured again (pulled again under Always), then it is created and started a second later. */
  private sideRecreate(k: string, pod: Stored, local: LocalPod, name: string, side: Side): void {
    const c = containerList(pod).find((x) => str(x.name) === name);
    const ready = c ? this.pullImage(k, local, c) : this.ctx.clock.now();
    side.timer = this.ctx.timers.at(ready + DELAYS.containerStart, () => {
      side.timer = null;
      const cur = this.sideCurrent(k, local);
      if (cur) this.sideRestarted(k, cur, local, name, side);
    });
  }

  /** Created and started again: restartCount + 1, running its command anew. */
  private sideRestarted(k: string, pod: Stored, local: LocalPod, name: string, side: Side): void {
    side.restarts++;
    side.state = 'running';
    const image = str(containerList(pod).find((c) => str(c.name) === name)?.image) ?? '';
    if (this.ctx.options.podEvents) this.containerEvents(local, name, lastPull(local.pulls, image));
    this.report(k, pod, local);
    this.runSide(k, local, name, side);
  }

  /**
   * The last container of a pod whose containers all end for good has ended: the pod is Succeeded when every one
   * exited 0, else Failed (kubelet_pods.go getPhase, restartPolicy Never or OnFailure and exit 0).
   */
  private lastSideEnded(local: LocalPod): void {
    let failed = false;
    local.sides?.forEach((s) => { failed ||= s.code !== 0; });
    local.stage = failed ? 'failed' : 'succeeded';
    this.releaseIp(local);
  }

  /** Side containers whose timer came due while containerd was down: the one that ran has ended, the one waiting restarts. */
  private resumeSides(k: string, pod: Stored, local: LocalPod): void {
    local.sides?.forEach((side, name) => {
      if (side.timer !== null || side.state === 'ended') return;
      if (side.state === 'running') this.sideExited(k, pod, local, name, side);
      else this.sideRecreate(k, pod, local, name, side);
    });
  }

  /** Forgets the side containers of a partly ending pod and their timers (a restart of the whole pod, a stop). */
  private stopEnds(local: LocalPod): void {
    local.sides?.forEach((side) => { if (side.timer) this.ctx.timers.cancel(side.timer); side.timer = null; });
    local.sides = null;
  }

  /**
   * The probes' effects in time order (probes.ts): not Ready until the readiness probe first passes, an
   * Unhealthy warning when it keeps failing, the kill of a failing liveness/startup probe, and the
   * command's own end.
   */
  private probe(k: string, pod: Stored, local: LocalPod, plan: ProbePlan): void {
    const start = this.ctx.clock.now();
    const steps: { at: number; run: (p: Stored) => boolean }[] = [];
    if (plan.readyAt !== 0) local.stage = 'starting';
    if (plan.readyAt !== null && plan.readyAt > 0) steps.push({ at: plan.readyAt, run: () => { local.stage = 'running'; return true; } });
    if (plan.unreadyAt !== null) {
      steps.push({ at: plan.unreadyAt, run: () => {
        this.emitFor('Unhealthy', local.ref, plan.readinessMessage, 'Warning');
        if (local.stage === 'running') local.stage = 'starting'; // Ready no more: out of its Services' endpoints
        return true;
      } });
    }
    const kill = plan.kill;
    if (kill !== null) {
      // The prober records Unhealthy at each failure (recorded as one Event with a count, eventSeries.ts).
      for (let i = kill.threshold; i >= 1; i--) {
        const at = Math.max(0, kill.at - i * kill.period);
        steps.push({ at, run: () => { this.emitFor('Unhealthy', local.ref, kill.message, 'Warning'); return true; } });
      }
      steps.push({ at: kill.at, run: (p) => {
        this.emit('Killing', p, `Container ${plan.container} failed ${kill.probe} probe, will be restarted`);
        // killContainer as for a deletion: the container runs on (Ready as it was) until it stops; a shell that ignores
        // SIGTERM is SIGKILLed when the grace period (the probe's own terminationGracePeriodSeconds first) runs out.
        const c = containerList(p).find((x) => str(x.name) === plan.container) ?? {};
        const stop = killedAfter(c, probeGracePeriod(c, kill.probe) ?? gracePeriod(p));
        local.timer = this.ctx.timers.at(this.ctx.clock.now() + stop.seconds, () => {
          local.timer = null;
          const cur = this.ctx.store.getByKey('Pod', k);
          if (this.pods.get(k) !== local || !cur || !this.running()) return;
          local.killCode = stop.code;
          if ((asPod(cur).spec?.restartPolicy ?? 'Always') === 'Never') {
            local.exitedAt = this.ctx.clock.now();
            local.stage = 'failed';
            this.releaseIp(local);
            this.report(k, cur, local);
          } else this.crashed(k, cur, local);
        });
        return false;
      } });
    }
    if (containersExit(pod)) steps.push({ at: runSeconds(pod), run: () => { this.finished(k, local); return false; } });
    steps.sort((a, b) => a.at - b.at);
    const next = (i: number): void => {
      if (i >= steps.length) return;
      local.timer = this.ctx.timers.at(start + steps[i].at, () => {
        local.timer = null;
        const cur = this.ctx.store.getByKey('Pod', k);
        if (this.pods.get(k) !== local || !cur || !this.running()) return;
        if (!steps[i].run(cur)) return;
        this.report(k, cur, local);
        next(i + 1);
      });
    };
    this.report(k, pod, local);
    next(0);
  }

  private containerEvents(local: LocalPod, name: string, pulled: string): void {
    const m = messages(name);
    if (pulled) this.emitFor('Pulled', local.ref, pulled);
    this.emitFor('Created', local.ref, m.created);
    this.emitFor('Started', local.ref, m.started);
  }

  /**
   * Runs the next init container: its image pulled, created and started (1 s), then it runs for its command's
   * lifetime (a command the simulator cannot read: 2 s; a loop waiting for a Service: until the Service answers).
   * A sidecar counts as done once started and keeps running. When all are done the app containers' images are
   * pulled and they are created (PodInitializing meanwhile).
   */
  private runInit(k: string, pod: Stored, local: LocalPod): void {
    const inits = initContainers(pod);
    local.stage = 'init';
    local.initState = 'pending';
    this.report(k, pod, local);
    const c = inits[local.init];
    const ready = this.pullImage(k, local, c);
    local.timer = this.ctx.timers.at(ready + DELAYS.containerStart, () => {
      local.timer = null;
      const cur = this.ctx.store.getByKey('Pod', k);
      if (this.pods.get(k) !== local || !cur || !this.running()) return;
      if (this.ctx.options.podEvents) this.containerEvents(local, str(c.name) ?? '', lastPull(local.pulls, str(c.image) ?? ''));
      if (isSidecar(c)) return this.initDone(k, cur, local);
      local.initState = 'running';
      this.report(k, cur, local);
      const wait = serviceWait(c);
      if (wait !== null) return this.awaitService(k, cur, local, wait);
      const life = containerLifetime(c, containerEnv(c, cur));
      if (life === 'forever') return; // e.g. `sleep infinity` or `while true; do …; done`: Init:0/1 stays
      const { seconds, code } = life === 'unknown' ? { seconds: DELAYS.initRun, code: 0 } : life;
      local.timer = this.ctx.timers.at(this.ctx.clock.now() + seconds, () => {
        local.timer = null;
        const now = this.ctx.store.getByKey('Pod', k);
        if (this.pods.get(k) !== local || !now || !this.running()) return;
        if (code === 0) return this.initDone(k, now, local);
        this.initFailed(k, now, local, code);
      });
    });
  }

  /**
   * An init container that loops until a Service answers (`until nslookup myservice; do sleep 2; done`): it ends at
   * the loop's first attempt after the Service (or, for a connection, a ready endpoint) appears; until then the pod
   * stays `Init:N/M`, with nothing to time (a watch on the Service wakes it, serviceWaits.ts).
   */
  private awaitService(k: string, pod: Stored, local: LocalPod, wait: ServiceWait): void {
    const ns = pod.metadata.namespace ?? 'default';
    const waits = ServiceWaits.of(this.ctx.store);
    const since = this.ctx.clock.now();
    const done = (): boolean => {
      if (this.pods.get(k) !== local || local.stage !== 'init' || !waits.resolves(ns, wait)) return this.pods.get(k) !== local;
      if (!this.running()) return false; // the loop's next attempt is seen once the kubelet is back (the watch fires again)
      local.unwait = null;
      // The loop sleeps `period` seconds between attempts: the next attempt after now finds the Service.
      const now = this.ctx.clock.now();
      const next = wait.period > 0 ? since + Math.ceil((now - since) / wait.period) * wait.period : now;
      local.timer = this.ctx.timers.at(next, () => {
        local.timer = null;
        const cur = this.ctx.store.getByKey('Pod', k);
        if (this.pods.get(k) === local && cur && this.running()) this.initDone(k, cur, local);
      });
      return true;
    };
    if (done()) return;
    local.unwait = waits.add(wait.namespace ?? ns, wait.service, done);
  }

  private stopWaiting(local: LocalPod): void {
    local.unwait?.();
    local.unwait = null;
  }

  private initDone(k: string, pod: Stored, local: LocalPod): void {
    local.init++;
    local.initRestarts = 0;
    local.initExitedAt = null;
    if (local.init < initContainers(pod).length) return this.runInit(k, pod, local);
    local.initState = 'pending';
    this.report(k, pod, local); // PodInitializing: Initialized, app containers not created yet
    this.startNext(k, pod, local);
  }

  /** A failed init container: the pod fails under restartPolicy Never, else the init container restarts with back-off. */
  private initFailed(k: string, pod: Stored, local: LocalPod, code: number): void {
    local.initCode = code;
    local.initExitedAt = this.ctx.clock.now();
    if ((asPod(pod).spec?.restartPolicy ?? 'Always') === 'Never') {
      local.initState = 'error';
      local.stage = 'failed';
      this.releaseIp(local);
      return this.report(k, pod, local);
    }
    const delay = restartDelay(local.initRestarts);
    local.initState = delay > 0 ? 'backoff' : 'error';
    const name = str(initContainers(pod)[local.init].name) ?? '';
    if (delay > 0) this.emitFor('BackOff', local.ref, backOffMessage(name, pod.metadata.name ?? '', pod.metadata.namespace ?? 'default', pod.metadata.uid), 'Warning');
    this.report(k, pod, local);
    local.timer = this.ctx.timers.at(this.ctx.clock.now() + delay, () => {
      local.timer = null;
      const cur = this.ctx.store.getByKey('Pod', k);
      if (this.pods.get(k) !== local || !cur || !this.running()) return;
      local.initRestarts++;
      this.runInit(k, cur, local);
    });
  }

  /** The containers exited: restart them in place (OnFailure/Always) or end the pod (Never, or exit 0 under OnFailure). */
  private finished(k: string, local: LocalPod): void {
    local.timer = null;
    const pod = this.ctx.store.getByKey('Pod', k);
    if (this.pods.get(k) !== local || !pod || !this.running()) return; // containerd down: seen on resync
    local.killCode = null; // it ended by itself
    local.exitedAt = this.ctx.clock.now();
    if (restartsOnExit(pod)) return this.crashed(k, pod, local);
    local.stage = finalPhase(pod) === 'Succeeded' ? 'succeeded' : 'failed';
    this.releaseIp(local);
    this.report(k, pod, local);
  }

  /**
   * activeDeadlineSeconds (pkg/kubelet/active_deadline.go): once the pod has been active on the node that long
   * since its startTime, the kubelet records DeadlineExceeded, fails the pod with that reason (generateAPIPodStatus:
   * ShouldEvict) and kills its containers, whatever its restartPolicy. Its controller, if any, sees a failed pod.
   */
  private deadlineExceeded(k: string, local: LocalPod): void {
    local.deadline = null;
    const pod = this.ctx.store.getByKey('Pod', k);
    if (this.pods.get(k) !== local || !pod || isTerminating(pod) || isFinished(pod)) return;
    if (local.stage === 'succeeded' || local.stage === 'failed' || local.stage === 'stopping' || local.stage === 'stopped') return;
    this.ctx.emit(this.processName, this.client(), DEADLINE.reason, local.ref, DEADLINE.message);
    const running = local.stage === 'running' || local.stage === 'starting' ? containerList(pod) : [];
    for (const c of running) this.emit('Killing', pod, `Stopping container ${str(c.name) ?? ''}`);
    if (local.timer) this.ctx.timers.cancel(local.timer);
    local.timer = null;
    this.stopWaiting(local);
    this.setBlocked(local, null);
    local.failure = DEADLINE;
    local.exitedAt = this.ctx.clock.now();
    local.stage = 'failed';
    this.releaseIp(local);
    this.report(k, pod, local);
  }

  private crashed(k: string, pod: Stored, local: LocalPod): void {
    local.exitedAt = this.ctx.clock.now();
    const delay = restartDelay(local.restarts);
    local.stage = delay > 0 ? 'backoff' : 'exited';
    if (delay > 0) for (const c of containerList(pod)) this.emitFor('BackOff', local.ref, backOffMessage(str(c.name) ?? '', pod.metadata.name ?? '', pod.metadata.namespace ?? 'default', pod.metadata.uid), 'Warning');
    this.scheduleRestart(k, local, delay);
    this.report(k, pod, local);
  }

  private scheduleRestart(k: string, local: LocalPod, delay: number): void {
    local.timer = this.ctx.timers.at(this.ctx.clock.now() + delay + DELAYS.containerStart, () => this.restarted(k, local));
  }

  /** The back-off ran out: the container is created and started again, restartCount + 1. */
  private restarted(k: string, local: LocalPod): void {
    local.timer = null;
    const pod = this.ctx.store.getByKey('Pod', k);
    if (this.pods.get(k) !== local || !pod || !this.running()) return;
    local.restarts++;
    local.hookError = null;
    this.stopEnds(local);
    local.pulls = NO_PULLS; // each image ensured again as its container is created (pulled again under Always)
    local.pulledFor = -1;
    local.stage = 'creating';
    this.started(k, local);
  }

  private terminate(k: string, pod: Stored, local: LocalPod | undefined): void {
    if (!local || local.stage === 'stopped' || local.stage === 'succeeded' || local.stage === 'failed') return this.finalize(k, pod);
    if (local.stage === 'stopping') return;
    if (local.timer) this.ctx.timers.cancel(local.timer);
    // SIGTERM, then SIGKILL once the grace period is over: a running container that ignores SIGTERM takes all of it.
    const running = local.stage === 'running' || local.stage === 'starting' ? containerList(pod).filter((c) => isRunningContainer(local, str(c.name) ?? ''))
      : local.stage === 'init' && local.initState === 'running' ? [initContainers(pod)[local.init]].filter((c) => c !== undefined) : [];
    // dockerd's `docker stop` waits 10 s (https://docs.docker.com/reference/cli/docker/container/stop/); Docker has no hooks.
    const docker = this.processName === 'dockerd';
    const grace = docker ? DOCKER_STOP_TIMEOUT : gracePeriod(pod);
    const stop = running.length === 0 ? Math.min(DELAYS.containerStop, grace)
      : running.reduce((most, c) => Math.max(most, containerStopSeconds(c, grace, docker)), 0);
    local.stage = 'stopping';
    // Containers not running (of a partly ending pod: ended, or waiting to restart) are not killed.
    for (const c of containerList(pod)) if (isRunningContainer(local, str(c.name) ?? '')) this.emit('Killing', pod, `Stopping container ${str(c.name) ?? ''}`);
    this.stopEnds(local);
    local.timer = this.ctx.timers.at(this.ctx.clock.now() + stop, () => {
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

  /**
   * Checks made before any image is pulled: volumes whose ConfigMap/Secret is missing (FailedMount, the pod
   * stays ContainerCreating until it appears), invalid image references (InvalidImageName) and images no
   * registry serves (ErrImagePull, then ImagePullBackOff with back-off). True when the start is blocked.
   */
  /**
   * The pod's RuntimeClass names a handler containerd has no runtime for: RunPodSandbox fails, and the pod stays
   * ContainerCreating (the handler and the pod's class cannot change, so it stays so).
   */
  private noRuntimeHandler(pod: Stored, local: LocalPod): boolean {
    const name = asPod(pod).spec?.runtimeClassName;
    if (!name) return false;
    const handler = str((this.ctx.store.get('RuntimeClass', undefined, name) as { handler?: unknown } | undefined)?.handler);
    const error = handler === undefined ? null : this.runtime.handlerError(handler);
    if (error === null) return false;
    this.warnOnce(local, 'FailedCreatePodSandBox', error);
    return true;
  }

  private mountBlocked(pod: Stored, local: LocalPod): boolean {
    const spec = obj(pod.spec) ?? {};
    if (!usesConfig(spec)) return false;
    const mount = missingVolume(spec, this.lookup(pod));
    if (mount === null) return false;
    this.setBlocked(local, 'mount');
    this.warnOnce(local, 'FailedMount', mount);
    return true;
  }

  private blockedBeforePull(k: string, pod: Stored, local: LocalPod): boolean {
    for (const c of allContainers(pod)) {
      const image = str(c.image) ?? '';
      const problem = imageProblem(image);
      if (problem === null) continue;
      if (problem === 'invalid') {
        this.setBlocked(local, 'image');
        local.stage = 'waiting';
        const message = invalidImageMessage(image);
        local.waiting = { container: str(c.name) ?? '', reason: 'InvalidImageName', message };
        if (local.lastWarning !== message) {
          this.emitFor('InspectFailed', local.ref, message, 'Warning');
          this.emitFor('Failed', local.ref, 'Error: InvalidImageName', 'Warning');
        }
        local.lastWarning = message;
        return true;
      }
      this.pullAndFail(k, local, str(c.name) ?? '', image);
      return true;
    }
    if (local.blocked !== null) this.setBlocked(local, null);
    local.waiting = null;
    return false;
  }

  /** A pull that fails after a second: ErrImagePull; then ImagePullBackOff until the back-off runs out and it pulls again. */
  private pullAndFail(k: string, local: LocalPod, container: string, image: string): void {
    this.setBlocked(local, 'pull');
    this.emitFor('Pulling', local.ref, messages(image).pulling);
    const now = this.ctx.clock.now();
    local.timer = this.ctx.timers.at(now + DELAYS.containerStart, () => {
      local.timer = null;
      const pod = this.ctx.store.getByKey('Pod', k);
      if (this.pods.get(k) !== local || !pod || !this.running()) return;
      local.pullFailures++;
      const err = pullErrorMessage(image);
      this.emitFor('Failed', local.ref, `Failed to pull image "${image}": ${err}`, 'Warning');
      this.emitFor('Failed', local.ref, 'Error: ErrImagePull', 'Warning');
      local.stage = 'waiting';
      local.waiting = { container, reason: 'ErrImagePull', message: err };
      this.report(k, pod, local);
      const backOff = imageBackOff(local.pullFailures);
      local.timer = this.ctx.timers.at(this.ctx.clock.now() + DELAYS.containerStart, () => {
        const cur = this.ctx.store.getByKey('Pod', k);
        if (this.pods.get(k) !== local || !cur || !this.running()) { local.timer = null; return; }
        const msg = `Back-off pulling image "${image}"`;
        this.emitFor('BackOff', local.ref, msg);
        this.emitFor('Failed', local.ref, 'Error: ImagePullBackOff', 'Warning');
        local.waiting = { container, reason: 'ImagePullBackOff', message: msg };
        this.report(k, cur, local);
        local.timer = this.ctx.timers.at(this.ctx.clock.now() + backOff - DELAYS.containerStart, () => {
          local.timer = null;
          const again = this.ctx.store.getByKey('Pod', k);
          if (this.pods.get(k) === local && again && this.running()) this.scheduleStart(k, again, local);
        });
      });
    });
  }

  /** env / envFrom references that do not resolve: CreateContainerConfigError until the ConfigMap or Secret appears. */
  private configMissing(pod: Stored, local: LocalPod): boolean {
    const spec = obj(pod.spec) ?? {};
    if (!usesConfig(spec)) return false;
    const lookup = this.lookup(pod);
    for (const c of containerList(pod)) {
      const message = missingEnv(c, pod.metadata.namespace ?? 'default', lookup);
      if (message === null) continue;
      this.setBlocked(local, 'config');
      local.stage = 'waiting';
      local.waiting = { container: str(c.name) ?? '', reason: 'CreateContainerConfigError', message };
      this.warnOnce(local, 'Failed', `Error: ${message}`);
      return true;
    }
    this.setBlocked(local, null);
    local.waiting = null;
    return false;
  }

  private warnOnce(local: LocalPod, reason: string, message: string): void {
    if (local.lastWarning !== message) this.emitFor(reason, local.ref, message, 'Warning');
    local.lastWarning = message;
  }

  /** The data keys of a ConfigMap or Secret in the pod's namespace, or null when it does not exist. */
  private lookup(pod: Stored): ConfigLookup {
    const ns = pod.metadata.namespace ?? 'default';
    return (kind, name) => {
      const o = this.ctx.store.get(kind, ns, name);
      if (!o) return null;
      const raw = o as unknown as Record<string, unknown>;
      return new Set([...Object.keys(obj(raw.data) ?? {}), ...Object.keys(obj(raw.binaryData) ?? {}), ...Object.keys(obj(raw.stringData) ?? {})]);
    };
  }

  private report(k: string, pod: Stored, local: LocalPod): void {
    if (local.stage === 'stopping' || local.stage === 'stopped') return;
    const now = this.ctx.clock.now();
    // A container the kubelet killed at the deadline ends with SIGKILL's 137 (128 + 9); one it killed for a failing
    // probe or postStart hook with what it ended with (killedAfter).
    let status = podStatusFor(pod, local.stage, now, this.hostIP, local.ip, local.restarts, local.failure ? SIGKILL_EXIT_CODE : local.killCode ?? exitCode(pod), local.waiting ?? local.hookError, local.admittedAt, local.sides, local.exitedAt);
    if (local.failure) status = { ...status, reason: local.failure.reason, message: local.failure.message };
    const inits = initContainers(pod);
    if (inits.length > 0) {
      const done = Math.min(local.init, inits.length);
      const initContainerStatuses = initStatuses(pod, done, local.initState, local.initRestarts, local.initCode, local.stage === 'succeeded' || local.stage === 'failed', local.initExitedAt);
      status = { ...status, initContainerStatuses, ...(local.stage === 'init' && done >= inits.length ? { conditions: kubeletConditions(CONDITIONS.creating, pod, now) } : {}) };
      // Failed before its init containers were done (one failed under restartPolicy Never, or the deadline): not
      // Initialized, naming the ones not done, and the app containers never created (PodInitializing).
      if (local.stage === 'failed' && done < inits.length) {
        const incomplete = inits.slice(done).map((c) => str(c.name) ?? '');
        status = { ...status, conditions: kubeletConditions(initIncompleteFailed(incomplete), pod, now), containerStatuses: containerStatuses(pod, 'init') };
      }
    }
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

  private emitFor(reason: string, ref: ObjectRef, message: string, type: 'Normal' | 'Warning' = 'Normal'): void {
    if (this.ctx.options.podEvents) this.ctx.emit(this.processName, this.client(), reason, ref, message, type);
  }
}

const NONE = Object.freeze({});
const part = (v: unknown): object => (v !== null && typeof v === 'object' ? v : NONE);
const configUse = new WeakMap<object, WeakMap<object, WeakMap<object, boolean>>>();

/**
 * Whether a pod spec refers to a ConfigMap or Secret, memoized per (containers, volumes, initContainers): a
 * bound pod's spec is its own object (nodeName), but replicas of one template share those lists.
 */
function usesConfig(spec: Record<string, unknown>): boolean {
  let byVolumes = configUse.get(part(spec.containers));
  if (!byVolumes) configUse.set(part(spec.containers), (byVolumes = new WeakMap()));
  let byInit = byVolumes.get(part(spec.volumes));
  if (!byInit) byVolumes.set(part(spec.volumes), (byInit = new WeakMap()));
  let v = byInit.get(part(spec.initContainers));
  if (v === undefined) byInit.set(part(spec.initContainers), (v = refersToConfig(spec as never)));
  return v;
}

/**
 * The pod's status.startTime in simulated seconds, when a kubelet set it before: a kubelet that starts the pod
 * again (its node came back) keeps it, as the status manager does, and the active deadline still counts from it.
 */
function startTimeOf(pod: Stored): number | undefined {
  const t = obj(pod.status)?.startTime;
  return typeof t === 'string' ? simSecondsOf(t) : undefined;
}

/** The kubelet's reason and message when a pod outlives activeDeadlineSeconds (pkg/kubelet/active_deadline.go). */
const DEADLINE = Object.freeze({ reason: 'DeadlineExceeded', message: 'Pod was active on the node longer than the specified deadline' });

/** `docker stop`'s default timeout before SIGKILL, in seconds. */
const DOCKER_STOP_TIMEOUT = 10;

/** kuberuntime's minimumGracePeriodInSeconds: a killed container gets at least this, and so does SIGTERM after a preStop hook. */
const MINIMUM_GRACE_PERIOD = 2;

/**
 * How long a running container takes to stop (killContainer, pkg/kubelet/kuberuntime/kuberuntime_container.go): its
 * preStop hook first, within the grace period; then SIGTERM, which a process that handles it obeys at once (a
 * moment) and one that ignores it (`sleep` as PID 1) waits out until SIGKILL at the end of what is left. The
 * containers of a pod stop in parallel. https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/
 */
function containerStopSeconds(c: Json, grace: number, docker: boolean): number {
  const hook = docker ? 0 : Math.min(preStopSeconds(c), grace);
  const left = hook > 0 ? Math.max(grace - hook, MINIMUM_GRACE_PERIOD) : grace;
  return hook + (stopsOnSigterm(c) ? Math.min(DELAYS.containerStop, left) : left);
}

/** The exit code of a process ended by SIGKILL (128 + 9). */
const SIGKILL_EXIT_CODE = 137;

/**
 * How long the kubelet takes to kill one container of a running pod (a failing liveness or startup probe, a failed
 * postStart hook: killContainer, as for a deletion) and what it exits with: SIGKILL's 137 when it ignores SIGTERM and
 * the grace period runs out, else null (it stopped on SIGTERM, with its own code).
 */
function killedAfter(c: Json, grace: number): { readonly seconds: number; readonly code: number | null } {
  return { seconds: containerStopSeconds(c, Math.max(grace, MINIMUM_GRACE_PERIOD), false), code: stopsOnSigterm(c) ? null : SIGKILL_EXIT_CODE };
}

/**
 * A liveness or startup probe's own terminationGracePeriodSeconds, which replaces the pod's when the probe's failure
 * kills the container (https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#probe-level-terminationgraceperiodseconds).
 */
function probeGracePeriod(c: Json, probe: 'liveness' | 'startup'): number | undefined {
  const g = obj(c[`${probe}Probe`])?.terminationGracePeriodSeconds;
  return typeof g === 'number' && g >= 0 ? g : undefined;
}

/** The deletion's grace period (`kubectl delete --grace-period`), else terminationGracePeriodSeconds, else 30 s. */
function gracePeriod(pod: Stored): number {
  const g = Number(pod.metadata.deletionGracePeriodSeconds ?? asPod(pod).spec?.terminationGracePeriodSeconds ?? 30);
  return Number.isFinite(g) && g >= 0 ? g : 30;
}

/** Whether every app container of the pod has a lifecycle of its own and has ended for good. */
function allEnded(pod: Stored, local: LocalPod): boolean {
  const sides = local.sides;
  return sides !== null && containerList(pod).every((c) => sides.get(str(c.name) ?? '')?.state === 'ended');
}

/** Whether the named app container runs: not a side container of a partly ending pod that ended or waits to restart. */
function isRunningContainer(local: LocalPod, name: string): boolean {
  const side = local.sides?.get(name);
  return side === undefined || side.state === 'running';
}

/** Init containers, then app containers. */
function allContainers(pod: Stored): readonly Record<string, unknown>[] {
  const init = (obj(pod.spec)?.initContainers);
  if (!Array.isArray(init) || init.length === 0) return containerList(pod);
  return [...init.map(obj).filter((c): c is Record<string, unknown> => !!c), ...containerList(pod)];
}

import { ApiServer } from './apiServer';
import { SimClock, TimerQueue } from './clock';
import { ClusterRuntime, type Client } from './cluster';
import { KubeScheduler, type SchedulingAlgorithm } from './components/kubeScheduler';
import type { SimContext, SimOptions } from './context';
import { CrashBarrier } from './crashes';
import { ControllerManager, type ControllerFactory } from './controllers/controllerManager';
import { readyCondition, readyStatus } from './controllers/nodeLifecycle';
import { KIND_DEFAULT_STORAGE_CLASS } from './controllers/persistentVolume';
import { EventLog, refOf } from './eventLog';
import { Containerd, nodePodCidr } from './kubelet/containerd';
import { Kubelet } from './kubelet/kubelet';
import { Journal, type JournalOptions } from './journal/journal';
import { LeaderElector } from './leaderElection';
import { INITIAL_NAMESPACES, nodeObject } from './nodes';
import { at, obj } from './objects';
import { Prng } from './prng';
import { Store } from './store';
import type { NodeSpec, TopologySpec } from './topology/types';
import type { ObjectRef } from './types';

const never = (): boolean => false;
/** The kubelet's Ready condition message when the CNI plugin is not initialised (pkg/kubelet/nodestatus/setters.go, runtime network status). */
const NETWORK_NOT_READY = 'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized';

/**
 * The wiring of one simulated cluster: store, API server, clock, event log, the physical
 * hosts, and the processes on them (controller-manager, scheduler, kubelets). `Simulation`
 * (index.ts) is the public facade over it.
 */
export class Engine {
  readonly clock = new SimClock();
  /** The fault barrier every dispatch point reports a crash to (crashes.ts). */
  readonly barrier = new CrashBarrier();
  readonly timers = new TimerQueue(this.barrier);
  readonly events = new EventLog();
  readonly store = new Store(this.barrier);
  readonly prng = new Prng();
  readonly cluster: ClusterRuntime;
  readonly api: ApiServer;
  readonly ctx: SimContext;
  readonly kubelets = new Map<string, Kubelet>();
  readonly schedulerElector: LeaderElector;
  readonly cmElector: LeaderElector;
  readonly controllerManager: ControllerManager;
  readonly scheduler: KubeScheduler;
  readonly journal: Journal;
  private readonly dirtyKubelets = new Set<Kubelet>();
  private nodeIndex = 0;

  constructor(readonly topology: TopologySpec, algo: SchedulingAlgorithm, options: SimOptions, extra: readonly ControllerFactory[], journal?: JournalOptions) {
    this.cluster = new ClusterRuntime(topology);
    this.api = new ApiServer(this.store, this.cluster, this.clock, this.prng);
    this.journal = new Journal({ store: this.store, cluster: this.cluster, clock: this.clock, eventWindow: this.events.capacity }, journal);
    if (this.journal.enabled) {
      this.api.journal = this.journal;
      this.events.sink = this.journal.onEvent;
    }
    this.ctx = {
      api: this.api, store: this.store, clock: this.clock, timers: this.timers, events: this.events,
      cluster: this.cluster, prng: this.prng, options, barrier: this.barrier, journal: this.journal.enabled ? this.journal : undefined, emit: (component, client, reason, object, message, type) => this.emit(component, client, reason, object, message, type),
    };
    this.schedulerElector = new LeaderElector(this.ctx, 'kube-scheduler', () => this.scheduler.resync());
    this.cmElector = new LeaderElector(this.ctx, 'kube-controller-manager', () => this.controllerManager.resync());
    this.controllerManager = new ControllerManager(this.ctx, this.cmElector, extra);
    this.scheduler = new KubeScheduler(this.ctx, algo, this.schedulerElector).start();
    this.bootstrap();
  }

  /** Whether this is the docker-server picture. */
  get docker(): boolean {
    return this.topology.mode === 'docker';
  }

  private bootstrap(): void {
    const system: Client = { component: 'kube-apiserver' };
    for (const ns of INITIAL_NAMESPACES) this.api.create(system, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns }, status: { phase: 'Active' } });
    if (!this.docker) this.api.create(system, KIND_DEFAULT_STORAGE_CLASS);
    for (const spec of this.topology.nodes) this.addNode(spec);
    this.refresh();
  }

  /** A host joins: its kubelet registers the Node (kubernetes) and starts watching its pods. */
  addNode(spec: NodeSpec): void {
    if (this.kubelets.has(spec.name)) return this.updateNode(spec);
    if (!this.cluster.nodes.has(spec.name)) {
      this.cluster.addNode(spec);
      this.journal.host(spec.name, spec, 'joined');
    }
    const cidr = this.docker ? '172.17.0.0/16' : nodePodCidr(this.topology.podSubnet, this.nodeIndex++);
    const base = cidr ? cidr.replace(/\.0\/\d+$/, '.') : null;
    const kubelet = new Kubelet(this.ctx, spec.name, this.docker ? 'dockerd' : 'kubelet', new Containerd(base), spec.ip, (k) => this.dirtyKubelets.add(k)).start();
    this.kubelets.set(spec.name, kubelet);
    if (this.docker) return;
    const r = this.api.create({ component: 'kubelet', node: spec.name }, nodeObject(spec, cidr));
    // node-ipam-controller's range allocator (pkg/controller/nodeipam/ipam/range_allocator.go AllocateOrOccupyCIDR):
    // the cluster CIDR holds no free /24 for this node; controllerutil.RecordNodeStatusChange words the event.
    if (cidr === null && r.ok) this.emit('cidrAllocator', { component: 'kube-controller-manager' }, 'CIDRNotAvailable', refOf(r.object), `Node ${spec.name} status is now: CIDRNotAvailable`, 'Normal');
  }

  private updateNode(spec: NodeSpec): void {
    this.cluster.addNode(spec);
    this.journal.host(spec.name, spec, 'changed');
    const cur = this.store.get('Node', undefined, spec.name);
    if (!cur) return;
    const fresh = nodeObject(spec, null);
    this.api.update({ component: 'kubelet', node: spec.name }, {
      ...cur, metadata: { ...cur.metadata, labels: fresh.metadata.labels },
      spec: { ...obj(cur.spec), ...obj(fresh.spec), taints: obj(fresh.spec)?.taints ?? [] },
      status: { ...obj(cur.status), capacity: obj(fresh.status)?.capacity, allocatable: obj(fresh.status)?.allocatable },
    });
  }

  /** A Node object was deleted: the host leaves the cluster. */
  removeNode(name: string): void {
    this.kubelets.get(name)?.containersLost();
    this.kubelets.delete(name);
    this.cluster.removeNode(name);
    this.journal.host(name, null, 'left');
  }

  /** Re-evaluates everything that depends on which processes run (after any fault or heal). */
  refresh(): void {
    this.schedulerElector.reconsider();
    this.cmElector.reconsider();
    for (const [name, k] of this.kubelets) {
      if (!this.docker) this.controllerManager.nodeLifecycle.heartbeat(name, this.cluster.running(name, 'kubelet'));
      this.postNodeStatus(name);
      k.resync();
    }
  }

  /** `refresh` for one host that joined or changed: O(1), not a walk over every node (Node objects arrive one by one). */
  refreshNode(name: string): void {
    this.schedulerElector.reconsider();
    this.cmElector.reconsider();
    const k = this.kubelets.get(name);
    if (!k) return;
    if (!this.docker) this.controllerManager.nodeLifecycle.heartbeat(name, this.cluster.running(name, 'kubelet'));
    this.postNodeStatus(name);
    k.resync();
  }

  /** The kubelet reports Ready, or NotReady when its container runtime is down or its pod network is not ready. */
  private postNodeStatus(name: string): void {
    if (this.docker || !this.cluster.running(name, 'kubelet')) return;
    const node = this.store.get('Node', undefined, name);
    if (!node) return;
    const runtime = this.cluster.running(name, 'containerd');
    // Without a podCIDR the CNI plugin (kindnet) writes no config: the runtime reports NetworkReady=false.
    const network = at(node, 'spec', 'podCIDR') !== undefined;
    const want = runtime && network ? 'True' : 'False';
    if (readyStatus(node) === want) return;
    const cond = want === 'True' ? readyCondition('True', 'KubeletReady', 'kubelet is posting ready status')
      : readyCondition('False', 'KubeletNotReady', runtime ? NETWORK_NOT_READY : 'container runtime is down');
    const client = { component: 'kubelet', node: name };
    const r = this.api.update(client, { ...node, status: { ...obj(node.status), conditions: [cond] } });
    const reason = want === 'True' ? 'NodeReady' : 'NodeNotReady';
    // recordEvent in pkg/kubelet/nodestatus/setters.go (ReadyCondition) uses v1.EventTypeNormal for both.
    if (r.ok) this.emit('kubelet', client, reason, refOf(node), `Node ${name} status is now: ${reason}`, 'Normal');
  }

  /**
   * Runs every component that has work, until none has (all at the current simulated time). Between
   * two batches it asks `shouldYield` (see run.ts): on true it stops and returns false, and a later
   * drain() goes on where this one stopped. Returns true when nothing is left to do.
   */
  drain(shouldYield: () => boolean = never): boolean {
    for (let round = 0; round < 100_000; round++) {
      // A round interrupted earlier goes on where it stopped (it did work before it stopped).
      let did = this.phase !== 'controllers';
      if (this.phase === 'controllers') {
        if (this.controllerManager.hasWork()) did = true;
        if (!this.controllerManager.process(shouldYield)) return false;
        this.phase = 'scheduler';
      }
      if (this.scheduler.hasWork()) { did = true; if (!this.scheduler.process(shouldYield)) return false; }
      this.phase = 'controllers';
      if (this.dirtyKubelets.size > 0) did = this.runKubelets() || did;
      if (!did) return true;
      if (shouldYield()) return false;
    }
    return true;
  }

  /** Where an interrupted round of {@link drain} goes on: the controllers' batches, or the scheduler's. */
  private phase: 'controllers' | 'scheduler' = 'controllers';

  /** Whether anything would still change the cluster: queued work now, or timers that are not recurring ticks. */
  unsettled(): boolean {
    return this.timers.pendingWork() > 0 || this.controllerManager.hasWork() || this.scheduler.hasWork() || [...this.dirtyKubelets].some((k) => k.hasWork());
  }

  private runKubelets(): boolean {
    const batch = [...this.dirtyKubelets];
    this.dirtyKubelets.clear();
    let did = false;
    for (const k of batch) if (k.hasWork()) { k.process(); did = true; }
    return did;
  }

  /** Runs the timers due at the earliest pending time up to `until`, then drains (interruptibly); false when there were none. */
  step(until: number, shouldYield: () => boolean = never): boolean {
    const first = this.timers.peek();
    if (!first || first.time > until) return false;
    this.clock.set(first.time);
    const b = this.barrier;
    for (let t = this.timers.peek(); t && t.time === first.time; t = this.timers.peek()) {
      this.timers.next();
      // A dispatch point of the fault barrier: the timer runs as the dispatch that scheduled it.
      b.enter(t.component, t.kind, t.key);
      try { t.run(); } catch (err) { b.crashed(err); }
    }
    b.enter(null, null, null);
    this.drain(shouldYield);
    return true;
  }

  private emit(component: string, client: Client, reason: string, object: ObjectRef | null, message: string, type: 'Normal' | 'Warning' = 'Normal'): void {
    const node = client.node ?? this.cluster.apiserverFor(client) ?? undefined;
    this.journal.setEventClient(client);
    this.events.add(this.clock.now(), component, reason, object, message, this.cluster.path(client), node, type);
    this.journal.setEventClient(null);
  }
}

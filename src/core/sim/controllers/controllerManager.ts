import type { Client } from '../cluster';
import type { Controller, SimContext } from '../context';
import type { LeaderElector } from '../leaderElection';
import { DeploymentController } from './deployment';
import { GarbageCollector } from './garbageCollector';
import { NodeLifecycleController } from './nodeLifecycle';
import { ReplicaSetController } from './replicaset';
import { TaintEvictionController } from './taintEviction';

/** A controller constructor as kube-controller-manager's controller descriptors list them. */
export type ControllerFactory = (ctx: SimContext, client: () => Client) => Controller & { start(): unknown };

/**
 * kube-controller-manager: one process running many controllers; only the leader's
 * controllers act. Controllers reconcile in a fixed order, each draining its queue in batches.
 */
export class ControllerManager {
  readonly controllers: Controller[] = [];
  readonly nodeLifecycle: NodeLifecycleController;

  constructor(private readonly ctx: SimContext, private readonly elector: LeaderElector, extra: readonly ControllerFactory[] = []) {
    let cached: Client = { component: 'kube-controller-manager' };
    const client = (): Client => {
      const node = this.elector.leader() ?? undefined;
      if (cached.node !== node) cached = { component: 'kube-controller-manager', node };
      return cached;
    };
    this.nodeLifecycle = new NodeLifecycleController(ctx, client).start();
    this.controllers.push(
      new DeploymentController(ctx, client).start(), new ReplicaSetController(ctx, client).start(),
      ...extra.map((f) => { const c = f(ctx, client); c.start(); return c; }),
      new GarbageCollector(ctx, client).start(), this.nodeLifecycle, new TaintEvictionController(ctx, client).start(),
    );
  }

  /** True when the leader can act and some controller has queued keys. */
  hasWork(): boolean {
    return this.elector.active() !== null && this.controllers.some((c) => c.queue.size > 0);
  }

  /** Runs one batch of every controller. */
  process(): void {
    if (!this.elector.active()) return;
    for (const c of this.controllers) {
      if (c.queue.size === 0) continue;
      this.ctx.journal?.setController(c.name);
      for (const k of c.queue.take()) c.reconcile(k);
    }
    this.ctx.journal?.setController(undefined);
  }

  /** A new leader lists everything again. */
  resync(): void {
    for (const c of this.controllers) c.resync();
  }
}

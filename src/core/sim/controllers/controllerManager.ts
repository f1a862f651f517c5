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
      // eslint-disable-next-line no-restricted-syntax -- bounded: the fixed list of controller factories
      ...extra.map((f) => { const c = f(ctx, client); c.start(); return c; }),
      new GarbageCollector(ctx, client).start(), this.nodeLifecycle, new TaintEvictionController(ctx, client).start(),
    );
  }

  /** True when the leader can act and some controller has queued keys. */
  hasWork(): boolean {
    return this.elector.active() !== null && this.controllers.some((c) => c.queue.size > 0);
  }

  /** The controller an interrupted round goes on with (0: none interrupted). */
  private resumeAt = 0;

  /**
   * Runs one batch of every controller; stops between two controllers' batches when `shouldYield` says so
   * (false then), and the next call goes on with the next controller: an interrupted round ends as an
   * uninterrupted one would (the worker's slices must not change what the journal records).
   */
  process(shouldYield?: () => boolean): boolean {
    if (!this.elector.active()) {
      this.resumeAt = 0;
      return true;
    }
    const b = this.ctx.barrier;
    for (let i = this.resumeAt; i < this.controllers.length; i++) {
      const c = this.controllers[i] as Controller;
      if (c.queue.size === 0) continue;
      this.ctx.journal?.setController(c.name);
      // A dispatch point of the fault barrier: a reconcile that throws is reported on its key, the rest go on.
      for (const k of c.queue.take()) {
        b.enter(c.name, c.ownedKind ?? null, k);
        try { c.reconcile(k); } catch (err) { b.crashed(err); }
      }
      this.ctx.journal?.setController(undefined);
      b.enter(null, null, null);
      if (i + 1 < this.controllers.length && shouldYield?.()) {
        this.resumeAt = i + 1;
        return false;
      }
    }
    this.resumeAt = 0;
    return true;
  }

  /** A new leader lists everything again. */
  resync(): void {
    for (const c of this.controllers) c.resync();
  }
}

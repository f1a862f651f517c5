import type { Timer } from './clock';
import type { SimContext } from './context';
import { fnv32 } from './prng';
import type { ComponentName } from './types';

/**
 * Leader election defaults of kube-scheduler and kube-controller-manager: lease 15 s, renew
 * deadline 10 s, retry 2 s (--leader-elect-lease-duration / -renew-deadline / -retry-period,
 * https://kubernetes.io/docs/reference/command-line-tools-reference/kube-scheduler/).
 */
export const LEASE_DURATION = 15;
export const RENEW_DEADLINE = 10;
export const RETRY_PERIOD = 2;

/**
 * One Lease (kube-system/<component>) contended by the instances on the control-plane hosts.
 * The holder renews continuously while it can write; when it cannot, the lease expires
 * LEASE_DURATION after its last renewal and the first standby that can write takes over.
 */
export class LeaderElector {
  private holder: string | null = null;
  private expiry: Timer | null = null;

  constructor(
    private readonly ctx: SimContext, readonly component: ComponentName,
    private readonly onLeader: (node: string) => void,
  ) {}

  /** The host holding the lease (possibly unable to act until it expires), or null. */
  leader(): string | null {
    return this.holder;
  }

  /** The host that is actually doing the work now, or null. */
  active(): string | null {
    return this.holder && this.canRenew(this.holder) ? this.holder : null;
  }

  /** Re-evaluates after any fault or heal. */
  reconsider(): void {
    const now = this.ctx.clock.now();
    if (this.holder && this.canRenew(this.holder)) {
      this.cancelExpiry();
    } else if (this.holder) {
      // It renewed until now (every RETRY_PERIOD); the lease runs out LEASE_DURATION after that.
      if (!this.expiry) this.expiry = this.ctx.timers.at(now + LEASE_DURATION, () => this.expire());
    } else {
      this.tryAcquire();
    }
  }

  private expire(): void {
    this.expiry = null;
    if (!this.holder || this.canRenew(this.holder)) return this.reconsider();
    this.emit('LeaderElection', `lease held by ${this.identity(this.holder)} expired (not renewed for ${LEASE_DURATION}s)`);
    this.holder = null;
    this.tryAcquire();
  }

  private tryAcquire(): void {
    const next = this.candidates().find((n) => this.canRenew(n));
    if (!next) return;
    this.holder = next;
    this.emit('LeaderElection', `${this.identity(next)} became leader`, next);
    this.onLeader(next);
  }

  private cancelExpiry(): void {
    if (this.expiry) this.ctx.timers.cancel(this.expiry);
    this.expiry = null;
  }

  private candidates(): string[] {
    return [...this.ctx.cluster.nodes.values()].filter((n) => n.spec.components.includes(this.component)).map((n) => n.spec.name);
  }

  private canRenew(node: string): boolean {
    return this.ctx.cluster.running(node, this.component) && this.ctx.cluster.writeError({ component: this.component, node }) === null;
  }

  private identity(node: string): string {
    return `${node}_${fnv32(node + this.component).toString(16).padStart(8, '0')}`;
  }

  private emit(reason: string, message: string, node?: string): void {
    const client = { component: this.component, node: node ?? this.holder ?? undefined };
    this.ctx.emit(this.component, client, reason, { kind: 'Lease', namespace: 'kube-system', name: this.component }, message);
  }
}

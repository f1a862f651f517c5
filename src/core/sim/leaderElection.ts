import type { Timer } from './clock';
import type { SimContext } from './context';
import { fnv32, Prng } from './prng';
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
  /** Each running instance's identity; a restarted process gets a new one. */
  private readonly ids = new Map<string, string>();
  private readonly idSources = new Map<string, Prng>();

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
    for (const node of this.ids.keys()) if (node !== this.holder && !this.ctx.cluster.running(node, this.component)) this.ids.delete(node);
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
    if (!this.ctx.cluster.running(this.holder, this.component)) this.ids.delete(this.holder);
    this.holder = null;
    this.journalLeader(null, 'lease expired');
    this.tryAcquire();
  }

  private tryAcquire(): void {
    const next = this.candidates().find((n) => this.canRenew(n));
    if (!next) return;
    this.holder = next;
    this.journalLeader(next, `${this.identity(next)} became leader`);
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

  /**
   * The holderIdentity a process writes in the Lease: `<hostname>_<uuid>`, the UUID made at process start
   * (cmd/kube-scheduler/app/server.go and cmd/kube-controller-manager/app/controllermanager.go:
   * `id := hostname + "_" + string(uuid.NewUUID())`). Drawn from a PRNG seeded per host and component, so
   * identities are deterministic without shifting the names the API server generates.
   */
  identity(node: string): string {
    let id = this.ids.get(node);
    if (id === undefined) {
      let src = this.idSources.get(node);
      if (!src) this.idSources.set(node, (src = new Prng(fnv32(`${node}/${this.component}`))));
      this.ids.set(node, (id = `${node}_${src.uuid()}`));
    }
    return id;
  }

  private journalLeader(node: string | null, message: string): void {
    if (this.component === 'kube-scheduler' || this.component === 'kube-controller-manager') this.ctx.journal?.leader(this.component, node, message);
  }

  private emit(reason: string, message: string, node?: string): void {
    const client = { component: this.component, node: node ?? this.holder ?? undefined };
    this.ctx.emit(this.component, client, reason, { kind: 'Lease', namespace: 'kube-system', name: this.component }, message);
  }
}

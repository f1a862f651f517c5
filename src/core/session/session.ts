import type { NodeView, PodView } from '../../shared/snapshot';
import type { SessionApplyResult, SessionPosition, SessionRequest, SessionResponse, SessionResponseTo, SourcedInput } from '../../shared/session';
import { Simulation, type ClusterSnapshot, type SimulationOptions } from '../sim';
import { journalSince, MAX_PAGE } from '../sim/journal';
import type { HistoricState } from '../sim/journal/history';
import type { KubeObject } from '../sim/types';
import { nodeView, podView, snapshotOf, sorted, sourceOf, summaryOf, type SnapshotSource } from '../sim/snapshot';
import type { Stored } from '../sim/store';
import { parseSessionRequest } from './validate';

/** Largest page of the bounded view queries. */
export const MAX_VIEW_PAGE = 1_000;

/**
 * One simulated cluster behind the session protocol (src/shared/session.ts): the CLI calls it in
 * process; a worker thread or a browser Web Worker forwards messages to `handle`. Commands act at
 * the head (the latest simulated moment) and bring the play head back to it; `seek` moves the play
 * head into the journal's past, and the view queries (status, nodes, pods, snapshotAt) read the
 * cluster as it was there. Wraps a `Simulation`, which stays the engine's facade for other callers.
 */
export class Session {
  readonly sim: Simulation;
  private playHead: number | null = null;
  private past: HistoricState | null = null;
  private podsCache: { key: string; pods: Stored[] } | null = null;

  constructor(options: SimulationOptions | Simulation) {
    this.sim = options instanceof Simulation ? options : new Simulation(options);
  }

  /** Answers one untrusted request (validated first: a malformed one gets an error response, never a throw). */
  handle(raw: unknown): SessionResponse.Any {
    const req = parseSessionRequest(raw);
    if (typeof req === 'string') return { type: 'error', request: requestType(raw), message: req };
    try {
      return this.dispatch(req);
    } catch (e) {
      return { type: 'error', request: req.type, message: e instanceof Error ? e.message : String(e) };
    }
  }

  private dispatch(req: SessionRequest.Any): SessionResponse.Any {
    switch (req.type) {
      case 'apply': return this.apply(req.objects);
      case 'delete': return this.delete(req.kind, req.namespace, req.name);
      case 'fail': return this.fault(req.target, true);
      case 'heal': return this.fault(req.target, false);
      case 'advance': return this.advance(req.seconds);
      case 'runUntil': return this.runUntil(req.time);
      case 'runUntilSettled': return this.runUntilSettled(req.maxSeconds);
      case 'seek': return this.seek(req.time);
      case 'snapshotAt': return { type: 'snapshotAt', snapshot: this.snapshotAt(req.time) };
      case 'journalSince': return { type: 'journalSince', ...journalSince(this.sim.journal, req.seq, req.limit ?? MAX_PAGE) };
      case 'status': return this.status();
      case 'nodes': return this.nodes(req.offset, req.limit);
      case 'pods': return this.pods(req.offset, req.limit, req.node);
    }
  }

  /** `kubectl apply` of each object, in order, at the head. */
  apply(objects: readonly SourcedInput[]): SessionResponse.Apply {
    this.toHead();
    const results: SessionApplyResult[] = objects.map((o) => this.sim.apply(o.object as KubeObject, o.source));
    return { type: 'apply', results, ...this.position() };
  }

  /** `kubectl delete`. */
  delete(kind: string, namespace: string | undefined, name: string): SessionResponse.Delete {
    this.toHead();
    return { type: 'delete', result: this.sim.delete(kind, namespace, name), ...this.position() };
  }

  /** Fails (or heals) a host or a process; an unknown target is an error and changes nothing. */
  fault(target: string, failed: boolean): SessionResponse.Fail | SessionResponse.Heal | SessionResponse.Error {
    const err = this.sim.targetError(target);
    if (err) return { type: 'error', request: failed ? 'fail' : 'heal', message: err };
    this.toHead();
    if (failed) this.sim.fail(target);
    else this.sim.heal(target);
    return { type: failed ? 'fail' : 'heal', ...this.position() };
  }

  /** Steps the head `seconds` forward. */
  advance(seconds: number): SessionResponse.Advance {
    this.toHead();
    this.sim.advance(seconds);
    return { type: 'advance', ...this.position() };
  }

  /** Steps the head to `time`. */
  runUntil(time: number): SessionResponse.RunUntil {
    this.toHead();
    this.sim.advance(Math.max(0, time - this.sim.now()));
    return { type: 'runUntil', ...this.position() };
  }

  /** Runs until settled (at most `maxSeconds`). */
  runUntilSettled(maxSeconds?: number): SessionResponse.RunUntilSettled {
    this.toHead();
    const elapsed = this.sim.runUntilSettled(maxSeconds);
    return { type: 'runUntilSettled', elapsed, ...this.position() };
  }

  /** Moves the play head to `time`, clamped to [the journal's oldest moment, the head]. */
  seek(time: number): SessionResponse.Seek {
    const t = Math.max(this.sim.journal.oldestTime, Math.min(time, this.sim.now()));
    this.playHead = t >= this.sim.now() ? null : t;
    this.past = null;
    if (this.playHead !== null) this.past = this.sim.stateAt(this.playHead);
    return { type: 'seek', ...this.position() };
  }

  /** The whole cluster at `time` (default: the play head). */
  snapshotAt(time?: number): ClusterSnapshot {
    const t = time ?? this.playHead ?? this.sim.now();
    return t === this.playHead && this.past ? snapshotOf(this.sim.historicSource(this.past), this.sim.errorsAt(t)) : this.sim.snapshotAt(t);
  }

  /** Head, play head, counts and the cluster summary at the play head. */
  status(): SessionResponse.Status {
    const src = this.source();
    const { nodes: _n, ...cluster } = summaryOf(src, []);
    return {
      type: 'status', ...this.position(), detail: this.sim.journal.options.detail, cluster,
      nodes: src.cluster.nodes.size, pods: this.podList(src).length,
      errors: this.sim.errorsAt(src.time).map((x) => ({ file: x.file, line: x.line, column: x.column, message: x.message, severity: x.severity })),
    };
  }

  /** Nodes [offset, offset + limit) at the play head, in topology order. */
  nodes(offset: number, limit: number): SessionResponse.Nodes {
    const src = this.source();
    const names = [...src.cluster.nodes.keys()];
    const page = names.slice(clampOffset(offset), clampOffset(offset) + clampLimit(limit));
    const nodes: NodeView[] = page.map((n) => nodeView(src, n));
    return { type: 'nodes', time: src.time, total: names.length, nodes };
  }

  /** A page of pods at the play head (sorted by namespace and name), optionally of one node. */
  pods(offset: number, limit: number, node?: string): SessionResponse.Pods {
    const src = this.source();
    const all = node === undefined ? this.podList(src) : sorted(src.store.podsOnNode(node).map((k) => podByKey(src, k)).filter((p): p is Stored => !!p));
    const pods: PodView[] = all.slice(clampOffset(offset), clampOffset(offset) + clampLimit(limit)).map((p) => podView(src, p));
    return { type: 'pods', time: src.time, total: all.length, pods };
  }

  /** Where the session stands. */
  position(): SessionPosition {
    const j = this.sim.journal;
    return {
      head: this.sim.now(), playHead: this.playHead ?? this.sim.now(), seq: j.head, oldestSeq: j.compacted + 1,
      oldestTime: j.oldestTime, settled: !this.sim.internals.unsettled(),
    };
  }

  private toHead(): void {
    this.playHead = null;
    this.past = null;
  }

  private source(): SnapshotSource {
    return this.past ? this.sim.historicSource(this.past) : sourceOf(this.sim.internals);
  }

  /** All pods at the play head, sorted; cached until the cluster or the play head moves. */
  private podList(src: SnapshotSource): Stored[] {
    const key = `${this.sim.journal.head}@${src.time}@${this.past ? 'past' : 'live'}`;
    if (this.podsCache?.key !== key) this.podsCache = { key, pods: sorted([...src.store.list('Pod')]) };
    return this.podsCache.pods;
  }
}

function podByKey(src: SnapshotSource, k: string): Stored | undefined {
  const slash = k.indexOf('/');
  return slash < 0 ? src.store.get('Pod', undefined, k) : src.store.get('Pod', k.slice(0, slash), k.slice(slash + 1));
}

function clampOffset(n: number): number {
  return Math.max(0, Math.floor(n));
}

function clampLimit(n: number): number {
  return Math.max(0, Math.min(MAX_VIEW_PAGE, Math.floor(n)));
}

function requestType(raw: unknown): SessionRequest.Any['type'] {
  const t = (raw as { type?: unknown } | null)?.type;
  return typeof t === 'string' && REQUEST_TYPES.has(t) ? (t as SessionRequest.Any['type']) : 'status';
}

const REQUEST_TYPES = new Set(['apply', 'delete', 'fail', 'heal', 'advance', 'runUntil', 'runUntilSettled', 'seek', 'snapshotAt', 'journalSince', 'status', 'nodes', 'pods']);

/** Typed convenience: the response to a request of type T. */
export function ask<T extends SessionRequest.Any>(s: Session, req: T): SessionResponseTo<T['type']> {
  return s.handle(req) as SessionResponseTo<T['type']>;
}

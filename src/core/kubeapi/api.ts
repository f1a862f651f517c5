/**
 * The simulated cluster served as the Kubernetes API: one pure request handler (no sockets: the CLI's
 * HTTPS server and tests call it), routing `/api/v1/...` and `/apis/GROUP/VERSION/...` to the engine's
 * store and API server the way kube-apiserver routes to etcd. Reads see the store; writes go through the
 * simulated API server as `kubectl` (so they are validated, need a reachable kube-apiserver and etcd
 * quorum, and appear in the timeline like any other write).
 */
import type { ApiDocs } from '../api';
import { SIM_EPOCH_MS } from '../sim/clock';
import { KUBECTL } from '../sim/cluster';
import type { Engine } from '../sim/engine';
import { kubectlApply } from '../sim/kubectl';
import type { Simulation } from '../sim';
import type { KubeObject, SimEvent } from '../sim/types';
import { aggregatedDiscovery, AGGREGATED_V2, apiGroupList, apiResourceList, apiVersions, wantsAggregated } from './discovery';
import { eventObjects, eventWatch } from './events';
import { applyOwnership, updateOwnership, type ManagedFieldsEntry, type Writer } from './fieldManagers';
import { health, version } from './health';
import { openApiDocument, openApiRoot } from './openapi';
import { jsonPatch, mergePatch, PatchError, strategicMergePatch } from './patch';
import { groupVersion, resourceAt, type Resource } from './resources';
import { decodeProtobuf, PROTOBUF_TYPE } from './protobuf';
import { parseFieldSelector, parseLabelSelector } from './selectors';
import { fromWriteError, status, type StatusBody } from './status';
import { toTable, wantsTable } from './tables';
import { eventsSince, storeChangesSince, watchEvent, type Change } from './watchHistory';

/** A request as the handler needs it. */
export interface ApiRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly accept?: string;
  readonly contentType?: string;
  readonly body?: string;
  /** The body's bytes: a protobuf body (`application/vnd.kubernetes.protobuf`, client-go's typed clients) is read from them. */
  readonly bodyBytes?: Uint8Array;
  /** The client's User-Agent: names the field manager when the request gives none, as kube-apiserver does. */
  readonly userAgent?: string;
}

/** A whole response. */
export interface ApiResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
  /** The API server's warnings, sent as `Warning: 299 - "…"` headers (kubectl prints each as `Warning: …`). */
  readonly warnings?: readonly string[];
}

/** A watch: the events to send at once, then a subscription for the next ones (each a JSON line). */
export interface WatchStream {
  readonly status: 200;
  readonly contentType: string;
  readonly initial: readonly string[];
  readonly subscribe: (send: (line: string) => void) => () => void;
  /** A BOOKMARK line carrying the current resourceVersion, when the client allows them. */
  readonly bookmark?: () => string;
  /** The stream ends after `initial` (it carries an ERROR event). */
  readonly end?: boolean;
}

const JSON_TYPE = 'application/json';

/** Where a URL points: a resource collection, one object, or one object's subresource. */
interface Target {
  readonly res: Resource;
  readonly namespace: string | undefined;
  readonly name: string | undefined;
  readonly sub: string | undefined;
}

/** Serves the Kubernetes API over a simulation. */
export class KubeApi {
  /**
   * `wallClock` (ms since the epoch), when given, re-anchors every timestamp sent so that the simulated
   * "now" reads as the real now: kubectl computes ages in `describe` and `get events` against its own clock.
   */
  constructor(
    private readonly sim: Simulation,
    private readonly serverAddress: string,
    private readonly wallClock?: () => number,
    /** The API's descriptions for the OpenAPI documents (read on the first `/openapi/v3/…` request; undefined serves them without). */
    private readonly apiDocs?: () => ApiDocs | undefined,
  ) {}

  private docsRead = false;
  private docsValue: ApiDocs | undefined;

  private docs(): ApiDocs | undefined {
    if (!this.docsRead) {
      this.docsRead = true;
      try {
        this.docsValue = this.apiDocs?.();
      } catch {
        this.docsValue = undefined; // served without descriptions
      }
    }
    return this.docsValue;
  }

  private get engine(): Engine {
    return this.sim.internals;
  }

  /** Answers one request. Never throws: a handler bug becomes a 500 Status. */
  handle(req: ApiRequest): ApiResponse | WatchStream {
    try {
      return this.reanchor(this.route(req));
    } catch (err) {
      return respond(500, status(500, 'InternalError', `an error on the server ("${err instanceof Error ? err.message : String(err)}") has prevented the request from succeeding`));
    }
  }

  private reanchor(out: ApiResponse | WatchStream): ApiResponse | WatchStream {
    const clock = this.wallClock;
    if (!clock) return out;
    const shift = (text: string): string => shiftTimestamps(text, clock() - (SIM_EPOCH_MS + this.sim.now() * 1000));
    if (!('initial' in out)) return { ...out, body: shift(out.body) };
    return { ...out, initial: out.initial.map(shift), subscribe: (send) => out.subscribe((l) => send(shift(l))) };
  }

  private route(req: ApiRequest): ApiResponse | WatchStream {
    const path = req.path.replace(/\/+$/, '') || '/';
    const fixed = this.fixedPath(path, req);
    if (fixed) return fixed;
    const streaming = this.notSimulated(path);
    if (streaming) return streaming;
    const target = parseTarget(path);
    if (!target) return respond(404, status(404, 'NotFound', 'the server could not find the requested resource'));
    if (typeof target === 'string') return respond(404, status(404, 'NotFound', target));
    if (!this.engine.cluster.etcd().hasQuorum) return respond(500, status(500, '', 'etcdserver: request timed out'));
    switch (req.method) {
      case 'GET': return target.name ? this.getOne(target, req) : isWatch(req) ? this.watch(target, req) : this.list(target, req);
      case 'POST': return this.create(target, req);
      case 'PUT': return this.write(target, req, (_cur, body) => body);
      case 'PATCH': return this.write(target, req, (cur, body) => patchWith(req.contentType, cur, body));
      case 'DELETE': return this.remove(target, req);
      default: return respond(405, status(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource`));
    }
  }

  private fixedPath(path: string, req: ApiRequest): ApiResponse | undefined {
    if (path === '/version') return respond(200, version());
    if (path === '/livez' || path === '/readyz' || path === '/healthz' || path.startsWith('/readyz/') || path.startsWith('/livez/')) {
      const h = health(path, req.query.has('verbose'), this.engine.cluster.etcd().hasQuorum);
      return { status: h.ok ? 200 : 500, contentType: 'text/plain; charset=utf-8', body: h.text };
    }
    if (path === '/api' || path === '/apis') {
      if (wantsAggregated(req.accept)) return { status: 200, contentType: AGGREGATED_V2, body: JSON.stringify(aggregatedDiscovery(path === '/api')) };
      return respond(200, path === '/api' ? apiVersions(this.serverAddress) : apiGroupList());
    }
    const gv = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))$/.exec(path);
    if (gv) {
      const doc = gv[1] ? apiResourceList('', 'v1') : apiResourceList(gv[2], gv[3]);
      return doc ? respond(200, doc) : respond(404, status(404, 'NotFound', 'the server could not find the requested resource'));
    }
    if (path === '/openapi/v3') return respond(200, openApiRoot(this.docs() !== undefined));
    if (path.startsWith('/openapi/v3/')) {
      const doc = openApiDocument(path, this.docs());
      return doc ? { status: 200, contentType: JSON_TYPE, body: doc } : respond(404, status(404, 'NotFound', 'the server could not find the requested resource'));
    }
    // kubectl falls back to the v2 document (protobuf) only to validate kinds the server does not serve: an
    // empty Document (zero bytes in protobuf) has no schema for them, so kubectl goes on to report
    // `no matches for kind` as it does against a real cluster.
    if (path === '/openapi/v2') return { status: 200, contentType: 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf', body: '' };
    return undefined;
  }

  /**
   * The streaming subresources (`log`, `exec`, `attach`, `portforward`, `proxy`) need a container process or a
   * network behind them, which the simulation does not run: a 400 Status that says so, at once, whatever the
   * method (exec, attach and port-forward ask to upgrade the connection: the Status refuses the upgrade, so
   * kubectl prints the message instead of waiting). The object must exist first, as kube-apiserver checks.
   */
  private notSimulated(path: string): ApiResponse | undefined {
    const m = /^\/api\/v1\/(?:namespaces\/([^/]+)\/)?(pods|services|nodes)\/([^/]+)\/(log|exec|attach|portforward|proxy)(?:\/.*)?$/.exec(path);
    if (!m) return undefined;
    const [, namespace, plural, rawName, sub] = m;
    const res = resourceAt('', 'v1', plural) as Resource;
    const name = decodeURIComponent(rawName).replace(/:.*$/, ''); // `pods/NAME:PORT/proxy`
    if (res.namespaced !== (namespace !== undefined) || (sub !== 'proxy' && plural !== 'pods')) return respond(404, status(404, 'NotFound', 'the server could not find the requested resource'));
    const t: Target = { res, namespace: namespace && decodeURIComponent(namespace), name, sub };
    if (!this.stored(t, name)) return notFound(t);
    return respond(400, status(400, 'BadRequest', NOT_SIMULATED[sub as keyof typeof NOT_SIMULATED]));
  }

  private stored(t: Target, name: string): KubeObject | undefined {
    if (t.res.kind === 'Event') return this.events(t.namespace).find((e) => e.metadata.name === name);
    return this.engine.store.get(t.res.kind, t.namespace, name) as KubeObject | undefined;
  }

  private events(namespace: string | undefined): KubeObject[] {
    return eventObjects(this.engine.events.since(0), this.engine.store, namespace);
  }

  private getOne(t: Target, req: ApiRequest): ApiResponse {
    const o = this.stored(t, t.name as string);
    if (!o) return notFound(t);
    if (t.sub === 'scale') return respond(200, scaleOf(o, t.res));
    if (t.sub && t.sub !== 'status') return respond(405, status(405, 'MethodNotAllowed', `GET is not allowed on ${t.res.plural}/${t.sub}`));
    const table = wantsTable(req.accept);
    return table ? respond(200, toTable(o.kind, [o], this.sim.now(), rvOf(o), table)) : respond(200, withTypeMeta(o, t.res));
  }

  /** The last selection, reused while the store has not changed: kubectl pages a list of 150,000 pods in 300 requests. */
  private lastSelect: { key: string; items: KubeObject[] } | undefined;

  /** Objects of a collection after the request's namespace, label and field selectors, in key order (as etcd lists). */
  private select(t: Target, req: ApiRequest): KubeObject[] | ApiResponse {
    const key = this.selectKey(t, req);
    if (this.lastSelect?.key === key) return this.lastSelect.items;
    const matching = this.matching(t, req);
    if (!Array.isArray(matching)) return matching;
    const items = matching
      .map((o) => ({ o, k: keyOf(o) }))
      .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
      .map((x) => x.o);
    this.lastSelect = { key, items };
    return items;
  }

  private selectKey(t: Target, req: ApiRequest): string {
    return JSON.stringify([this.engine.store.resourceVersion(), this.engine.events.total(), t.res.kind, t.namespace ?? '', req.query.get('labelSelector') ?? '', req.query.get('fieldSelector') ?? '']);
  }

  /** The collection's objects that pass the request's namespace, label and field selectors, in store order. */
  private matching(t: Target, req: ApiRequest): KubeObject[] | ApiResponse {
    const m = this.matcher(t, req);
    if (!('test' in m)) return m;
    const out: KubeObject[] = [];
    for (const o of m.source) if (m.test(o)) out.push(o);
    return out;
  }

  /** The collection to read and the request's namespace, label and field selectors as one test. */
  private matcher(t: Target, req: ApiRequest): { source: Iterable<KubeObject>; test: (o: KubeObject) => boolean } | ApiResponse {
    const labels = parseLabelSelector(req.query.get('labelSelector') ?? '');
    if (typeof labels === 'string') return respond(400, status(400, 'BadRequest', labels));
    const fields = parseFieldSelector(t.res.kind, req.query.get('fieldSelector') ?? '');
    if (typeof fields === 'string') return respond(400, status(400, 'BadRequest', fields));
    const source: Iterable<KubeObject> = t.res.kind === 'Event' ? this.events(t.namespace) : this.engine.store.list(t.res.kind);
    return { source, test: (o) => (!t.namespace || o.metadata.namespace === t.namespace) && labels(o.metadata.labels ?? {}) && fields(o) };
  }

  /**
   * The first page of a chunked list (`limit`, no `continue`) when no selection is cached: the `limit`
   * smallest keys picked in one pass over the store instead of sorting every object, since kubectl asks
   * for 500 of 150,000 pods first and prints them while it asks for the rest (those pages sort once, then
   * reuse it).
   */
  private firstPage(t: Target, req: ApiRequest, limit: number): { items: KubeObject[]; total: number } | ApiResponse {
    const m = this.matcher(t, req);
    if (!('test' in m)) return m;
    return smallestByKey(m.source, m.test, limit);
  }

  private list(t: Target, req: ApiRequest): ApiResponse {
    const limit = Number(req.query.get('limit') ?? '0');
    const first = Number.isInteger(limit) && limit > 0 && !req.query.get('continue') && this.lastSelect?.key !== this.selectKey(t, req);
    const rv = this.currentVersion(t.res.kind);
    let page: ReturnType<typeof paginate>;
    if (first) {
      const picked = this.firstPage(t, req, limit);
      if (!('total' in picked)) return picked;
      const rest = picked.total - picked.items.length;
      page = rest > 0 ? { items: picked.items, continue: continueToken(rv, picked.items[picked.items.length - 1]), remaining: rest } : { items: picked.items };
    } else {
      const selected = this.select(t, req);
      if (!Array.isArray(selected)) return selected;
      page = paginate(selected, req.query, rv);
    }
    if ('status' in page) return page;
    const table = wantsTable(req.accept);
    if (table) {
      const tbl = toTable(t.res.kind, page.items, this.sim.now(), rv, table) as { metadata: Record<string, unknown> };
      if (page.continue) tbl.metadata.continue = page.continue;
      return respond(200, tbl);
    }
    const metadata: Record<string, unknown> = { resourceVersion: rv };
    if (page.continue) Object.assign(metadata, { continue: page.continue, remainingItemCount: page.remaining });
    return respond(200, { kind: `${t.res.kind}List`, apiVersion: groupVersion(t.res), metadata, items: page.items.map((o) => withTypeMeta(o, t.res)) });
  }

  /**
   * A watch (watchHistory.ts): from resourceVersion 0 (or none) the current state as ADDED events; from a
   * later version the changes after it, replayed from the journal; from a version outside the history one
   * ERROR event with the Status, and the stream ends (kube-apiserver answers such errors inside a 200 stream
   * once the version has parsed: cacher.go, "must fail with a watch event of type ERROR").
   */
  private watch(t: Target, req: ApiRequest): WatchStream | ApiResponse {
    const table = wantsTable(req.accept);
    const rvText = req.query.get('resourceVersion') ?? '';
    if (!/^\d*$/.test(rvText)) {
      // etcd3's APIObjectVersioner.ParseResourceVersion, as interpretWatchError reports it.
      const invalid = `resourceVersion: Invalid value: ${JSON.stringify(rvText)}: strconv.ParseUint: parsing ${JSON.stringify(rvText)}: invalid syntax`;
      return respond(422, status(422, 'Invalid', `${t.res.plural}${t.res.group ? '.' + t.res.group : ''} "" is invalid: ${invalid}`));
    }
    const from = Number(rvText || '0');
    const labels = parseLabelSelector(req.query.get('labelSelector') ?? '');
    const fields = parseFieldSelector(t.res.kind, req.query.get('fieldSelector') ?? '');
    const matches = (o: KubeObject): boolean => typeof labels !== 'string' && typeof fields !== 'string'
      && (!t.namespace || o.metadata.namespace === t.namespace) && (!t.name || o.metadata.name === t.name) && labels(o.metadata.labels ?? {}) && fields(o);
    const line = (type: string, o: KubeObject): string => JSON.stringify({ type, object: table ? toTable(o.kind, [o], this.sim.now(), rvOf(o), table) : withTypeMeta(o, t.res) }) + '\n';
    const send = (change: Change, out: (l: string) => void): void => {
      const e = watchEvent(change, matches);
      if (e) out(line(e.type, e.object));
    };
    const bookmark = req.query.get('allowWatchBookmarks') === 'true'
      ? () => JSON.stringify({ type: 'BOOKMARK', object: { kind: t.res.kind, apiVersion: groupVersion(t.res), metadata: { resourceVersion: this.currentVersion(t.res.kind) } } }) + '\n'
      : undefined;
    const ended = (error: StatusBody): WatchStream => ({ status: 200, contentType: JSON_TYPE, initial: [JSON.stringify({ type: 'ERROR', object: error }) + '\n'], subscribe: () => () => undefined, end: true });
    const initial: string[] = [];
    if (t.res.kind === 'Event') {
      const start = from > 0 ? eventsSince(this.engine.events, from) : { from: -1 };
      if ('error' in start) return ended(start.error);
      const ns = t.namespace;
      const all = this.engine.events.since(0);
      // A watch from a resourceVersion replays the occurrences after it as they were seen (a repeat: MODIFIED).
      const replayed = start.from < 0 ? [] : all.filter((e) => e.seq >= start.from);
      const seen = start.from < 0 ? all : all.filter((e) => e.seq < start.from);
      const { objects, next } = eventWatch(seen, this.engine.store, ns);
      if (start.from < 0) for (const o of objects()) if (matches(o)) initial.push(line('ADDED', o));
      const emit = (e: SimEvent, out: (l: string) => void): void => {
        const w = next(e);
        if (w && matches(w.object)) out(line(w.type, w.object));
      };
      for (const e of replayed) emit(e, (l) => initial.push(l));
      const subscribe = (out: (l: string) => void): (() => void) => this.engine.events.subscribe((e) => emit(e, out));
      return { status: 200, contentType: JSON_TYPE, initial, subscribe, bookmark };
    }
    if (from > 0) {
      const start = storeChangesSince(this.engine.journal, this.engine.store, t.res.kind, from);
      if ('error' in start) return ended(start.error);
      for (const c of start.replay) send(c, (l) => initial.push(l));
    } else {
      for (const o of this.engine.store.list(t.res.kind)) if (matches(o as KubeObject)) initial.push(line('ADDED', o as KubeObject));
    }
    const subscribe = (out: (l: string) => void): (() => void) => this.engine.store.watch(t.res.kind, (type, o, old) => {
      send({ type, object: o as KubeObject, old: old as KubeObject | undefined, revision: this.engine.store.resourceVersion() }, out);
    });
    return { status: 200, contentType: JSON_TYPE, initial, subscribe, bookmark };
  }

  /** The resourceVersion a list of `kind` is at: the store's, or for Events the event count (their own history). */
  private currentVersion(kind: string): string {
    return String(kind === 'Event' ? this.engine.events.total() : this.engine.store.resourceVersion());
  }

  private parseBody(req: ApiRequest): unknown {
    if ((req.contentType ?? '').startsWith(PROTOBUF_TYPE)) {
      const decoded = decodeProtobuf(req.bodyBytes ?? new Uint8Array());
      if ('error' in decoded) throw new BadRequest(decoded.error);
      return decoded.object;
    }
    try {
      return JSON.parse(req.body ?? '');
    } catch (err) {
      throw new BadRequest(`json: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private create(t: Target, req: ApiRequest): ApiResponse {
    try {
      if (t.sub === 'eviction') return this.evict(t);
      if (t.name) return respond(405, status(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource'));
      const body = this.parseBody(req) as KubeObject;
      const mismatch = identityError(body, t);
      if (mismatch) return respond(400, status(400, 'BadRequest', mismatch));
      const o: KubeObject = t.namespace ? { ...body, metadata: { ...body.metadata, namespace: t.namespace } } : body;
      if (o.metadata?.name && this.engine.store.get(t.res.kind, t.namespace, o.metadata.name)) {
        return respond(409, status(409, 'AlreadyExists', `${t.res.plural}${t.res.group ? '.' + t.res.group : ''} "${o.metadata.name}" already exists`, { name: o.metadata.name, group: t.res.group, kind: t.res.plural }));
      }
      if (req.query.get('dryRun') === 'All') return respond(201, withTypeMeta(o, t.res));
      const before = this.engine.store.resourceVersion();
      const owned = o.metadata?.managedFields ? o : { ...o, metadata: { ...o.metadata, managedFields: updateOwnership(undefined, o, writerOf(req, t.res), this.sim.now()) } };
      const res = kubectlApply(this.engine.ctx, owned);
      if (!res.ok) return refusal(res.error ?? 'refused', t.res, o.metadata?.name);
      this.engine.drain();
      const created = this.latestWrite(t, o, before);
      return warned(respond(201, created ? withTypeMeta(created, t.res) : withTypeMeta(o, t.res)), res.apiWarnings);
    } catch (err) {
      return badRequest(err);
    }
  }

  /** The object a create wrote (its name may come from generateName). */
  private latestWrite(t: Target, o: KubeObject, before: number): KubeObject | undefined {
    if (o.metadata.name) return this.stored(t, o.metadata.name);
    const list = [...this.engine.store.list(t.res.kind)] as KubeObject[];
    return list.find((x) => Number(x.metadata.resourceVersion) > before && x.metadata.name?.startsWith(o.metadata.generateName ?? '\u0000'));
  }

  private write(t: Target, req: ApiRequest, change: (cur: KubeObject, body: unknown) => unknown): ApiResponse {
    try {
      const cur = this.stored(t, t.name ?? '');
      const serverSideApply = !!req.contentType?.startsWith('application/apply-patch');
      if (serverSideApply && t.name && !cur && !t.sub) return this.applyCreate(t, req);
      if (!t.name || !cur) return t.name ? notFound(t) : respond(405, status(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource'));
      const body = this.parseBody(req);
      if (t.sub === 'scale') return this.scale(t, cur, change(scaleOf(cur, t.res) as KubeObject, body), req);
      if (t.sub === 'status') return t.res.kind === 'Pod' ? this.podStatus(t, cur, change(structuredClone(cur), body) as KubeObject) : respond(200, withTypeMeta(cur, t.res)); // the simulation's controllers own the others' status
      const changed = change(structuredClone(cur), body) as KubeObject;
      const owners = serverSideApply
        ? applyOwnership(cur, body as KubeObject, writerOf(req, t.res), req.query.get('force') === 'true', this.sim.now())
        : updateOwnership(cur, changed, writerOf(req, t.res), this.sim.now());
      if (!Array.isArray(owners)) return respond(owners.code, owners);
      const next: KubeObject = { ...changed, metadata: { ...changed.metadata, managedFields: owners } };
      const wanted = next.metadata?.resourceVersion;
      if (req.method === 'PUT' && wanted && wanted !== cur.metadata.resourceVersion) {
        return respond(409, status(409, 'Conflict', `Operation cannot be fulfilled on ${t.res.plural}${t.res.group ? '.' + t.res.group : ''} "${t.name}": the object has been modified; please apply your changes to the latest version and try again`, { name: t.name, group: t.res.group, kind: t.res.plural }));
      }
      const mismatch = identityError(next, t);
      if (mismatch) return respond(400, status(400, 'BadRequest', mismatch));
      if (req.query.get('dryRun') === 'All') return respond(200, withTypeMeta(next, t.res));
      const r = this.update(next);
      if (!r.ok) return refusal(r.error ?? 'refused', t.res, t.name);
      this.engine.drain();
      return warned(respond(200, withTypeMeta(this.stored(t, t.name) ?? next, t.res)), r.apiWarnings);
    } catch (err) {
      return badRequest(err);
    }
  }

  /** Server-side apply of an object that does not exist yet creates it, owned by the field manager. */
  private applyCreate(t: Target, req: ApiRequest): ApiResponse {
    const body = this.parseBody(req) as KubeObject;
    const owners = applyOwnership(undefined, body, writerOf(req, t.res), false, this.sim.now()) as ManagedFieldsEntry[];
    const created = this.create(t.name ? { ...t, name: undefined } : t, { ...req, method: 'POST', body: JSON.stringify({ ...body, metadata: { ...body.metadata, managedFields: owners } }) });
    return created.status === 201 ? { ...created, status: 201 } : created;
  }

  private update(next: KubeObject): { readonly ok: boolean; readonly error?: string; readonly apiWarnings?: readonly string[] } {
    if (next.kind === 'Node') {
      const r = this.engine.api.update(KUBECTL, next);
      return r.ok ? { ok: true } : r;
    }
    return kubectlApply(this.engine.ctx, next);
  }

  /**
   * A write to pods/status (`kubectl patch pod NAME --subresource=status`): only the status is taken, as the
   * status subresource does. The kubelet rewrites what it owns at its next sync, and keeps the conditions it does
   * not own, so a readiness gate's condition set here holds (https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-readiness-gate).
   */
  private podStatus(t: Target, cur: KubeObject, changed: KubeObject): ApiResponse {
    const r = this.engine.api.update(KUBECTL, { ...cur, status: changed.status });
    if (!r.ok) return refusal(r.error, t.res, t.name ?? '');
    this.engine.drain();
    return respond(200, withTypeMeta(this.stored(t, t.name ?? '') ?? r.object, t.res));
  }

  private scale(t: Target, cur: KubeObject, scale: unknown, req: ApiRequest): ApiResponse {
    const replicas = (scale as { spec?: { replicas?: unknown } } | undefined)?.spec?.replicas;
    if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
      return respond(422, status(422, 'Invalid', `Scale.autoscaling "${t.name}" is invalid: spec.replicas: Invalid value: ${JSON.stringify(replicas)}: must be greater than or equal to 0`));
    }
    const next: KubeObject = { ...cur, spec: { ...(cur.spec as object), replicas } };
    const owners = updateOwnership(cur, next, { ...writerOf(req, t.res), subresource: 'scale' }, this.sim.now());
    // The scale subresource: PodSecurity does not look at it (ValidatePodController short-circuits on subresources).
    const r = this.update({ ...next, metadata: { ...next.metadata, managedFields: owners } });
    if (!r.ok) return refusal(r.error ?? 'refused', t.res, t.name);
    this.engine.drain();
    return respond(200, scaleOf(this.stored(t, t.name ?? '') ?? cur, t.res));
  }

  /** The eviction subresource (`kubectl drain`): refused with 429 while a PodDisruptionBudget allows no disruption. */
  private evict(t: Target): ApiResponse {
    const r = this.sim.evict(t.namespace, t.name ?? '');
    if (!r.ok) {
      const causes = r.cause ? [{ reason: 'DisruptionBudget', message: r.cause }] : undefined;
      return respond(r.code, status(r.code, r.reason, r.error, { name: t.name, kind: 'pods', ...(causes ? { causes } : {}) }));
    }
    this.engine.drain();
    return respond(201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
  }

  private remove(t: Target, req: ApiRequest): ApiResponse {
    if (!t.name) return respond(405, status(405, 'MethodNotAllowed', 'deleting a whole collection is not served by the simulated API server'));
    const cur = this.stored(t, t.name);
    if (!cur) return notFound(t);
    if (req.query.get('dryRun') === 'All') return respond(200, withTypeMeta(cur, t.res));
    const r = this.sim.delete(t.res.kind, t.namespace, t.name, { gracePeriodSeconds: deleteGrace(req) });
    if (!r.ok) return refusal(r.error ?? 'refused', t.res, t.name);
    this.engine.drain();
    const after = this.stored(t, t.name);
    // A Pod being deleted gracefully is returned with its deletionTimestamp; anything else gets a Success Status.
    return after ? respond(200, withTypeMeta(after, t.res))
      : respond(200, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name: t.name, group: t.res.group, kind: t.res.plural, uid: cur.metadata.uid } });
  }
}

class BadRequest extends Error {}

/** DeleteOptions.gracePeriodSeconds, from the query or the JSON body (`kubectl delete --grace-period=N`). */
function deleteGrace(req: ApiRequest): number | undefined {
  let raw: unknown = req.query.get('gracePeriodSeconds') ?? undefined;
  if (raw === undefined && req.body) {
    try {
      raw = (JSON.parse(req.body) as { gracePeriodSeconds?: unknown } | null)?.gracePeriodSeconds;
    } catch {
      raw = undefined;
    }
  }
  const n = Number(raw);
  return raw !== undefined && raw !== null && Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** Why each streaming subresource has nothing behind it in the simulation. */
const NOT_SIMULATED = {
  log: 'container logs are not simulated: the simulated kubelet runs no container processes, so there is no output to read (kubectl describe shows the pod\'s events)',
  exec: 'exec is not simulated: the simulated kubelet runs no container processes to run a command in',
  attach: 'attach is not simulated: the simulated kubelet runs no container processes to attach to',
  portforward: 'port-forward is not simulated: no simulated container listens on a port',
  proxy: 'the API server proxy is not simulated: no simulated container or node serves HTTP',
} as const;

/** Moves every RFC 3339 timestamp (as the engine writes them: whole seconds, UTC) by `ms`. */
export function shiftTimestamps(text: string, ms: number): string {
  const whole = Math.round(ms / 1000) * 1000;
  if (whole === 0) return text;
  return text.replace(/"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)"/g, (_m, ts: string) => `"${new Date(Date.parse(ts) + whole).toISOString().replace(/\.\d{3}Z$/, 'Z')}"`);
}

function badRequest(err: unknown): ApiResponse {
  if (err instanceof BadRequest || err instanceof PatchError) return respond(400, status(400, 'BadRequest', err.message));
  throw err;
}

/**
 * The field manager of a write: the request's `fieldManager`, else the User-Agent up to its first '/'
 * (`kubectl/v1.33.0 (linux/amd64) …` → `kubectl`), as kube-apiserver's prefixFromUserAgent does.
 */
function writerOf(req: ApiRequest, res: Resource): Writer {
  const manager = req.query.get('fieldManager') || (req.userAgent ?? '').split('/')[0].slice(0, 128) || 'unknown';
  return { manager, apiVersion: groupVersion(res) };
}

function patchWith(contentType: string | undefined, cur: KubeObject, body: unknown): unknown {
  const type = (contentType ?? '').split(';')[0].trim();
  if (type === 'application/json-patch+json') return jsonPatch(cur, body);
  if (type === 'application/merge-patch+json') return mergePatch(cur, body);
  if (type === 'application/strategic-merge-patch+json' || type === 'application/apply-patch+yaml') return strategicMergePatch(cur, body);
  throw new BadRequest(`the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json`);
}

function isWatch(req: ApiRequest): boolean {
  const w = req.query.get('watch');
  return w === 'true' || w === '1';
}

/** `/api/v1/...` or `/apis/G/V/...` → a target, a NotFound message, or undefined when not a resource path. */
function parseTarget(path: string): Target | string | undefined {
  const m = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))\/(.+)$/.exec(path);
  if (!m) return undefined;
  const [group, version] = m[1] ? ['', 'v1'] : [m[2], m[3]];
  const parts = m[4].split('/').map(decodeURIComponent);
  let namespace: string | undefined;
  if (parts[0] === 'namespaces' && parts.length >= 3) {
    namespace = parts[1];
    parts.splice(0, 2);
  }
  const res = resourceAt(group, version, parts[0]);
  if (!res || parts.length > 3) return 'the server could not find the requested resource';
  if (res.kind === 'Namespace' && namespace === undefined && parts.length === 1) return { res, namespace: undefined, name: undefined, sub: undefined };
  if (!res.namespaced && namespace) return 'the server could not find the requested resource';
  if (parts[2] && !res.subresources.includes(parts[2])) return 'the server could not find the requested resource';
  return { res, namespace, name: parts[1], sub: parts[2] };
}

function identityError(o: KubeObject, t: Target): string | undefined {
  if (!o || typeof o !== 'object') return 'the body of the request was not a Kubernetes object';
  if (o.kind !== t.res.kind || o.apiVersion !== groupVersion(t.res)) {
    return `the API version in the data (${String(o.apiVersion)}) does not match the expected API version (${groupVersion(t.res)})`;
  }
  if (t.namespace && o.metadata?.namespace && o.metadata.namespace !== t.namespace) return 'the namespace of the provided object does not match the namespace sent on the request';
  if (t.name && o.metadata?.name && o.metadata.name !== t.name) return `the name of the object (${o.metadata.name}) does not match the name on the URL (${t.name})`;
  return undefined;
}

/** The Status response for an error of the simulated API server. */
function refusal(error: string, res: Resource, name: string | undefined): ApiResponse {
  const [code, body] = fromWriteError(error, res, name);
  return respond(code, body);
}

function respond(code: number, body: object): ApiResponse {
  return { status: code, contentType: JSON_TYPE, body: JSON.stringify(body) };
}

function warned(res: ApiResponse, warnings: readonly string[] | undefined): ApiResponse {
  return warnings && warnings.length > 0 ? { ...res, warnings } : res;
}

function notFound(t: Target): ApiResponse {
  const what = `${t.res.plural}${t.res.group ? '.' + t.res.group : ''}`;
  return respond(404, status(404, 'NotFound', `${what} "${t.name}" not found`, { name: t.name, group: t.res.group, kind: t.res.plural }));
}

function rvOf(o: KubeObject): string {
  return String(o.metadata.resourceVersion ?? '');
}

function keyOf(o: KubeObject): string {
  return `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;
}

function withTypeMeta(o: KubeObject, res: Resource): KubeObject {
  return { ...o, apiVersion: groupVersion(res), kind: res.kind };
}

function scaleOf(o: KubeObject, _res: Resource): object {
  const spec = (o.spec ?? {}) as { replicas?: number; selector?: { matchLabels?: Record<string, string> } };
  const sel = Object.entries(spec.selector?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`).join(',');
  return {
    kind: 'Scale', apiVersion: 'autoscaling/v1',
    metadata: { name: o.metadata.name, namespace: o.metadata.namespace, uid: o.metadata.uid, resourceVersion: o.metadata.resourceVersion, creationTimestamp: o.metadata.creationTimestamp },
    spec: { replicas: spec.replicas ?? 1 }, status: { replicas: (o.status as { replicas?: number } | undefined)?.replicas ?? 0, selector: sel },
  };
}

/** `limit` and `continue` (the token is the key of the last item returned, as etcd pages by key). */
function paginate(items: KubeObject[], q: URLSearchParams, rv: string): { items: KubeObject[]; continue?: string; remaining?: number } | ApiResponse {
  const limit = Number(q.get('limit') ?? '0');
  let start = 0;
  const token = q.get('continue');
  if (token) {
    let after: string;
    try {
      after = (JSON.parse(atob(token)) as { start: string }).start;
    } catch {
      return respond(400, status(400, 'BadRequest', 'continue key is not valid: illegal base64 data'));
    }
    // The first item after the token's key (items are in key order).
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keyOf(items[mid]) > after) hi = mid;
      else lo = mid + 1;
    }
    start = lo;
  }
  if (!Number.isInteger(limit) || limit <= 0) return { items: items.slice(start) };
  const page = items.slice(start, start + limit);
  const rest = items.length - start - page.length;
  if (rest <= 0) return { items: page };
  return { items: page, continue: continueToken(rv, page[page.length - 1]!), remaining: rest };
}

/** The continue token: the key of the last item returned (as etcd pages by key), at the list's version. */
function continueToken(rv: string, last: KubeObject): string {
  return btoa(JSON.stringify({ v: 'meta.k8s.io/v1', rv: Number(rv), start: keyOf(last) }));
}

/** The `n` passing objects with the smallest keys, in key order, and how many pass: a max-heap of `n` over one pass (O(N log n), no sort of all N). */
function smallestByKey(source: Iterable<KubeObject>, test: (o: KubeObject) => boolean, n: number): { items: KubeObject[]; total: number } {
  const heap: { o: KubeObject; k: string }[] = [];
  let total = 0;
  const swap = (i: number, j: number): void => {
    const x = heap[i]!;
    heap[i] = heap[j]!;
    heap[j] = x;
  };
  for (const o of source) {
    if (!test(o)) continue;
    total++;
    const k = keyOf(o);
    if (heap.length < n) {
      heap.push({ o, k });
      for (let i = heap.length - 1; i > 0;) {
        const parent = (i - 1) >> 1;
        if (heap[parent]!.k >= k) break;
        swap(i, parent);
        i = parent;
      }
    } else if (k < heap[0]!.k) {
      heap[0] = { o, k };
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let top = i;
        if (l < heap.length && heap[l]!.k > heap[top]!.k) top = l;
        if (r < heap.length && heap[r]!.k > heap[top]!.k) top = r;
        if (top === i) break;
        swap(i, top);
        i = top;
      }
    }
  }
  return { items: heap.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0)).map((x) => x.o), total };
}

export type { StatusBody };

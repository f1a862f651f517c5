import type { KubeObject } from './types';

/** Kind of change a watch delivers, as in the Kubernetes watch API. */
export type WatchType = 'ADDED' | 'MODIFIED' | 'DELETED';
/** A watch callback. Handlers must only enqueue work (O(1)); they run synchronously on write. */
export type WatchHandler = (type: WatchType, obj: KubeObject, old: KubeObject | undefined, key: string) => void;

/** Stored objects are frozen: every writer builds a new object (copy-on-write). */
export type Stored = Readonly<KubeObject>;

/** Receives the queue key (namespace/name of the owner) of a child whose controller is of the watched kind. */
export type OwnedHandler = (ownerKey: string, child: KubeObject) => void;

interface OwnerRef { uid?: unknown; kind?: unknown; name?: unknown; controller?: unknown }

/**
 * One stored object's slot. Indexes (by uid, by owner) point at the slot, so a write
 * updates one field and a read through an index needs no second lookup.
 */
interface Cell { obj: Stored; readonly kind: string; readonly key: string }

/** The controlling owner of a child as watchers need it, memoized per (frozen, shared) ownerReferences array. */
interface ControllerKey { readonly kind: string; readonly namespace: string | undefined; readonly key: string }
const controllerKeys = new WeakMap<object, ControllerKey | null>();

/**
 * The etcd-like object store behind the API server: objects keyed by kind, namespace and
 * name, a monotonically increasing resourceVersion, and watches. Modelled on client-go's
 * testing/fixture.go object tracker, with indexes by owner uid and by node (what informers'
 * indexers and the kubelet's spec.nodeName field selector give real components).
 */
export class Store {
  private readonly kinds = new Map<string, Map<string, Cell>>();
  private readonly byUid = new Map<string, Cell>();
  private readonly byOwner = new Map<string, Set<Cell>>();
  private readonly byNode = new Map<string, Set<string>>();
  private readonly watchers = new Map<string, WatchHandler[]>();
  private readonly controlled = new Map<string, Map<string, OwnedHandler[]>>();
  private readonly nodeWatchers = new Map<string, WatchHandler>();
  private rv = 0;

  /** Current resourceVersion (number of writes so far). */
  resourceVersion(): number {
    return this.rv;
  }

  /** One object, or undefined. */
  get(kind: string, namespace: string | undefined, name: string): Stored | undefined {
    return this.kinds.get(kind)?.get(key(namespace, name))?.obj;
  }

  /** One object by its key within the kind ("namespace/name" or "name"). */
  getByKey(kind: string, k: string): Stored | undefined {
    return this.kinds.get(kind)?.get(k)?.obj;
  }

  /** An object by uid. */
  byId(uid: string): Stored | undefined {
    return this.byUid.get(uid)?.obj;
  }

  /** All objects of a kind, in insertion order (deterministic). */
  list(kind: string): IterableIterator<Stored> {
    return objects((this.kinds.get(kind) ?? new Map<string, Cell>()).values());
  }

  /** Number of objects of a kind. */
  count(kind: string): number {
    return this.kinds.get(kind)?.size ?? 0;
  }

  /** All kinds that have objects, sorted. */
  kindNames(): string[] {
    return [...this.kinds.keys()].filter((k) => (this.kinds.get(k)?.size ?? 0) > 0).sort();
  }

  /** Objects whose ownerReferences name `uid`, in insertion order. */
  children(uid: string): Stored[] {
    const cells = this.byOwner.get(uid);
    if (!cells) return [];
    const out = new Array<Stored>(cells.size);
    let i = 0;
    for (const c of cells) out[i++] = c.obj;
    return out;
  }

  /** Keys (namespace/name) of the pods bound to `node`. */
  podsOnNode(node: string): string[] {
    return [...(this.byNode.get(node) ?? [])];
  }

  /**
   * Writes a new or changed object; returns the stored copy with its resourceVersion.
   * Stored objects are never mutated: writers always build new objects (copy-on-write).
   * `ownsMetadata`: the caller built `obj.metadata` for this write and shares it with no
   * other object, so the resourceVersion is set on it instead of on a copy. `storeKey`, when
   * given, must equal key(obj.metadata.namespace, obj.metadata.name) (saves building it again).
   */
  put(obj: KubeObject, ownsMetadata = false, storeKey?: string): Stored {
    const m = this.kindMap(obj.kind);
    let k = storeKey ?? key(obj.metadata.namespace, obj.metadata.name ?? '');
    let cell = m.get(k);
    const old = cell?.obj;
    // Hand watchers the key string the map holds: their later lookups then compare by identity.
    if (cell) k = cell.key;
    // The API server hands over a fresh object per write; only frozen (user) input needs a copy.
    const stored: KubeObject = Object.isFrozen(obj) ? { ...obj } : obj;
    if (ownsMetadata && !Object.isFrozen(obj.metadata)) stored.metadata.resourceVersion = String(++this.rv);
    else stored.metadata = { ...obj.metadata, resourceVersion: String(++this.rv) };
    if (cell) cell.obj = stored;
    else m.set(k, (cell = { obj: stored, kind: obj.kind, key: k }));
    this.reindex(old, stored, cell);
    this.notify(old ? 'MODIFIED' : 'ADDED', stored, old, k);
    return stored;
  }

  /** Removes an object; returns the removed object. */
  remove(kind: string, namespace: string | undefined, name: string): Stored | undefined {
    const m = this.kinds.get(kind);
    const k = key(namespace, name);
    const cell = m?.get(k);
    if (!m || !cell) return undefined;
    const old = cell.obj;
    m.delete(k);
    this.rv++;
    this.reindex(old, undefined, cell);
    this.notify('DELETED', old, old, cell.key);
    return old;
  }

  /** A copy of every kind's objects by key (a journal checkpoint): O(objects); the objects themselves are shared (immutable). */
  copyObjects(): Map<string, Map<string, Stored>> {
    const out = new Map<string, Map<string, Stored>>();
    for (const [kind, cells] of this.kinds) {
      const m = new Map<string, Stored>();
      for (const [k, c] of cells) m.set(k, c.obj);
      out.set(kind, m);
    }
    return out;
  }

  /** Watches one kind; returns a function that stops the watch. */
  watch(kind: string, handler: WatchHandler): () => void {
    const list = this.watchers.get(kind) ?? [];
    list.push(handler);
    this.watchers.set(kind, list);
    return () => list.splice(list.indexOf(handler), 1);
  }

  /**
   * Watches the objects of `childKind` whose controller (ownerReferences) is of `ownerKind`,
   * as a controller's informer event handler does; the handler gets the owner's queue key.
   * Dispatch is by owner kind, so each write costs O(1) however many controllers watch.
   */
  watchControlled(childKind: string, ownerKind: string, handler: OwnedHandler): () => void {
    let byOwnerKind = this.controlled.get(childKind);
    if (!byOwnerKind) this.controlled.set(childKind, (byOwnerKind = new Map()));
    const list = byOwnerKind.get(ownerKind) ?? [];
    list.push(handler);
    byOwnerKind.set(ownerKind, list);
    return () => list.splice(list.indexOf(handler), 1);
  }

  /** Watches the pods bound to one node (the kubelet's `spec.nodeName` field selector): O(1) per event. */
  watchNodePods(node: string, handler: WatchHandler): () => void {
    this.nodeWatchers.set(node, handler);
    return () => this.nodeWatchers.delete(node);
  }

  private notify(type: WatchType, obj: Stored, old: Stored | undefined, k: string): void {
    const list = this.watchers.get(obj.kind);
    if (list) for (let i = 0; i < list.length; i++) list[i](type, obj, old, k);
    const controlled = this.controlled.get(obj.kind);
    if (controlled) {
      const owner = controllerKey(obj);
      const handlers = owner ? controlled.get(owner.kind) : undefined;
      if (owner && handlers) for (let i = 0; i < handlers.length; i++) handlers[i](owner.key, obj);
    }
    if (obj.kind !== 'Pod') return;
    const node = nodeOf(obj) ?? (old ? nodeOf(old) : undefined);
    if (node) this.nodeWatchers.get(node)?.(type, obj, old, k);
  }

  private kindMap(kind: string): Map<string, Cell> {
    let m = this.kinds.get(kind);
    if (!m) this.kinds.set(kind, (m = new Map()));
    return m;
  }

  /** Updates the indexes, touching only what changed (copy-on-write keeps unchanged fields identical). */
  private reindex(old: Stored | undefined, cur: Stored | undefined, cell: Cell): void {
    const o = (cur ?? old) as Stored;
    const uid = o.metadata.uid;
    if (typeof uid === 'string') {
      if (!cur) this.byUid.delete(uid);
      else if (!old) this.byUid.set(uid, cell);
    }
    if (old?.metadata.ownerReferences !== cur?.metadata.ownerReferences) {
      if (old) for (const ref of ownerRefs(old)) this.byOwner.get(ref)?.delete(cell);
      if (cur) for (const ref of ownerRefs(cur)) this.ownerSet(ref).add(cell);
    }
    if (o.kind !== 'Pod') return;
    const before = old ? nodeOf(old) : undefined;
    const after = cur ? nodeOf(cur) : undefined;
    if (before === after) return;
    if (before) this.byNode.get(before)?.delete(cell.key);
    if (after) this.nodeSet(after).add(cell.key);
  }

  private ownerSet(uid: string): Set<Cell> {
    let s = this.byOwner.get(uid);
    if (!s) this.byOwner.set(uid, (s = new Set()));
    return s;
  }

  private nodeSet(node: string): Set<string> {
    let s = this.byNode.get(node);
    if (!s) this.byNode.set(node, (s = new Set()));
    return s;
  }
}

function* objects(cells: IterableIterator<Cell>): IterableIterator<Stored> {
  for (const c of cells) yield c.obj;
}

/** Store key within a kind. */
export function key(namespace: string | undefined, name: string): string {
  return namespace ? namespace + '/' + name : name;
}

function nodeOf(o: Stored): string | undefined {
  const n = (o.spec as { nodeName?: unknown } | undefined)?.nodeName;
  return typeof n === 'string' && n !== '' ? n : undefined;
}

/** The controlling owner (controllerOf in objects.ts: the first controller reference, else the first reference) with its queue key. */
function controllerKey(o: Stored): ControllerKey | null {
  const refs = o.metadata.ownerReferences;
  if (!Array.isArray(refs)) return null;
  const ns = o.metadata.namespace;
  const frozen = Object.isFrozen(refs);
  let ck = frozen ? controllerKeys.get(refs) : undefined;
  if (ck === undefined || (ck !== null && ck.namespace !== ns)) {
    ck = computeControllerKey(refs as unknown[], ns);
    if (frozen) controllerKeys.set(refs, ck);
  }
  return ck;
}

function computeControllerKey(refs: unknown[], namespace: string | undefined): ControllerKey | null {
  let ref: OwnerRef | undefined;
  for (const r of refs) {
    const x = r as OwnerRef | null;
    if (x !== null && typeof x === 'object' && !Array.isArray(x) && x.controller === true && typeof x.uid === 'string') { ref = x; break; }
  }
  if (ref === undefined) {
    const first = refs[0] as OwnerRef | null | undefined;
    if (first === null || typeof first !== 'object' || Array.isArray(first) || typeof first.uid !== 'string') return null;
    ref = first;
  }
  const name = typeof ref.name === 'string' ? ref.name : '';
  return { kind: typeof ref.kind === 'string' ? ref.kind : '', namespace, key: key(namespace, name) };
}

function ownerRefs(o: Stored): string[] {
  const refs = o.metadata.ownerReferences;
  if (!Array.isArray(refs)) return [];
  const out: string[] = [];
  for (const r of refs as OwnerRef[]) if (r && typeof r.uid === 'string') out.push(r.uid);
  return out;
}

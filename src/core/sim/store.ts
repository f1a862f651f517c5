import type { KubeObject } from './types';

/** Kind of change a watch delivers, as in the Kubernetes watch API. */
export type WatchType = 'ADDED' | 'MODIFIED' | 'DELETED';
/** A watch callback. Handlers must only enqueue work (O(1)); they run synchronously on write. */
export type WatchHandler = (type: WatchType, obj: KubeObject, old: KubeObject | undefined, key: string) => void;

/** Stored objects are frozen: every writer builds a new object (copy-on-write). */
export type Stored = Readonly<KubeObject>;

interface OwnerRef { uid?: unknown }

/**
 * The etcd-like object store behind the API server: objects keyed by kind, namespace and
 * name, a monotonically increasing resourceVersion, and watches. Modelled on client-go's
 * testing/fixture.go object tracker, with indexes by owner uid and by node (what informers'
 * indexers and the kubelet's spec.nodeName field selector give real components).
 */
export class Store {
  private readonly kinds = new Map<string, Map<string, Stored>>();
  private readonly byUid = new Map<string, readonly [string, string]>();
  private readonly byOwner = new Map<string, Map<string, readonly [string, string]>>();
  private readonly byNode = new Map<string, Set<string>>();
  private readonly watchers = new Map<string, WatchHandler[]>();
  private readonly nodeWatchers = new Map<string, WatchHandler>();
  private rv = 0;

  /** Current resourceVersion (number of writes so far). */
  resourceVersion(): number {
    return this.rv;
  }

  /** One object, or undefined. */
  get(kind: string, namespace: string | undefined, name: string): Stored | undefined {
    return this.kinds.get(kind)?.get(key(namespace, name));
  }

  /** One object by its key within the kind ("namespace/name" or "name"). */
  getByKey(kind: string, k: string): Stored | undefined {
    return this.kinds.get(kind)?.get(k);
  }

  /** An object by uid. */
  byId(uid: string): Stored | undefined {
    const at = this.byUid.get(uid);
    return at ? this.kinds.get(at[0])?.get(at[1]) : undefined;
  }

  /** All objects of a kind, in insertion order (deterministic). */
  list(kind: string): IterableIterator<Stored> {
    return (this.kinds.get(kind) ?? new Map<string, Stored>()).values();
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
    const m = this.byOwner.get(uid);
    if (!m) return [];
    const out: Stored[] = [];
    for (const [kind, k] of m.values()) {
      const o = this.kinds.get(kind)?.get(k);
      if (o) out.push(o);
    }
    return out;
  }

  /** Keys (namespace/name) of the pods bound to `node`. */
  podsOnNode(node: string): string[] {
    return [...(this.byNode.get(node) ?? [])];
  }

  /**
   * Writes a new or changed object; returns the stored copy with its resourceVersion.
   * Stored objects are never mutated: writers always build new objects (copy-on-write).
   */
  put(obj: KubeObject): Stored {
    const m = this.kindMap(obj.kind);
    const k = key(obj.metadata.namespace, obj.metadata.name ?? '');
    const old = m.get(k);
    // The API server hands over a fresh object per write; only frozen (user) input needs a copy.
    const stored: KubeObject = Object.isFrozen(obj) ? { ...obj } : obj;
    stored.metadata = { ...obj.metadata, resourceVersion: String(++this.rv) };
    m.set(k, stored);
    this.reindex(old, stored, k);
    this.notify(old ? 'MODIFIED' : 'ADDED', stored, old, k);
    return stored;
  }

  /** Removes an object; returns the removed object. */
  remove(kind: string, namespace: string | undefined, name: string): Stored | undefined {
    const m = this.kinds.get(kind);
    const k = key(namespace, name);
    const old = m?.get(k);
    if (!m || !old) return undefined;
    m.delete(k);
    this.rv++;
    this.reindex(old, undefined, k);
    this.notify('DELETED', old, old, k);
    return old;
  }

  /** Watches one kind; returns a function that stops the watch. */
  watch(kind: string, handler: WatchHandler): () => void {
    const list = this.watchers.get(kind) ?? [];
    list.push(handler);
    this.watchers.set(kind, list);
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
    if (obj.kind !== 'Pod') return;
    const node = nodeOf(obj) ?? (old ? nodeOf(old) : undefined);
    if (node) this.nodeWatchers.get(node)?.(type, obj, old, k);
  }

  private kindMap(kind: string): Map<string, Stored> {
    let m = this.kinds.get(kind);
    if (!m) this.kinds.set(kind, (m = new Map()));
    return m;
  }

  /** Updates the indexes, touching only what changed (copy-on-write keeps unchanged fields identical). */
  private reindex(old: Stored | undefined, cur: Stored | undefined, k: string): void {
    const o = (cur ?? old) as Stored;
    const uid = o.metadata.uid;
    if (typeof uid === 'string') {
      if (!cur) this.byUid.delete(uid);
      else if (!old) this.byUid.set(uid, [o.kind, k]);
    }
    if (old?.metadata.ownerReferences !== cur?.metadata.ownerReferences) {
      if (old) for (const ref of ownerRefs(old)) this.byOwner.get(ref)?.delete(o.kind + '\0' + k);
      if (cur) for (const ref of ownerRefs(cur)) this.ownerMap(ref).set(o.kind + '\0' + k, [o.kind, k]);
    }
    if (o.kind !== 'Pod') return;
    const before = old ? nodeOf(old) : undefined;
    const after = cur ? nodeOf(cur) : undefined;
    if (before === after) return;
    if (before) this.byNode.get(before)?.delete(k);
    if (after) this.nodeSet(after).add(k);
  }

  private ownerMap(uid: string): Map<string, readonly [string, string]> {
    let m = this.byOwner.get(uid);
    if (!m) this.byOwner.set(uid, (m = new Map()));
    return m;
  }

  private nodeSet(node: string): Set<string> {
    let s = this.byNode.get(node);
    if (!s) this.byNode.set(node, (s = new Set()));
    return s;
  }
}

/** Store key within a kind. */
export function key(namespace: string | undefined, name: string): string {
  return namespace ? namespace + '/' + name : name;
}

function nodeOf(o: Stored): string | undefined {
  const n = (o.spec as { nodeName?: unknown } | undefined)?.nodeName;
  return typeof n === 'string' && n !== '' ? n : undefined;
}

function ownerRefs(o: Stored): string[] {
  const refs = o.metadata.ownerReferences;
  if (!Array.isArray(refs)) return [];
  const out: string[] = [];
  for (const r of refs as OwnerRef[]) if (r && typeof r.uid === 'string') out.push(r.uid);
  return out;
}

/**
 * The scheduler cache's node side (kube-scheduler's NodeInfo), as flat typed arrays
 * indexed by a stable node "slot", plus the node order the scheduler iterates.
 *
 * The order is kube-scheduler's `nodeTree.list()` (pkg/scheduler/backend/cache/node_tree.go):
 * nodes grouped by zone (region + zone labels) in insertion order, zones in order of
 * first appearance, listed round-robin across zones.
 */
import { nodeAllocatable } from './requests';
import type { Labels, SchedNode } from './types';

/** `v1.LabelHostname`; the simulation falls back to the node name when a node lacks it. */
export const LABEL_HOSTNAME = 'kubernetes.io/hostname';
export const LABEL_ZONE = 'topology.kubernetes.io/zone';
const LABEL_REGION = 'topology.kubernetes.io/region';

/**
 * Field offsets of a node's record in {@link NodeTable.data} (one 64-byte cache line per
 * node, so the filter loop touches one line per node instead of one per array).
 */
export const NF = Object.freeze({
  ALLOC_CPU: 0, ALLOC_MEM: 1, ALLOC_PODS: 2, REQ_CPU: 3, REQ_MEM: 4, POD_COUNT: 5,
  /** Bumped whenever the node's labels, taints or `unschedulable` change (or the slot is reused). */
  GEN: 6,
  /** Bumped whenever the node's allocatable or requested resources change (keys score caches). */
  USAGE: 7,
  STRIDE: 8,
});
const { ALLOC_CPU, ALLOC_MEM, ALLOC_PODS, REQ_CPU, REQ_MEM, POD_COUNT, GEN, USAGE, STRIDE } = NF;

/** Grows a typed array to at least `size` elements, keeping its contents. */
export function grown<T extends Int32Array | Uint32Array | Float64Array>(arr: T, size: number): T {
  if (arr.length >= size) return arr;
  const next = new (arr.constructor as new (n: number) => T)(Math.max(size, arr.length * 2, 16));
  next.set(arr);
  return next;
}

function zoneKey(labels: Labels): string {
  // utilnode.GetZoneKey: region and zone joined by ":\x00:"; no labels = the "" zone.
  const region = labels[LABEL_REGION] ?? '';
  const zone = labels[LABEL_ZONE] ?? '';
  return region === '' && zone === '' ? '' : `${region}:\x00:${zone}`;
}

function staticSignature(node: SchedNode): string {
  return JSON.stringify([node.metadata.labels ?? {}, node.spec?.taints ?? [], node.spec?.unschedulable === true]);
}

/** Node state by slot; see the module comment. */
export class NodeTable {
  capacity = 0;
  /** Slot -> node (null when free). */
  nodes: (SchedNode | null)[] = [];
  names: string[] = [];
  labels: Labels[] = [];
  /** Topology value of kubernetes.io/hostname for each slot. */
  hostnames: string[] = [];
  /** Per-slot records, {@link NF} fields, stride NF.STRIDE. */
  data = new Float64Array(0);
  /** Scoring-only sums of the pods' non-zero requests (see requests.ts). */
  nzCpu = new Float64Array(0);
  nzMem = new Float64Array(0);

  /** Live nodes carrying the zone label (the zone default spread constraint then matters). */
  zoned = 0;

  private readonly slotByName = new Map<string, number>();
  private readonly hasZone: boolean[] = [];
  private readonly free: number[] = [];
  private readonly signatures: string[] = [];
  private readonly zoneOf: string[] = [];
  private readonly zones: string[] = [];
  private readonly tree = new Map<string, number[]>();
  private orderCache: Int32Array | null = null;

  /** Number of live nodes. */
  get size(): number {
    return this.slotByName.size;
  }

  /** The slot of a node, or -1. */
  slotOf(name: string): number {
    return this.slotByName.get(name) ?? -1;
  }

  /** Adds or updates a node; returns its slot and whether it is new. */
  upsert(node: SchedNode): { slot: number; added: boolean } {
    const name = node.metadata.name;
    let slot = this.slotByName.get(name) ?? -1;
    const added = slot < 0;
    if (added) slot = this.allocate(name);
    const signature = staticSignature(node);
    const o = slot * STRIDE;
    if (added || signature !== this.signatures[slot]) this.data[o + GEN]++;
    this.signatures[slot] = signature;
    this.nodes[slot] = node;
    const labels = node.metadata.labels ?? {};
    this.labels[slot] = labels;
    const zoned = labels[LABEL_ZONE] !== undefined;
    if (zoned !== (this.hasZone[slot] === true && !added)) this.zoned += zoned ? 1 : -1;
    this.hasZone[slot] = zoned;
    this.hostnames[slot] = labels[LABEL_HOSTNAME] ?? name;
    const alloc = nodeAllocatable(node.status?.allocatable);
    this.data[o + ALLOC_CPU] = alloc.cpu;
    this.data[o + ALLOC_MEM] = alloc.mem;
    this.data[o + ALLOC_PODS] = alloc.pods;
    this.data[o + USAGE]++;
    this.placeInTree(slot, zoneKey(labels), added);
    return { slot, added };
  }

  /** Removes a node; returns its former slot or -1. */
  remove(name: string): number {
    const slot = this.slotByName.get(name);
    if (slot === undefined) return -1;
    this.slotByName.delete(name);
    if (this.hasZone[slot]) this.zoned--;
    this.hasZone[slot] = false;
    this.removeFromTree(slot);
    this.nodes[slot] = null;
    this.names[slot] = '';
    const o = slot * STRIDE;
    this.data[o + GEN]++;
    this.data[o + USAGE]++;
    this.data[o + REQ_CPU] = this.data[o + REQ_MEM] = this.data[o + POD_COUNT] = 0;
    this.nzCpu[slot] = this.nzMem[slot] = 0;
    this.free.push(slot);
    return slot;
  }

  /** A field of a slot's record (outside hot loops). */
  field(slot: number, f: number): number {
    return this.data[slot * STRIDE + f];
  }

  /** Slots in the scheduler's iteration order (cached until nodes are added, removed or re-zoned). */
  order(): Int32Array {
    if (this.orderCache === null) this.orderCache = this.buildOrder();
    return this.orderCache;
  }

  private allocate(name: string): number {
    let slot = this.free.pop();
    if (slot === undefined) {
      slot = this.capacity++;
      this.growTo(this.capacity);
    }
    this.slotByName.set(name, slot);
    this.names[slot] = name;
    return slot;
  }

  private growTo(size: number): void {
    this.data = grown(this.data, size * STRIDE);
    this.nzCpu = grown(this.nzCpu, size);
    this.nzMem = grown(this.nzMem, size);
  }

  private placeInTree(slot: number, zone: string, added: boolean): void {
    if (!added && this.zoneOf[slot] === zone) return;
    if (!added) this.removeFromTree(slot);
    this.zoneOf[slot] = zone;
    let list = this.tree.get(zone);
    if (list === undefined) {
      list = [];
      this.tree.set(zone, list);
      this.zones.push(zone);
    }
    list.push(slot);
    this.orderCache = null;
  }

  private removeFromTree(slot: number): void {
    const zone = this.zoneOf[slot];
    const list = this.tree.get(zone) ?? [];
    list.splice(list.indexOf(slot), 1);
    if (list.length === 0) {
      this.tree.delete(zone);
      this.zones.splice(this.zones.indexOf(zone), 1);
    }
    this.orderCache = null;
  }

  private buildOrder(): Int32Array {
    const out = new Int32Array(this.size);
    let n = 0;
    for (let i = 0; n < out.length; i++) {
      for (const zone of this.zones) {
        const list = this.tree.get(zone) ?? [];
        if (i < list.length) out[n++] = list[i];
      }
    }
    return out;
  }
}

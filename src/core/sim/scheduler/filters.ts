/**
 * The filter plugins, in kube-scheduler's order (pkg/scheduler/apis/config/v1/default_plugins.go):
 * NodeUnschedulable, NodeName, TaintToleration, NodeAffinity, NodePorts, NodeResourcesFit, PodTopologySpread, InterPodAffinity.
 * The first plugin that rejects a node decides its reason (framework RunFilterPlugins).
 *
 * Outcomes are small integer codes so the hot loop allocates nothing; {@link ReasonTable}
 * turns codes into the plugins' reason strings only when a message or verdicts are needed.
 */
import { grown, NF, type NodeTable } from './nodeTable';
import { type StaticPart } from './profile';
import { countIntolerablePreferNoSchedule, firstUntoleratedTaint } from './taints';
import {
  REASON_ANTI_AFFINITY, REASON_EXISTING_ANTI_AFFINITY, REASON_INSUFFICIENT_CPU, REASON_INSUFFICIENT_MEMORY,
  REASON_NODE_AFFINITY, REASON_NODE_NAME, REASON_NODE_PORTS, REASON_POD_AFFINITY, REASON_SPREAD, REASON_SPREAD_LABEL, REASON_TOO_MANY_PODS, REASON_UNSCHEDULABLE, taintReason,
} from './fitError';
import { CODE_SPREAD, CODE_SPREAD_LABEL } from './spread';

/** Filter outcome codes. Taint codes are TAINT_BASE + an interned taint index. */
export const PASS = 0;
export const CODE_UNSCHEDULABLE = 1;
export const CODE_NODE_NAME = 2;
export const CODE_NODE_AFFINITY = 3;
export const CODE_ANTI_AFFINITY = 4;
export const CODE_EXISTING_ANTI_AFFINITY = 5;
export { CODE_SPREAD, CODE_SPREAD_LABEL } from './spread';
/** RES_BASE + mask, mask bits: 1 = Too many pods, 2 = cpu, 4 = memory. */
export const RES_BASE = 8;
export const RES_PODS = 1;
export const RES_CPU = 2;
export const RES_MEM = 4;
/** NodePorts: a requested host port is in use on the node. */
export const CODE_NODE_PORTS = 16;
/** InterPodAffinity: no pod the required affinity selects in the node's domain. */
export const CODE_POD_AFFINITY = 17;
export const TAINT_BASE = 64;

/** Interns taint reasons and maps codes to reason strings. */
export class ReasonTable {
  private readonly taintReasons: string[] = [];
  private readonly taintIds = new Map<string, number>();

  /** The code of an untolerated-taint reason. */
  taintCode(key: string, value: string | undefined): number {
    const reason = taintReason(key, value);
    let id = this.taintIds.get(reason);
    if (id === undefined) {
      id = this.taintReasons.length;
      this.taintReasons.push(reason);
      this.taintIds.set(reason, id);
    }
    return TAINT_BASE + id;
  }

  /** The reasons a code stands for (NodeResourcesFit can report several at once). */
  reasons(code: number): string[] {
    if (code >= TAINT_BASE) return [this.taintReasons[code - TAINT_BASE]];
    if (code > RES_BASE && code < CODE_NODE_PORTS) return resourceReasons(code - RES_BASE);
    switch (code) {
      case CODE_UNSCHEDULABLE: return [REASON_UNSCHEDULABLE];
      case CODE_NODE_NAME: return [REASON_NODE_NAME];
      case CODE_NODE_AFFINITY: return [REASON_NODE_AFFINITY];
      case CODE_ANTI_AFFINITY: return [REASON_ANTI_AFFINITY];
      case CODE_EXISTING_ANTI_AFFINITY: return [REASON_EXISTING_ANTI_AFFINITY];
      case CODE_SPREAD: return [REASON_SPREAD];
      case CODE_NODE_PORTS: return [REASON_NODE_PORTS];
      case CODE_POD_AFFINITY: return [REASON_POD_AFFINITY];
      case CODE_SPREAD_LABEL: return [REASON_SPREAD_LABEL];
      default: return [];
    }
  }
}

/** NodeResourcesFit's reasons in its order (fitsRequest: pods, cpu, memory). */
function resourceReasons(mask: number): string[] {
  const out: string[] = [];
  if (mask & RES_PODS) out.push(REASON_TOO_MANY_PODS);
  if (mask & RES_CPU) out.push(REASON_INSUFFICIENT_CPU);
  if (mask & RES_MEM) out.push(REASON_INSUFFICIENT_MEMORY);
  return out;
}

/** Whether a code is an UnschedulableAndUnresolvable status (preemption cannot help). */
export function isUnresolvable(code: number): boolean {
  return code === CODE_UNSCHEDULABLE || code === CODE_NODE_NAME || code === CODE_NODE_AFFINITY || code === CODE_SPREAD_LABEL || code === CODE_POD_AFFINITY || code >= TAINT_BASE;
}

/** Sizes a static part's per-node cache to the node table. */
export function ensureStaticCapacity(part: StaticPart, capacity: number): void {
  if (part.preferNoScheduleCount.length >= capacity) return;
  part.cg = grown(part.cg, capacity * 2);
  part.preferNoScheduleCount = grown(part.preferNoScheduleCount, capacity);
  part.preferredAffinity = grown(part.preferredAffinity, capacity);
}

/**
 * Evaluates the node-static filters (NodeUnschedulable, NodeName, TaintToleration,
 * NodeAffinity) and static scores for one slot, storing them in the part's cache.
 */
export function refreshStatic(part: StaticPart, nodes: NodeTable, slot: number, reasons: ReasonTable): void {
  const node = nodes.nodes[slot];
  const name = nodes.names[slot];
  const labels = nodes.labels[slot];
  const taints = node?.spec?.taints ?? [];
  part.cg[2 * slot + 1] = nodes.field(slot, NF.GEN);
  part.preferNoScheduleCount[slot] = countIntolerablePreferNoSchedule(taints, part.tolerations);
  part.preferredAffinity[slot] = part.preferred.reduce((sum, t) => sum + (t.matcher(labels, name) ? t.weight : 0), 0);
  if (part.preferNoScheduleCount[slot] !== 0 || part.preferredAffinity[slot] !== 0) part.hasScores = true;
  part.cg[2 * slot] = staticCode(part, node?.spec?.unschedulable === true, name, labels, taints, reasons);
}

function staticCode(part: StaticPart, unschedulable: boolean, name: string, labels: Readonly<Record<string, string>>,
  taints: Parameters<typeof firstUntoleratedTaint>[0], reasons: ReasonTable): number {
  // NodeUnschedulable: a pod tolerating node.kubernetes.io/unschedulable:NoSchedule ignores the cordon.
  if (unschedulable && !part.toleratesUnschedulable) return CODE_UNSCHEDULABLE;
  if (part.nodeName !== '' && part.nodeName !== name) return CODE_NODE_NAME;
  const taint = firstUntoleratedTaint(taints, part.tolerations);
  if (taint !== null) return reasons.taintCode(taint.key, taint.value);
  if (part.nodeMatcher !== null && !part.nodeMatcher(labels, name)) return CODE_NODE_AFFINITY;
  return PASS;
}

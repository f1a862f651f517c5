/**
 * Filter reasons and the FailedScheduling message, exactly as kube-scheduler v1.33 prints them.
 *
 * Version modelled: Kubernetes v1.33 (v1.33.0). Sources read:
 * - pkg/scheduler/framework/types.go `FitError.Error()`: "0/%v nodes are available:", then
 *   " %v." with the "<count> <reason>" histogram sorted by `sort.Strings` and joined by ", ",
 *   then " %v" with the PostFilter message (no extra period; v1.26-era releases printed "..").
 * - pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go `PostFilter`:
 *   the message is prefixed with "preemption: ".
 * - pkg/scheduler/framework/preemption/preemption.go `Preempt`: a FitError over all nodes
 *   where nodes preemption cannot help (UnschedulableAndUnresolvable filter status) read
 *   "Preemption is not helpful for scheduling" and nodes without lower-priority pods
 *   (`SelectVictimsOnNode`) read "No preemption victims found for incoming pod".
 * - `PodEligibleToPreemptOthers`: "not eligible due to preemptionPolicy=Never."
 * - pkg/scheduler/schedule_one.go `ErrNoNodesAvailable`: "no nodes available to schedule pods".
 * - The TaintToleration reason "node(s) had untolerated taint {%s: %s}" is the v1.33 form;
 *   PR kubernetes/kubernetes#134740 (late 2025, v1.35 and patch releases) replaced it with
 *   "node(s) had untolerated taint(s)".
 */

/** NodeUnschedulable (plugins/nodeunschedulable): UnschedulableAndUnresolvable. */
export const REASON_UNSCHEDULABLE = "node(s) were unschedulable";
/** NodeName (plugins/nodename): UnschedulableAndUnresolvable. */
export const REASON_NODE_NAME = "node(s) didn't match the requested node name";
/** NodeAffinity incl. nodeSelector (plugins/nodeaffinity ErrReasonPod): UnschedulableAndUnresolvable. */
export const REASON_NODE_AFFINITY = "node(s) didn't match Pod's node affinity/selector";
/** NodeResourcesFit (plugins/noderesources/fit.go): Unschedulable; a node can report several. */
export const REASON_TOO_MANY_PODS = 'Too many pods';
export const REASON_INSUFFICIENT_CPU = 'Insufficient cpu';
export const REASON_INSUFFICIENT_MEMORY = 'Insufficient memory';
/** InterPodAffinity (plugins/interpodaffinity/filtering.go): Unschedulable. */
export const REASON_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";
export const REASON_EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";
/** PodTopologySpread (plugins/podtopologyspread/plugin.go): Unschedulable; the missing-label form is UnschedulableAndUnresolvable. */
export const REASON_SPREAD = "node(s) didn't match pod topology spread constraints";
export const REASON_SPREAD_LABEL = `${REASON_SPREAD} (missing required label)`;
/** InterPodAffinity required affinity: UnschedulableAndUnresolvable. */
export const REASON_POD_AFFINITY = "node(s) didn't match pod affinity rules";
/** NodePorts (plugins/nodeports/node_ports.go ErrReason): Unschedulable. */
export const REASON_NODE_PORTS = "node(s) didn't have free ports for the requested pod ports";
/** Preemption's per-node outcomes. */
export const PREEMPTION_NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const PREEMPTION_NO_VICTIMS = 'No preemption victims found for incoming pod';
export const PREEMPTION_NEVER = 'not eligible due to preemptionPolicy=Never.';
export const NO_NODES_AVAILABLE = 'no nodes available to schedule pods';

/** TaintToleration's reason for one taint (v1.33 form). */
export function taintReason(key: string, value: string | undefined): string {
  return `node(s) had untolerated taint {${key}: ${value ?? ''}}`;
}

/** Go's `sort.Strings`: byte-wise order, which for these ASCII-led strings is code-unit order. */
function goSortStrings(items: string[]): string[] {
  return items.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** "0/N nodes are available: <histogram>." — the body of `FitError.Error()`. */
export function formatNodesAvailable(numAllNodes: number, reasonCounts: ReadonlyMap<string, number>): string {
  const histogram = goSortStrings([...reasonCounts].map(([reason, count]) => `${count} ${reason}`));
  const head = `0/${numAllNodes} nodes are available:`;
  return histogram.length === 0 ? head : `${head} ${histogram.join(', ')}.`;
}

/**
 * The full FailedScheduling message: the filter histogram, then DefaultPreemption's
 * PostFilter message as it reads when no node has lower-priority pods (a pod of priority 0, for which
 * the scheduler component skips preemption). When preemption runs, preemption.ts builds that part from
 * each node's real status instead.
 */
export function formatFitError(
  numAllNodes: number,
  reasonCounts: ReadonlyMap<string, number>,
  unresolvableNodes: number,
  preemptionNever: boolean,
): string {
  const filterMsg = formatNodesAvailable(numAllNodes, reasonCounts);
  if (preemptionNever) return `${filterMsg} preemption: ${PREEMPTION_NEVER}`;
  const preemption = new Map<string, number>();
  if (unresolvableNodes > 0) preemption.set(PREEMPTION_NOT_HELPFUL, unresolvableNodes);
  if (numAllNodes - unresolvableNodes > 0) preemption.set(PREEMPTION_NO_VICTIMS, numAllNodes - unresolvableNodes);
  return `${filterMsg} preemption: ${formatNodesAvailable(numAllNodes, preemption)}`;
}

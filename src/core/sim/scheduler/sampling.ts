/**
 * How many feasible nodes kube-scheduler looks for before it stops filtering and scores,
 * `numFeasibleNodesToFind` in pkg/scheduler/schedule_one.go (v1.33):
 * fewer than 100 nodes: all of them; otherwise percentageOfNodesToScore percent of them
 * (adaptive when 0: 50 − nodes/125, at least 5), and never fewer than 100.
 * https://kubernetes.io/docs/concepts/scheduling-eviction/scheduler-perf-tuning/
 */

/** minFeasibleNodesToFind. */
export const MIN_FEASIBLE_NODES_TO_FIND = 100;
/** minFeasibleNodesPercentageToFind. */
export const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

/** The percentage used for a cluster of `numAllNodes` (Go int32 arithmetic). */
export function effectivePercentage(percentageOfNodesToScore: number, numAllNodes: number): number {
  if (percentageOfNodesToScore > 0) return Math.min(100, Math.trunc(percentageOfNodesToScore));
  return Math.max(MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND, 50 - Math.trunc(numAllNodes / 125));
}

/** numFeasibleNodesToFind. */
export function numFeasibleNodesToFind(percentageOfNodesToScore: number, numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  const percentage = effectivePercentage(percentageOfNodesToScore, numAllNodes);
  const numNodes = Math.trunc((numAllNodes * percentage) / 100);
  return numNodes < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : numNodes;
}

/**
 * The simulated kube-scheduler (Kubernetes v1.33 behaviour and messages).
 * The engine keeps the cache current (upsertNode/removeNode/addPod/removePod) and
 * calls `schedule(pod)` for each pending pod, then `addPod` once the binding succeeds.
 */
export { Scheduler } from './scheduler';
export type { ScheduleResult, SchedNode, SchedPod, SchedulerOptions } from './types';
export { podRequests } from './requests';
export { numFeasibleNodesToFind } from './sampling';

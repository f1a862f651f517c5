/**
 * The kubelet's own admission check (pkg/kubelet/lifecycle/predicate.go, GeneralPredicates → noderesources.Fits):
 * a pod bound with spec.nodeName bypasses the scheduler, so the kubelet rejects it when the node's allocatable
 * minus what its admitted pods request cannot hold it (https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#nodename).
 */
import { obj } from '../objects';
import { podRequests, nodeAllocatable, type CpuMem } from '../scheduler/requests';
import type { ResourceList, SchedPod } from '../scheduler/types';
import type { KubeObject } from '../types';
import { asNode } from '../typed';

/** Why a pod is rejected: reason (OutOfcpu, …) and the message of InsufficientResourceError. */
export interface Rejection { readonly reason: string; readonly message: string }

// Pods stamped from one template share their containers array, and nodes keep their allocatable object
// between status writes: memoising on those objects keeps admission to a lookup on the hot path.
const requestsBySpec = new WeakMap<object, CpuMem>();
const allocatableByList = new WeakMap<object, ReturnType<typeof nodeAllocatable>>();

/** A pod's requests (cpu in millicores, memory in bytes), as the fit check counts them. */
export function requestsOf(pod: KubeObject): CpuMem {
  const spec = obj(pod.spec);
  // Only the containers count unless init containers or overhead are present; then compute afresh.
  const containers = spec?.containers;
  const key = Array.isArray(containers) && spec?.initContainers === undefined && spec?.overhead === undefined ? containers : undefined;
  const cached = key && requestsBySpec.get(key);
  if (cached) return cached;
  const req = podRequests(pod as unknown as SchedPod);
  if (key) requestsBySpec.set(key, req);
  return req;
}

function allocatableOf(node: KubeObject): ReturnType<typeof nodeAllocatable> {
  const list = obj(asNode(node).status?.allocatable);
  const cached = list && allocatableByList.get(list);
  if (cached) return cached;
  const alloc = nodeAllocatable(list as ResourceList | undefined);
  if (list) allocatableByList.set(list, alloc);
  return alloc;
}

/**
 * The first failing resource, checked in Fits' order (pods, cpu, memory), or null when the pod fits.
 * `used` sums the requests of the pods the kubelet already admitted; `count` is their number.
 */
export function admit(node: KubeObject | undefined, req: CpuMem, used: CpuMem, count: number): Rejection | null {
  if (!node) return null;
  const alloc = allocatableOf(node);
  if (count + 1 > alloc.pods) return insufficient('pods', 1, count, alloc.pods);
  if (req.cpu > 0 && req.cpu > alloc.cpu - used.cpu) return insufficient('cpu', req.cpu, used.cpu, alloc.cpu);
  if (req.mem > 0 && req.mem > alloc.mem - used.mem) return insufficient('memory', req.mem, used.mem, alloc.mem);
  return null;
}

/** InsufficientResourceError: reason "OutOf" + resource name (predicate.go), message from its Error(). */
function insufficient(resource: string, requested: number, used: number, capacity: number): Rejection {
  return { reason: `OutOf${resource}`, message: `Node didn't have enough resource: ${resource}, requested: ${requested}, used: ${used}, capacity: ${capacity}` };
}

/**
 * A Pod's Quality of Service class, as kube-apiserver sets `status.qosClass` at create and the kubelet keeps
 * it (ComputePodQOS, pkg/apis/core/helper/qos/qos.go, v1.33; https://kubernetes.io/docs/concepts/workloads/pods/pod-qos/):
 * only cpu and memory count, only quantities above zero, summed over the app and init containers.
 * BestEffort: no container requests or limits either. Guaranteed: every container limits both, and the
 * summed requests equal the summed limits (requests default to limits). Burstable: the rest.
 */
import { resourceList } from './apiserver/admission/quantities';
import { arr, obj } from './objects';

export type QosClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

const QOS_RESOURCES = ['cpu', 'memory'] as const;
const cache = new WeakMap<object, QosClass>();

/** The QoS class of a (defaulted) pod spec; cached per spec object, which the pods of a template share. */
export function qosClassOf(spec: unknown): QosClass {
  const s = obj(spec);
  if (!s) return 'BestEffort';
  let q = cache.get(s);
  if (!q) cache.set(s, (q = compute(s)));
  return q;
}

function compute(spec: Record<string, unknown>): QosClass {
  const requests = new Map<string, number>();
  const limits = new Map<string, number>();
  let guaranteed = true;
  for (const c of [...arr(spec.containers), ...arr(spec.initContainers)]) {
    sumInto(requests, resourceList(c, 'requests'));
    const found = sumInto(limits, resourceList(c, 'limits'));
    if (!QOS_RESOURCES.every((r) => found.has(r))) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  // Compared in thousandths (millicores, milli-bytes), as resource.Quantity compares exactly.
  const same = (a: number | undefined, b: number): boolean => a !== undefined && Math.round(a * 1000) === Math.round(b * 1000);
  if (guaranteed) for (const [r, v] of requests) if (!same(limits.get(r), v)) guaranteed = false;
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}

/** Adds the cpu and memory quantities above zero of `list` into `into`; returns the names added. */
function sumInto(into: Map<string, number>, list: Map<string, number>): Set<string> {
  const found = new Set<string>();
  for (const r of QOS_RESOURCES) {
    const v = list.get(r);
    if (v === undefined || !(v > 0)) continue;
    found.add(r);
    into.set(r, (into.get(r) ?? 0) + v);
  }
  return found;
}

/** Builders for scheduler tests: nodes and pods in the Kubernetes API's shape. */
import type { SchedNode, SchedPod, Taint, Toleration } from '../../../src/core/sim/scheduler/types';

/** A node with allocatable resources, labels (hostname added) and taints. */
export function node(name: string, opts: {
  cpu?: string; memory?: string; pods?: string; labels?: Record<string, string>; taints?: Taint[]; unschedulable?: boolean;
} = {}): SchedNode {
  return {
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...opts.labels } },
    spec: { taints: opts.taints, unschedulable: opts.unschedulable },
    status: { allocatable: { cpu: opts.cpu ?? '4', memory: opts.memory ?? '8Gi', pods: opts.pods ?? '110' } },
  };
}

let uid = 0;

/** A pod with one container; `owner` makes it part of a workload (a ReplicaSet uid). */
export function pod(name: string, opts: {
  cpu?: string; memory?: string; owner?: string; labels?: Record<string, string>; nodeName?: string;
  nodeSelector?: Record<string, string>; tolerations?: Toleration[]; namespace?: string;
  spec?: Record<string, unknown>;
} = {}): SchedPod {
  const requests: Record<string, string> = {};
  if (opts.cpu) requests.cpu = opts.cpu;
  if (opts.memory) requests.memory = opts.memory;
  return {
    metadata: {
      name, namespace: opts.namespace ?? 'default', uid: `uid-${name}-${uid++}`, labels: opts.labels ?? {},
      ownerReferences: opts.owner ? [{ kind: 'ReplicaSet', name: opts.owner, uid: `rs-${opts.owner}`, controller: true }] : undefined,
    },
    spec: {
      nodeName: opts.nodeName, nodeSelector: opts.nodeSelector, tolerations: opts.tolerations,
      containers: [{ name: 'app', resources: { requests } }], ...opts.spec,
    },
  };
}

/** The same pod, bound to a node (what the engine passes to addPod). */
export function bound(p: SchedPod, nodeName: string): SchedPod {
  return { ...p, spec: { ...p.spec, nodeName } };
}

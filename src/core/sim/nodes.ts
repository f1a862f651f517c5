import { readyCondition } from './controllers/nodeLifecycle';
import type { NodeSpec } from './topology/types';
import type { KubeObject } from './types';

/** Versions printed by `kubectl get nodes -o wide` for simulated nodes. */
/** The Kubernetes release the simulation models (the scheduler's messages are v1.33's: see scheduler/fitError.ts). */
export const KUBELET_VERSION = 'v1.33.0';
export const RUNTIME_VERSION = 'containerd://2.1.3';

/** The Node object a kubelet registers for its host. */
export function nodeObject(spec: NodeSpec, podCIDR: string | null): KubeObject {
  return {
    apiVersion: 'v1', kind: 'Node',
    metadata: { name: spec.name, labels: { ...spec.labels } },
    spec: {
      ...(podCIDR ? { podCIDR, podCIDRs: [podCIDR] } : {}),
      ...(spec.taints.length ? { taints: spec.taints.map((t) => ({ ...t })) } : {}),
      ...(spec.unschedulable ? { unschedulable: true } : {}),
    },
    status: {
      capacity: { ...spec.capacity }, allocatable: { ...spec.allocatable },
      conditions: [readyCondition('True', 'KubeletReady', 'kubelet is posting ready status')],
      addresses: [{ type: 'InternalIP', address: spec.ip }, { type: 'Hostname', address: spec.name }],
      nodeInfo: { kubeletVersion: KUBELET_VERSION, containerRuntimeVersion: RUNTIME_VERSION, osImage: 'Debian GNU/Linux 12 (bookworm)', kernelVersion: '6.8.0', architecture: 'amd64', operatingSystem: 'linux' },
    },
  };
}

/** Namespaces every cluster starts with (https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/#initial-namespaces). */
export const INITIAL_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

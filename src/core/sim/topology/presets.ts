import type { ComponentName } from '../types';
import type { NodeSpec, TaintSpec, TopologySpec } from './types';

/** Processes of a kubeadm control-plane node (stacked etcd) — kubeadm also runs the node components there. */
export const CONTROL_PLANE_COMPONENTS: readonly ComponentName[] = [
  'etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kubelet', 'containerd', 'kube-proxy',
];
/** Processes of a worker node: https://kubernetes.io/docs/concepts/overview/components/#node-components */
export const WORKER_COMPONENTS: readonly ComponentName[] = ['kubelet', 'containerd', 'kube-proxy'];

/** kubeadm taints control-plane nodes so workloads stay off them (kubeadm init, mark-control-plane phase). */
export const CONTROL_PLANE_TAINT: TaintSpec = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };

/** Default pod CIDR of kind (networking.podSubnet) and Service CIDR of kubeadm/kind (serviceSubnet 10.96.0.0/12 / kind 10.96.0.0/16). */
export const DEFAULT_POD_SUBNET = '10.244.0.0/16';
export const DEFAULT_SERVICE_SUBNET = '10.96.0.0/12';

/**
 * Default node sizes. kubeadm requires 2 CPUs and 2 GB for a control-plane machine
 * (https://kubernetes.io/docs/setup/production-environment/tools/kubeadm/install-kubeadm/); we give
 * control planes 2 CPU / 4 GiB, workers 4 CPU / 8 GiB, minikube its default 2 CPUs / 4 GiB, the Docker
 * host 4 CPU / 16 GiB. Pods: 110, the kubelet's maxPods default
 * (https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/). Allocatable memory is capacity
 * minus the kubelet's default hard eviction threshold memory.available<100Mi.
 */
export const SIZES = {
  controlPlane: { cpu: '2', memory: '4Gi' },
  worker: { cpu: '4', memory: '8Gi' },
  minikube: { cpu: '2', memory: '4Gi' },
  docker: { cpu: '4', memory: '16Gi' },
} as const;

/** Builds a node spec with kubeadm's role label and kind-like addressing. */
export function makeNode(
  name: string, index: number, role: 'control-plane' | 'worker' | 'docker',
  opts: { taints?: readonly TaintSpec[]; labels?: Record<string, string>; size?: { cpu: string; memory: string } } = {},
): NodeSpec {
  const size = opts.size ?? (role === 'control-plane' ? SIZES.controlPlane : role === 'docker' ? SIZES.docker : SIZES.worker);
  const labels: Record<string, string> = {
    'kubernetes.io/arch': 'amd64', 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', ...(opts.labels ?? {}),
  };
  if (role === 'control-plane') labels['node-role.kubernetes.io/control-plane'] = '';
  const capacity = { cpu: size.cpu, memory: size.memory, pods: '110' };
  return {
    name, roles: role === 'worker' ? [] : [role], labels, taints: opts.taints ?? [], capacity,
    allocatable: { ...capacity, memory: minus100Mi(size.memory) }, unschedulable: false,
    components: role === 'control-plane' ? CONTROL_PLANE_COMPONENTS : role === 'docker' ? ['dockerd', 'containerd'] : WORKER_COMPONENTS,
    ip: nodeIp(index),
  };
}

/** kind hands out node addresses on its docker network 172.18.0.0/16, starting at .2. */
export function nodeIp(index: number): string {
  const n = index + 2;
  return `172.18.${Math.floor(n / 256)}.${n % 256}`;
}

function minus100Mi(memory: string): string {
  const m = /^(\d+)Gi$/.exec(memory);
  return m ? `${Number(m[1]) * 1024 - 100}Mi` : memory;
}

function cluster(name: string, nodes: NodeSpec[], lb = false): TopologySpec {
  return { name, mode: 'kubernetes', nodes, apiLoadBalancer: lb, podSubnet: DEFAULT_POD_SUBNET, serviceSubnet: DEFAULT_SERVICE_SUBNET };
}

/** The preset names of the study guide's pictures. */
export type PresetName = 'docker-server' | 'single-node' | 'multi-worker' | 'ha';
/** All preset names, in the study guide's order. */
export const PRESET_NAMES: readonly PresetName[] = ['docker-server', 'single-node', 'multi-worker', 'ha'];

/** The topology of a preset, with the exact node names of the study guide. */
export function presetTopology(name: PresetName): TopologySpec {
  switch (name) {
    case 'docker-server':
      return { ...cluster('docker-server', [makeNode('docker-server', 0, 'docker')]), mode: 'docker' };
    case 'single-node': // minikube removes the control-plane taint so workloads run there too
      return cluster('single-node', [makeNode('minikube', 0, 'control-plane', { size: SIZES.minikube })]);
    case 'multi-worker':
      return cluster('multi-worker', [
        makeNode('control-plane', 0, 'control-plane', { taints: [CONTROL_PLANE_TAINT] }),
        makeNode('worker-1', 1, 'worker'), makeNode('worker-2', 2, 'worker'),
      ]);
    case 'ha':
      return cluster('ha', [
        ...[1, 2, 3].map((i) => makeNode(`control-plane-${i}`, i - 1, 'control-plane', { taints: [CONTROL_PLANE_TAINT] })),
        makeNode('worker-1', 3, 'worker'), makeNode('worker-2', 4, 'worker'),
      ], true);
  }
}

/** True when `name` is a preset. */
export function isPresetName(name: string): name is PresetName {
  return (PRESET_NAMES as readonly string[]).includes(name);
}

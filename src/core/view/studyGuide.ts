import type { ClusterView, ViewComponent, ViewNode } from '../../shared/protocol';

const running = (name: string, leader?: boolean): ViewComponent => (leader === undefined ? { name, ready: true } : { name, ready: true, leader });

/** Components kubeadm runs on a control-plane node (the node agents included). */
function controlPlaneComponents(leader: boolean): ViewComponent[] {
  return [
    running('etcd'), running('kube-apiserver'), running('kube-controller-manager', leader), running('kube-scheduler', leader),
    running('kubelet'), running('kube-proxy'), running('containerd'),
  ];
}

const workerComponents = (): ViewComponent[] => [running('kubelet'), running('kube-proxy'), running('containerd')];

function node(name: string, roles: string[], components: ViewComponent[]): ViewNode {
  return { name, roles, ready: true, components, pods: [], podCount: 0 };
}

/**
 * The study guide's multi-worker picture, before any workload: one control-plane node with its
 * four components and two workers with theirs. Used until the simulation supplies live snapshots.
 */
export function studyGuideMultiWorker(): ClusterView {
  return {
    topology: 'multi-worker',
    mode: 'kubernetes',
    title: 'Multi-worker cluster',
    time: 0,
    nodes: [
      node('control-plane', ['control-plane'], controlPlaneComponents(true)),
      node('worker-1', ['worker'], workerComponents()),
      node('worker-2', ['worker'], workerComponents()),
    ],
    hiddenNodes: 0,
    apiLoadBalancer: false,
    appLoadBalancer: false,
    etcd: { members: 1, healthy: 1, quorum: true },
    events: [],
  };
}

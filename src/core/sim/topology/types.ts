import type { ComponentName } from '../types';

/** A node taint, as in Node.spec.taints. */
export interface TaintSpec {
  readonly key: string;
  readonly value?: string;
  readonly effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

/** One host of the topology: its role, labels, taints, capacity and the processes it runs. */
export interface NodeSpec {
  readonly name: string;
  readonly roles: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly TaintSpec[];
  /** Capacity as quantities, e.g. { cpu: '4', memory: '8Gi', pods: '110' }. */
  readonly capacity: Readonly<Record<string, string>>;
  readonly allocatable: Readonly<Record<string, string>>;
  readonly unschedulable: boolean;
  readonly components: readonly ComponentName[];
  /** InternalIP of the host. */
  readonly ip: string;
}

/** The shape of the simulated cluster: the study guide's pictures, a kind config, or Node objects. */
export interface TopologySpec {
  /** 'docker-server' | 'single-node' | 'multi-worker' | 'ha' | 'kind' | 'nodes' | 'custom'. */
  readonly name: string;
  /** 'docker' = one host with no orchestration; 'kubernetes' = a cluster. */
  readonly mode: 'docker' | 'kubernetes';
  readonly nodes: readonly NodeSpec[];
  /** An API load balancer in front of several kube-apiservers (HA, kind with >1 control plane). */
  readonly apiLoadBalancer: boolean;
  /** Cluster pod CIDR; each node gets a /24 of it (kube-controller-manager --node-cidr-mask-size=24). */
  readonly podSubnet: string;
  /** Service ClusterIP range. */
  readonly serviceSubnet: string;
}

import type { GlossaryEntry, PortSpec } from './types';

/**
 * Port numbers come from "Ports and Protocols"
 * (https://kubernetes.io/docs/reference/networking/ports-and-protocols/), the table kubeadm's
 * "Check required ports" links to
 * (https://kubernetes.io/docs/setup/production-environment/tools/kubeadm/install-kubeadm/#check-required-ports).
 */
export const PORTS_PAGE = 'https://kubernetes.io/docs/reference/networking/ports-and-protocols/';

const tcp = (port: number, purpose: string, usedBy: string, to?: number): PortSpec =>
  to === undefined ? { port, protocol: 'TCP', purpose, usedBy } : { port, to, protocol: 'TCP', purpose, usedBy };

export const API_SERVER_PORT = tcp(6443, 'Kubernetes API server', 'All');
export const ETCD_PORTS = tcp(2379, 'etcd server client API', 'kube-apiserver, etcd', 2380);
export const KUBELET_PORT = tcp(10250, 'Kubelet API', 'Self, Control plane');
export const SCHEDULER_PORT = tcp(10259, 'kube-scheduler', 'Self');
export const CONTROLLER_MANAGER_PORT = tcp(10257, 'kube-controller-manager', 'Self');
export const KUBE_PROXY_PORT = tcp(10256, 'kube-proxy', 'Self, Load balancers');
export const NODE_PORT_RANGE = tcp(30000, 'NodePort Services', 'All', 32767);

const components = 'https://kubernetes.io/docs/concepts/overview/components/';

/** The seven components of the study guide, plus the client that drives them. */
export const COMPONENTS: readonly GlossaryEntry[] = [
  {
    id: 'etcd',
    title: 'etcd',
    kind: 'component',
    aliases: [],
    summary: 'Consistent and highly-available key-value store used as the backing store for all cluster data. Every object you apply ends up here, and nothing else in Kubernetes talks to it but the API server.',
    details: 'A write needs a quorum, a majority of members (⌊n/2⌋+1): three members tolerate one failure, five tolerate two. Without quorum every write fails, while containers that already run keep running.',
    placement: 'control-plane',
    runsOn: 'Control-plane nodes (kubeadm runs it "stacked" as a static Pod beside the API server), or on its own hosts as an external etcd cluster.',
    ports: [ETCD_PORTS],
    talksTo: ['other etcd members :2380 (peer traffic, Raft)'],
    calledBy: ['kube-apiserver :2379'],
    kubectl: 'kubectl get pods -n kube-system -l component=etcd -o wide',
    docs: { title: 'Kubernetes components: etcd', url: `${components}#etcd` },
  },
  {
    id: 'kube-apiserver',
    title: 'kube-apiserver',
    kind: 'component',
    aliases: ['apiserver', 'api-server'],
    summary: 'The front end of the control plane: it exposes the Kubernetes API, validates and admits every request, stores objects in etcd and serves watches to everyone else. It scales horizontally: run several behind a load balancer.',
    placement: 'control-plane',
    runsOn: 'Every control-plane node.',
    ports: [API_SERVER_PORT],
    talksTo: ['etcd :2379', 'kubelet :10250 (logs, exec, port-forward)'],
    calledBy: ['kubectl', 'kube-scheduler', 'kube-controller-manager', 'kubelet', 'kube-proxy', 'the API load balancer in HA clusters'],
    kubectl: "kubectl get --raw='/readyz?verbose'",
    docs: { title: 'kube-apiserver', url: 'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/' },
  },
  {
    id: 'kube-controller-manager',
    title: 'kube-controller-manager',
    kind: 'component',
    aliases: ['controller-manager'],
    summary: 'Runs the built-in controllers (Node, Deployment, ReplicaSet, Job, EndpointSlice, ServiceAccount, …) in one process. Each controller watches the API server and works to make the actual state match the desired state.',
    details: 'With several control-plane nodes only one instance is active: it holds a leader-election Lease and the others wait on standby.',
    placement: 'control-plane',
    runsOn: 'Every control-plane node (one active leader).',
    ports: [CONTROLLER_MANAGER_PORT],
    talksTo: ['kube-apiserver :6443'],
    // https://kubernetes.io/docs/reference/networking/ports-and-protocols/ lists 10257 as "Self"; kubeadm's static Pod probes /healthz on it.
    calledBy: ["the kubelet's liveness and startup probes of its static Pod (HTTPS :10257 /healthz)", 'metrics scrapers such as Prometheus (:10257 /metrics)'],
    kubectl: 'kubectl get lease -n kube-system kube-controller-manager -o yaml',
    docs: { title: 'kube-controller-manager', url: 'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-controller-manager/' },
  },
  {
    id: 'kube-scheduler',
    title: 'kube-scheduler',
    kind: 'component',
    aliases: ['scheduler'],
    summary: 'Watches for newly created Pods with no node assigned and picks a node for each: it filters out nodes that cannot run the Pod (taints, selectors, affinity, resources), scores the rest, and binds the Pod to the best one through the API server.',
    details: 'When no node fits, the Pod stays Pending with a FailedScheduling event such as "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu." Like the controller manager, one instance leads and the others stand by.',
    placement: 'control-plane',
    runsOn: 'Every control-plane node (one active leader).',
    ports: [SCHEDULER_PORT],
    talksTo: ['kube-apiserver :6443'],
    calledBy: ["the kubelet's liveness and startup probes of its static Pod (HTTPS :10259 /livez, /readyz)", 'metrics scrapers such as Prometheus (:10259 /metrics)'],
    kubectl: 'kubectl get lease -n kube-system kube-scheduler -o yaml',
    docs: { title: 'kube-scheduler', url: 'https://kubernetes.io/docs/concepts/scheduling-eviction/kube-scheduler/' },
  },
  {
    id: 'kubelet',
    title: 'kubelet',
    kind: 'component',
    aliases: [],
    summary: 'The agent on every node. It watches the API server for Pods bound to its node, asks the container runtime to pull images and start containers, reports Pod and node status back, and sends heartbeats so the control plane knows the node is alive.',
    placement: 'every-node',
    runsOn: 'Every node, workers and control-plane nodes alike (kubeadm runs the control plane as static Pods that the kubelet starts).',
    ports: [KUBELET_PORT],
    talksTo: ['kube-apiserver :6443', 'containerd over the CRI Unix socket'],
    calledBy: ['kube-apiserver :10250 (logs, exec, port-forward)'],
    kubectl: 'kubectl get --raw /api/v1/nodes/NODE/proxy/healthz',
    docs: { title: 'Kubernetes components: kubelet', url: `${components}#kubelet` },
  },
  {
    id: 'kube-proxy',
    title: 'kube-proxy',
    kind: 'component',
    aliases: [],
    summary: 'A network proxy on every node that implements Services: it watches Services and EndpointSlices and programs the node\'s packet rules (iptables, IPVS or nftables) so that traffic to a Service\'s virtual IP reaches one of its ready Pods. kube-proxy programs the rules; the kernel routes the traffic.',
    details: 'Cluster DNS is served by CoreDNS and the Pod network (each Pod getting its own IP) by a CNI plugin, not by kube-proxy.',
    placement: 'every-node',
    runsOn: 'Every node, usually as a DaemonSet.',
    ports: [KUBE_PROXY_PORT, NODE_PORT_RANGE],
    talksTo: ['kube-apiserver :6443'],
    // Since the userspace mode was removed (v1.26), Service and NodePort packets are handled by the kernel
    // rules kube-proxy programs; they never reach the kube-proxy process itself.
    calledBy: ['load balancers (health checks on :10256)', 'nobody on the data path: NodePort traffic (:30000-32767) is handled by the rules it programs'],
    kubectl: 'kubectl get daemonset -n kube-system kube-proxy',
    docs: { title: 'Kubernetes components: kube-proxy', url: `${components}#kube-proxy` },
  },
  {
    id: 'containerd',
    title: 'containerd',
    kind: 'component',
    aliases: ['container-runtime'],
    summary: 'The container runtime: it pulls images, unpacks them and runs containers (through runc). The kubelet drives it through the Container Runtime Interface (CRI).',
    placement: 'every-node',
    runsOn: 'Every node that runs Pods.',
    ports: [],
    talksTo: ['image registries (pulls)', 'runc (starts containers)'],
    // containerd's CRI plugin config: stream_server_address "127.0.0.1", stream_server_port "0" (a random free port).
    calledBy: ['kubelet over the CRI Unix socket unix:///run/containerd/containerd.sock', 'kubelet on the CRI streaming server, a local TCP port (127.0.0.1, random by default), for exec, attach and port-forward'],
    kubectl: 'kubectl get nodes -o wide   # the CONTAINER-RUNTIME column',
    docs: { title: 'Container runtimes: containerd', url: 'https://kubernetes.io/docs/setup/production-environment/container-runtimes/#containerd' },
  },
  {
    id: 'kubectl',
    title: 'kubectl',
    kind: 'component',
    aliases: [],
    summary: 'The command-line client. It reads a kubeconfig to find the cluster and sends REST requests to the API server; it never talks to nodes, etcd or containers directly.',
    placement: 'workstation',
    runsOn: 'Your workstation (or anywhere with a kubeconfig).',
    ports: [],
    talksTo: ['kube-apiserver :6443 (through the API load balancer in HA clusters)'],
    calledBy: ['you'],
    kubectl: 'kubectl config view --minify',
    docs: { title: 'Command line tool (kubectl)', url: 'https://kubernetes.io/docs/reference/kubectl/' },
  },
];

/**
 * Minimal structural types for the parts of Pods and Nodes the scheduler reads.
 *
 * Field names are those of the Kubernetes API (core/v1), so the engine's plain
 * objects fit structurally: https://kubernetes.io/docs/reference/kubernetes-api/
 * Every field is optional and readonly: the scheduler never mutates its inputs.
 */

/** A label map (`metadata.labels`, `spec.nodeSelector`, `matchLabels`). */
export type Labels = Readonly<Record<string, string>>;

/** `LabelSelectorRequirement` (pods) and `NodeSelectorRequirement` (nodes). */
export interface SelectorRequirement {
  readonly key: string;
  readonly operator: string;
  readonly values?: readonly string[];
}

/** `metav1.LabelSelector`. */
export interface LabelSelector {
  readonly matchLabels?: Labels;
  readonly matchExpressions?: readonly SelectorRequirement[];
}

/** `NodeSelectorTerm`: its expressions and fields are ANDed. */
export interface NodeSelectorTerm {
  readonly matchExpressions?: readonly SelectorRequirement[];
  readonly matchFields?: readonly SelectorRequirement[];
}

/** `PodAffinityTerm` (only required anti-affinity is modelled). */
export interface PodAffinityTerm {
  readonly labelSelector?: LabelSelector | null;
  readonly namespaces?: readonly string[];
  readonly namespaceSelector?: LabelSelector | null;
  readonly topologyKey: string;
}

/** `WeightedPodAffinityTerm`. */
export interface WeightedPodAffinityTerm {
  readonly weight: number;
  readonly podAffinityTerm: PodAffinityTerm;
}

/** `PreferredSchedulingTerm` of node affinity. */
export interface PreferredSchedulingTerm {
  readonly weight: number;
  readonly preference: NodeSelectorTerm;
}

/** `Affinity`, the subset the scheduler reads. */
export interface Affinity {
  readonly nodeAffinity?: {
    readonly requiredDuringSchedulingIgnoredDuringExecution?: { readonly nodeSelectorTerms?: readonly NodeSelectorTerm[] } | null;
    readonly preferredDuringSchedulingIgnoredDuringExecution?: readonly PreferredSchedulingTerm[];
  } | null;
  readonly podAntiAffinity?: {
    readonly requiredDuringSchedulingIgnoredDuringExecution?: readonly PodAffinityTerm[];
    readonly preferredDuringSchedulingIgnoredDuringExecution?: readonly WeightedPodAffinityTerm[];
  } | null;
  readonly podAffinity?: {
    readonly requiredDuringSchedulingIgnoredDuringExecution?: readonly PodAffinityTerm[];
    readonly preferredDuringSchedulingIgnoredDuringExecution?: readonly WeightedPodAffinityTerm[];
  } | null;
}

/** `TopologySpreadConstraint`. */
export interface TopologySpreadConstraint {
  readonly maxSkew?: number;
  readonly topologyKey: string;
  readonly whenUnsatisfiable?: string;
  readonly labelSelector?: LabelSelector | null;
  readonly minDomains?: number;
  readonly nodeAffinityPolicy?: string;
  readonly nodeTaintsPolicy?: string;
  readonly matchLabelKeys?: readonly string[];
}

/** `Toleration`. An empty operator means `Equal`, an empty effect means all effects. */
export interface Toleration {
  readonly key?: string;
  readonly operator?: string;
  readonly value?: string;
  readonly effect?: string;
  readonly tolerationSeconds?: number;
}

/** `Taint`. */
export interface Taint {
  readonly key: string;
  readonly value?: string;
  readonly effect: string;
}

/** A resource list (`requests`, `overhead`, `allocatable`): quantities as strings or numbers. */
export type ResourceList = Readonly<Record<string, string | number | undefined>>;

/** `ContainerPort`, as far as NodePorts reads it. */
export interface SchedContainerPort {
  readonly containerPort?: number;
  readonly hostPort?: number;
  readonly hostIP?: string;
  readonly protocol?: string;
}

/** `Container`, only its requests and host ports (and `restartPolicy` for sidecar init containers). */
export interface SchedContainer {
  readonly name?: string;
  readonly resources?: { readonly requests?: ResourceList } | null;
  readonly restartPolicy?: string;
  readonly ports?: readonly SchedContainerPort[];
}

/** `OwnerReference`. */
export interface OwnerReference {
  readonly kind?: string;
  readonly name?: string;
  readonly uid?: string;
  readonly controller?: boolean;
}

/** A Pod, as far as the scheduler reads it. */
export interface SchedPod {
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly uid?: string;
    readonly labels?: Labels;
    readonly ownerReferences?: readonly OwnerReference[];
  };
  readonly spec?: {
    readonly nodeName?: string;
    readonly nodeSelector?: Labels;
    readonly affinity?: Affinity | null;
    readonly tolerations?: readonly Toleration[];
    readonly containers?: readonly SchedContainer[];
    readonly initContainers?: readonly SchedContainer[];
    readonly overhead?: ResourceList;
    readonly priority?: number;
    readonly preemptionPolicy?: string;
    readonly topologySpreadConstraints?: readonly TopologySpreadConstraint[];
  };
}

/** A Node, as far as the scheduler reads it. */
export interface SchedNode {
  readonly metadata: { readonly name: string; readonly labels?: Labels };
  readonly spec?: { readonly taints?: readonly Taint[]; readonly unschedulable?: boolean };
  readonly status?: { readonly allocatable?: ResourceList };
}

/** Options of {@link Scheduler}. */
export interface SchedulerOptions {
  /** 0 (default) = kube-scheduler's adaptive percentage; 1..100 = fixed percentage. */
  readonly percentageOfNodesToScore?: number;
  /** Full per-node verdicts are returned when the cluster has at most this many nodes (default 100). */
  readonly verdictNodeLimit?: number;
}

/** The outcome of one scheduling cycle. */
export interface ScheduleResult {
  /** The chosen node, or null when the pod is unschedulable. */
  readonly nodeName: string | null;
  /** The FailedScheduling message, in kube-scheduler's exact form, when nodeName is null. */
  readonly message: string | null;
  /** node -> 'fits (score N)' or the filter's reason; null when the cluster is larger than verdictNodeLimit and the pod fits. */
  readonly verdicts: Readonly<Record<string, string>> | null;
  readonly feasibleNodes: number;
  readonly evaluatedNodes: number;
  readonly scoredNodes: number;
  /** Set when only part of the cluster was searched (percentageOfNodesToScore). */
  readonly note: string | null;
}

/**
 * A PodDisruptionBudget as DefaultPreemption reads it from its lister (default_preemption.go
 * `filterPodsWithPDBViolation`): its namespace, its selector (a nil or empty selector matches nothing),
 * `status.disruptionsAllowed` and the names in `status.disruptedPods` (already counted by the API server).
 */
export interface PdbBudget {
  readonly namespace: string;
  readonly matches: (labels: Labels) => boolean;
  readonly disruptionsAllowed: number;
  readonly disruptedPods: ReadonlySet<string>;
}

/** A pod chosen by preemption, by namespace and name. */
export interface PodRef {
  readonly namespace: string;
  readonly name: string;
}

/** What DefaultPreemption's PostFilter decides for one pod. */
export type PreemptionResult =
  /** A nominated node with its victims (highest priority first), how many of them a PDB protects, and the lower-priority pods nominated there that lose their nomination. */
  | { readonly nodeName: string; readonly victims: readonly PodRef[]; readonly pdbViolations: number; readonly lowerNominated: readonly PodRef[] }
  /** No candidate: the PostFilter message (`preemption: 0/N nodes are available: …`). */
  | { readonly nodeName: null; readonly message: string };

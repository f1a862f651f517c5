/**
 * Enum-typed fields a learner writes: the Go type (as the API server's decode errors name it, e.g.
 * `of type v1.RestartPolicy`) and the values validation accepts. `@kubernetes/client-node` 1.3.0
 * drops the OpenAPI "Possible enum values" lists, so they are listed here from the `// +enum` Go types
 * of v1.33 (staging/src/k8s.io/api/{core,apps,batch,networking}/v1/types.go). The order is the one
 * pkg/apis/{core,apps,batch,networking}/validation/validation.go gives field.NotSupported: an explicit
 * slice where it writes one (restartPolicy, preemptionPolicy, taint effect…), else `sets.List`, sorted.
 * The generator refuses an entry whose model or field does not exist, so a typo cannot hide here.
 */
export interface EnumField {
  /** The Go named type of the field (or of each item of a list field). */
  readonly goType: string;
  readonly values: readonly string[];
}

const e = (goType: string, ...values: string[]): EnumField => ({ goType, values });
const PROTOCOL = e('Protocol', 'SCTP', 'TCP', 'UDP');
const ACCESS_MODES = e('PersistentVolumeAccessMode', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod');
const VOLUME_MODE = e('PersistentVolumeMode', 'Block', 'Filesystem');
const PULL_POLICY = e('PullPolicy', 'Always', 'IfNotPresent', 'Never');
const TERMINATION_MESSAGE_POLICY = e('TerminationMessagePolicy', 'File', 'FallbackToLogsOnError');
const TAINT_EFFECT = e('TaintEffect', 'NoSchedule', 'PreferNoSchedule', 'NoExecute');

export const API_ENUMS: Readonly<Record<string, Readonly<Record<string, EnumField>>>> = {
  V1PodSpec: {
    restartPolicy: e('RestartPolicy', 'Always', 'OnFailure', 'Never'),
    dnsPolicy: e('DNSPolicy', 'ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'),
    preemptionPolicy: e('PreemptionPolicy', 'PreemptLowerPriority', 'Never'),
  },
  V1Container: {
    imagePullPolicy: PULL_POLICY,
    terminationMessagePolicy: TERMINATION_MESSAGE_POLICY,
    restartPolicy: e('ContainerRestartPolicy', 'Always'),
  },
  V1EphemeralContainer: { imagePullPolicy: PULL_POLICY, terminationMessagePolicy: TERMINATION_MESSAGE_POLICY },
  V1ContainerPort: { protocol: PROTOCOL },
  V1ServicePort: { protocol: PROTOCOL },
  CoreV1EndpointPort: { protocol: PROTOCOL },
  DiscoveryV1EndpointPort: { protocol: PROTOCOL },
  V1NetworkPolicyPort: { protocol: PROTOCOL },
  V1ServiceSpec: {
    type: e('ServiceType', 'ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'),
    sessionAffinity: e('ServiceAffinity', 'ClientIP', 'None'),
    externalTrafficPolicy: e('ServiceExternalTrafficPolicy', 'Cluster', 'Local'),
    internalTrafficPolicy: e('ServiceInternalTrafficPolicy', 'Cluster', 'Local'),
    ipFamilyPolicy: e('IPFamilyPolicy', 'PreferDualStack', 'RequireDualStack', 'SingleStack'),
  },
  V1Toleration: { operator: e('TolerationOperator', 'Equal', 'Exists'), effect: TAINT_EFFECT },
  V1Taint: { effect: TAINT_EFFECT },
  V1NodeSelectorRequirement: { operator: e('NodeSelectorOperator', 'In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt') },
  V1LabelSelectorRequirement: { operator: e('LabelSelectorOperator', 'In', 'NotIn', 'Exists', 'DoesNotExist') },
  V1TopologySpreadConstraint: {
    whenUnsatisfiable: e('UnsatisfiableConstraintAction', 'DoNotSchedule', 'ScheduleAnyway'),
    nodeAffinityPolicy: e('NodeInclusionPolicy', 'Honor', 'Ignore'),
    nodeTaintsPolicy: e('NodeInclusionPolicy', 'Honor', 'Ignore'),
  },
  V1PersistentVolumeClaimSpec: { accessModes: ACCESS_MODES, volumeMode: VOLUME_MODE },
  V1PersistentVolumeSpec: {
    accessModes: ACCESS_MODES,
    volumeMode: VOLUME_MODE,
    persistentVolumeReclaimPolicy: e('PersistentVolumeReclaimPolicy', 'Delete', 'Recycle', 'Retain'),
  },
  V1DeploymentStrategy: { type: e('DeploymentStrategyType', 'Recreate', 'RollingUpdate') },
  V1StatefulSetUpdateStrategy: { type: e('StatefulSetUpdateStrategyType', 'OnDelete', 'RollingUpdate') },
  V1StatefulSetSpec: { podManagementPolicy: e('PodManagementPolicyType', 'OrderedReady', 'Parallel') },
  V1DaemonSetUpdateStrategy: { type: e('DaemonSetUpdateStrategyType', 'OnDelete', 'RollingUpdate') },
  V1JobSpec: {
    completionMode: e('CompletionMode', 'Indexed', 'NonIndexed'),
    podReplacementPolicy: e('PodReplacementPolicy', 'Failed', 'TerminatingOrFailed'),
  },
  V1CronJobSpec: { concurrencyPolicy: e('ConcurrencyPolicy', 'Allow', 'Forbid', 'Replace') },
  V1HTTPIngressPath: { pathType: e('PathType', 'Exact', 'ImplementationSpecific', 'Prefix') },
  V1NetworkPolicySpec: { policyTypes: e('PolicyType', 'Egress', 'Ingress') },
};

/** Other named Go types the decode errors print (`of type types.UID`), by model and field. */
export const GO_NAMED_TYPES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  V1ObjectMeta: { uid: 'types.UID' },
  V1OwnerReference: { uid: 'types.UID' },
  V1ObjectReference: { uid: 'types.UID' },
};

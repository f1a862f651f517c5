/**
 * Enum values of the fields a learner writes, which the generated table carries for the decoder's
 * "Unsupported value" check and for hovers. `@kubernetes/client-node` 1.3.0 drops the OpenAPI
 * "Possible enum values" lists, so they are listed here, each from the `// +enum` Go type in
 * staging/src/k8s.io/api/core/v1/types.go (or apps/v1, batch/v1, networking/v1) of v1.33 and, for the
 * order, the `validValues` slice that pkg/apis/core/validation/validation.go passes to field.NotSupported.
 * The generator refuses an entry whose model or field does not exist, so a typo cannot hide here.
 */
export const API_ENUMS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  // core/v1 types.go: RestartPolicy, DNSPolicy, PreemptionPolicy
  V1PodSpec: {
    restartPolicy: ['Always', 'OnFailure', 'Never'],
    dnsPolicy: ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'],
    preemptionPolicy: ['PreemptLowerPriority', 'Never'],
  },
  // core/v1 types.go: PullPolicy, TerminationMessagePolicy, ContainerRestartPolicy
  V1Container: {
    imagePullPolicy: ['Always', 'Never', 'IfNotPresent'],
    terminationMessagePolicy: ['File', 'FallbackToLogsOnError'],
    restartPolicy: ['Always'],
  },
  V1EphemeralContainer: {
    imagePullPolicy: ['Always', 'Never', 'IfNotPresent'],
    terminationMessagePolicy: ['File', 'FallbackToLogsOnError'],
  },
  // core/v1 types.go: Protocol (validation.go: supportedPortProtocols)
  V1ContainerPort: { protocol: ['SCTP', 'TCP', 'UDP'] },
  V1ServicePort: { protocol: ['SCTP', 'TCP', 'UDP'] },
  CoreV1EndpointPort: { protocol: ['SCTP', 'TCP', 'UDP'] },
  DiscoveryV1EndpointPort: { protocol: ['SCTP', 'TCP', 'UDP'] },
  // core/v1 types.go: ServiceType, ServiceAffinity, ServiceExternalTrafficPolicy, ServiceInternalTrafficPolicy, IPFamilyPolicy, IPFamily
  V1ServiceSpec: {
    type: ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'],
    sessionAffinity: ['ClientIP', 'None'],
    externalTrafficPolicy: ['Cluster', 'Local'],
    internalTrafficPolicy: ['Cluster', 'Local'],
    ipFamilyPolicy: ['SingleStack', 'PreferDualStack', 'RequireDualStack'],
  },
  // core/v1 types.go: TolerationOperator, TaintEffect
  V1Toleration: { operator: ['Exists', 'Equal'], effect: ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] },
  V1Taint: { effect: ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] },
  // core/v1 types.go: NodeSelectorOperator; meta/v1 LabelSelectorOperator
  V1NodeSelectorRequirement: { operator: ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'] },
  V1LabelSelectorRequirement: { operator: ['In', 'NotIn', 'Exists', 'DoesNotExist'] },
  // core/v1 types.go: UnsatisfiableConstraintAction, NodeInclusionPolicy
  V1TopologySpreadConstraint: {
    whenUnsatisfiable: ['DoNotSchedule', 'ScheduleAnyway'],
    nodeAffinityPolicy: ['Honor', 'Ignore'],
    nodeTaintsPolicy: ['Honor', 'Ignore'],
  },
  // core/v1 types.go: PersistentVolumeAccessMode, PersistentVolumeMode, PersistentVolumeReclaimPolicy
  V1PersistentVolumeClaimSpec: { accessModes: ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'], volumeMode: ['Block', 'Filesystem'] },
  V1PersistentVolumeSpec: {
    accessModes: ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'],
    volumeMode: ['Block', 'Filesystem'],
    persistentVolumeReclaimPolicy: ['Delete', 'Recycle', 'Retain'],
  },
  // apps/v1 types.go: DeploymentStrategyType, StatefulSetUpdateStrategyType, PodManagementPolicyType, DaemonSetUpdateStrategyType
  V1DeploymentStrategy: { type: ['Recreate', 'RollingUpdate'] },
  V1StatefulSetUpdateStrategy: { type: ['OnDelete', 'RollingUpdate'] },
  V1StatefulSetSpec: { podManagementPolicy: ['OrderedReady', 'Parallel'] },
  V1DaemonSetUpdateStrategy: { type: ['OnDelete', 'RollingUpdate'] },
  // batch/v1 types.go: CompletionMode, PodReplacementPolicy, ConcurrencyPolicy
  V1JobSpec: { completionMode: ['NonIndexed', 'Indexed'], podReplacementPolicy: ['TerminatingOrFailed', 'Failed'] },
  V1CronJobSpec: { concurrencyPolicy: ['Allow', 'Forbid', 'Replace'] },
  // networking/v1 types.go: PathType, PolicyType
  V1HTTPIngressPath: { pathType: ['Exact', 'ImplementationSpecific', 'Prefix'] },
  V1NetworkPolicySpec: { policyTypes: ['Ingress', 'Egress'] },
  V1NetworkPolicyPort: { protocol: ['SCTP', 'TCP', 'UDP'] },
};

/**
 * The teaching layer: for the fields a learner meets, which components read or write them and
 * when, and whether the simulation models that. Hand-written, checked against the kubernetes.io
 * page each entry links to. Descriptions, types and defaults come from the API table, never from here.
 *
 * Keys are {@link teachingKey}s: `pod:` fields of any PodSpec, `podmeta:` the pod template's
 * metadata, `meta:` any object's metadata, `<Kind>:` the rest; `=Value` selects a value.
 */
import type { DocLink } from '../types';

/** How far the simulation models a field. */
export type Modelled = 'yes' | 'partly' | 'no';

export interface FieldTeaching {
  /** Markdown (ours, never from a manifest): who reads or writes the field, and when. */
  readonly actors: string;
  readonly modelled: Modelled;
  /** What the simulation does with it (or leaves out), after the status the hover prints from `modelled` (`Modelled: …`); may be empty. */
  readonly simulation: string;
  readonly docs: DocLink;
  /** The component the "Show in Cluster View" link selects. */
  readonly component: string;
  /** The entry also explains keys below it (map-valued fields such as `nodeSelector`). */
  readonly children?: boolean;
}

const k8s = 'https://kubernetes.io/docs';
const doc = (title: string, path: string): DocLink => ({ title, url: `${k8s}/${path}` });

const SCHEDULING = doc('Assigning Pods to Nodes', 'concepts/scheduling-eviction/assign-pod-node/');
const TAINTS = doc('Taints and Tolerations', 'concepts/scheduling-eviction/taint-and-toleration/');
const RESOURCES = doc('Resource Management for Pods and Containers', 'concepts/configuration/manage-resources-containers/');
const SPREAD = doc('Pod Topology Spread Constraints', 'concepts/scheduling-eviction/topology-spread-constraints/');
const IMAGES = doc('Images', 'concepts/containers/images/');
const PROBES = doc('Liveness, Readiness and Startup Probes', 'concepts/configuration/liveness-readiness-startup-probes/');
const LIFECYCLE = doc('Pod Lifecycle', 'concepts/workloads/pods/pod-lifecycle/');
const SERVICE = doc('Service', 'concepts/services-networking/service/');
const DEPLOYMENT = doc('Deployments', 'concepts/workloads/controllers/deployment/');
const REPLICASET = doc('ReplicaSet', 'concepts/workloads/controllers/replicaset/');
const STATEFULSET = doc('StatefulSets', 'concepts/workloads/controllers/statefulset/');
const DAEMONSET = doc('DaemonSet', 'concepts/workloads/controllers/daemonset/');
const HPA_DOC = doc('Horizontal Pod Autoscaling', 'tasks/run-application/horizontal-pod-autoscale/');
const JOB = doc('Jobs', 'concepts/workloads/controllers/job/');
const CRONJOB = doc('CronJob', 'concepts/workloads/controllers/cron-jobs/');
const LABELS = doc('Labels and Selectors', 'concepts/overview/working-with-objects/labels/');
const NAMES = doc('Object Names and IDs', 'concepts/overview/working-with-objects/names/');
const NAMESPACES = doc('Namespaces', 'concepts/overview/working-with-objects/namespaces/');
const OWNERS = doc('Owners and Dependents', 'concepts/overview/working-with-objects/owners-dependents/');
const NODES = doc('Nodes', 'concepts/architecture/nodes/');
const VOLUMES = doc('Volumes', 'concepts/storage/volumes/');
const CONFIGMAP = doc('ConfigMaps', 'concepts/configuration/configmap/');
const DNS = doc('DNS for Services and Pods', 'concepts/services-networking/dns-pod-service/');
const SA = doc('Service Accounts', 'concepts/security/service-accounts/');
const PRIORITY = doc('Pod Priority and Preemption', 'concepts/scheduling-eviction/pod-priority-preemption/');
const SECURITY = doc('Configure a Security Context', 'tasks/configure-pod-container/security-context/');
const ENDPOINTSLICES = doc('EndpointSlices', 'concepts/services-networking/endpoint-slices/');

const STORED = 'kube-apiserver validates it and stores it in etcd';
const FILTERS = "**kube-scheduler**'s filters read it to pick a node (then the **kubelet**'s admission on that node checks it again)";

const T = (component: string, modelled: Modelled, docs: DocLink, actors: string, simulation: string, children?: boolean): FieldTeaching =>
  children ? { component, modelled, docs, actors, simulation, children } : { component, modelled, docs, actors, simulation };

const WORKLOAD_REPLICAS = (controller: string, docs: DocLink): FieldTeaching => T('kube-controller-manager', 'yes', docs,
  `${STORED}; the **${controller} controller** in **kube-controller-manager** watches it and creates or deletes Pods until as many exist as desired (a reconciliation loop).`,
  'change it and the controller creates or deletes pods, which kube-scheduler then places.');

const GRPC_PROBE = T('kubelet', 'no', PROBES, 'The **kubelet** calls the gRPC health checking service on this port.', 'treated as passing.');

const LESSONS: Readonly<Record<string, FieldTeaching>> = {
  // Every object's metadata.
  'meta:name': T('kube-apiserver', 'yes', NAMES, `${STORED} under its kind, namespace and this name; it must be unique among objects of the kind in the namespace.`, 'objects are keyed by kind, namespace and name.'),
  'meta:generateName': T('kube-apiserver', 'partly', NAMES, 'kube-apiserver appends a random suffix to make the name when `name` is empty.', 'a suffix from a seeded generator.'),
  'meta:namespace': T('kube-apiserver', 'yes', NAMESPACES, `${STORED} in this namespace (\`default\` when left out); names only need to be unique within a namespace.`, ''),
  'meta:labels': T('kube-controller-manager', 'yes', LABELS, 'Selectors match labels: controllers find their Pods, Services their endpoints, kube-scheduler its affinity terms through them.', 'selectors match labels.', true),
  'meta:annotations': T('kube-apiserver', 'partly', doc('Annotations', 'concepts/overview/working-with-objects/annotations/'), `${STORED}; no selector reads annotations. Tools and controllers read their own keys.`, 'stored; the simulation reads only its own `sim.kube-anatomy.dev/*` keys.', true),
  'meta:ownerReferences': T('kube-controller-manager', 'yes', OWNERS, "Controllers set it on what they create; the **garbage collector** in kube-controller-manager deletes dependents whose owner is gone.", 'controllers set it, the garbage collector follows it.'),
  'meta:finalizers': T('kube-apiserver', 'no', doc('Finalizers', 'concepts/overview/working-with-objects/finalizers/'), 'kube-apiserver keeps a deleted object (with a deletionTimestamp) until every finalizer is removed by the controller that owns it.', 'deletes are immediate.'),

  // Workloads.
  'Deployment:spec.replicas': T('kube-controller-manager', 'yes', DEPLOYMENT,
    `${STORED}; the **Deployment controller** copies it to the Deployment's current ReplicaSet, and the **ReplicaSet controller** in **kube-controller-manager** reconciles that: it creates or deletes Pods until as many exist as desired.`,
    'change it and the controllers create or delete pods, which kube-scheduler then places.'),
  'ReplicaSet:spec.replicas': WORKLOAD_REPLICAS('ReplicaSet', REPLICASET),
  'StatefulSet:spec.replicas': WORKLOAD_REPLICAS('StatefulSet', STATEFULSET),
  'Deployment:spec.selector': T('kube-controller-manager', 'yes', DEPLOYMENT, 'The Deployment and ReplicaSet controllers count the Pods whose labels match it; it must match the template\'s labels, and kube-apiserver refuses to change it after creation (apps/v1).', '', true),
  'ReplicaSet:spec.selector': T('kube-controller-manager', 'yes', REPLICASET, 'The ReplicaSet controller counts (and adopts) the Pods whose labels match it.', '', true),
  'StatefulSet:spec.selector': T('kube-controller-manager', 'yes', STATEFULSET, 'The StatefulSet controller owns the Pods whose labels match it; it must match the template\'s labels.', '', true),
  'DaemonSet:spec.selector': T('kube-controller-manager', 'yes', DAEMONSET, 'The DaemonSet controller owns the Pods whose labels match it; it must match the template\'s labels.', '', true),
  'Job:spec.selector': T('kube-controller-manager', 'partly', JOB, 'The Job controller generates it from a unique `controller-uid` label unless `manualSelector` is set.', '', true),
  'Deployment:spec.template': T('kube-controller-manager', 'yes', DEPLOYMENT, 'The Deployment controller hashes it (`pod-template-hash`): a change starts a rollout to a new ReplicaSet.', 'a template change rolls out a new ReplicaSet.'),
  'Deployment:spec.strategy': T('kube-controller-manager', 'yes', DEPLOYMENT, 'The Deployment controller follows it when the template changes: `RollingUpdate` (default) scales the new ReplicaSet up and the old one down step by step, `Recreate` deletes every old Pod first.', '', true),
  'Deployment:spec.minReadySeconds': T('kube-controller-manager', 'yes', DEPLOYMENT, 'The Deployment controller counts a Pod available only after it has been Ready this long.', 'passed to its ReplicaSets: a Pod counts as available once its Ready condition has been True for longer than this (from its lastTransitionTime), so a rolling update waits that long before it takes the next old Pod down.'),
  'Deployment:spec.revisionHistoryLimit': T('kube-controller-manager', 'yes', DEPLOYMENT, 'The Deployment controller keeps this many old ReplicaSets (scaled to 0) for rollbacks.', 'the oldest scaled-down ReplicaSets beyond the limit are deleted.'),
  'Deployment:spec.progressDeadlineSeconds': T('kube-controller-manager', 'yes', DEPLOYMENT, 'The Deployment controller reports `Progressing=False` (ProgressDeadlineExceeded) when a rollout makes no progress this long; it does not roll back by itself.', 'a rollout with no progress this long (600 s by default) gets `Progressing=False`, ProgressDeadlineExceeded, once time runs on past it.'),
  'Deployment:spec.paused': T('kube-controller-manager', 'yes', DEPLOYMENT, 'The Deployment controller stops rolling out template changes while it is true.', 'no new ReplicaSet while it is true (`Progressing` Unknown, DeploymentPaused); `replicas` still scales the active one.'),
  'StatefulSet:spec.serviceName': T('kube-controller-manager', 'partly', STATEFULSET, 'Names the headless Service that gives each Pod a stable DNS name (`web-0.nginx.default.svc.cluster.local`), served by CoreDNS.', 'stable names are modelled, DNS is not.'),
  'StatefulSet:spec.podManagementPolicy': T('kube-controller-manager', 'partly', STATEFULSET, 'The StatefulSet controller starts Pods one at a time in order (`OrderedReady`, the default) or all at once (`Parallel`).', 'Pods start one at a time, in order.'),
  'StatefulSet:spec.volumeClaimTemplates': T('kube-controller-manager', 'partly', STATEFULSET, 'The StatefulSet controller creates one PersistentVolumeClaim per Pod from each template; a provisioner binds it to a volume.', 'the controller creates a PersistentVolumeClaim per Pod, which VolumeBinding waits for; no data is stored.'),
  'Job:spec.completions': T('kube-controller-manager', 'yes', JOB, 'The **Job controller** in kube-controller-manager creates Pods until this many have succeeded.', ''),
  'Job:spec.parallelism': T('kube-controller-manager', 'yes', JOB, 'The Job controller runs at most this many Pods at once.', ''),
  'Job:spec.backoffLimit': T('kube-controller-manager', 'partly', JOB, 'The Job controller marks the Job failed after this many failed Pods (default 6).', ''),
  'Job:spec.activeDeadlineSeconds': T('kube-controller-manager', 'yes', JOB, 'The Job controller terminates the Job\'s Pods and marks it failed after this many seconds.', 'after this many seconds from its start the Job controller deletes the running Pods and the Job fails with DeadlineExceeded.'),
  'Job:spec.ttlSecondsAfterFinished': T('kube-controller-manager', 'yes', doc('Automatic Cleanup for Finished Jobs', 'concepts/workloads/controllers/ttlafterfinished/'), 'The **TTL-after-finished controller** deletes the finished Job (and its Pods) after this many seconds.', 'this many seconds after the Job completes or fails it is deleted, and the garbage collector deletes its Pods.'),
  'CronJob:spec.schedule': T('kube-controller-manager', 'yes', CRONJOB, 'The **CronJob controller** in kube-controller-manager creates a Job at each time this cron expression names.', 'on the simulated clock (the CLI fires it with `--for`).'),
  'CronJob:spec.concurrencyPolicy': T('kube-controller-manager', 'partly', CRONJOB, 'The CronJob controller allows overlapping Jobs (`Allow`), skips a run (`Forbid`) or replaces the running Job (`Replace`).', ''),
  'CronJob:spec.suspend': T('kube-controller-manager', 'partly', CRONJOB, 'The CronJob controller creates no new Jobs while it is true.', ''),
  'CronJob:spec.timeZone': T('kube-controller-manager', 'yes', CRONJOB, 'The CronJob controller reads the schedule in this time zone (default: kube-controller-manager\'s).', 'the schedule is read in the zone, daylight saving time included (a time the clocks skip runs after the gap; one they repeat, once), and each Job\'s scheduled-timestamp annotation carries the zone\'s offset; kube-apiserver refuses a zone it does not know (`unknown time zone …`) and `TZ=`/`CRON_TZ=` in the schedule. Without it: UTC, as in kind.'),

  // Pod specs, wherever they are.
  'pod:nodeSelector': T('kube-scheduler', 'yes', SCHEDULING, `${FILTERS}: only nodes whose labels carry every pair are feasible (the NodeAffinity filter).`, 'the NodeAffinity filter.', true),
  'pod:nodeName': T('kube-scheduler', 'yes', SCHEDULING, 'Set, the Pod skips kube-scheduler: the **kubelet** of that node admits and runs it (or rejects it with OutOfcpu and the like). kube-scheduler sets it itself when it binds a Pod.', 'bypasses the scheduler, kubelet admission applies.'),
  'pod:tolerations': T('kube-scheduler', 'yes', TAINTS, `${FILTERS}: the TaintToleration filter lets a Pod onto a node only if it tolerates every NoSchedule and NoExecute taint. The **taint eviction controller** in kube-controller-manager evicts running Pods that do not tolerate a NoExecute taint.`, 'filter and NoExecute eviction.'),
  'pod:tolerations[].effect': T('kube-scheduler', 'yes', TAINTS, '`NoSchedule`: kube-scheduler keeps new Pods off. `PreferNoSchedule`: it tries to. `NoExecute`: also evicts running Pods that do not tolerate the taint at once; a Pod that tolerates it without `tolerationSeconds` stays bound for ever.', ''),
  'pod:tolerations[].tolerationSeconds': T('kube-controller-manager', 'yes', TAINTS, 'Only for NoExecute: the **taint eviction controller** evicts the Pod this many seconds after the taint appears. kube-apiserver\'s DefaultTolerationSeconds admission adds 300 s for `not-ready` and `unreachable`.', 'the 300-second default tolerations.'),
  'pod:affinity': T('kube-scheduler', 'partly', SCHEDULING, `${FILTERS}: node affinity (NodeAffinity filter and score) and pod (anti-)affinity (InterPodAffinity).`, 'node affinity and pod (anti-)affinity, required and preferred; the preferred terms of Pods already running are not scored.'),
  'pod:affinity.nodeAffinity': T('kube-scheduler', 'yes', SCHEDULING, "**kube-scheduler**'s NodeAffinity filter keeps nodes matching `required…` terms; `preferred…` terms add to a node's score.", ''),
  'pod:affinity.podAntiAffinity': T('kube-scheduler', 'partly', SCHEDULING, "**kube-scheduler**'s InterPodAffinity filter keeps a Pod off nodes (topology domains) that already run Pods matching `required…` terms.", 'required and preferred terms (InterPodAffinity filter and score); the preferred terms of Pods already running are not scored.'),
  'pod:affinity.podAffinity': T('kube-scheduler', 'partly', SCHEDULING, "**kube-scheduler**'s InterPodAffinity filter puts a Pod only in topology domains that already run matching Pods.", 'required and preferred terms (InterPodAffinity filter and score); several required terms are checked one by one, not as one group.'),
  'pod:topologySpreadConstraints': T('kube-scheduler', 'yes', SPREAD, "**kube-scheduler**'s PodTopologySpread filter (`whenUnsatisfiable: DoNotSchedule`) and score keep the Pods of a selector spread over zones or nodes within `maxSkew`.", 'the PodTopologySpread filter and score, with `minDomains`, the node inclusion policies and `matchLabelKeys`.'),
  'pod:containers': T('kubelet', 'yes', doc('Pods', 'concepts/workloads/pods/'), 'The **kubelet** of the chosen node starts each container through the CRI (containerd), in one Pod sandbox sharing the network namespace and Pod IP.', 'pull, create, start, restarts.'),
  'pod:containers[].image': T('containerd', 'yes', IMAGES, 'The **kubelet** asks **containerd** over the CRI to pull it (per `imagePullPolicy`) on the node the Pod was scheduled to, then to create and start the container.', 'each node pulls once, then the image is present.'),
  'pod:containers[].imagePullPolicy': T('kubelet', 'yes', IMAGES, 'The **kubelet** pulls `Always` (checks the registry each start), `IfNotPresent`, or `Never`. The default is `Always` for `:latest` or no tag, else `IfNotPresent` (set by kube-apiserver).', ''),
  'pod:containers[].resources': T('kube-scheduler', 'partly', RESOURCES, 'Requests are what **kube-scheduler** reserves on a node; limits are what the **kubelet** and the container runtime enforce through cgroups.', 'requests are; limits are not enforced.'),
  'pod:containers[].resources.requests': T('kube-scheduler', 'yes', RESOURCES, `${FILTERS}: the NodeResourcesFit filter places a Pod only on a node whose allocatable minus the other Pods' requests still holds it ("Insufficient cpu"). Nothing measures actual use here.`, 'the filter, scoring and kubelet admission (OutOfcpu).', true),
  'pod:containers[].resources.limits': T('kubelet', 'partly', RESOURCES, 'The **kubelet** hands them to **containerd**, which sets the container\'s cgroup: CPU over the limit is throttled, memory over it gets the container OOM-killed. kube-scheduler ignores limits (a request defaults to the limit when only the limit is set).', 'a container the simulator can read as using more memory than its limit (polinux/stress\'s `--vm 1 --vm-bytes 250M` under a `100Mi` limit, the Assign Memory Resources page) is OOM-killed: `OOMKilled`, exit code 137, then restarted with back-off. Other programs have no real usage, so nothing is throttled or killed. A request above its limit is refused, as kube-apiserver does.', true),
  'pod:containers[].ports': T('kube-proxy', 'partly', SERVICE, 'Informational: a container listens whether or not it is listed. A Service\'s `targetPort` can name one; the **EndpointSlice controller** resolves names to numbers.', 'a `hostPort` is checked by the NodePorts filter; endpoints use the Service\'s ports.'),
  'pod:containers[].command': T('containerd', 'partly', doc('Define a Command and Arguments for a Container', 'tasks/inject-data-application/define-command-argument-container/'), 'Replaces the image\'s ENTRYPOINT; containerd starts the process with it.', 'no program runs; the simulator reads the command to tell how long it runs (`sleep 30`, `echo`, `exit 1`; a loop such as `until nslookup mydb; do sleep 2; done` ends once Service `mydb` exists, `until nc -z db 5432` once it has a ready endpoint); anything else runs until stopped.'),
  'pod:containers[].args': T('containerd', 'partly', doc('Define a Command and Arguments for a Container', 'tasks/inject-data-application/define-command-argument-container/'), 'Replaces the image\'s CMD; containerd passes them to the process.', 'read with `command` to tell how long the container runs.'),
  'pod:containers[].env': T('kubelet', 'partly', doc('Define Environment Variables for a Container', 'tasks/inject-data-application/define-environment-variable-container/'), 'The **kubelet** resolves them (including references to ConfigMaps, Secrets and fields) and hands them to containerd.', 'a ConfigMap or Secret it references that is missing stops the container (CreateContainerConfigError); values are not used.'),
  'pod:containers[].livenessProbe': T('kubelet', 'partly', PROBES, 'The **kubelet** runs it periodically; when it fails `failureThreshold` times the kubelet restarts the container.', 'no probe runs: an `exec` probe whose command plainly fails, or one named in `sim.kube-anatomy.dev/failing-probes`, fails; one that checks a file the container creates and removes (`cat /tmp/healthy`) passes while it exists; a failing liveness probe restarts the container.'),
  'pod:containers[].readinessProbe': T('kubelet', 'partly', PROBES, 'The **kubelet** runs it; while it fails the Pod is not Ready, and the **EndpointSlice controller** marks its endpoint not ready so kube-proxy sends no traffic to it.', 'no probe runs: an `exec` probe whose command plainly fails, or one named in `sim.kube-anatomy.dev/failing-probes`, fails; one that checks a file the container creates and removes (`cat /tmp/healthy`) passes while it exists; until it passes the Pod is not Ready and not an endpoint.'),
  'pod:containers[].startupProbe': T('kubelet', 'partly', PROBES, 'The **kubelet** holds liveness and readiness probes back until it succeeds.', 'no probe runs: an `exec` probe whose command plainly fails, or one named in `sim.kube-anatomy.dev/failing-probes`, fails; one that checks a file the container creates and removes (`cat /tmp/healthy`) passes while it exists; a failing one restarts the container.'),
  'pod:containers[].volumeMounts': T('kubelet', 'no', VOLUMES, 'The **kubelet** mounts the Pod\'s volumes into the container at these paths.', 'nothing is mounted (kube-apiserver still checks that each names a volume of the Pod).'),
  'pod:containers[].securityContext': T('kubelet', 'no', SECURITY, 'The **kubelet** and the container runtime apply it (user, capabilities, read-only root…); kube-apiserver\'s PodSecurity admission checks it against the namespace\'s Pod Security Standard first.', 'PodSecurity admission reads it (a namespace\'s `pod-security.kubernetes.io/enforce` level refuses a pod that breaks it, `warn` warns); no process runs, so nothing is restricted at run time.'),
  'pod:initContainers': T('kubelet', 'yes', doc('Init Containers', 'concepts/workloads/pods/init-containers/'), 'The **kubelet** runs them one by one to completion before the app containers; ones with `restartPolicy: Always` are sidecars. Their requests count in the scheduler\'s effective request.', 'they run one by one before the app containers; sidecars (`restartPolicy: Always`) keep running; their requests count.'),
  'pod:restartPolicy': T('kubelet', 'yes', LIFECYCLE, 'The **kubelet** restarts exited containers per it (`Always`, `OnFailure`, `Never`), with an exponential back-off up to five minutes (CrashLoopBackOff).', ''),
  'pod:terminationGracePeriodSeconds': T('kubelet', 'yes', LIFECYCLE, 'On delete, the **kubelet** sends SIGTERM, waits this long (default 30), then SIGKILL.', 'a container whose PID 1 ignores SIGTERM (`sleep`, a shell script without `trap`) keeps the pod Terminating for the whole grace period; a server (the image\'s entrypoint) stops in a second.'),
  'pod:volumes': T('kubelet', 'partly', VOLUMES, 'The **kubelet** sets them up on the node (from ConfigMaps, Secrets, PersistentVolumeClaims, emptyDir…) before starting containers.', '`configMap`, `secret` and `persistentVolumeClaim` sources are checked (FailedMount, VolumeBinding); no files exist.'),
  'pod:priorityClassName': T('kube-scheduler', 'yes', PRIORITY, 'kube-apiserver\'s Priority admission turns it into `priority`; **kube-scheduler** queues higher-priority Pods first and may preempt lower ones.', 'the Priority admission plugin sets `priority`; kube-scheduler tries higher-priority Pods first and preempts lower-priority ones, sparing those a PodDisruptionBudget protects where it can.'),
  'pod:preemptionPolicy': T('kube-scheduler', 'yes', PRIORITY, '`Never` stops **kube-scheduler** from preempting other Pods for this one.', '`Never`: the Pod waits instead of preempting.'),
  'pod:schedulerName': T('kube-scheduler', 'partly', doc('Configure Multiple Schedulers', 'tasks/extend-kubernetes/configure-multiple-schedulers/'), 'Only the scheduler with this name picks the Pod up (default `default-scheduler`).', 'only `default-scheduler` runs: a Pod naming another scheduler stays Pending.'),
  'pod:serviceAccountName': T('kube-apiserver', 'partly', SA, 'kube-apiserver\'s ServiceAccount admission defaults it to `default` and the kubelet mounts a token for it.', 'the ServiceAccount admission plugin sets `default` when it is left out; no token is mounted.'),
  'pod:hostNetwork': T('kubelet', 'partly', doc('Pod networking', 'concepts/services-networking/#the-kubernetes-network-model'), 'The Pod uses the node\'s network namespace and IP instead of its own Pod IP from the CNI.', 'the Pod gets the node\'s IP instead of a pod IP.'),
  'pod:dnsPolicy': T('kubelet', 'no', DNS, 'The **kubelet** writes the container\'s resolv.conf: `ClusterFirst` (default) points it at CoreDNS\'s Service.', 'DNS is not simulated.'),
  'podmeta:labels': T('kube-controller-manager', 'yes', LABELS, 'Every Pod made from the template carries them: the workload\'s selector must match them, and Services find the Pods through them.', '', true),
  'podmeta:annotations': T('kube-apiserver', 'partly', doc('Annotations', 'concepts/overview/working-with-objects/annotations/'), 'Copied to every Pod made from the template; a change to them is a template change (a rollout).', 'the simulation reads `sim.kube-anatomy.dev/run-seconds` and `/exit-code` here.', true),

  // Services.
  'Service:spec.selector': T('kube-proxy', 'yes', SERVICE, 'The **EndpointSlice controller** in kube-controller-manager lists the Ready Pods whose labels match it as endpoints; **kube-proxy** on every node programs the node\'s packet rules (iptables, IPVS or nftables) for them, and the kernel routes the traffic.', 'endpoints follow the matching pods.', true),
  'Service:spec.type': T('kube-proxy', 'yes', SERVICE, '`ClusterIP` (default): a virtual IP inside the cluster. `NodePort`: also a port on every node. `LoadBalancer`: also an external load balancer (cloud-controller-manager). `ExternalName`: a DNS CNAME only.', 'ClusterIP, NodePort and LoadBalancer.'),
  'Service:spec.type=NodePort': T('kube-proxy', 'yes', SERVICE, 'kube-apiserver allocates a port from 30000-32767 (`--service-node-port-range`), and **kube-proxy** opens it on every node, whether or not a Pod of the Service runs there.', 'a port allocated from the upper band of the range, as kube-apiserver does.'),
  'Service:spec.type=LoadBalancer': T('kube-proxy', 'partly', SERVICE, 'Also a NodePort; the **cloud-controller-manager**\'s service controller asks the cloud for a load balancer in front of the nodes and writes its address to `status.loadBalancer`.', 'the NodePort is modelled, the cloud load balancer is drawn but not provisioned.'),
  'Service:spec.type=ClusterIP': T('kube-proxy', 'yes', SERVICE, 'kube-apiserver allocates a virtual IP from the service CIDR; **kube-proxy** on every node makes it reach the endpoints.', ''),
  'Service:spec.type=ExternalName': T('kube-proxy', 'no', SERVICE, 'No proxying: CoreDNS answers the Service\'s name with a CNAME to `externalName`.', ''),
  'Service:spec.clusterIP': T('kube-apiserver', 'yes', SERVICE, 'kube-apiserver allocates it from `--service-cluster-ip-range` when empty; `None` makes a headless Service (DNS returns the Pod IPs).', 'allocated at random in the upper band, as kube-apiserver does.'),
  'Service:spec.ports': T('kube-proxy', 'yes', SERVICE, '**kube-proxy** forwards traffic to `port` on the Service\'s IP to `targetPort` on an endpoint.', ''),
  'Service:spec.ports[].nodePort': T('kube-apiserver', 'yes', SERVICE, 'kube-apiserver allocates it from 30000-32767 when left out (or checks yours is free and in range); **kube-proxy** opens it on every node.', ''),
  'Service:spec.ports[].targetPort': T('kube-proxy', 'partly', SERVICE, 'The port on the Pod that traffic goes to (default: `port`); a name refers to a container port. The EndpointSlice controller writes it into the slices.', 'stored in the endpoints.'),
  'Service:spec.externalTrafficPolicy': T('kube-proxy', 'no', SERVICE, '`Local`: kube-proxy sends NodePort/LoadBalancer traffic only to endpoints on the receiving node (keeping the client IP).', ''),
  'Service:spec.sessionAffinity': T('kube-proxy', 'no', SERVICE, '`ClientIP`: kube-proxy sends a client\'s connections to the same endpoint.', 'no connections are simulated, only the endpoints they could reach.'),

  // Nodes.
  'Node:spec.taints': T('kube-scheduler', 'yes', TAINTS, "**kube-scheduler**'s TaintToleration filter keeps non-tolerating Pods off; the **node lifecycle controller** adds `not-ready`/`unreachable` taints itself, and the **taint eviction controller** evicts for NoExecute ones.", ''),
  'Node:spec.unschedulable': T('kube-scheduler', 'yes', NODES, '`kubectl cordon` sets it: kube-scheduler\'s NodeUnschedulable filter places no new Pods there; running ones stay.', ''),
  'Node:spec.podCIDR': T('kube-controller-manager', 'yes', NODES, 'The **node IPAM controller** in kube-controller-manager assigns each node a range for its Pod IPs; the CNI plugin hands addresses out of it.', 'a /24 per node.'),

  // Other kinds.
  'ConfigMap:data': T('kubelet', 'partly', CONFIGMAP, 'The **kubelet** projects it into Pods as environment variables or files.', 'the keys are: Pods that reference a missing ConfigMap or key wait (CreateContainerConfigError, FailedMount); the values are not used.', true),
  'EndpointSlice:endpoints': T('kube-proxy', 'yes', ENDPOINTSLICES, 'Written by the EndpointSlice controller for Services with a selector; **kube-proxy** programs rules from it.', ''),
  'Namespace:metadata': T('kube-apiserver', 'partly', NAMESPACES, 'Deleting a Namespace deletes everything in it (the **namespace controller**).', 'stored.'),
  'PodDisruptionBudget:spec': T('kube-controller-manager', 'partly', doc('Disruptions', 'concepts/workloads/pods/disruptions/'), 'The eviction API (used by `kubectl drain`) refuses evictions that would break it; the disruption controller keeps its status.', 'the disruption controller keeps its status, the eviction API refuses with 429, and kube-scheduler prefers preemption victims no budget protects; not modelled: the 2-minute recheck of an eviction whose pod was never deleted.'),
  'HorizontalPodAutoscaler:spec': T('kube-controller-manager', 'partly', HPA_DOC, 'The **HPA controller** in kube-controller-manager changes the target\'s `replicas` from the metrics API.', 'every 15 s the target is kept within `minReplicas`-`maxReplicas`; like a kind cluster without metrics-server, no metrics API is served, so CPU and memory targets read `<unknown>` (FailedGetResourceMetric) and nothing scales on load.'),
  'HorizontalPodAutoscaler:spec.scaleTargetRef': T('kube-controller-manager', 'yes', HPA_DOC, 'The workload whose `replicas` the HPA controller sets, through its scale subresource.', 'a Deployment, ReplicaSet, StatefulSet or ReplicationController; a missing one gives FailedGetScale.'),
  'HorizontalPodAutoscaler:spec.minReplicas': T('kube-controller-manager', 'yes', HPA_DOC, 'The fewest replicas the HPA controller leaves the target with (default 1).', 'a target below it is scaled up to it (SuccessfulRescale).'),
  'HorizontalPodAutoscaler:spec.maxReplicas': T('kube-controller-manager', 'yes', HPA_DOC, 'The most replicas the HPA controller scales the target to.', 'a target above it is scaled down to it (SuccessfulRescale).'),
  'HorizontalPodAutoscaler:spec.targetCPUUtilizationPercentage': T('kube-controller-manager', 'partly', HPA_DOC, 'autoscaling/v1: the average CPU utilisation, as a percentage of the pods\' requests, the HPA controller aims for.', 'no metrics API is served (as in kind without metrics-server): the current value is `<unknown>` and nothing scales on it.'),
  'HorizontalPodAutoscaler:spec.metrics': T('kube-controller-manager', 'partly', HPA_DOC, 'autoscaling/v2: the metrics the HPA controller computes a replica count from (resource, pods, object, external; default 80 % CPU).', 'no metrics API is served (as in kind without metrics-server): each reads `<unknown>` (FailedGetResourceMetric) and nothing scales on it.'),
  'HorizontalPodAutoscaler:spec.behavior': T('kube-controller-manager', 'no', HPA_DOC, 'autoscaling/v2: stabilization windows and rate policies for scaling up and down.', ''),

  // The rest of the fields of the simulated kinds that the simulation does not act on (the CLI, the editor and the hover report them).
  'pod:serviceAccount': T('kube-apiserver', 'yes', SA, 'Deprecated alias of `serviceAccountName`: kube-apiserver reads it when `serviceAccountName` is empty and writes `serviceAccountName`\'s value back into it (pkg/apis/core/v1/conversion.go).', 'copied to and from `serviceAccountName`, as kube-apiserver does.'),
  'pod:hostPID': T('kubelet', 'no', SECURITY, 'The **kubelet** asks the container runtime to put the containers in the node\'s PID namespace: they see every process on the node.', 'kube-apiserver\'s PodSecurity admission reads it (a namespace enforcing baseline or restricted refuses the pod); no processes run, so the Pod is simulated as if it had its own PID namespace.'),
  'pod:hostIPC': T('kubelet', 'no', SECURITY, 'The **kubelet** asks the container runtime to put the containers in the node\'s IPC namespace (shared memory, semaphores).', 'kube-apiserver\'s PodSecurity admission reads it (a namespace enforcing baseline or restricted refuses the pod); no processes run, so the Pod is simulated as if it had its own IPC namespace.'),
  'pod:hostUsers': T('kubelet', 'no', doc('User Namespaces', 'concepts/workloads/pods/user-namespaces/'), '`false` makes the **kubelet** and the runtime run the Pod in its own user namespace (root inside is not root on the node).', ''),
  'pod:shareProcessNamespace': T('kubelet', 'no', doc('Share Process Namespace between Containers in a Pod', 'tasks/configure-pod-container/share-process-namespace/'), 'The containers of the Pod share one PID namespace, so they see each other\'s processes.', ''),
  'pod:securityContext': T('kubelet', 'no', SECURITY, 'The **kubelet** and the container runtime apply it to every container (user and group IDs, fsGroup, seccomp, sysctls…); kube-apiserver\'s PodSecurity admission checks it against the namespace\'s Pod Security Standard first.', 'PodSecurity admission reads it (a namespace\'s `pod-security.kubernetes.io/enforce` level refuses a pod that breaks it, `warn` warns); no process runs, so nothing is restricted at run time.'),
  'pod:activeDeadlineSeconds': T('kubelet', 'yes', LIFECYCLE, 'The **kubelet** fails the Pod (reason `DeadlineExceeded`) once it has been active this long.', 'this long after the kubelet admitted the Pod (its `startTime`) the kubelet records DeadlineExceeded, kills its containers and the Pod fails with reason `DeadlineExceeded`, whatever its restartPolicy; a controller that owns it sees a failed Pod.'),
  'pod:automountServiceAccountToken': T('kube-apiserver', 'no', SA, 'When not false, kube-apiserver\'s ServiceAccount admission adds a projected token volume that the **kubelet** mounts in every container.', 'no token volume is added.'),
  'pod:dnsConfig': T('kubelet', 'no', DNS, 'The **kubelet** adds these nameservers, search domains and options to the containers\' resolv.conf.', ''),
  'pod:enableServiceLinks': T('kubelet', 'no', DNS, 'The **kubelet** injects Docker-link-style environment variables for every Service of the namespace (default true).', ''),
  'pod:ephemeralContainers': T('kubelet', 'no', doc('Ephemeral Containers', 'concepts/workloads/pods/ephemeral-containers/'), '`kubectl debug` adds them through the ephemeralcontainers subresource; the **kubelet** starts them in the running Pod.', ''),
  'pod:hostAliases': T('kubelet', 'no', DNS, 'The **kubelet** writes these entries into the Pod\'s /etc/hosts.', ''),
  'pod:hostname': T('kubelet', 'no', DNS, 'The Pod\'s hostname (default: its name); with `subdomain` and a headless Service of that name, CoreDNS gives the Pod a DNS name.', 'stored; DNS is not simulated.'),
  'pod:subdomain': T('kubelet', 'no', DNS, 'With a headless Service of this name, CoreDNS serves `<hostname>.<subdomain>.<namespace>.svc.cluster.local` for the Pod.', 'stored; DNS is not simulated.'),
  'pod:setHostnameAsFQDN': T('kubelet', 'no', DNS, 'The **kubelet** sets the container\'s hostname to the Pod\'s fully qualified domain name.', ''),
  'pod:imagePullSecrets': T('kubelet', 'no', IMAGES, 'The **kubelet** hands these Secrets\' registry credentials to the container runtime to pull private images.', 'pulls need no credentials.'),
  'pod:os': T('kube-apiserver', 'no', doc('Pods', 'concepts/workloads/pods/#pod-os'), 'Names the OS (linux or windows) the Pod needs; kube-apiserver refuses fields the other OS does not support.', 'every node runs Linux.'),
  'pod:readinessGates': T('kubelet', 'yes', doc('Pod readiness gates', 'concepts/workloads/pods/pod-lifecycle/#pod-readiness-gate'), 'The **kubelet** counts the Pod Ready only when each named condition (set by another controller) is True.', 'checked as the kubelet does: with the containers ready, Ready stays False (`ReadinessGatesNotReady`: `corresponding condition of pod readiness gate "…" does not exist.`), `kubectl get pods -o wide` shows READINESS GATES 0/1, and the pod is no ready endpoint. Nothing in the simulated cluster sets such a condition; set it yourself through `kube-anatomy serve` (`kubectl patch pod NAME --subresource=status --type=json -p \'[{"op":"add","path":"/status/conditions/-","value":{"type":"…","status":"True"}}]\'`): the kubelet keeps it and the pod turns Ready.'),
  'pod:resourceClaims': T('kube-scheduler', 'no', doc('Dynamic Resource Allocation', 'concepts/scheduling-eviction/dynamic-resource-allocation/'), 'Dynamic Resource Allocation: kube-scheduler allocates devices to the claims before the Pod is bound.', ''),
  'pod:resources': T('kube-scheduler', 'no', RESOURCES, 'Pod-level requests and limits (beta in v1.33): kube-scheduler uses them instead of the sum of the containers\'.', 'the containers\' requests are summed.'),
  'pod:runtimeClassName': T('kubelet', 'partly', doc('Runtime Class', 'concepts/containers/runtime-class/'), 'The **kubelet** asks **containerd** to run the Pod with this RuntimeClass\'s handler; the RuntimeClass admission plugin in **kube-apiserver** refuses a class that does not exist and adds the class\'s `overhead` and `scheduling` to the Pod.', 'a class that does not exist is refused (`pod rejected: RuntimeClass "gvisor" not found`); its overhead counts in kube-scheduler\'s requests and its scheduling joins the nodeSelector and tolerations; kind\'s containerd has the `runc` and `test-handler` handlers, any other fails the sandbox (`FailedCreatePodSandBox`: `no runtime for "runsc" is configured`) and the pod stays ContainerCreating. Every handler runs as runc.'),
  'pod:schedulingGates': T('kube-scheduler', 'yes', doc('Pod Scheduling Readiness', 'concepts/scheduling-eviction/pod-scheduling-readiness/'), 'While any gate remains, **kube-scheduler** keeps the Pod out of its queue (`SchedulingGated`).', 'the Pod stays Pending as `SchedulingGated` (PodScheduled False, no FailedScheduling) until its gates are removed from the manifest; then it is scheduled. Gates may only be removed: adding one is refused as kube-apiserver refuses it.'),
  'pod:containers[].lifecycle': T('kubelet', 'partly', doc('Container Lifecycle Hooks', 'concepts/containers/container-lifecycle-hooks/'), 'The **kubelet** runs `postStart` right after a container starts and `preStop` before it is stopped.', '`preStop` holds SIGTERM back within the grace period: a `sleep` action, or an exec hook that plainly sleeps (`sleep 5`), delays the stop by its seconds; a hook the simulator cannot read (or an HTTP or TCP one) is taken to return at once. `postStart` is read the same way (see its own field). kube-apiserver refuses a sleep longer than `terminationGracePeriodSeconds` and a hook with no handler.'),
  'pod:containers[].lifecycle.postStart': T('kubelet', 'partly', doc('Container Lifecycle Hooks', 'concepts/containers/container-lifecycle-hooks/'), 'The **kubelet** runs it right after the container is created, beside its entrypoint; the container is not Running until it returns (the next container is not even started), and a failing hook kills it (`FailedPostStartHook`).', 'a `sleep` action, or an exec hook the simulator can read (`sh -c "echo … > /usr/share/message"`, `sleep 10`, `exit 1`), runs for its seconds while the pod shows ContainerCreating; one that never returns (`sleep infinity`) keeps it there. A hook that exits non-zero gives `FailedPostStartHook` ("PostStartHook failed"), the container is killed within the grace period (`Killing`: FailedPostStartHook; 137 when it ignores SIGTERM) and waits as `PostStartHookError` with the handler\'s message, then restarts with back-off. A hook the simulator cannot read (an unknown program, an HTTP hook) is taken to return 0 at once; what a hook writes is not kept.'),
  'pod:containers[].livenessProbe.grpc': GRPC_PROBE,
  'pod:containers[].readinessProbe.grpc': GRPC_PROBE,
  'pod:containers[].startupProbe.grpc': GRPC_PROBE,
  'pod:containers[].workingDir': T('containerd', 'no', doc('Containers', 'concepts/containers/'), 'The container runtime starts the process in this directory.', ''),
  'pod:containers[].stdin': T('kubelet', 'no', doc('Containers', 'concepts/containers/'), 'The runtime keeps the container\'s standard input open for `kubectl attach`.', ''),
  'pod:containers[].stdinOnce': T('kubelet', 'no', doc('Containers', 'concepts/containers/'), 'The runtime closes standard input after the first attach ends.', ''),
  'pod:containers[].tty': T('kubelet', 'no', doc('Containers', 'concepts/containers/'), 'The runtime gives the container a terminal.', ''),
  'pod:containers[].terminationMessagePath': T('kubelet', 'partly', doc('Determine the Reason for Pod Failure', 'tasks/debug/debug-application/determine-reason-pod-failure/'), 'The **kubelet** reads the file at this path when the container ends and puts it in the container\'s status.', 'what an `sh -c` script writes there with `echo` or `printf` (`echo Sleep expired > /dev/termination-log`) becomes `state.terminated.message` (and `lastState`\'s after a restart); no other program writes files.'),
  'pod:containers[].terminationMessagePolicy': T('kubelet', 'partly', doc('Determine the Reason for Pod Failure', 'tasks/debug/debug-application/determine-reason-pod-failure/'), '`FallbackToLogsOnError` makes the **kubelet** use the end of the log when the message file is empty.', 'with `FallbackToLogsOnError`, a container that failed without writing a message gets the end of what its `sh -c` script echoed (at most 80 lines, 2048 bytes).'),
  'pod:containers[].volumeDevices': T('kubelet', 'no', VOLUMES, 'The **kubelet** maps raw block volumes into the container at these paths.', ''),
  'pod:containers[].resizePolicy': T('kubelet', 'no', RESOURCES, 'Whether resizing a resource in place restarts the container.', ''),

  // Services.
  'Service:spec.externalIPs': T('kube-proxy', 'no', SERVICE, '**kube-proxy** also accepts traffic for the Service on these addresses.', ''),
  'Service:spec.healthCheckNodePort': T('kube-proxy', 'no', SERVICE, 'With `externalTrafficPolicy: Local`, **kube-proxy** answers the load balancer\'s health checks on this port.', ''),
  'Service:spec.internalTrafficPolicy': T('kube-proxy', 'no', SERVICE, '`Local`: **kube-proxy** sends in-cluster traffic only to endpoints on the same node.', ''),
  'Service:spec.ipFamilies': T('kube-apiserver', 'no', doc('IPv4/IPv6 dual-stack', 'concepts/services-networking/dual-stack/'), 'kube-apiserver allocates a cluster IP of each family listed.', 'IPv4 only.'),
  'Service:spec.ipFamilyPolicy': T('kube-apiserver', 'no', doc('IPv4/IPv6 dual-stack', 'concepts/services-networking/dual-stack/'), '`SingleStack`, `PreferDualStack` or `RequireDualStack`: how many cluster IPs kube-apiserver allocates.', 'IPv4 only.'),
  'Service:spec.loadBalancerClass': T('cloud-controller-manager', 'no', SERVICE, 'Picks the load balancer implementation that provisions the Service.', ''),
  'Service:spec.loadBalancerIP': T('cloud-controller-manager', 'no', SERVICE, 'Deprecated: asks the cloud provider for this address.', ''),
  'Service:spec.loadBalancerSourceRanges': T('cloud-controller-manager', 'no', SERVICE, 'The cloud load balancer (and kube-proxy) accept clients from these ranges only.', ''),
  'Service:spec.allocateLoadBalancerNodePorts': T('kube-apiserver', 'no', SERVICE, '`false`: a LoadBalancer Service gets no NodePorts.', 'NodePorts are allocated.'),
  'Service:spec.sessionAffinityConfig': T('kube-proxy', 'no', SERVICE, 'How long `ClientIP` affinity lasts (default 10800 s).', ''),
  'Service:spec.publishNotReadyAddresses': T('kube-controller-manager', 'yes', SERVICE, 'The EndpointSlice controller lists Pods as ready endpoints even before they are Ready (for StatefulSet peers to find each other).', 'every matching Pod with an IP that has not finished is a ready endpoint, before it is Ready and while it terminates.'),
  'Service:spec.trafficDistribution': T('kube-proxy', 'no', SERVICE, '`PreferClose`: **kube-proxy** prefers endpoints in the client\'s zone.', ''),
  'Service:spec.ports[].appProtocol': T('kube-proxy', 'no', SERVICE, 'A hint for implementations (gateways, meshes) about the application protocol.', ''),

  // Workloads.
  'ReplicaSet:spec.minReadySeconds': T('kube-controller-manager', 'yes', REPLICASET, 'The ReplicaSet controller counts a Pod available only after it has been Ready this long.', '`availableReplicas` counts a Pod once its Ready condition has been True for longer than this; the controller checks again a second after that.'),
  'StatefulSet:spec.minReadySeconds': T('kube-controller-manager', 'yes', STATEFULSET, 'The StatefulSet controller counts a Pod available only after it has been Ready this long.', '`availableReplicas` counts a Pod once Ready for longer than this, and with OrderedReady the next Pod (and each rolling-update step) waits for it.'),
  'DaemonSet:spec.minReadySeconds': T('kube-controller-manager', 'yes', DAEMONSET, 'The DaemonSet controller counts a Pod available only after it has been Ready this long.', '`numberAvailable` counts a Pod once Ready for longer than this, and a rolling update counts a node unavailable until then.'),
  'StatefulSet:spec.revisionHistoryLimit': T('kube-controller-manager', 'no', STATEFULSET, 'The StatefulSet controller keeps this many ControllerRevisions for rollbacks.', 'no ControllerRevisions are kept.'),
  'DaemonSet:spec.revisionHistoryLimit': T('kube-controller-manager', 'no', DAEMONSET, 'The DaemonSet controller keeps this many ControllerRevisions for rollbacks.', 'no ControllerRevisions are kept.'),
  'StatefulSet:spec.persistentVolumeClaimRetentionPolicy': T('kube-controller-manager', 'yes', STATEFULSET, 'Whether the StatefulSet controller deletes the per-Pod claims when the StatefulSet is deleted or scaled down (default: retain).', '`whenDeleted: Delete` makes the StatefulSet own the claims, `whenScaled: Delete` makes a removed Pod own its claims: the garbage collector deletes them after their owner.'),
  'Job:spec.backoffLimitPerIndex': T('kube-controller-manager', 'yes', JOB, 'For Indexed Jobs: the Job controller counts failures per index.', 'each index is retried (with its own back-off, 10 s then doubling) until its pods failed one time more than this; then it is listed in `status.failedIndexes` and gets no more pods, while the other indexes run on. Once every index succeeded or failed, a failed index fails the Job (`FailedIndexes`, `Job has failed indexes`). Each pod carries its index\'s count in `batch.kubernetes.io/job-index-failure-count`; `backoffLimit` then defaults to 2147483647.'),
  'Job:spec.maxFailedIndexes': T('kube-controller-manager', 'yes', JOB, 'For Indexed Jobs with `backoffLimitPerIndex`: the Job fails once this many indexes have failed.', 'one failed index more than this and the Job fails at once (`MaxFailedIndexesExceeded`, `Job has exceeded the specified maximal number of failed indexes`), its running pods deleted.'),
  'Job:spec.completionMode': T('kube-controller-manager', 'yes', JOB, '`Indexed`: the Job controller gives each Pod a completion index (0 to completions-1).', '`Indexed`: each Pod gets its index (the `batch.kubernetes.io/job-completion-index` annotation and label, `JOB_COMPLETION_INDEX`, the name `<job>-<index>-…` and hostname `<job>-<index>`); the Job completes when every index has succeeded (`status.completedIndexes`).'),
  'Job:spec.managedBy': T('kube-controller-manager', 'no', JOB, 'Another controller than the built-in Job controller reconciles the Job.', 'the built-in Job controller runs it.'),
  'Job:spec.manualSelector': T('kube-controller-manager', 'no', JOB, '`true` lets you write `selector` yourself instead of the generated `controller-uid` one.', ''),
  'Job:spec.podFailurePolicy': T('kube-controller-manager', 'yes', JOB, 'Rules by which the Job controller fails the Job at once, ignores a failure or counts it, from exit codes and Pod conditions.', 'the first matching rule decides: FailJob fails the Job (reason `PodFailurePolicy`, `Container main for pod … failed with exit code 42 matching FailJob rule at index 0`) and deletes its running pods; Ignore neither counts the failure nor backs off (a drained pod has `DisruptionTarget`); Count, and no match, count it. FailIndex counts it and fails its index at once, with no retry (with `backoffLimitPerIndex`).'),
  'Job:spec.podReplacementPolicy': T('kube-controller-manager', 'yes', JOB, '`Failed`: the Job controller creates a replacement only once a terminating Pod has fully stopped.', '`TerminatingOrFailed` (the default without a pod failure policy): a deleted pod counts as failed at once and is replaced (after the back-off) while it terminates; `Failed` (the default with one): it keeps its place until it is gone. `status.terminating` counts the pods on their way out.'),
  'Job:spec.successPolicy': T('kube-controller-manager', 'no', JOB, 'For Indexed Jobs: which succeeded indexes make the Job succeed early.', ''),
  'Job:spec.suspend': T('kube-controller-manager', 'yes', JOB, '`true`: the Job controller creates no Pods and deletes the running ones.', 'no Pods while true (the running ones are deleted), the Suspended condition and event; resuming resets `startTime`, the clock of `activeDeadlineSeconds`.'),

  // Storage.
  'PersistentVolume:spec.mountOptions': T('kubelet', 'no', doc('Persistent Volumes', 'concepts/storage/persistent-volumes/#mount-options'), 'The **kubelet** passes these options to `mount` when it mounts the volume on a node.', 'nothing is mounted.'),
  'PersistentVolume:spec.nodeAffinity': T('kube-scheduler', 'no', doc('Persistent Volumes', 'concepts/storage/persistent-volumes/#node-affinity'), "**kube-scheduler**'s VolumeBinding places Pods that use the volume only on nodes it allows.", 'not checked for volumes you write (provisioned ones are pinned to their node).'),
  'PersistentVolume:spec.volumeMode': T('kubelet', 'no', doc('Persistent Volumes', 'concepts/storage/persistent-volumes/#volume-mode'), '`Filesystem` (default) or `Block`: a claim binds only to a volume of its mode.', ''),
  'PersistentVolume:spec.volumeAttributesClassName': T('kube-controller-manager', 'no', doc('Volume Attributes Classes', 'concepts/storage/volume-attributes-classes/'), 'Names a VolumeAttributesClass whose parameters the CSI driver applies.', ''),
  'PersistentVolumeClaim:spec.dataSource': T('kube-controller-manager', 'no', doc('Persistent Volumes', 'concepts/storage/persistent-volumes/#volume-snapshot-and-restore-volume-from-snapshot-support'), 'The provisioner fills the new volume from a snapshot or another claim.', 'the volume starts empty.'),
  'PersistentVolumeClaim:spec.dataSourceRef': T('kube-controller-manager', 'no', doc('Persistent Volumes', 'concepts/storage/persistent-volumes/#volume-populators-and-data-sources'), 'A volume populator fills the new volume from this object.', 'the volume starts empty.'),
  'PersistentVolumeClaim:spec.selector': T('kube-controller-manager', 'no', doc('Persistent Volumes', 'concepts/storage/persistent-volumes/#selector'), 'The PersistentVolume controller binds the claim only to volumes whose labels match.', 'labels are not compared when binding.'),
  'PersistentVolumeClaim:spec.volumeMode': T('kubelet', 'no', doc('Persistent Volumes', 'concepts/storage/persistent-volumes/#volume-mode'), '`Filesystem` (default) or `Block`: the claim binds only to a volume of this mode.', ''),
  'PersistentVolumeClaim:spec.volumeAttributesClassName': T('kube-controller-manager', 'no', doc('Volume Attributes Classes', 'concepts/storage/volume-attributes-classes/'), 'Names a VolumeAttributesClass whose parameters the CSI driver applies.', ''),

  // Configuration, accounts, namespaces, quota and storage classes.
  'ConfigMap:binaryData': T('kubelet', 'partly', CONFIGMAP, 'The **kubelet** projects it into Pods as files (binary values, base64 in the manifest).', 'the keys are, as in `data`; the values are not used.', true),
  'ConfigMap:immutable': T('kube-apiserver', 'yes', CONFIGMAP, '`true`: kube-apiserver refuses any change to the data, and the **kubelet** stops watching it.', 'once `true`, changing `data` or `binaryData`, or setting it back, is refused with kube-apiserver\'s ``data: Forbidden: field is immutable when `immutable` is set``; delete and create it again instead.'),
  'Secret:data': T('kubelet', 'partly', doc('Secrets', 'concepts/configuration/secret/'), 'The **kubelet** projects it into Pods as environment variables or files (values base64 in the manifest).', 'the keys are: Pods that reference a missing Secret or key wait (CreateContainerConfigError, FailedMount); the values are not used.', true),
  'Secret:stringData': T('kube-apiserver', 'yes', doc('Secrets', 'concepts/configuration/secret/'), 'Write-only convenience: kube-apiserver writes each entry into `data` (its UTF-8 bytes, base64 in the manifest), over a `data` key of the same name.', 'it is never stored: `kubectl get secret -o yaml` shows only `data`, and its keys are validated (and reported) as `data[key]`.', true),
  'Secret:type': T('kube-apiserver', 'partly', doc('Secrets', 'concepts/configuration/secret/#secret-types'), 'kube-apiserver checks the keys a type requires (`tls.crt` and `tls.key` for `kubernetes.io/tls`…).', 'the keys are checked with kube-apiserver\'s messages (`data[tls.key]: Required value`), and `kubernetes.io/service-account-token` needs its service account annotation; the contents are not parsed (a `.dockerconfigjson` that is not JSON is accepted).'),
  'Secret:immutable': T('kube-apiserver', 'yes', doc('Secrets', 'concepts/configuration/secret/'), '`true`: kube-apiserver refuses any change to the data, and the **kubelet** stops watching it.', 'once `true`, changing `data` (or `stringData`), or setting it back, is refused with kube-apiserver\'s ``data: Forbidden: field is immutable when `immutable` is set``; delete and create it again instead.'),
  'ServiceAccount:automountServiceAccountToken': T('kube-apiserver', 'no', SA, '`false`: Pods of this account get no token volume unless they ask for one.', 'no token volume is added in any case.'),
  'ServiceAccount:imagePullSecrets': T('kube-apiserver', 'no', SA, 'The ServiceAccount admission plugin copies them into the Pods of this account.', 'pulls need no credentials.'),
  'ServiceAccount:secrets': T('kube-apiserver', 'no', SA, 'Secrets Pods of this account may use (legacy token Secrets).', ''),
  'Namespace:spec.finalizers': T('kube-controller-manager', 'no', NAMESPACES, 'The **namespace controller** removes `kubernetes` once everything in the Namespace is deleted; until then it stays Terminating.', 'deletes are immediate.'),
  'ResourceQuota:spec.scopes': T('kube-apiserver', 'no', doc('Resource Quotas', 'concepts/policy/resource-quotas/#quota-scopes'), 'The quota counts only objects in these scopes (`BestEffort`, `Terminating`, `PriorityClass`…).', 'every Pod of the namespace counts.'),
  'ResourceQuota:spec.scopeSelector': T('kube-apiserver', 'no', doc('Resource Quotas', 'concepts/policy/resource-quotas/#quota-scopes'), 'The quota counts only objects that match these scope expressions.', 'every Pod of the namespace counts.'),
  'StorageClass:parameters': T('kube-controller-manager', 'no', doc('Storage Classes', 'concepts/storage/storage-classes/'), 'Passed to the provisioner (disk type, replication…).', ''),
  'StorageClass:mountOptions': T('kubelet', 'no', doc('Storage Classes', 'concepts/storage/storage-classes/'), 'Copied to the volumes it provisions; the **kubelet** passes them to `mount`.', 'nothing is mounted.'),
  'StorageClass:allowVolumeExpansion': T('kube-apiserver', 'no', doc('Storage Classes', 'concepts/storage/storage-classes/'), '`true`: claims of the class may grow (kube-apiserver allows the resize, the CSI driver expands the volume).', ''),
  'StorageClass:allowedTopologies': T('kube-scheduler', 'no', doc('Storage Classes', 'concepts/storage/storage-classes/'), 'Restricts where the provisioner may create volumes; VolumeBinding honours it.', ''),
  'ReplicationController:spec.minReadySeconds': T('kube-controller-manager', 'yes', doc('ReplicationController', 'concepts/workloads/controllers/replicationcontroller/'), 'The controller counts a Pod available only after it has been Ready this long.', '`availableReplicas` counts a Pod once its Ready condition has been True for longer than this.'),

  // Nodes.
  'Node:spec.providerID': T('cloud-controller-manager', 'no', NODES, 'The cloud provider\'s ID of the machine; the cloud node controller sets it.', ''),
  'Node:spec.configSource': T('kubelet', 'no', NODES, 'Deprecated dynamic kubelet configuration; ignored since v1.24.', ''),
  'Node:spec.externalID': T('kubelet', 'no', NODES, 'Deprecated; not used.', ''),
};

/** Volume sources whose storage the simulation does not model: the Pod's containers start as if each was mounted. */
const UNMODELLED_VOLUME_SOURCES = [
  'awsElasticBlockStore', 'azureDisk', 'azureFile', 'cephfs', 'cinder', 'csi', 'ephemeral', 'fc', 'flexVolume', 'flocker', 'gcePersistentDisk',
  'gitRepo', 'glusterfs', 'hostPath', 'image', 'iscsi', 'nfs', 'photonPersistentDisk', 'portworxVolume', 'quobyte', 'rbd', 'scaleIO', 'storageos', 'vsphereVolume',
];
/** A PersistentVolume's backing storage: every source of PersistentVolumeSpec (binding reads only capacity, access modes and class). */
const PV_SOURCES = [...UNMODELLED_VOLUME_SOURCES.filter((s) => !['configMap', 'ephemeral', 'gitRepo', 'image'].includes(s)), 'local'];

function derived(): Record<string, FieldTeaching> {
  const out: Record<string, FieldTeaching> = {};
  for (const v of UNMODELLED_VOLUME_SOURCES) {
    out[`pod:volumes[].${v}`] = T('kubelet', 'no', VOLUMES, `The **kubelet** (or a CSI driver) mounts a \`${v}\` volume on the node before starting the containers.`, 'the containers start as if it was mounted; no files exist.');
  }
  for (const v of PV_SOURCES) {
    out[`PersistentVolume:spec.${v}`] = T('kubelet', 'no', doc('Persistent Volumes', 'concepts/storage/persistent-volumes/'), `The storage behind the volume: the **kubelet** (or its CSI driver) attaches and mounts it on the node of a Pod that uses it.`, 'binding reads the capacity, access modes and class; no storage exists.');
  }
  // Init containers are containers: each container field teaches the same there.
  for (const [key, t] of Object.entries(LESSONS)) {
    if (key.startsWith('pod:containers[].')) out[`pod:initContainers[].${key.slice('pod:containers[].'.length)}`] = t;
  }
  return out;
}

export const TEACHING: Readonly<Record<string, FieldTeaching>> = { ...derived(), ...LESSONS };

/**
 * Fields of the simulated kinds that the engine reads and acts on but that have no lesson above yet:
 * with {@link TEACHING}, every field of a simulated kind is either modelled (here, or `yes`/`partly`
 * there) or reported as not modelled (`no` there). test/unit/knowledge/fieldCoverage.test.ts checks it against the API table.
 */
export const MODELLED_WITHOUT_LESSON: ReadonlySet<string> = new Set([
  'pod:overhead', 'pod:priority',
  'pod:containers[].name', 'pod:containers[].envFrom', 'pod:containers[].restartPolicy',
  'pod:initContainers[].name', 'pod:initContainers[].envFrom', 'pod:initContainers[].restartPolicy',
  'pod:volumes[].name', 'pod:volumes[].configMap', 'pod:volumes[].secret', 'pod:volumes[].persistentVolumeClaim', 'pod:volumes[].emptyDir', 'pod:volumes[].projected', 'pod:volumes[].downwardAPI',
  'Service:spec.clusterIPs', 'Service:spec.externalName', 'Service:spec.ports[].name', 'Service:spec.ports[].port', 'Service:spec.ports[].protocol',
  'ReplicaSet:spec.template', 'StatefulSet:spec.template', 'StatefulSet:spec.updateStrategy', 'StatefulSet:spec.ordinals',
  'DaemonSet:spec.template', 'DaemonSet:spec.updateStrategy', 'Job:spec.template', 'CronJob:spec.jobTemplate',
  'CronJob:spec.startingDeadlineSeconds', 'CronJob:spec.successfulJobsHistoryLimit', 'CronJob:spec.failedJobsHistoryLimit',
  'PersistentVolume:spec.accessModes', 'PersistentVolume:spec.capacity', 'PersistentVolume:spec.claimRef', 'PersistentVolume:spec.storageClassName', 'PersistentVolume:spec.persistentVolumeReclaimPolicy',
  'PersistentVolumeClaim:spec.accessModes', 'PersistentVolumeClaim:spec.resources', 'PersistentVolumeClaim:spec.storageClassName', 'PersistentVolumeClaim:spec.volumeName',
  'Node:spec.podCIDRs',
  'ReplicationController:spec.replicas', 'ReplicationController:spec.selector', 'ReplicationController:spec.template',
  'EndpointSlice:addressType', 'EndpointSlice:ports', 'Endpoints:subsets',
  'LimitRange:spec.limits', 'ResourceQuota:spec.hard',
  'PriorityClass:value', 'PriorityClass:globalDefault', 'PriorityClass:preemptionPolicy', 'PriorityClass:description',
  'StorageClass:provisioner', 'StorageClass:reclaimPolicy', 'StorageClass:volumeBindingMode',
  'RuntimeClass:handler', 'RuntimeClass:overhead', 'RuntimeClass:scheduling',
  'PodDisruptionBudget:spec.minAvailable', 'PodDisruptionBudget:spec.maxUnavailable', 'PodDisruptionBudget:spec.selector', 'PodDisruptionBudget:spec.unhealthyPodEvictionPolicy',
]);

/**
 * The teaching entry for a key, or the nearest ancestor entry that covers its children
 * (`pod:nodeSelector.disktype` → `pod:nodeSelector`). `value` picks a value entry first.
 */
export function teachingFor(key: string, value?: string): FieldTeaching | undefined {
  if (value !== undefined) {
    const v = TEACHING[`${key}=${value}`];
    if (v) return v;
  }
  const exact = TEACHING[key];
  if (exact) return exact;
  for (let cut = lastSeparator(key); cut > 0; cut = lastSeparator(key.slice(0, cut))) {
    const parent = TEACHING[key.slice(0, cut)];
    if (parent) return parent.children ? parent : undefined;
  }
  return undefined;
}

function lastSeparator(key: string): number {
  const colon = key.indexOf(':');
  const i = Math.max(key.lastIndexOf('.'), key.lastIndexOf('[]'));
  return i > colon ? i : -1;
}

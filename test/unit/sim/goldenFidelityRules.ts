/** The rules of the fidelity golden scenarios (scheduling plugins, kubelet lifecycle, controllers and networking). */
import assert from 'node:assert/strict';
import type { ClusterSnapshot } from '../../../src/core/sim';

type Output = ClusterSnapshot;
type Rule = (out: Output, code: number) => void;

/** The pods of a Deployment (their names start with it). */
const podsOf = (o: Output, prefix: string): Output['pods'] => o.pods.filter((p) => p.name.startsWith(`${prefix}-`));

/** name → assertions. */
export const FIDELITY_RULES: Record<string, Rule> = {
  /** https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/#spread-constraint-definition */
  'topology-spread-control-plane-counts-as-domain': (o, code) => {
    assert.equal(code, 0);
    const web = podsOf(o, 'web');
    assert.deepEqual(web.map((p) => p.node).filter(Boolean).sort(), ['worker-1', 'worker-2']);
    const pending = web.filter((p) => p.phase === 'Pending');
    assert.equal(pending.length, 1, 'the third replica would make skew 2 against the empty control-plane domain');
    assert.match(pending[0].message ?? '', /2 node\(s\) didn't match pod topology spread constraints\./);
    const api = podsOf(o, 'api');
    assert.ok(api.every((p) => p.phase === 'Running'), 'nodeTaintsPolicy: Honor leaves the control plane out');
  },
};

/** https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#container-restarts */
FIDELITY_RULES['container-command-ends-crash-loop-back-off'] = (o, code) => {
  assert.equal(code, 0);
  const hello = podsOf(o, 'hello')[0];
  assert.deepEqual([hello.phase, hello.reason, hello.ready], ['Running', 'CrashLoopBackOff', false]);
  assert.ok(hello.restarts >= 3, `restarted ${hello.restarts} times`);
  const backOff = o.events.filter((e) => e.reason === 'BackOff').map((e) => e.time);
  assert.deepEqual(backOff.slice(1).map((t, i) => t - backOff[i]), [16, 26, 46].slice(0, backOff.length - 1), 'back-off 10 s, 20 s, 40 s (+ the 5 s run and 1 s start)');
  const fails = o.pods.find((p) => p.name === 'fails');
  assert.deepEqual([fails?.phase, fails?.reason], ['Failed', 'Error']);
  const nap = podsOf(o, 'nap')[0];
  assert.deepEqual([nap.phase, nap.reason], ['Succeeded', 'Completed']);
  assert.equal(o.events.find((e) => e.reason === 'Completed')?.time, 11, 'started at 6, slept 5 s');
};

const pod = (o: Output, name: string): Output['pods'][number] => {
  const p = o.pods.find((x) => x.name === name);
  assert.ok(p, `pod ${name}`);
  return p;
};
const eventsOf = (o: Output, name: string, reason: string): Output['events'] => o.events.filter((e) => e.object?.name === name && e.reason === reason);

/** https://kubernetes.io/docs/concepts/configuration/configmap/#using-configmaps-as-environment-variables (and #optional-configmaps) */
FIDELITY_RULES['configmap-missing-blocks-container-start'] = (o, code) => {
  assert.equal(code, 0);
  const env = eventsOf(o, 'env-missing', 'Failed');
  assert.equal(env[0]?.message, 'Error: configmap "app-config" not found');
  assert.equal(env[0]?.type, 'Warning');
  assert.equal(eventsOf(o, 'volume-missing', 'FailedMount')[0]?.message, 'MountVolume.SetUp failed for volume "config" : configmap "app-config" not found');
  assert.ok(eventsOf(o, 'optional-secret', 'Started')[0].time < 60, 'the optional reference does not block');
  for (const name of ['env-missing', 'volume-missing']) {
    assert.ok(eventsOf(o, name, 'Started')[0].time >= 60, `${name} starts once the ConfigMap exists`);
    assert.equal(pod(o, name).reason, 'Running');
  }
};

/** https://kubernetes.io/docs/concepts/containers/images/#imagepullbackoff */
FIDELITY_RULES['image-pull-fails-back-off'] = (o, code) => {
  assert.equal(code, 0);
  assert.deepEqual([pod(o, 'bad-reference').phase, pod(o, 'bad-reference').reason], ['Pending', 'InvalidImageName']);
  assert.match(eventsOf(o, 'bad-reference', 'InspectFailed')[0]?.message ?? '', /couldn't parse image name "Nginx:1\.27": invalid reference format$/);
  const p = podsOf(o, 'unpullable')[0];
  assert.equal(p.phase, 'Pending');
  assert.ok(['ErrImagePull', 'ImagePullBackOff'].includes(p.reason), p.reason);
  const pulls = eventsOf(o, p.name, 'Pulling').map((e) => e.time);
  assert.deepEqual(pulls.slice(1).map((t, i) => t - pulls[i]), [11, 21, 41].slice(0, pulls.length - 1), 'pulled again after 10 s, 20 s, 40 s of back-off');
  assert.ok(eventsOf(o, p.name, 'Failed').some((e) => e.message === 'Error: ImagePullBackOff'));
};

/** https://kubernetes.io/docs/concepts/workloads/pods/init-containers/#understanding-init-containers */
FIDELITY_RULES['init-containers-run-in-order'] = (o, code) => {
  assert.equal(code, 0);
  const started = (name: string, container: string): number => {
    const e = eventsOf(o, name, 'Started').find((x) => x.message === `Started container ${container}`);
    assert.ok(e, `${name}/${container} started`);
    return e.time;
  };
  assert.ok(started('with-init', 'wait') + 10 <= started('with-init', 'proxy'), 'the sidecar starts after `sleep 10` completes');
  assert.ok(started('with-init', 'proxy') < started('with-init', 'app'), 'the app starts after the init containers');
  assert.deepEqual([pod(o, 'with-init').phase, pod(o, 'with-init').reason], ['Running', 'Running']);
  assert.deepEqual([pod(o, 'init-forever').phase, pod(o, 'init-forever').reason], ['Pending', 'Init:0/1']);
  assert.equal(eventsOf(o, 'init-forever', 'Started').length, 1, 'the app container never starts');
  assert.deepEqual([pod(o, 'init-fails').phase, pod(o, 'init-fails').reason], ['Failed', 'Init:Error']);
};

/** https://kubernetes.io/docs/concepts/workloads/pods/init-containers/#init-containers-in-use */
FIDELITY_RULES['init-container-waits-for-service'] = (o, code) => {
  const at = (name: string, reason: string, message: string): number[] => eventsOf(o, name, reason).filter((e) => e.message === message).map((e) => e.time);
  assert.deepEqual(at('myapp-pod', 'Pulling', 'Pulling image "busybox:1.28"').length, 1, 'the image is pulled once, for the first init container');
  const [myservice] = at('myapp-pod', 'Started', 'Started container init-myservice');
  const [mydb] = at('myapp-pod', 'Started', 'Started container init-mydb');
  const [app] = at('myapp-pod', 'Started', 'Started container myapp-container');
  assert.ok(myservice < 61, 'init-myservice runs before its Service exists');
  assert.ok(mydb >= 61 && mydb <= 61 + 2 + 1, `init-mydb starts at the loop's next attempt after myservice is created at 61 s (+1 s to start): ${mydb}`);
  assert.ok(app >= 90 && app <= 90 + 2 + 2, `the app container starts once mydb exists (90 s): ${app}`);
  assert.deepEqual(eventsOf(o, 'myapp-pod', 'Pulled').slice(1).map((e) => e.message), ['Container image "busybox:1.28" already present on machine', 'Container image "busybox:1.28" already present on machine']);
  assert.deepEqual([pod(o, 'myapp-pod').phase, pod(o, 'myapp-pod').reason], ['Running', 'Running']);
  assert.deepEqual([pod(o, 'waits-for-endpoint').phase, pod(o, 'waits-for-endpoint').reason], ['Pending', 'Init:0/1'], 'db exists but has no ready endpoint: nc -z keeps failing');
  assert.equal(eventsOf(o, 'waits-for-endpoint', 'Started').length, 1, 'only the init container started');
  assert.match(String(code), /^[01]$/);
};

/** https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#volume-claim-templates */
FIDELITY_RULES['statefulset-creates-claims-before-pods'] = (o, code) => {
  assert.equal(code, 0);
  const created = o.events.filter((e) => e.reason === 'SuccessfulCreate' && e.object?.kind === 'StatefulSet').map((e) => e.message);
  assert.deepEqual(created, [
    'create Claim www-web-0 Pod web-0 in StatefulSet web success', 'create Pod web-0 in StatefulSet web successful',
    'create Claim www-web-1 Pod web-1 in StatefulSet web success', 'create Pod web-1 in StatefulSet web successful',
  ]);
  assert.deepEqual(o.events.filter((e) => e.reason === 'ProvisioningSucceeded').map((e) => e.object?.name), ['www-web-0', 'www-web-1']);
  assert.deepEqual(o.pods.map((p) => [p.name, p.phase]), [['web-0', 'Running'], ['web-1', 'Running']]);
  assert.equal(o.events.filter((e) => e.reason === 'FailedScheduling').length, 0, 'no pod waits for a missing claim');
};

/** https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#define-a-liveness-command */
FIDELITY_RULES['liveness-probe-fails-when-its-file-goes'] = (o, code) => {
  assert.equal(code, 0);
  const started = eventsOf(o, 'liveness-exec', 'Started').map((e) => e.time);
  const kills = eventsOf(o, 'liveness-exec', 'Killing').map((e) => e.time);
  assert.ok(kills.length >= 1, 'killed at least once');
  assert.equal(kills[0] - started[0], 45, 'file gone at 30 s; probes every 5 s from 5 s fail at 30, 35, 40: killed at 45 s');
  assert.equal(started[1] - kills[0], 31, 'the shell ignores SIGTERM: SIGKILLed when the 30 s grace period ends, then started again');
  assert.equal(eventsOf(o, 'liveness-exec', 'Unhealthy')[0]?.message, "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory");
  assert.deepEqual(eventsOf(o, 'liveness-exec', 'Unhealthy').slice(0, 3).map((e) => e.time - started[0]), [30, 35, 40], 'one Unhealthy per failed probe');
  assert.ok(Number(pod(o, 'liveness-exec').restarts) >= 1);
  const flaky = pod(o, 'ready-then-not');
  assert.deepEqual([flaky.phase, flaky.ready], ['Running', false], 'Ready until /tmp/ready is removed');
  assert.equal(eventsOf(o, 'ready-then-not', 'Unhealthy')[0]?.message, "Readiness probe failed: cat: can't open '/tmp/ready': No such file or directory");
  assert.equal(o.services.find((s) => s.name === 'flaky')?.endpoints.length, 0, 'out of the endpoints');
};

/** https://kubernetes.io/docs/concepts/workloads/controllers/job/#job-termination-and-cleanup */
FIDELITY_RULES['job-deadline-fails-ttl-deletes'] = (o, code) => {
  assert.equal(code, 0);
  const deadline = o.events.filter((e) => e.reason === 'DeadlineExceeded');
  assert.deepEqual(deadline.map((e) => [e.object?.name, e.type, e.message]), [['slow', 'Warning', 'Job was active longer than specified deadline']]);
  const created = o.events.find((e) => e.reason === 'SuccessfulCreate' && e.object?.name === 'slow');
  assert.equal((deadline[0]?.time ?? 0) - (created?.time ?? 0), 30, 'activeDeadlineSeconds: 30 from the Job\'s start');
  assert.equal(o.pods.some((p) => p.name.startsWith('slow-')), false, 'its running pod is deleted');
  assert.equal(o.workloads.some((w) => w.name === 'pi-with-ttl'), false, 'deleted 100 s after it completed');
  assert.equal(o.pods.some((p) => p.name.startsWith('pi-with-ttl-')), false, 'its pod with it');
  assert.deepEqual(o.pods.map((p) => [p.name.replace(/-[a-z0-9]{5}$/, ''), p.phase]), [['pi-with-timeout', 'Succeeded']], 'a Job that finishes in time is kept');
};

/** https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/ */
FIDELITY_RULES['readiness-probe-gates-endpoints-liveness-probe-restarts'] = (o, code) => {
  assert.equal(code, 0);
  const slow = podsOf(o, 'slow-ready')[0];
  assert.deepEqual([slow.phase, slow.ready, slow.containersReady], ['Running', false, '0/1'], 'initialDelaySeconds 15 has not passed');
  assert.deepEqual(o.services.find((s) => s.name === 'slow')?.endpoints, [], 'not Ready: not an endpoint');
  assert.equal(pod(o, 'never-ready').ready, false);
  const killed = eventsOf(o, 'liveness-fails', 'Killing');
  assert.equal(killed[0]?.message, 'Container app failed liveness probe, will be restarted');
  assert.equal(killed[0]?.time, eventsOf(o, 'liveness-fails', 'Started')[0].time + 3 * 2, 'after periodSeconds × failureThreshold');
  assert.equal(pod(o, 'liveness-fails').restarts, 1);
};

/** https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/#taint-based-evictions */
FIDELITY_RULES['noexecute-taint-evicts-pods-landing-later'] = (o, code) => {
  assert.equal(code, 0);
  const evicted = (name: string): number | undefined => o.events.find((e) => e.reason === 'TaintManagerEviction' && e.object?.name === name)?.time;
  assert.equal(evicted('no-toleration'), 100, 'no matching toleration: evicted at once');
  assert.equal(evicted('tolerates-60s'), 160, 'tolerationSeconds counts from the binding, not from the old taint');
};

/** https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#recreate-deployment */
FIDELITY_RULES['deployment-recreate-replaces-after-old-pods-gone'] = (o, code) => {
  assert.equal(code, 0);
  const scaled = o.events.filter((e) => e.reason === 'ScalingReplicaSet');
  assert.equal(scaled.length, 3);
  assert.match(scaled[1].message, /^Scaled down replica set db-\w+ from 2 to 0$/);
  assert.match(scaled[2].message, /^Scaled up replica set db-\w+ from 0 to 2$/);
  const lastOldGone = Math.max(...o.events.filter((e) => e.reason === 'Killing').map((e) => e.time));
  assert.ok(scaled[2].time > lastOldGone, 'the new ReplicaSet scales up only after the old pods are gone');
  assert.deepEqual(o.workloads, [{ kind: 'Deployment', namespace: 'default', name: 'db', desired: 2, ready: 2 }]);
};

/** https://kubernetes.io/docs/reference/command-line-tools-reference/kube-controller-manager/ (--cluster-cidr, --node-cidr-mask-size 24) */
FIDELITY_RULES['node-ipam-cidr-not-available'] = (o, code) => {
  assert.equal(code, 0);
  const third = o.cluster.nodes.find((n) => n.name === 'kind-worker2');
  assert.ok(third);
  assert.deepEqual([third.podCIDR, third.ready], [null, false]);
  assert.ok(third.taints.includes('node.kubernetes.io/not-ready:NoSchedule'));
  assert.equal(o.events.find((e) => e.reason === 'CIDRNotAvailable')?.message, 'Node kind-worker2 status is now: CIDRNotAvailable');
  assert.ok(o.pods.every((p) => p.node === 'kind-worker' && p.reason === 'Running'), 'no pod goes to the node without a pod network');
};

/** https://kubernetes.io/docs/concepts/services-networking/service/#services-without-selectors and #externalname */
FIDELITY_RULES['service-without-selector-uses-user-endpoints'] = (o, code) => {
  assert.equal(code, 0);
  const svc = (name: string): Output['services'][number] | undefined => o.services.find((s) => s.name === name);
  assert.deepEqual(svc('legacy-db')?.endpoints, ['192.168.10.5:5432', '192.168.10.6:5432'], 'mirrored from the Endpoints object');
  assert.deepEqual(svc('metrics')?.endpoints, ['192.168.10.20:9100'], 'from the hand-written EndpointSlice');
  assert.deepEqual(svc('external-db')?.endpoints, [], 'no selector, nothing written: no endpoints');
  assert.deepEqual([svc('search')?.clusterIP, svc('search')?.externalName, svc('search')?.endpoints], [null, 'search.example.com', []]);
};

/** https://kubernetes.io/docs/concepts/configuration/overview/#services (hostPort) and the NodePorts plugin */
FIDELITY_RULES['host-port-one-pod-per-node'] = (o, code) => {
  assert.equal(code, 0);
  const pods = podsOf(o, 'ingress');
  assert.deepEqual(pods.map((p) => p.node).filter(Boolean).sort(), ['worker-1', 'worker-2']);
  const pending = pods.filter((p) => p.phase === 'Pending');
  assert.equal(pending.length, 1);
  assert.match(pending[0].message, /2 node\(s\) didn't have free ports for the requested pod ports\./);
};

/** https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#inter-pod-affinity-and-anti-affinity */
FIDELITY_RULES['pod-affinity-co-locates-with-selected-pods'] = (o, code) => {
  assert.equal(code, 0);
  const cacheNode = podsOf(o, 'cache')[0].node;
  assert.ok(cacheNode);
  assert.deepEqual(podsOf(o, 'web').map((p) => p.node), [cacheNode, cacheNode]);
  assert.equal(pod(o, 'lonely').phase, 'Pending');
  assert.match(pod(o, 'lonely').message, /2 node\(s\) didn't match pod affinity rules.*3 Preemption is not helpful for scheduling\.$/);
};

/** https://kubernetes.io/docs/concepts/storage/storage-classes/#volume-binding-mode and the VolumeBinding plugin */
FIDELITY_RULES['volume-binding-waits-for-claims'] = (o, code) => {
  assert.equal(code, 0);
  assert.deepEqual([pod(o, 'uses-data').phase, pod(o, 'uses-data').reason], ['Running', 'Running']);
  assert.match(pod(o, 'claim-missing').message, /^0\/3 nodes are available: persistentvolumeclaim "missing" not found\. preemption: 0\/3 nodes are available: 3 Preemption is not helpful for scheduling\.$/);
  assert.match(pod(o, 'claim-unbound').message, /^0\/3 nodes are available: pod has unbound immediate PersistentVolumeClaims\./);
  const reasons = o.events.filter((e) => e.object?.name === 'data' && e.component !== 'kubectl').map((e) => e.reason);
  assert.deepEqual(reasons, ['WaitForFirstConsumer', 'ExternalProvisioning', 'Provisioning', 'ProvisioningSucceeded'], 'bound when its first pod is scheduled');
  assert.deepEqual(eventsOf(o, 'static', 'ProvisioningFailed').map((e) => [e.type, e.message]), [['Warning', 'no volume plugin matched name: kubernetes.io/no-provisioner']]);
};

/** pv_controller.go syncUnboundClaim and provisionClaim: why a claim waits, and what ends the wait. */
FIDELITY_RULES['volume-provisioning-needs-class-and-provisioner'] = (o, code) => {
  assert.equal(code, 0);
  const said = (name: string): string[][] => o.events.filter((e) => e.object?.name === name && e.component !== 'kubectl').map((e) => [e.component ?? '', e.reason, e.message]);
  assert.deepEqual(said('fast-data').slice(0, 2), [
    ['persistentvolume-controller', 'ProvisioningFailed', 'storageclass.storage.k8s.io "fast" not found'],
    ['persistentvolume-controller', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding'],
  ]);
  assert.deepEqual(said('fast-data').slice(2).map((e) => e[1]), ['ExternalProvisioning', 'Provisioning', 'ProvisioningSucceeded'], 'the class created later provisions it');
  assert.deepEqual([pod(o, 'uses-fast').phase, pod(o, 'uses-fast').reason], ['Running', 'Running'], 'the waiting pod is retried when the class appears');
  assert.deepEqual(said('no-class'), [['persistentvolume-controller', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set']]);
  assert.deepEqual(said('disk').map((e) => e[2]), ["Waiting for a volume to be created either by the external provisioner 'ebs.csi.aws.com' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered."]);
  assert.deepEqual(said('shared'), [], 'the volume written by hand binds it at once');
};

/** https://kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption/#preemption */
FIDELITY_RULES['priority-preemption-evicts-lower-priority'] = (o, code) => {
  assert.equal(code, 0);
  assert.deepEqual([pod(o, 'payments').phase, pod(o, 'payments').reason], ['Running', 'Running']);
  const preempted = o.events.filter((e) => e.reason === 'Preempted');
  assert.equal(preempted.length, 1, 'one victim is enough');
  assert.match(preempted[0].message, new RegExp(`^Preempted by pod [0-9a-f-]+ on node ${pod(o, 'payments').node}$`));
  const failed = o.events.find((e) => e.reason === 'FailedScheduling' && e.object?.name === 'payments');
  assert.ok(failed && !/No preemption victims/.test(failed.message), 'the message never claims there are no victims when there are');
  assert.equal(podsOf(o, 'batch').filter((p) => p.phase === 'Pending').length, 1, 'the evicted replica is recreated and waits');
};

/** https://kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption/#poddisruptionbudget-is-supported-but-not-guaranteed */
FIDELITY_RULES['preemption-prefers-victims-without-pdb-violation'] = (o, code) => {
  assert.equal(code, 0);
  assert.deepEqual([pod(o, 'payments').phase, pod(o, 'payments').node], ['Running', 'worker-2'], 'the node whose victim no PDB protects');
  const preempted = o.events.filter((e) => e.reason === 'Preempted');
  assert.deepEqual(preempted.map((e) => e.object?.name.split('-')[0]), ['batch'], 'only the unprotected pod is preempted');
  assert.deepEqual(podsOf(o, 'guarded').map((p) => [p.phase, p.node]), [['Running', 'worker-1']], 'the PDB-protected pod keeps running');
};

/** https://kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption/#user-exposed-information */
FIDELITY_RULES['nominated-node-reserved-for-preemptor'] = (o, code) => {
  assert.equal(code, 0);
  assert.deepEqual(['first', 'second'].map((n) => [pod(o, n).phase, pod(o, n).node]), [['Running', 'worker-1'], ['Running', 'worker-2']]);
  const preempted = o.events.filter((e) => e.reason === 'Preempted');
  assert.equal(preempted.length, 2, 'each preemptor frees one node once: no replacement steals a freed node');
  assert.deepEqual(podsOf(o, 'batch').map((p) => p.phase), ['Pending', 'Pending'], 'the recreated batch pods wait');
};

/** https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/ */
FIDELITY_RULES['replicationcontroller-keeps-replicas'] = (o, code) => {
  assert.equal(code, 0);
  const pods = podsOf(o, 'redis-master');
  assert.deepEqual(pods.map((p) => [p.phase, p.owner?.kind]), [['Running', 'ReplicationController'], ['Running', 'ReplicationController']]);
  assert.ok(!o.events.some((e) => e.reason === 'NotSimulated'), 'no longer stored without behaviour');
  assert.equal(o.errors.length, 0, 'no "not simulated" warning');
};

/** https://kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption/#effect-of-pod-priority-on-scheduling-order */
FIDELITY_RULES['scheduling-queue-sorts-by-priority'] = (o, code) => {
  assert.equal(code, 0);
  assert.deepEqual([pod(o, 'urgent').phase, pod(o, 'urgent').node], ['Running', 'worker-1'], 'the higher-priority pod is popped first');
  assert.deepEqual([pod(o, 'early').phase, pod(o, 'early').node], ['Pending', null], 'the earlier, lower-priority pod waits');
  const scheduled = o.events.filter((e) => e.reason === 'Scheduled').map((e) => e.object?.name);
  assert.deepEqual(scheduled, ['urgent'], 'the low-priority pod was never bound');
  assert.ok(!o.events.some((e) => e.reason === 'Preempted'), 'nothing to preempt: the order did it');
};

/** https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/ (activeDeadlineSeconds); pkg/kubelet/active_deadline.go */
FIDELITY_RULES['pod-active-deadline-exceeded-fails-pod'] = (o, code) => {
  assert.equal(code, 0);
  const pod = (name: string): Output['pods'][number] => o.pods.find((p) => p.name === name) as Output['pods'][number];
  // The pod's status.reason is DeadlineExceeded (its message below); kubectl's STATUS column shows its killed container's
  // terminated reason, Error (exit 137), as printPod lets a container's reason override the pod's.
  assert.deepEqual([pod('limited').phase, pod('limited').reason, pod('limited').message], ['Failed', 'Error', 'Pod was active on the node longer than the specified deadline']);
  assert.equal(pod('unlimited').phase, 'Running');
  const deadline = o.events.filter((e) => e.reason === 'DeadlineExceeded');
  assert.deepEqual(deadline.map((e) => [e.time, e.type, e.component, e.object?.name]), [[30, 'Normal', 'kubelet', 'limited']], '30 s after startTime (bound at 0)');
  assert.deepEqual(o.events.filter((e) => e.reason === 'Killing').map((e) => [e.time, e.object?.name, e.message]), [[30, 'limited', 'Stopping container app']]);
};

/** https://kubernetes.io/docs/concepts/scheduling-eviction/pod-scheduling-readiness/ */
FIDELITY_RULES['scheduling-gated-pod-waits-for-gates'] = (o, code) => {
  assert.equal(code, 0);
  assert.ok(!o.events.some((e) => e.reason === 'FailedScheduling'), 'a gated pod is never tried');
  const scheduled = o.events.filter((e) => e.reason === 'Scheduled');
  assert.deepEqual(scheduled.map((e) => e.time), [30], 'scheduled when the gates go, not before');
  assert.equal(o.pods[0]?.reason, 'Running');
};

/** https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-readiness-gate; pkg/kubelet/status/generate.go GeneratePodReadyCondition */
FIDELITY_RULES['pod-readiness-gate-holds-ready'] = (o, code) => {
  assert.equal(code, 0);
  assert.equal(o.pods.length, 2);
  for (const p of o.pods) {
    assert.deepEqual([p.phase, p.reason, p.containersReady, p.ready, p.readinessGates], ['Running', 'Running', '1/1', false, '0/1'], p.name);
  }
  assert.deepEqual(o.services.find((s) => s.name === 'gated')?.endpoints, [], 'not Ready: no ready endpoint');
  assert.equal(o.services.find((s) => s.name === 'gated')?.notReady, 2, 'listed in the EndpointSlice, not ready');
  assert.equal(o.workloads.find((w) => w.kind === 'Deployment' && w.name === 'gated')?.ready, 0);
};

/** https://kubernetes.io/docs/concepts/workloads/controllers/job/#pod-failure-policy; pkg/controller/job/pod_failure_policy.go */
FIDELITY_RULES['job-pod-failure-policy-fails-job'] = (o, code) => {
  assert.equal(code, 0);
  assert.equal(o.pods.length, 3, 'the three first pods only: no retry');
  assert.ok(o.pods.every((p) => p.phase === 'Failed'));
  const failed = o.events.filter((e) => e.reason === 'PodFailurePolicy');
  assert.equal(failed.length, 1);
  assert.match(failed[0]!.message, /^Container main for pod default\/job-pod-failure-policy-example-\S+ failed with exit code 42 matching FailJob rule at index 0$/);
  assert.equal(failed[0]!.time, 11, 'pulled in 5 s, started at 6, exits after its 5 s sleep');
  assert.ok(!o.events.some((e) => e.reason === 'BackoffLimitExceeded'));
};

/** https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#rolling-back-a-deployment (nginx:1.161) */
FIDELITY_RULES['deployment-rollout-stuck-on-missing-image-tag'] = (o, code) => {
  assert.equal(code, 0);
  const old = o.pods.filter((p) => p.reason === 'Running');
  const stuck = o.pods.filter((p) => p.reason === 'ImagePullBackOff' || p.reason === 'ErrImagePull');
  assert.equal(old.length, 3, 'the three old pods keep serving: maxUnavailable 25% of 3 is 0');
  assert.equal(stuck.length, 1, 'maxSurge 25% of 3 rounds up to 1: one new pod, stuck pulling');
  const failed = o.events.find((e) => e.reason === 'Failed' && e.message.startsWith('Failed to pull image "nginx:1.161"'));
  assert.match(failed?.message ?? '', /code = NotFound desc = failed to pull and unpack image "docker\.io\/library\/nginx:1\.161": failed to resolve reference "docker\.io\/library\/nginx:1\.161": docker\.io\/library\/nginx:1\.161: not found$/);
  assert.ok(o.events.some((e) => e.reason === 'BackOff' && e.message === 'Back-off pulling image "nginx:1.161"'));
  assert.ok(o.time >= 630, `ran past the progress deadline (600 s after the update at 30 s): t=${o.time}`);
};

/** https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/ (kuberuntime startContainer, Step 4) */
FIDELITY_RULES['poststart-hook-holds-then-fails-the-container'] = (o, code) => {
  assert.equal(code, 0);
  assert.deepEqual([pod(o, 'lifecycle-demo').reason, pod(o, 'lifecycle-demo').ready], ['Running', true], 'its echo hook returns at once');
  assert.equal(pod(o, 'warms-up').reason, 'Running', 'Running once its 15 s sleep hook returned');
  const started = eventsOf(o, 'hook-fails', 'Started').map((e) => e.time);
  const failed = eventsOf(o, 'hook-fails', 'FailedPostStartHook').map((e) => [e.time, e.type, e.message]);
  assert.deepEqual(failed[0], [started[0], 'Warning', 'PostStartHook failed'], 'the handler\'s message is left out of the event');
  assert.deepEqual(eventsOf(o, 'hook-fails', 'Killing').map((e) => [e.time, e.message])[0], [started[0], 'FailedPostStartHook']);
  assert.equal(started[1] - started[0], 31, '`sleep` ignores SIGTERM: killed when the 30 s grace period ends, then restarted at once');
  assert.deepEqual([pod(o, 'hook-fails').reason, pod(o, 'hook-fails').restarts], ['PostStartHookError', 0], 'the API shows the failed start while the kubelet kills the next one');
};

/** https://kubernetes.io/docs/tasks/configure-pod-container/assign-memory-resource/#exceed-a-containers-memory-limit */
FIDELITY_RULES['memory-limit-exceeded-oomkilled'] = (o, code) => {
  assert.equal(code, 0);
  assert.deepEqual([pod(o, 'memory-demo').reason, pod(o, 'memory-demo').restarts], ['Running', 0], '150 MiB fits its 200Mi limit');
  assert.equal(pod(o, 'memory-demo-2').reason, 'CrashLoopBackOff');
  assert.ok(pod(o, 'memory-demo-2').restarts >= 2, 'OOM-killed at each start, restarted with back-off');
  assert.equal(eventsOf(o, 'memory-demo-2', 'BackOff')[0]?.message.startsWith('Back-off restarting failed container memory-demo-2-ctr'), true);
};

/** https://kubernetes.io/docs/concepts/containers/runtime-class/ and plugin/pkg/admission/runtimeclass */
FIDELITY_RULES['runtime-class-admission-and-handler'] = (o, code) => {
  assert.equal(code, 1, 'a refused pod makes the run exit 1, as kubectl apply does');
  assert.deepEqual(o.errors.map((e) => e.message), ['pods "no-such-class" is forbidden: pod rejected: RuntimeClass "kata" not found']);
  assert.deepEqual([pod(o, 'with-overhead').phase, pod(o, 'with-overhead').reason], ['Running', 'Running']);
  assert.deepEqual([pod(o, 'sandboxed').phase, pod(o, 'sandboxed').reason], ['Pending', 'ContainerCreating']);
  assert.deepEqual(eventsOf(o, 'sandboxed', 'FailedCreatePodSandBox').map((e) => e.message), ['Failed to create pod sandbox: rpc error: code = Unknown desc = failed to get sandbox runtime: no runtime for "runsc" is configured']);
};

/** https://kubernetes.io/docs/tutorials/security/ns-level-pss/ and the PodSecurity admission plugin */
FIDELITY_RULES['pod-security-admission-enforces-namespace-levels'] = (o, code) => {
  assert.equal(code, 1, 'the refused pod makes the run exit 1, as kubectl apply does');
  const messages = o.errors.map((e) => `${e.severity}: ${e.message}`);
  assert.equal(messages.length, 3);
  assert.match(messages[0], /^warning: would violate PodSecurity "restricted:latest": allowPrivilegeEscalation != false \(container "nginx"/);
  assert.equal(messages[1], 'error: pods "privileged" is forbidden: violates PodSecurity "baseline:latest": host namespaces (hostNetwork=true), privileged (container "nginx" must not set securityContext.privileged=true)');
  assert.match(messages[2], /^warning: would violate PodSecurity "restricted:latest": allowPrivilegeEscalation != false \(container "web"/);
  assert.deepEqual([pod(o, 'nginx').phase, pod(o, 'nginx').reason], ['Running', 'Running']);
  assert.ok(o.pods.every((p) => p.namespace !== 'locked'), 'no pod of web is admitted');
  assert.ok(o.events.some((e) => e.reason === 'FailedCreate' && /forbidden: violates PodSecurity "restricted:latest"/.test(e.message)));
  assert.match(o.workloads.find((w) => w.name === 'web')?.failedCreate ?? '', /^Error creating: pods "web-[a-z0-9]+-[a-z0-9]{5}" is forbidden: violates PodSecurity/, 'the workload row says why it has no pod');
};

/** The pods of each completion index (from the generated name `<job>-<index>-<suffix>`), by phase. */
function phasesByIndex(o: Output, job: string): Record<number, string[]> {
  const out: Record<number, string[]> = {};
  for (const p of o.pods) {
    const m = new RegExp(`^${job}-(\\d+)-[a-z0-9]{5}$`).exec(p.name);
    if (m) (out[Number(m[1])] ??= []).push(p.phase);
  }
  return out;
}

/** https://kubernetes.io/docs/concepts/workloads/controllers/job/#backoff-limit-per-index; indexed_job_utils.go isIndexFailed */
FIDELITY_RULES['job-backoff-limit-per-index-fails-indexes'] = (o, code) => {
  assert.equal(code, 0);
  const byIndex = phasesByIndex(o, 'job-backoff-limit-per-index-example');
  for (let i = 0; i < 10; i++) {
    assert.deepEqual(byIndex[i], i % 2 === 0 ? ['Failed', 'Failed'] : ['Succeeded'], `index ${i}: ${i % 2 === 0 ? 'one retry, then the index fails' : 'succeeds at once'}`);
  }
  const failed = o.events.filter((e) => e.reason === 'FailedIndexes');
  assert.deepEqual(failed.map((e) => [e.type, e.message]), [['Warning', 'Job has failed indexes']], 'once every index is done');
  assert.ok(!o.events.some((e) => e.reason === 'MaxFailedIndexesExceeded' || e.reason === 'BackoffLimitExceeded'), '5 failed indexes do not pass maxFailedIndexes 5; backoffLimit defaults to MaxInt32');
  assert.equal(o.workloads.find((w) => w.kind === 'Job')?.finished, 'Failed (FailedIndexes)');
};

/** https://kubernetes.io/docs/tasks/job/pod-failure-policy/#using-pod-failure-policy-to-avoid-unnecessary-pod-retries-per-index */
FIDELITY_RULES['job-pod-failure-policy-fail-index'] = (o, code) => {
  assert.equal(code, 0);
  const byIndex = phasesByIndex(o, 'job-backoff-limit-per-index-failindex');
  assert.deepEqual(byIndex, { 0: ['Failed', 'Failed'], 1: ['Failed'], 2: ['Succeeded'], 3: ['Succeeded'] }, 'index 0 retried once; index 1 failed by FailIndex, no retry');
  // The retry of index 0 waits for its back-off: 10 s after its first pod failed (so more than 10 s after it was created).
  const created = o.events.filter((e) => e.reason === 'SuccessfulCreate' && /-0-[a-z0-9]{5}$/.test(e.message)).map((e) => e.time);
  assert.equal(created.length, 2);
  assert.ok(created[1] - created[0] >= 10, `the retry of index 0 came ${created[1] - created[0]} s after the first pod`);
  assert.deepEqual(o.events.filter((e) => e.reason === 'FailedIndexes').map((e) => e.message), ['Job has failed indexes']);
};

/** https://kubernetes.io/docs/tasks/access-application-cluster/communicate-containers-same-pod-shared-volume/ */
FIDELITY_RULES['pod-container-completes-beside-a-running-one'] = (o, code) => {
  assert.equal(code, 0);
  const p = pod(o, 'two-containers');
  assert.deepEqual([p.phase, p.reason, p.containersReady, p.ready], ['Running', 'NotReady', '1/2', false], 'the debian container ended, nginx runs on: kubectl shows 1/2 NotReady');
  assert.ok(!o.events.some((e) => e.reason === 'BackOff' || e.reason === 'Killing'), 'restartPolicy Never: no restart, nothing killed');
};

/** https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#container-restarts */
FIDELITY_RULES['pod-container-crashloops-beside-a-running-one'] = (o, code) => {
  assert.equal(code, 0);
  const p = pod(o, 'web-and-reporter');
  assert.deepEqual([p.phase, p.containersReady, p.ready], ['Running', '1/2', false], 'nginx runs Ready, the reporter does not');
  assert.ok(['CrashLoopBackOff', 'Error', 'Running'].includes(p.reason), p.reason);
  // Started at 12 s (after nginx: its image pulled then); ends 5 s later each time; restarts at once, then after 10, 20,
  // 40 s (+1 s to create): by 120 s, 4 restarts.
  assert.equal(p.restarts, 4, 'only the reporter restarts');
  const backOffs = o.events.filter((e) => e.reason === 'BackOff').map((e) => e.message);
  assert.ok(backOffs.length > 0 && backOffs.every((m) => m.startsWith('Back-off restarting failed container reporter in pod web-and-reporter_default(')), backOffs.join('\n'));
  assert.equal(o.events.filter((e) => e.reason === 'Started' && e.message === 'Started container web').length, 1, 'nginx started once');
  assert.ok(!o.events.some((e) => e.reason === 'Killing'), 'nothing is killed: the reporter exits by itself');
};

/** https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-phase */
FIDELITY_RULES['pod-ends-with-its-last-container'] = (o, code) => {
  assert.equal(code, 0);
  const p = pod(o, 'fetch-and-check');
  assert.deepEqual([p.phase, p.containersReady], ['Failed', '0/2'], 'failed once the last container exited 3');
  // kubectl's printPod takes the STATUS from the first container with a reason: `fetch` Completed, though the phase is Failed.
  assert.equal(p.reason, 'Completed');
  const started = eventsOf(o, 'fetch-and-check', 'Started').map((e) => e.time);
  assert.equal(started.length, 2, 'each container started once (Never: no restart)');
  assert.ok(!o.events.some((e) => e.reason === 'BackOff' || e.reason === 'Killing'), 'nothing restarted or killed');
};

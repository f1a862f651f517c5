import * as assert from 'assert';
import { WorkspaceCluster, type DocumentDiagnostic } from '../../../src/core/live/workspaceCluster';
import type { QuickFix } from '../../../src/core/knowledge/diagnostics';
import { webDeployment } from '../fixtures/web';

const URI = 'file:///w/app.yaml';

function sync(text: string): { cluster: WorkspaceCluster; diags: readonly DocumentDiagnostic[]; state: ReturnType<WorkspaceCluster['sync']> } {
  const cluster = new WorkspaceCluster();
  const state = cluster.sync([{ uri: URI, text }]);
  return { cluster, diags: state.diagnostics[URI] ?? [], state };
}

function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}

function applyFix(text: string, fix: QuickFix): string {
  let out = text;
  for (const e of [...fix.edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

const deployment = (podSpec: string): string => webDeployment(podSpec);

function unschedulable(diags: readonly DocumentDiagnostic[]): DocumentDiagnostic[] {
  return diags.filter((d) => d.code === 'unschedulable');
}

describe('editor diagnostics: why Pending, on the blocking line, with quick fixes that make it Running', () => {
  it('a cpu request that fits no node: warning on the request, fix lowers it to what fits the largest node', () => {
    const text = deployment(`      containers:
        - name: app
          image: nginx
          resources:
            requests:
              cpu: "10"
`);
    const { diags, cluster } = sync(text);
    assert.strictEqual(unschedulable(diags).length, 1, 'the control plane\'s taint is not what to change');
    const [d] = unschedulable(diags);
    assert.ok(d, JSON.stringify(diags));
    assert.strictEqual(d.severity, 'warning');
    assert.strictEqual(d.range.start.line, lineOf(text, 'cpu: "10"'));
    assert.match(d.message, /2 of 2 pod\(s\) cannot be scheduled: the cpu request containers\[0\]\.resources\.requests\.cpu = 10 fits on no node/);
    assert.match(d.message, /worker-1: not enough unrequested CPU \(4 of 4 free\)/);
    assert.match(d.message, /control-plane: has the taint node-role\.kubernetes\.io\/control-plane/);
    const fix = d.fixes?.find((f) => /Lower the cpu request/.test(f.title));
    assert.ok(fix);
    const fixed = applyFix(text, fix);
    assert.match(fixed, /cpu: 4\n/);
    const after = cluster.sync([{ uri: URI, text: fixed }]);
    assert.deepStrictEqual(unschedulable(after.diagnostics[URI] ?? []), []);
    assert.strictEqual(after.editor.objects['Deployment/default/web']?.running, 2);
  });

  it('a nodeSelector no node matches: warning on the selector, fix removes it', () => {
    const text = deployment(`      nodeSelector:
        disktype: ssd
      containers:
        - name: app
          image: nginx
`);
    const { diags, cluster } = sync(text);
    assert.strictEqual(unschedulable(diags).length, 1, 'the control plane\'s taint is not what to change');
    const d = unschedulable(diags).find((x) => /lack the labels/.test(x.message));
    assert.ok(d);
    assert.strictEqual(d.range.start.line, lineOf(text, 'nodeSelector'));
    assert.match(d.message, /2 node\(s\) lack the labels of its nodeSelector \(disktype=ssd\)/);
    assert.match(d.message, /worker-2: its labels do not match the pod's nodeSelector/);
    const fix = d.fixes?.find((f) => f.title === 'Remove the nodeSelector');
    assert.ok(fix);
    const fixed = applyFix(text, fix);
    assert.doesNotMatch(fixed, /nodeSelector|disktype/);
    assert.match(fixed, / {4}spec:\n {6}containers:/);
    assert.strictEqual(cluster.sync([{ uri: URI, text: fixed }]).editor.objects['Deployment/default/web']?.running, 2);
  });

  it('a missing toleration: warning where tolerations go, fix adds the toleration', () => {
    const text = deployment(`      nodeSelector:
        node-role.kubernetes.io/control-plane: ""
      containers:
        - name: app
          image: nginx
`);
    const { diags, cluster } = sync(text);
    const taint = unschedulable(diags).find((d) => /does not tolerate/.test(d.message));
    assert.ok(taint, JSON.stringify(diags.map((d) => d.message)));
    const fix = taint.fixes?.find((f) => /Add a toleration for node-role\.kubernetes\.io\/control-plane:NoSchedule/.test(f.title));
    assert.ok(fix, JSON.stringify(taint.fixes));
    const fixed = applyFix(text, fix);
    assert.match(fixed, / {6}tolerations:\n {6}- key: "node-role.kubernetes.io\/control-plane"\n {8}operator: Exists\n {8}effect: NoSchedule\n {6}containers:/);
    const after = cluster.sync([{ uri: URI, text: fixed }]);
    assert.strictEqual(after.editor.objects['Deployment/default/web']?.running, 2);
    assert.deepStrictEqual(after.editor.objects['Deployment/default/web']?.pods.map((p) => p.node), ['control-plane', 'control-plane']);
  });

  it('a host port bound on every worker (NodePorts): warning on the hostPort, fix removes it', () => {
    const text = deployment(`      containers:
        - name: app
          image: nginx
          ports:
            - containerPort: 80
              hostPort: 8080
`).replace('replicas: 2', 'replicas: 3');
    const { diags, cluster } = sync(text);
    const [d, ...rest] = unschedulable(diags);
    assert.ok(d, JSON.stringify(diags));
    assert.deepStrictEqual(rest, []);
    assert.strictEqual(d.range.start.line, lineOf(text, 'hostPort'));
    assert.match(d.message, /1 of 3 pod\(s\) cannot be scheduled: its hostPort 8080 is already bound on 2 node\(s\)/);
    assert.match(d.message, /worker-1: a pod there already uses the host port/);
    const fix = d.fixes?.find((f) => /Remove hostPort 8080/.test(f.title));
    assert.ok(fix);
    const fixed = applyFix(text, fix);
    assert.doesNotMatch(fixed, /hostPort/);
    assert.match(fixed, /- containerPort: 80\n/);
    const after = cluster.sync([{ uri: URI, text: fixed }]);
    assert.deepStrictEqual(unschedulable(after.diagnostics[URI] ?? []), []);
    assert.strictEqual(after.editor.objects['Deployment/default/web']?.running, 3);
  });

  it('a topology spread constraint (PodTopologySpread): warning on the constraint, fix makes it ScheduleAnyway', () => {
    // The tainted control plane counts as a domain (nodeTaintsPolicy: Ignore), so a third pod would make the skew 2.
    const text = deployment(`      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: kubernetes.io/hostname
          whenUnsatisfiable: DoNotSchedule
          labelSelector:
            matchLabels: {app: web}
      containers:
        - name: app
          image: nginx
`).replace('replicas: 2', 'replicas: 3');
    const { diags, cluster } = sync(text);
    const [d, ...rest] = unschedulable(diags);
    assert.ok(d, JSON.stringify(diags));
    assert.deepStrictEqual(rest, []);
    assert.strictEqual(d.range.start.line, lineOf(text, 'maxSkew'));
    assert.match(d.message, /its topology spread constraint \(topologyKey kubernetes\.io\/hostname, maxSkew 1\) would be broken on 2 node\(s\)/);
    assert.match(d.message, /worker-2: placing it there would spread the pods more unevenly than maxSkew allows/);
    const fix = d.fixes?.[0];
    assert.ok(fix);
    const fixed = applyFix(text, fix);
    assert.match(fixed, /whenUnsatisfiable: ScheduleAnyway\n/);
    const after = cluster.sync([{ uri: URI, text: fixed }]);
    assert.deepStrictEqual(unschedulable(after.diagnostics[URI] ?? []), []);
    assert.strictEqual(after.editor.objects['Deployment/default/web']?.running, 3);
  });

  it('several DoNotSchedule spread constraints: the first is marked, and the message says there are several', () => {
    const text = deployment(`      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: kubernetes.io/hostname
          whenUnsatisfiable: DoNotSchedule
          labelSelector: {matchLabels: {app: web}}
        - maxSkew: 1
          topologyKey: kubernetes.io/os
          labelSelector: {matchLabels: {app: web}}
      containers: [{name: app, image: nginx}]
`).replace('replicas: 2', 'replicas: 3');
    const [d] = unschedulable(sync(text).diags);
    assert.ok(d);
    assert.strictEqual(d.range.start.line, lineOf(text, 'maxSkew'));
    assert.match(d.message, /one of its 2 DoNotSchedule topology spread constraints/);
    assert.strictEqual(d.fixes, undefined, 'which one to relax is not obvious');
  });

  it('a required pod affinity no pod satisfies (InterPodAffinity): warning on its required terms', () => {
    const text = deployment(`      affinity:
        podAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            - topologyKey: kubernetes.io/hostname
              labelSelector:
                matchLabels: {app: cache}
      containers: [{name: app, image: nginx}]
`);
    const [d, ...rest] = unschedulable(sync(text).diags);
    assert.ok(d);
    assert.deepStrictEqual(rest, []);
    assert.strictEqual(d.range.start.line, lineOf(text, 'requiredDuringScheduling'));
    assert.match(d.message, /2 of 2 pod\(s\) cannot be scheduled: its required pod affinity finds no matching pod in the topology domain of \d node\(s\)/);
    assert.match(d.message, /worker-1: runs no pod, in its topology domain, that the pod affinity requires/);
  });

  it('a Service whose selector matches no pod: 0 endpoints, on the selector', () => {
    const text = 'apiVersion: v1\nkind: Service\nmetadata: {name: lonely}\nspec:\n  selector:\n    app: nobody\n  ports: [{port: 80}]\n';
    const d = sync(text).diags.find((x) => x.code === 'service-no-endpoints');
    assert.ok(d);
    assert.strictEqual(d.range.start.line, lineOf(text, 'selector'));
    assert.match(d.message, /0 endpoints: no Ready pod matches app=nobody/);
  });

  it('a Service whose pods run but are not Ready: 0 ready endpoints, and why', () => {
    const text = `${webDeployment('      readinessGates: [{conditionType: example.com/lb-ready}]\n      containers: [{name: web, image: nginx}]\n')}---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector:
    app: web
  ports: [{port: 80}]
`;
    const state = sync(text);
    const d = state.diags.find((x) => x.code === 'service-no-endpoints');
    assert.match(d?.message ?? '', /^0 ready endpoints: 2 pod\(s\) match app=web but none is Ready \(a readiness probe not passed yet, a readiness gate whose condition nobody set, or terminating\)/);
  });

  it('a selector that does not match the template labels: one error, on the selector', () => {
    const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec:\n  selector:\n    matchLabels:\n      app: a\n  template:\n    metadata: {labels: {app: b}}\n    spec:\n      containers: [{name: c, image: nginx}]\n';
    const diags = sync(text).diags;
    const d = diags.filter((x) => /`selector` does not match template `labels`/.test(x.message));
    assert.strictEqual(d.length, 1, JSON.stringify(diags));
    assert.strictEqual(d[0].range.start.line, lineOf(text, 'app: a'));
  });

  it('an unknown field: the decoder\'s "did you mean" comes with a fix', () => {
    const text = deployment('      containers: [{name: app, image: nginx}]\n').replace('  replicas: 2', '  replica: 2');
    const d = sync(text).diags.find((x) => /unknown field "spec\.replica"/.test(x.message));
    assert.ok(d);
    assert.strictEqual(d.range.start.line, lineOf(text, 'replica:'));
    assert.match(d.message, /did you mean "replicas"\?/);
    const fix = d.fixes?.[0];
    assert.ok(fix);
    assert.match(applyFix(text, fix), /\n {2}replicas: 2\n/);
  });

  it('a field the simulation does not model: information, not a warning', () => {
    const text = deployment('      containers:\n        - name: app\n          image: nginx\n          securityContext: {runAsUser: 1000}\n');
    const d = sync(text).diags.find((x) => x.code === 'not-modelled');
    assert.ok(d);
    assert.strictEqual(d.severity, 'info');
    assert.strictEqual(d.range.start.line, lineOf(text, 'securityContext'));
    assert.strictEqual(d.message, 'The simulation does not model securityContext: PodSecurity admission reads it (a namespace\'s `pod-security.kubernetes.io/enforce` level refuses a pod that breaks it, `warn` warns); no process runs, so nothing is restricted at run time.');
  });

  it('a schedulable workload gets none of these', () => {
    const { diags } = sync(deployment('      containers: [{name: app, image: nginx}]\n'));
    assert.deepStrictEqual(diags.filter((d) => d.severity !== 'info'), []);
  });
});

describe('editor diagnostics: scheduled pods the kubelet holds back, on the line that holds them', () => {
  const blocked = (diags: readonly DocumentDiagnostic[]): DocumentDiagnostic[] => diags.filter((d) => d.code === 'container-blocked');

  it('an image no registry serves: ImagePullBackOff on the image line, with the kubelet\'s message', () => {
    const text = deployment(`      containers:
        - name: app
          image: registry.invalid/team/app:1.0
`);
    const [d, ...rest] = blocked(sync(text).diags);
    assert.ok(d, 'a warning');
    assert.deepStrictEqual(rest, []);
    assert.strictEqual(d.range.start.line, lineOf(text, 'image: registry.invalid'));
    assert.match(d.message, /^2 of 2 pod\(s\) (ErrImagePull|ImagePullBackOff): .*registry\.invalid\/team\/app:1\.0.*retries with back-off/);
  });

  it('a missing ConfigMap: CreateContainerConfigError on env; gone once the ConfigMap is applied', () => {
    const text = deployment(`      containers:
        - name: app
          image: nginx:1.27
          env:
            - name: MODE
              valueFrom:
                configMapKeyRef: {name: app-config, key: mode}
`);
    const { diags, cluster } = sync(text);
    const [d] = blocked(diags);
    assert.ok(d, JSON.stringify(diags));
    assert.strictEqual(d.range.start.line, lineOf(text, 'env:'));
    assert.match(d.message, /^2 of 2 pod\(s\) CreateContainerConfigError: configmap "app-config" not found/);
    const after = cluster.sync([{ uri: URI, text: `${text}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: app-config}\ndata: {mode: prod}\n` }]);
    assert.deepStrictEqual(blocked(after.diagnostics[URI] ?? []), []);
  });

  it('a command that ends: CrashLoopBackOff on the command', () => {
    const text = deployment(`      containers:
        - name: app
          image: busybox:1.36
          command: [sh, -c, "echo done; sleep 2"]
`);
    const [d] = blocked(sync(text).diags);
    assert.ok(d);
    assert.strictEqual(d.range.start.line, lineOf(text, 'command:'));
    assert.match(d.message, /^2 of 2 pod\(s\) CrashLoopBackOff: the container exits \(its command ends\)/);
  });

  it('a postStart hook that fails: on the hook, not on the command; one that never returns: on the hook too', () => {
    const text = deployment(`      containers:
        - name: app
          image: busybox:1.36
          command: [sh, -c, "sleep 3600"]
          lifecycle:
            postStart:
              exec: {command: [sh, -c, "exit 1"]}
`);
    const { diags, cluster } = sync(text);
    const [d] = blocked(diags);
    assert.ok(d);
    assert.strictEqual(d.range.start.line, lineOf(text, 'postStart:'));
    assert.match(d.message, /^2 of 2 pod\(s\) (PostStartHookError|CrashLoopBackOff): this postStart hook exits non-zero, so the kubelet kills the container/);
    void cluster;
    // While the kubelet kills it (30 s: `sleep` ignores SIGTERM) the pods show ContainerCreating: the hook is named then too.
    const clocked = new WorkspaceCluster();
    clocked.setSettleOnChange(false);
    clocked.sync([{ uri: URI, text }]);
    clocked.advance(20);
    const killing = blocked(clocked.sync([{ uri: URI, text }]).diagnostics[URI] ?? []);
    assert.strictEqual(killing[0]?.range.start.line, lineOf(text, 'postStart:'), JSON.stringify(killing));
    assert.match(killing[0].message, /^2 of 2 pod\(s\) ContainerCreating: this postStart hook exits non-zero, so the kubelet kills the container \(`FailedPostStartHook`, within its grace period: the pod shows ContainerCreating meanwhile\)/);
    const hangs = deployment(`      containers:
        - name: app
          image: nginx:1.27
          lifecycle:
            postStart:
              exec: {command: [sleep, infinity]}
`);
    const [h] = blocked(sync(hangs).diags);
    assert.ok(h);
    assert.strictEqual(h.range.start.line, lineOf(hangs, 'postStart:'));
    assert.match(h.message, /^2 of 2 pod\(s\) ContainerCreating: this postStart hook never returns/);
  });

  it('a container over its memory limit: OOMKilled, on the memory limit', () => {
    const text = deployment(`      containers:
        - name: app
          image: polinux/stress
          command: [stress]
          args: [--vm, "1", --vm-bytes, 250M, --vm-hang, "1"]
          resources:
            limits:
              memory: 100Mi
`);
    const [d] = blocked(sync(text).diags);
    assert.ok(d);
    assert.strictEqual(d.range.start.line, lineOf(text, 'memory: 100Mi'));
    assert.match(d.message, /^2 of 2 pod\(s\) CrashLoopBackOff: the container holds more memory than this limit, so the kernel OOM-kills it/);
  });

  it('an init container waiting for a Service: on its command, naming the Service; gone once the Service exists', () => {
    const text = deployment(`      initContainers:
        - name: wait-for-db
          image: busybox:1.36
          command: [sh, -c, "until nslookup mydb; do echo waiting for mydb; sleep 2; done"]
      containers:
        - name: app
          image: nginx:1.27
`);
    const { diags, cluster } = sync(text);
    const [d] = blocked(diags);
    assert.ok(d, JSON.stringify(diags));
    assert.strictEqual(d.range.start.line, lineOf(text, 'command: [sh, -c, "until'));
    assert.match(d.message, /^2 of 2 pod\(s\) Init:0\/1: init container wait-for-db loops until the name of Service default\/mydb answers, which does not exist/);
    const after = cluster.sync([{ uri: URI, text: `${text}---\napiVersion: v1\nkind: Service\nmetadata: {name: mydb}\nspec:\n  ports: [{port: 5432}]\n` }]);
    assert.deepStrictEqual(blocked(after.diagnostics[URI] ?? []), []);
    assert.strictEqual(after.editor.objects['Deployment/default/web']?.running, 2);
  });
});

describe('editor diagnostics: a pod that waits for its PersistentVolumeClaim', () => {
  const pod = (claim: string): string => `apiVersion: v1
kind: Pod
metadata:
  name: db
spec:
  containers:
    - name: db
      image: postgres:16
  volumes:
    - name: data
      persistentVolumeClaim:
        claimName: ${claim}
`;
  const claimOf = (classLine: string): string => `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
${classLine}  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
`;
  it('a claim that does not exist: warning on claimName, with the scheduler\'s reason', () => {
    const text = pod('missing');
    const [d, more] = unschedulable(sync(text).diags);
    assert.ok(d && !more);
    assert.strictEqual(d.range.start.line, lineOf(text, 'claimName'));
    assert.match(d.message, /^1 of 1 pod\(s\) cannot be scheduled: persistentvolumeclaim "missing" not found: kube-scheduler's VolumeBinding waits until the claim exists/);
  });
  it('a claim of a class that does not exist: its claim is unbound, and the warning says where to look', () => {
    const text = `${pod('data')}---
${claimOf('  storageClassName: fast\n')}`;
    const { diags, state } = sync(text);
    const [d] = unschedulable(diags);
    assert.ok(d, JSON.stringify(diags));
    assert.strictEqual(d.range.start.line, lineOf(text, 'claimName'));
    assert.match(d.message, /its PersistentVolumeClaim is not bound, and its StorageClass does not wait for a first consumer/);
    assert.strictEqual(state.editor.objects['Pod/default/db']?.pending, 1);
  });
  it('a StatefulSet whose volumeClaimTemplates name a class that does not exist: on the template\'s storageClassName', () => {
    const text = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: nginx
  serviceName: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
        - name: nginx
          image: registry.k8s.io/nginx-slim:0.24
  volumeClaimTemplates:
    - metadata:
        name: www
      spec:
        accessModes: [ReadWriteOnce]
        storageClassName: my-storage-class
        resources:
          requests:
            storage: 1Gi
`;
    const [d] = unschedulable(sync(text).diags);
    assert.ok(d);
    assert.strictEqual(d.range.start.line, lineOf(text, 'storageClassName'));
    assert.match(d.message, /^1 of 1 pod\(s\) cannot be scheduled: its PersistentVolumeClaim is not bound/);
  });
  it('no warning once the claim is bound (kind\'s default class provisions it)', () => {
    const text = `${pod('data')}---
${claimOf('')}`;
    const { diags, state } = sync(text);
    assert.deepStrictEqual(unschedulable(diags), []);
    assert.strictEqual(state.editor.objects['Pod/default/db']?.running, 1);
  });
});

describe('editor diagnostics: a workload whose pods kube-apiserver refuses to its controller', () => {
  it('PodSecurity: the Deployment is admitted, its ReplicaSet\'s creates are refused; the warning sits on the refused container of the pod template', () => {
    const text = `apiVersion: v1
kind: Namespace
metadata:
  name: locked
  labels:
    pod-security.kubernetes.io/enforce: restricted
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: locked
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27
`;
    const { diags } = sync(text);
    const d = diags.find((x) => x.code === 'pods-not-created');
    assert.ok(d, JSON.stringify(diags.map((x) => x.message)));
    // On the container PodSecurity refused (it sets no securityContext, so on the container itself).
    assert.strictEqual(d.range.start.line, lineOf(text, '- name: web'));
    assert.match(d.message, /^the ReplicaSet controller cannot create its pods \(0 of 2 exist\): pods "web-[a-z0-9-]+" is forbidden: violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false/);
    const admitted = diags.find((x) => x.severity === 'warning' && /^would violate PodSecurity/.test(x.message));
    assert.ok(admitted, 'kube-apiserver\'s warning for the Deployment shows too');
    assert.deepStrictEqual([admitted.range.start.line, admitted.range.end.line], [lineOf(text, 'kind: Deployment'), lineOf(text, 'kind: Deployment')], 'on the object\'s kind');
  });

  it('kube-apiserver\'s warning that names a field sits on it: a second container defining port 80', () => {
    const text = `apiVersion: v1
kind: Pod
metadata:
  name: two-nginx
spec:
  containers:
    - name: a
      image: nginx:1.27
      ports:
        - containerPort: 80
    - name: b
      image: nginx:1.27
      ports:
        - containerPort: 80
`;
    const w = sync(text).diags.find((x) => x.code === 'api-warning');
    assert.ok(w);
    assert.strictEqual(w.message, 'spec.containers[1].ports[0]: duplicate port definition with spec.containers[0].ports[0]');
    assert.strictEqual(w.range.start.line, text.split('\n').lastIndexOf('        - containerPort: 80') + 1);
  });

  it('a PriorityClass that does not exist: the warning sits on the template\'s priorityClassName', () => {
    const text = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: urgent
spec:
  replicas: 1
  selector:
    matchLabels: {app: urgent}
  template:
    metadata:
      labels: {app: urgent}
    spec:
      priorityClassName: very-high
      containers:
        - name: web
          image: nginx:1.27
`;
    const d = sync(text).diags.find((x) => x.code === 'pods-not-created');
    assert.match(d?.message ?? '', /is forbidden: no PriorityClass with name very-high was found/);
    assert.strictEqual(d?.range.start.line, lineOf(text, 'priorityClassName'));
  });
});

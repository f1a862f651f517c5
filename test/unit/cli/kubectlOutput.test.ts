import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { main } from '../../../src/cli/main';
import { table } from '../../../src/cli/text';
import type { KubeObject } from '../../../src/core/sim';
import { runCli, WEB } from './helpers';

describe('CLI text output: what kubectl (or docker) would print', () => {
  it('no kube-apiserver reachable: kubectl\'s connection refused first, the rest labelled as the simulator\'s state', () => {
    const r = runCli(['simulate', '--fail', 'control-plane@10', '--for', '30', 'web.yaml'], { 'web.yaml': WEB });
    const lines = r.out.split('\n');
    assert.equal(lines[0], 'The connection to the server 172.18.0.2:6443 was refused - did you specify the right host or port?');
    assert.match(lines[2], /^SIMULATION \(kubectl could not read any of this/);
  });

  it('the API load balancer with no healthy backend: refused at the load balancer\'s address', () => {
    const r = runCli(['simulate', '--topology', 'ha', '--fail', 'control-plane-1/kube-apiserver', '--fail', 'control-plane-2/kube-apiserver', '--fail', 'control-plane-3/kube-apiserver', 'web.yaml'], { 'web.yaml': WEB });
    assert.match(r.out, /^The connection to the server api-lb:6443 was refused - did you specify the right host or port\?\n/);
  });

  it('an etcd without quorum is not a refused connection (its banner says so instead)', () => {
    const r = runCli(['simulate', '--topology', 'ha', '--fail', 'control-plane-1@10', '--fail', 'control-plane-2@10', '--for', '60', 'web.yaml'], { 'web.yaml': WEB });
    assert.doesNotMatch(r.out, /was refused/);
  });

  it('a run that never settles ends with a line saying so and why', () => {
    const crash = WEB.replace('      labels: {app: web}', '      labels: {app: web}\n      annotations: {sim.kube-anatomy.dev/run-seconds: "2", sim.kube-anatomy.dev/exit-code: "1"}');
    const r = runCli(['simulate', 'web.yaml'], { 'web.yaml': crash });
    const last = r.out.trimEnd().split('\n').pop() ?? '';
    assert.match(last, /^the cluster did not settle within 3600 simulated seconds, .*: the state shown is at t=\d+s; \d+ timers? still pending, the next due at t=\d+s: kubelet \(Pod default\/web-/);
    assert.doesNotMatch(runCli(['simulate', 'web.yaml'], { 'web.yaml': WEB }).out, /did not settle/);
  });

  it('lists every ReplicaSet, the old one at 0 after a rollout', () => {
    const next = parse(WEB.replace('nginx:1.27', 'nginx:1.28')) as KubeObject;
    let out = '';
    main(['simulate', 'web.yaml'], { stdout: (t) => { out += t; }, stderr: () => undefined, readFile: () => WEB }, { steps: [{ at: 30, action: 'apply', object: next }] });
    const rows = out.split('\n').filter((l) => l.includes('replicaset.apps/'));
    assert.equal(rows.length, 2, out);
    assert.ok(rows.some((l) => /replicaset\.apps\/web-\w+\s+0\s+0\s+0\s/.test(l)), rows.join('\n'));
    assert.ok(rows.some((l) => /replicaset\.apps\/web-\w+\s+2\s+2\s+2\s/.test(l)), rows.join('\n'));
    assert.match(out, /^NAMESPACE\s+NAME\s+DESIRED\s+CURRENT\s+READY\s+AGE$/m);
  });

  it('lists CronJobs with kubectl\'s columns: schedule, time zone, suspend, active, last schedule', () => {
    const cron = 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: hello}\nspec:\n  schedule: "* * * * *"\n  timeZone: Europe/Paris\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers: [{name: hello, image: busybox:1.28, command: [/bin/sh, -c, date; echo Hello from the Kubernetes cluster]}]\n';
    const { out } = runCli(['simulate', '--for', '150', 'cron.yaml'], { 'cron.yaml': cron });
    assert.match(out, /^NAMESPACE\s+NAME\s+SCHEDULE\s+TIMEZONE\s+SUSPEND\s+ACTIVE\s+LAST SCHEDULE\s+AGE$/m);
    assert.match(out, /^default\s+cronjob\.batch\/hello\s+\* \* \* \* \*\s+Europe\/Paris\s+False\s+0\s+\d+s\s+2m30s$/m, out);
    assert.doesNotMatch(runCli(['simulate', 'web.yaml'], { 'web.yaml': WEB }).out, /SCHEDULE/);
  });

  it('lists a StatefulSet\'s claims as kubectl get pvc -A and their volumes as kubectl get pv (no NAMESPACE column)', () => {
    const sts = `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web}
spec:
  serviceName: nginx
  replicas: 2
  selector: {matchLabels: {app: nginx}}
  template:
    metadata: {labels: {app: nginx}}
    spec: {containers: [{name: nginx, image: registry.k8s.io/nginx-slim:0.21}]}
  volumeClaimTemplates:
  - metadata: {name: www}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
`;
    const r = runCli(['simulate', 'sts.yaml'], { 'sts.yaml': sts });
    const claims = r.out.split('\n').filter((l) => /^default +persistentvolumeclaim\//.test(l));
    assert.deepEqual(claims.map((l) => l.split(/\s+/).slice(0, 3)), [['default', 'persistentvolumeclaim/www-web-0', 'Bound'], ['default', 'persistentvolumeclaim/www-web-1', 'Bound']]);
    assert.match(r.out, /\nNAMESPACE +NAME +STATUS +VOLUME +CAPACITY +ACCESS MODES +STORAGECLASS +VOLUMEATTRIBUTESCLASS +AGE\n/);
    assert.match(r.out, /\nNAME +CAPACITY +ACCESS MODES +RECLAIM POLICY +STATUS +CLAIM +STORAGECLASS +VOLUMEATTRIBUTESCLASS +REASON +AGE\npersistentvolume\/pvc-\S+ +1Gi +RWO +Delete +Bound +default\/www-web-0 +standard /);
  });

  it('the docker-server topology prints docker ps rows, no Kubernetes vocabulary', () => {
    const r = runCli(['simulate', '--topology', 'docker-server', 'web.yaml'], { 'web.yaml': WEB });
    assert.match(r.out, /^CONTAINER ID\s+IMAGE\s+COMMAND\s+CREATED\s+STATUS\s+PORTS\s+NAMES$/m);
    assert.match(r.out, /^[0-9a-f]{12}\s+nginx:1\.27\s+""\s+6 seconds ago\s+Up 6 seconds\s+web-1$/m);
    assert.doesNotMatch(r.out, /deployment|replicaset|pod\/|node\/|kubectl|NAMESPACE/i);
    const down = runCli(['simulate', '--topology', 'docker-server', '--fail', 'docker-server', 'web.yaml'], { 'web.yaml': WEB });
    assert.match(down.out, /^Cannot connect to the Docker daemon at unix:\/\/\/var\/run\/docker\.sock\. Is the docker daemon running\?\n/);
    assert.match(down.out, /Exited \(255\)\s+web-1$/m);
  });

  it('prints 130,000 pod rows without overflowing the stack (no spread of rows into a call)', () => {
    const rows = Array.from({ length: 130_000 }, (_, i) => [`pod/p${i}`, 'Running']);
    assert.equal(table(['NAME', 'STATUS'], rows).split('\n').length, 130_002);
  });
});

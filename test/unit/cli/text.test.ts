import assert from 'node:assert/strict';
import { WEB as BASE, runCli } from './helpers';
import { MAX_SIMULATED_SECONDS } from '../../../src/cli/args';
import { age } from '../../../src/cli/text';

const WEB = `${BASE}---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: NodePort
  selector: {app: web}
  ports:
    - port: 80
`;

const run = runCli;

/** The lines of the section that starts with `header`. */
function section(out: string, header: RegExp): string[] {
  const blocks = out.split('\n\n');
  return blocks.find((b) => header.test(b.split('\n')[0]))?.split('\n') ?? [];
}

describe('kube-anatomy simulate text output', () => {
  it('AGE is apimachinery HumanDuration', () => {
    const cases: [number, string][] = [[-5, '<invalid>'], [-1, '0s'], [0, '0s'], [119, '119s'], [120, '2m'], [150, '2m30s'], [600, '10m'], [179 * 60 + 59, '179m'],
      [3 * 3600, '3h'], [3 * 3600 + 120, '3h2m'], [8 * 3600 + 120, '8h'], [47 * 3600, '47h'], [48 * 3600, '2d'], [50 * 3600, '2d2h'], [8 * 86400 + 3600, '8d'],
      [800 * 86400, '2y70d'], [730 * 86400, '2y'], [3000 * 86400, '8y']];
    for (const [s, want] of cases) assert.equal(age(s), want, String(s));
  });

  it('lists Services with kubectl get svc columns and the endpoints separately, kubernetes included', () => {
    const r = run(['simulate', 'web.yaml'], { 'web.yaml': WEB });
    const svc = section(r.out, /^NAMESPACE\s+NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE$/);
    assert.ok(svc.length > 0, r.out);
    assert.match(svc.join('\n'), /default\s+service\/kubernetes\s+ClusterIP\s+10\.96\.0\.1\s+<none>\s+443\/TCP\s+\S+/);
    assert.match(svc.join('\n'), /default\s+service\/web\s+NodePort\s+10\.\d+\.\d+\.\d+\s+<none>\s+80:3\d{4}\/TCP\s+\S+/);
    const eps = section(r.out, /^NAMESPACE\s+NAME\s+ENDPOINTS$/);
    assert.match(eps.join('\n'), /default\s+endpoints\/kubernetes\s+172\.18\.0\.2:6443/);
    assert.match(eps.join('\n'), /default\s+endpoints\/web\s+10\.244\.\d+\.\d+:80,10\.244\.\d+\.\d+:80/);
  });

  it('keeps kubectl output and fault rows out of the events table, in a SIMULATION section', () => {
    const r = run(['simulate', '--fail', 'worker-1@10', '--for', '30', 'web.yaml'], { 'web.yaml': WEB });
    const events = section(r.out, /^LAST SEEN\s+TYPE\s+REASON/).join('\n');
    assert.doesNotMatch(events, /deployment\.apps\/web created|NodeDown|fault injected/);
    const sim = section(r.out, /^SIMULATION/).join('\n');
    assert.match(sim, /kubectl\s+Created\s+deployment\/web\s+deployment\.apps\/web created/);
    assert.match(sim, /simulator\s+NodeDown\s+node\/worker-1/);
  });

  it('with etcd quorum lost: a banner first, and events recorded after the loss are not shown as stored', () => {
    const r = run(['simulate', '--topology', 'ha', '--fail', 'control-plane-1@10', '--fail', 'control-plane-2@10', '--for', '60', 'web.yaml'], { 'web.yaml': WEB });
    assert.match(r.out, /^etcd 1\/3 members healthy, no quorum: the API server cannot serve reads or writes \(etcdserver: request timed out\); showing the last stored state\n/);
    const events = section(r.out, /^LAST SEEN\s+TYPE\s+REASON/);
    // Every stored event happened before the loss at 10 s, so was last seen at least 50 s before the end.
    for (const line of events.slice(1).filter(Boolean)) assert.ok(parseInt(line, 10) >= 50, line);
  });

  it('reports a --topology file\'s diagnostics instead of "no kind Cluster config"', () => {
    const broken = 'apiVersion: v1\nkind: Node\nmetadata:\n  labels: {a: b}\n';
    const r = run(['simulate', '--topology', 'nodes.yaml', 'web.yaml'], { 'web.yaml': WEB, 'nodes.yaml': broken });
    assert.equal(r.code, 2);
    assert.match(r.err, /nodes\.yaml:\d+:\d+: /);
    assert.doesNotMatch(r.err, /no kind Cluster config/);
  });

  it(`caps --for and --fail @S at ${MAX_SIMULATED_SECONDS} s with a usage error`, () => {
    for (const argv of [['--for', String(MAX_SIMULATED_SECONDS + 1)], ['--fail', `worker-1@${365 * 86400}`]]) {
      const r = run(['simulate', ...argv, 'web.yaml'], { 'web.yaml': WEB });
      assert.equal(r.code, 2, argv.join(' '));
      assert.match(r.err, /7 simulated days/);
    }
    assert.equal(run(['simulate', '--for', String(MAX_SIMULATED_SECONDS), 'web.yaml'], { 'web.yaml': WEB }).code, 0);
  });

  it('an invalid serviceSubnet in a kind config is an error at the config', () => {
    const kind = 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnetworking:\n  serviceSubnet: 10.96.0.0/40\nnodes:\n  - role: control-plane\n';
    const r = run(['simulate', '--output', 'json', 'kind.yaml', 'web.yaml'], { 'web.yaml': WEB, 'kind.yaml': kind });
    assert.equal(r.code, 1);
    assert.match(r.err, /^kind\.yaml:1:1: invalid service subnet "10\.96\.0\.0\/40"/m);
  });
});

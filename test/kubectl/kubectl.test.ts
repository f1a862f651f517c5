/**
 * The real kubectl against `kube-anatomy serve` (the built CLI, dist/cli.js, run as a user runs it).
 * Skipped, and reported as skipped, where no kubectl is installed.
 */
import * as assert from 'node:assert';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.join(__dirname, '..', '..');
const cli = path.join(root, 'dist', 'cli.js');
const kubectlFound = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;

describe('kubectl against kube-anatomy serve', function () {
  this.timeout(120_000); // every kubectl run is a new process (about a second here)
  let server: ChildProcess | undefined;
  let dir = '';
  let kubeconfig = '';

  before(async function () {
    if (!kubectlFound) {
      console.log('    (skipped: no kubectl on this machine; .ci/run installs one)');
      this.skip();
    }
    assert.ok(fs.existsSync(cli), 'dist/cli.js is built first (npm run build or npm run package)');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ka-kubectl-'));
    kubeconfig = path.join(dir, 'kubeconfig');
    server = spawn(process.execPath, [cli, 'serve', '--speed', '60', '--kubeconfig', kubeconfig, path.join(root, 'samples', 'deployment.yaml')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 20_000);
      server?.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('Press Ctrl+C')) { clearTimeout(timer); resolve(); }
      });
      server?.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
    });
  });

  after(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server?.on('exit', resolve));
      server.kill('SIGINT');
      await exited;
    }
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  function kubectl(...args: string[]): { code: number; out: string; err: string } {
    const r = spawnSync('kubectl', args, { encoding: 'utf8', env: { ...process.env, KUBECONFIG: kubeconfig }, input: '' });
    return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
  }

  function until(what: string, test: () => boolean, seconds = 20): void {
    const end = Date.now() + seconds * 1000;
    while (Date.now() < end) {
      if (test()) return;
      spawnSync('sleep', ['0.5']);
    }
    assert.fail(`timed out waiting for ${what}`);
  }

  it('writes a kubeconfig for context kube-anatomy with a token and the CA', () => {
    const text = fs.readFileSync(kubeconfig, 'utf8');
    assert.match(text, /current-context: kube-anatomy/);
    assert.match(text, /certificate-authority-data: [A-Za-z0-9+/=]{200,}/);
    assert.match(text, /token: [A-Za-z0-9_-]{43}/);
    assert.strictEqual(fs.statSync(kubeconfig).mode & 0o077, 0, 'only its owner can read the token');
  });

  it('kubectl get nodes -o wide prints kubectl\'s columns', () => {
    const r = kubectl('get', 'nodes', '-o', 'wide');
    assert.strictEqual(r.code, 0, r.err);
    assert.match(r.out, /^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\s+INTERNAL-IP\s+EXTERNAL-IP\s+OS-IMAGE\s+KERNEL-VERSION\s+CONTAINER-RUNTIME\n/);
    assert.match(r.out, /\ncontrol-plane\s+Ready\s+control-plane\s+\S+\s+v1\.33\.0\s+172\.18\.0\.2\s/);
    assert.match(r.out, /\nworker-2\s+Ready\s+<none>\s/);
  });

  it('kubectl apply, get pods -o wide, rollout status and scale', () => {
    assert.strictEqual(kubectl('apply', '-f', path.join(root, 'samples', 'service.yaml')).code, 0);
    until('three Running shop pods', () => (kubectl('get', 'pods', '-l', 'app=shop').out.match(/Running/g) ?? []).length === 3);
    const wide = kubectl('get', 'pods', '-o', 'wide').out;
    assert.match(wide, /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES\n/);
    assert.match(wide, /shop-[a-z0-9]+-[a-z0-9]{5}\s+1\/1\s+Running\s+0\s+\S+\s+10\.244\.\d+\.\d+\s+worker-\d/);
    const rollout = kubectl('rollout', 'status', 'deployment/shop', '--timeout=20s');
    assert.match(rollout.out, /deployment "shop" successfully rolled out/);
    assert.match(kubectl('scale', 'deployment/shop', '--replicas=5').out, /deployment.apps\/shop scaled/);
    until('five ready replicas', () => /shop\s+5\/5/.test(kubectl('get', 'deployment', 'shop').out));
  });

  it('kubectl get pods -w streams a change', async () => {
    const watch = spawn('kubectl', ['get', 'pods', '-w', '-l', 'app=shop', '--output-watch-events'], { env: { ...process.env, KUBECONFIG: kubeconfig } });
    let seen = '';
    watch.stdout.on('data', (d: Buffer) => { seen += d.toString(); });
    await new Promise((r) => setTimeout(r, 1500));
    assert.strictEqual(kubectl('scale', 'deployment/shop', '--replicas=6').code, 0);
    await new Promise((r) => setTimeout(r, 2000));
    watch.kill();
    assert.match(seen, /ADDED\s+shop-/);
    assert.ok((seen.match(/ADDED/g) ?? []).length >= 6, seen);
  });

  it('a watch from the list\'s resourceVersion replays what changed since (kubectl get --raw, as client-go informers watch)', () => {
    const rv = (JSON.parse(kubectl('get', '--raw', '/api/v1/namespaces/default/pods?labelSelector=app%3Dshop').out) as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
    assert.match(rv, /^\d+$/);
    assert.strictEqual(kubectl('scale', 'deployment/shop', '--replicas=7').code, 0);
    until('seven shop pods', () => (kubectl('get', 'pods', '-l', 'app=shop', '--no-headers').out.match(/\n/g) ?? []).length === 7);
    // The stream ends after timeoutSeconds, so kubectl prints what was replayed and exits.
    const replayed = kubectl('get', '--raw', `/api/v1/namespaces/default/pods?watch=true&labelSelector=app%3Dshop&resourceVersion=${rv}&timeoutSeconds=1`);
    assert.strictEqual(replayed.code, 0, replayed.err);
    const events = replayed.out.trim().split('\n').map((l) => JSON.parse(l) as { type: string; object: { metadata: { name: string; resourceVersion: string } } });
    assert.strictEqual(events[0]?.type, 'ADDED', replayed.out.slice(0, 300));
    assert.ok(events.every((e) => Number(e.object.metadata.resourceVersion) > Number(rv)), 'only what changed after the list');
    assert.strictEqual(new Set(events.map((e) => e.object.metadata.name)).size, 1, 'only the seventh pod changed');
    const ahead = kubectl('get', '--raw', `/api/v1/pods?watch=true&resourceVersion=${Number(rv) + 1_000_000}`);
    assert.match(ahead.out, /"type":"ERROR".*"message":"Timeout: Too large resource version: \d+, current: \d+".*"reason":"Timeout".*"code":504/);
  });

  it('kubectl create deployment, namespace, configmap, secret and service (protobuf bodies from client-go\'s typed clients)', () => {
    for (const [args, out] of [
      [['create', 'namespace', 'team'], 'namespace/team created'],
      [['create', 'configmap', 'site', '-n', 'team', '--from-literal=colour=blue'], 'configmap/site created'],
      [['create', 'secret', 'generic', 'pass', '-n', 'team', '--from-literal=word=b'], 'secret/pass created'],
      [['create', 'deployment', 'api', '-n', 'team', '--image=nginx:1.27', '--replicas=2', '--port=80'], 'deployment.apps/api created'],
      [['create', 'service', 'clusterip', 'api', '-n', 'team', '--tcp=80:80'], 'service/api created'],
    ] as const) {
      const r = kubectl(...args, '-v=6');
      assert.strictEqual(r.code, 0, r.err);
      assert.strictEqual(r.out.trim(), out);
      assert.match(r.err, /verb="POST" url="https:\/\/127\.0\.0\.1:\d+\/[^"]+" status="201 Created"/, r.err);
    }
    assert.strictEqual(kubectl('get', 'configmap', 'site', '-n', 'team', '-o', 'jsonpath={.data.colour}').out, 'blue');
    assert.strictEqual(kubectl('get', 'secret', 'pass', '-n', 'team', '-o', 'jsonpath={.data.word}').out, 'Yg==');
    assert.strictEqual(kubectl('get', 'deployment', 'api', '-n', 'team', '-o', 'jsonpath={.spec.template.spec.containers[0].ports[0].containerPort} {.spec.selector.matchLabels.app}').out, '80 api');
    until('two Running api pods', () => (kubectl('get', 'pods', '-n', 'team', '-l', 'app=api').out.match(/Running/g) ?? []).length === 2);
    const endpoints = kubectl('get', 'endpointslices', '-n', 'team', '-l', 'kubernetes.io/service-name=api', '-o', 'jsonpath={.items[0].endpoints[*].addresses[0]}').out;
    assert.match(endpoints, /^10\.244\.\d+\.\d+ 10\.244\.\d+\.\d+$/, 'the Service selects the two pods');
    // Kinds the simulated API server does not serve are refused as kube-apiserver refuses an unknown resource.
    assert.match(kubectl('create', 'role', 'reader', '--verb=get', '--resource=pods').err, /the server could not find the requested resource/);
  });

  it('kubectl cordon keeps new pods off the node; drain evicts its pods', () => {
    assert.match(kubectl('cordon', 'worker-1').out, /node\/worker-1 cordoned/);
    assert.match(kubectl('get', 'node', 'worker-1').out, /Ready,SchedulingDisabled/);
    const drain = kubectl('drain', 'worker-2', '--ignore-daemonsets', '--timeout=30s');
    assert.strictEqual(drain.code, 0, drain.err);
    assert.match(drain.out, /node\/worker-2 drained/);
    // worker-1 is cordoned (its pods keep running), worker-2 drained, the control plane tainted: the evicted pods' replacements wait.
    until('no shop pod running on worker-2 and replacements Pending', () => {
      const pods = kubectl('get', 'pods', '-l', 'app=shop', '-o', 'wide').out;
      return !/Running\s+\S+\s+\S+\s+\S+\s+worker-2/.test(pods) && /Pending/.test(pods);
    });
    assert.strictEqual(kubectl('uncordon', 'worker-1', 'worker-2').code, 0);
    until('shop pods running again', () => /Running/.test(kubectl('get', 'pods', '-l', 'app=shop').out));
  });

  it('kubectl get events and describe pod read the simulation\'s events', () => {
    const events = kubectl('get', 'events');
    assert.match(events.out, /^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE\n/);
    assert.match(events.out, /Normal\s+ScalingReplicaSet\s+deployment\/shop\s+Scaled up replica set shop-/);
    const pod = kubectl('get', 'pods', '-l', 'app=shop', '-o', 'name').out.split('\n')[0];
    const describe = kubectl('describe', pod);
    assert.strictEqual(describe.code, 0, describe.err);
    assert.match(describe.out, /Events:\n\s+Type\s+Reason\s+Age\s+From\s+Message/);
    assert.match(describe.out, /Normal\s+Scheduled\s+\S+\s+default-scheduler\s+Successfully assigned default\/shop-/);
  });

  it('apply --server-side and delete', () => {
    const r = kubectl('apply', '--server-side', '-f', path.join(root, 'samples', 'pod.yaml'));
    assert.match(r.out, /serverside-applied/);
    assert.match(kubectl('get', 'pod', 'toolbox', '-o', 'jsonpath={.metadata.managedFields[0].manager}').out, /^kubectl$/);
    assert.match(kubectl('delete', 'pod', 'toolbox', '--wait=false').out, /pod "toolbox" deleted/);
  });

  it('kubectl explain reads the OpenAPI schemas offline: a field, and a kind --recursive', () => {
    const field = kubectl('explain', 'deployment.spec.replicas');
    assert.strictEqual(field.code, 0, field.err);
    assert.match(field.out, /^GROUP:\s+apps\nKIND:\s+Deployment\nVERSION:\s+v1\n\nFIELD: replicas <integer>\n/);
    assert.match(field.out, /DESCRIPTION:\n\s+Number of desired pods\./);
    const strategy = kubectl('explain', 'deployment.spec.strategy.rollingUpdate').out;
    assert.match(strategy, /maxSurge\t<IntOrString>/);
    const pod = kubectl('explain', 'pod', '--recursive');
    assert.strictEqual(pod.code, 0, pod.err);
    assert.match(pod.out, /^KIND:\s+Pod\nVERSION:\s+v1\n/);
    assert.match(pod.out, /\n {4}containers\t<\[\]Container> -required-\n {6}args\t<\[\]string>\n/);
    assert.match(pod.out, /imagePullPolicy\t<string>\n\s+enum: Always, IfNotPresent, Never/);
    assert.match(kubectl('explain', 'deployment.spec.nope').err, /field "nope" does not exist/);
  });

  it('kubectl logs and exec get a "not simulated" Status at once, never a hang', () => {
    const pod = kubectl('get', 'pods', '-l', 'app=shop', '-o', 'name').out.split('\n')[0];
    const started = Date.now();
    const logs = kubectl('logs', pod);
    assert.strictEqual(logs.code, 1);
    assert.match(logs.err, /^Error from server \(BadRequest\): container logs are not simulated/);
    const exec = kubectl('exec', pod, '--', 'ls');
    assert.strictEqual(exec.code, 1);
    assert.match(exec.err, /Error from server \(BadRequest\): exec is not simulated/);
    assert.ok(Date.now() - started < 15_000, 'both answered within seconds');
  });

  it('apply --server-side: a field another manager owns is a conflict until --force-conflicts', () => {
    const v1 = path.join(dir, 'ssa.yaml');
    const doc = (replicas: number): string => `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ssa}\nspec:\n  replicas: ${replicas}\n  selector: {matchLabels: {app: ssa}}\n  template:\n    metadata: {labels: {app: ssa}}\n    spec: {containers: [{name: web, image: nginx}]}\n`;
    fs.writeFileSync(v1, doc(1));
    assert.strictEqual(kubectl('apply', '--server-side', '-f', v1).code, 0);
    fs.writeFileSync(v1, doc(2));
    const conflict = kubectl('apply', '--server-side', '--field-manager=ci', '-f', v1);
    assert.strictEqual(conflict.code, 1);
    assert.match(conflict.err, /^error: Apply failed with 1 conflict: conflict with "kubectl": \.spec\.replicas\nPlease review the fields above/);
    const forced = kubectl('apply', '--server-side', '--field-manager=ci', '--force-conflicts', '-f', v1);
    assert.match(forced.out, /deployment.apps\/ssa serverside-applied/);
    assert.strictEqual(kubectl('get', 'deployment', 'ssa', '-o', 'jsonpath={.spec.replicas}').out, '2');
    assert.strictEqual(kubectl('delete', 'deployment', 'ssa').code, 0);
  });

  it('refuses an invalid manifest and a removed apiVersion with kubectl\'s own messages', () => {
    const bad = path.join(dir, 'bad.yaml');
    fs.writeFileSync(bad, 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: bad}\nspec:\n  replicas: -2\n  selector: {matchLabels: {app: bad}}\n  template:\n    metadata: {labels: {app: bad}}\n    spec: {containers: [{name: c, image: nginx}]}\n');
    const r = kubectl('apply', '-f', bad);
    assert.strictEqual(r.code, 1);
    assert.match(r.err, /The Deployment "bad" is invalid: spec.replicas: Invalid value: -2: must be greater than or equal to 0/);
    const old = path.join(dir, 'old.yaml');
    fs.writeFileSync(old, 'apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: {name: old}\nspec: {}\n');
    assert.match(kubectl('apply', '-f', old).err, /no matches for kind "Deployment" in version "extensions\/v1beta1"/);
  });

  it('refuses a request without the token', () => {
    const r = kubectl('get', 'pods', '--token', 'not-the-token');
    assert.strictEqual(r.code, 1);
    assert.match(r.err, /You must be logged in to the server \(Unauthorized\)/);
  });

  it('kubectl get --raw /readyz?verbose lists the etcd check', () => {
    assert.match(kubectl('get', '--raw', '/readyz?verbose').out, /\[\+\]etcd ok[\s\S]*readyz check passed/);
  });
});

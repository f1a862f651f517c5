import * as assert from 'assert';
import { lensTitle, statusText } from '../../../src/core/knowledge/fields/live';
import { YamlOutline } from '../../../src/core/knowledge';
import { workloadLenses } from '../../../src/core/knowledge/lenses';
import { WorkspaceCluster } from '../../../src/core/live/workspaceCluster';

const URI = 'file:///w/shop.yaml';
const shop = (replicas: number, cpu = '100m'): string => `apiVersion: apps/v1
kind: Deployment
metadata: {name: shop}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: shop}}
  template:
    metadata: {labels: {app: shop}}
    spec:
      containers: [{name: app, image: nginx, resources: {requests: {cpu: ${cpu}}}}]
---
apiVersion: v1
kind: Service
metadata: {name: shop}
spec:
  type: NodePort
  selector: {app: shop}
  ports: [{port: 80}]
`;

describe('code lens and status bar text', () => {
  it('says how many pods run where, and follows an edit of replicas', () => {
    const cluster = new WorkspaceCluster();
    const s3 = cluster.sync([{ uri: URI, text: shop(3) }]);
    assert.strictEqual(lensTitle('Deployment', 'default', 'shop', s3.editor), '3/3 Running · worker-1, worker-2');
    assert.match(lensTitle('Service', 'default', 'shop', s3.editor) ?? '', /^NodePort 10\.\d+\.\d+\.\d+ · NodePort 3\d{4} · 3 endpoint\(s\)$/);
    assert.strictEqual(statusText(s3.editor), 'multi-worker · 3/3 pods Running · etcd 1/1');
    const s5 = cluster.sync([{ uri: URI, text: shop(5) }]);
    assert.strictEqual(lensTitle('Deployment', 'default', 'shop', s5.editor), '5/5 Running · worker-1, worker-2');
    assert.strictEqual(statusText(s5.editor), 'multi-worker · 5/5 pods Running · etcd 1/1');
  });

  it('says what is wrong when pods are Pending', () => {
    const cluster = new WorkspaceCluster();
    const s = cluster.sync([{ uri: URI, text: shop(3, '3') }]);
    assert.strictEqual(lensTitle('Deployment', 'default', 'shop', s.editor),
      '2/3 Running · worker-1, worker-2 · 1 Pending: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu');
    assert.strictEqual(statusText(s.editor), 'multi-worker · 2/3 pods Running · etcd 1/1');
  });

  it('says how many running pods are not Ready (a readiness gate nobody sets), and how a Job ended', () => {
    const cluster = new WorkspaceCluster();
    const gated = shop(2).replace('containers: [', 'readinessGates: [{conditionType: example.com/lb-ready}]\n      containers: [');
    const job = `apiVersion: batch/v1
kind: Job
metadata: {name: fails}
spec:
  backoffLimit: 0
  template:
    spec:
      restartPolicy: Never
      containers: [{name: main, image: busybox, command: [sh, -c, "exit 3"]}]
`;
    const s = cluster.sync([{ uri: URI, text: gated }, { uri: 'file:///w/job.yaml', text: job }]);
    assert.strictEqual(lensTitle('Deployment', 'default', 'shop', s.editor), '2/2 Running · worker-1, worker-2 · 2 not Ready');
    assert.match(lensTitle('Service', 'default', 'shop', s.editor) ?? '', /^NodePort 10\.\d+\.\d+\.\d+ · NodePort 3\d{4} · 0 endpoints: 2 matching pod\(s\) not Ready$/);
    assert.strictEqual(lensTitle('Job', 'default', 'fails', s.editor), 'Failed (BackoffLimitExceeded) · 0 Running · 1 pod(s) · 1 Error');
  });

  it('counts restarts, and names the nodes of pods that crash-loop beside a running container', () => {
    const text = `apiVersion: apps/v1
kind: Deployment
metadata: {name: shop}
spec:
  replicas: 2
  selector: {matchLabels: {app: shop}}
  template:
    metadata: {labels: {app: shop}}
    spec:
      containers:
      - {name: app, image: nginx}
      - {name: reporter, image: busybox, command: [sh, -c, "sleep 5; exit 1"]}
`;
    const s = new WorkspaceCluster().sync([{ uri: URI, text }]);
    assert.match(lensTitle('Deployment', 'default', 'shop', s.editor) ?? '', /^2\/2 Running · worker-1, worker-2 · 2 not Ready · 2 CrashLoopBackOff · \d+ restarts$/);
  });

  it('puts one lens above each workload and Service of the document, at the object\'s first key', () => {
    const text = shop(2);
    const s = new WorkspaceCluster().sync([{ uri: URI, text }]);
    const lenses = workloadLenses(new YamlOutline(text), s.editor);
    assert.deepStrictEqual(lenses.map((l) => [l.kind, l.name, text.slice(l.offset, l.offset + 10)]), [['Deployment', 'shop', 'apiVersion'], ['Service', 'shop', 'apiVersion']]);
    assert.strictEqual(lenses[0]?.title, '2/2 Running · worker-1, worker-2');
  });

  it('parses a file\'s documents a few at a time when asked to (the first lenses of a large file)', () => {
    const text = [shop(1), shop(2), shop(3)].join('---\n');
    const outline = new YamlOutline(text);
    let allowed = 2;
    assert.strictEqual(outline.parseWhile(() => allowed-- > 0), false, 'two slices parsed, four left');
    assert.strictEqual(outline.parseWhile(() => true), true);
    assert.deepStrictEqual(outline.documents.map((d) => d.kind), new YamlOutline(text).documents.map((d) => d.kind));
    assert.strictEqual(outline.documents.length, 6);
  });

  it('a Service without a selector, or an ExternalName one, is not said to miss matching pods', () => {
    const text = `apiVersion: v1
kind: Service
metadata: {name: external-db}
spec:
  ports: [{port: 5432}]
---
apiVersion: v1
kind: Service
metadata: {name: docs}
spec:
  type: ExternalName
  externalName: kubernetes.io
---
apiVersion: v1
kind: Service
metadata: {name: nobody}
spec:
  selector: {app: nobody}
  ports: [{port: 80}]
`;
    const s = new WorkspaceCluster().sync([{ uri: URI, text }]);
    const titles = workloadLenses(new YamlOutline(text), s.editor).map((l) => l.title.replace(/ClusterIP [\d.]+/, 'ClusterIP x'));
    assert.deepStrictEqual(titles, [
      'ClusterIP x · 0 endpoints: no selector, so only EndpointSlices (or Endpoints) you write give it some',
      'ExternalName → kubernetes.io (a DNS CNAME; no endpoints, kube-proxy programs nothing)',
      'ClusterIP x · 0 endpoints: no Ready pod matches',
    ]);
  });
});

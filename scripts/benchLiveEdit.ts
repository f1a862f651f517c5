/**
 * Live edit latency in the worker's own thread (issue 9): a WorkspaceCluster synced with one-line edits
 * (a Deployment's replicas, back and forth), each to the state the editor and the Cluster View receive
 * (parse, apply, run to settled, snapshot, editor facts, diagnostics, view). p50 and p95 of EDITS edits,
 * at teaching size (50 Deployments in two files) and in a 2,000-object workspace (four files). Budgets
 * p95 20 ms and 50 ms, edit to view: benchExtensionHost.ts measures the same edits through the worker.
 * Run with `npm run bench` or `npx tsx scripts/benchLiveEdit.ts [edits]`.
 */
import { WorkspaceCluster } from '../src/core/live/workspaceCluster';
import type { WorkspaceDocument } from '../src/shared/liveTypes';

export function nodesYaml(count: number): string {
  const node = (i: number): string => `apiVersion: v1\nkind: Node\nmetadata:\n  name: node-${i}\nstatus:\n  capacity: {cpu: "32", memory: 128Gi, pods: "110"}\n  allocatable: {cpu: "32", memory: 128Gi, pods: "110"}\n`;
  return Array.from({ length: count }, (_, i) => node(i)).join('---\n');
}

export function deploymentsYaml(count: number, replicas: number): string {
  const d = (i: number): string => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${i}\nspec:\n  replicas: ${replicas}\n  selector:\n    matchLabels: {app: app-${i}}\n  template:\n    metadata:\n      labels: {app: app-${i}}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n          resources: {requests: {cpu: 100m, memory: 128Mi}}\n`;
  return Array.from({ length: count }, (_, i) => d(i)).join('---\n');
}

/** Teaching size: 50 Deployments (25 of 3 replicas, 25 of 2) in two files. */
export function teachingDocuments(): WorkspaceDocument[] {
  return [{ uri: 'file:///w/app.yaml', text: deploymentsYaml(25, 3) }, { uri: 'file:///w/more.yaml', text: deploymentsYaml(25, 2).replace(/app-/g, 'svc-') }];
}

/** A 2,000-object workspace in four files: 10 Nodes, 490 Deployments of one replica, 500 Services, 1,000 ConfigMaps. */
export function largeDocuments(): WorkspaceDocument[] {
  const services = Array.from({ length: 500 }, (_, i) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-${i}\nspec:\n  selector: {app: app-${i}}\n  ports: [{port: 80}]\n`).join('---\n');
  const configMaps = Array.from({ length: 1000 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg-${i}\ndata:\n  key: value-${i}\n`).join('---\n');
  return [
    { uri: 'file:///w/nodes.yaml', text: nodesYaml(10) }, { uri: 'file:///w/apps.yaml', text: deploymentsYaml(490, 1) },
    { uri: 'file:///w/services.yaml', text: services }, { uri: 'file:///w/config.yaml', text: configMaps },
  ];
}

/** The documents after edit `i` of the file at `file`: its first `replicas:` one more on odd edits. */
export function editedDocuments(documents: readonly WorkspaceDocument[], file: number, i: number): WorkspaceDocument[] {
  const doc = documents[file] as WorkspaceDocument;
  const text = doc.text.replace(/replicas: (\d+)/, (_, n: string) => `replicas: ${Number(n) + (i % 2)}`);
  return documents.map((d) => (d === doc ? { uri: d.uri, text } : d));
}

export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))] ?? NaN;
}

/** First sync, then `edits` one-line edits: the first sync's time and each edit's. */
export function editTimes(documents: readonly WorkspaceDocument[], file: number, edits: number): { first: number; times: number[] } {
  const cluster = new WorkspaceCluster();
  const t0 = performance.now();
  cluster.sync(documents);
  const first = performance.now() - t0;
  const times: number[] = [];
  for (let i = 1; i <= edits; i++) {
    const next = editedDocuments(documents, file, i);
    const t = performance.now();
    cluster.sync(next);
    times.push(performance.now() - t);
  }
  return { first, times };
}

export function liveEditLatency(edits = 60): void {
  const small = editTimes(teachingDocuments(), 0, edits);
  console.log(`live edit (worker thread, in-process): 50-object workspace, one-line edit → settled state: p50 ${percentile(small.times, 0.5).toFixed(1)} ms, p95 ${percentile(small.times, 0.95).toFixed(1)} ms over ${edits} edits (budget p95 20 ms, edit to view)`);
  const large = editTimes(largeDocuments(), 1, Math.max(20, Math.floor(edits / 2)));
  console.log(`  2,000-object workspace (first sync ${large.first.toFixed(0)} ms): p50 ${percentile(large.times, 0.5).toFixed(1)} ms, p95 ${percentile(large.times, 0.95).toFixed(1)} ms over ${large.times.length} edits (budget p95 50 ms)`);
}

if (require.main === module) liveEditLatency(Number(process.argv[2] ?? 60));

/**
 * Memory over live edits: a WorkspaceCluster (the worker's cluster) synced EDITS times with documents
 * that alternate replicas, labels, objects added and removed, a stored-only kind and a generateName Pod,
 * printing the heap after GC at checkpoints. It must stay flat: every index of the store and the
 * scheduler is pruned when its object goes. `BENCH_LIVE_EDITS` sets the count (default 100,000),
 * `BENCH_LIVE_CHECKPOINT` the edits between two readings, `BENCH_VERBOSE=1` prints each reading as it comes.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { WorkspaceCluster } from '../src/core/live/workspaceCluster';
import type { WorkspaceDocument } from '../src/shared/liveTypes';
import { deploymentYaml as deployment } from '../test/unit/live/fixtures';


/** Edit `i` of the workspace: replicas and a label change every edit; objects come and go on a cycle. */
export function liveEdit(i: number): WorkspaceDocument[] {
  const parts = [deployment('web', 2 + (i % 3), i % 2 ? 'a' : 'b'), 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {selector: {app: web}, ports: [{port: 80}]}\n'];
  if (i % 4 < 2) parts.push(deployment(`extra-${i % 8}`, 1, 'x'), `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg-${i % 7}}\ndata: {k: v${i}}\n`);
  if (i % 3 === 0) parts.push(`apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: ing}\nspec: {rules: [{host: h${i % 5}.example}]}\n`);
  if (i % 5 < 2) parts.push('apiVersion: v1\nkind: Pod\nmetadata: {generateName: task-}\nspec: {containers: [{name: c, image: busybox}]}\n');
  return [{ uri: 'file:///w/app.yaml', text: parts.join('---\n') }];
}

export function liveMemory(gc: () => void, edits = Number(process.env.BENCH_LIVE_EDITS ?? 100_000)): void {
  const cluster = new WorkspaceCluster();
  // BENCH_LIVE_CHECKPOINT: edits between two heap readings (default a tenth of the run).
  const step = Math.max(1, Number(process.env.BENCH_LIVE_CHECKPOINT) || Math.floor(edits / 10));
  const heap: { edit: number; mb: number }[] = [];
  const t0 = performance.now();
  for (let i = 1; i <= edits; i++) {
    cluster.sync(liveEdit(i));
    if (i % step !== 0) continue;
    gc();
    heap.push({ edit: i, mb: process.memoryUsage().heapUsed / 2 ** 20 });
    if (process.env.BENCH_VERBOSE) console.log(`  ${i} edits: ${heap[heap.length - 1]?.mb.toFixed(2)} MB after GC, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
  const first = heap[0];
  const last = heap[heap.length - 1];
  if (!first || !last) return;
  const perEdit = last.edit > first.edit ? ((last.mb - first.mb) * 1024 ** 2) / (last.edit - first.edit) : 0;
  console.log(`live edits: ${edits.toLocaleString('en-US')} WorkspaceCluster syncs in ${((performance.now() - t0) / 1000).toFixed(0)} s; heap after GC ${heap.map((h) => `${h.edit.toLocaleString('en-US')}: ${h.mb.toFixed(1)} MB`).join(', ')}`);
  console.log(`  growth from ${first.edit.toLocaleString('en-US')} to ${last.edit.toLocaleString('en-US')} edits: ${perEdit.toFixed(1)} bytes/edit (budget: flat, under 100 bytes/edit; 0.1 was ~2,800 bytes/edit)`);
}

if (require.main === module) {
  v8.setFlagsFromString('--expose-gc');
  liveMemory(vm.runInNewContext('gc') as () => void);
}

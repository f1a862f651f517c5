/**
 * A live sync reuses what did not change (issue 9, edit latency): an unchanged file is not parsed or cut
 * again, text-only editor diagnostics are kept per YAML document, snapshot rows per stored object, and
 * the Cluster View's steps per journal record. Each cache must give exactly what computing afresh gives.
 */
import * as assert from 'assert';
import { fileDiagnostics } from '../../../src/core/live/documentDiagnostics';
import { DocumentParser } from '../../../src/core/live/documentParser';
import { WorkspaceCluster } from '../../../src/core/live/workspaceCluster';
import { editorDiagnostics } from '../../../src/core/knowledge/diagnostics';
import { Simulation, presetTopology, type KubeObject } from '../../../src/core/sim';
import { journalSince } from '../../../src/core/sim/journal';
import { podView, sorted, sourceOf } from '../../../src/core/sim/snapshot';
import { toClusterView, VIEW_STEPS } from '../../../src/core/view/fromSnapshot';
import { stepsFromJournal } from '../../../src/core/view/journalSteps';
import { deploymentYaml } from './fixtures';

/** A Deployment that cannot be scheduled (a request no node has), with fields the simulation does not model. */
const tooBig = (name: string): string => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, finalizers: [example.com/keep]}
spec:
  replicas: 2
  minReadySeconds: 5
  revisionHistoryLimit: 3
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers: [{name: c, image: nginx, resources: {requests: {cpu: "500"}}}]
`;
const mismatch = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: lost}\nspec:\n  selector: {matchLabels: {app: a}}\n  template:\n    metadata: {labels: {app: b}}\n    spec: {containers: [{name: c, image: nginx}]}\n';
const lonely = 'apiVersion: v1\nkind: Service\nmetadata: {name: lonely}\nspec: {selector: {app: nobody}, ports: [{port: 80}]}\n';

function workspace(i: number): string {
  // The first document grows and shrinks by a line and a digit, so the documents after it move.
  const first = deploymentYaml('web', 1 + (i % 3) * 5, i % 2 ? 'a' : undefined);
  return [first, tooBig('huge'), mismatch, lonely, deploymentYaml(`extra-${i % 4}`, 1), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata: {k: v}\n'].join('---\n');
}

describe('incremental live sync', () => {
  it('editor diagnostics per YAML document equal those of the whole file, as the documents move', () => {
    const cluster = new WorkspaceCluster('multi-worker');
    const parser = new DocumentParser();
    for (let i = 0; i < 8; i++) {
      const text = workspace(i);
      const state = cluster.sync([{ uri: 'file:///w/a.yaml', text }]);
      const result = parser.parse('file:///w/a.yaml', text);
      parser.commit();
      const parts = parser.documents('file:///w/a.yaml');
      assert.ok(parts && parts.length === 6, 'the file is parsed per document');
      const whole = editorDiagnostics(result.objects, text, state.editor);
      assert.deepStrictEqual(fileDiagnostics(result.objects, text, parts, state.editor), whole);
      const codes = new Set(whole.map((d) => d.code));
      for (const code of ['unschedulable', 'selector-mismatch', 'service-no-endpoints', 'not-modelled']) assert.ok(codes.has(code), `edit ${i}: a ${code} diagnostic to compare`);
      assert.ok(whole.some((d) => d.fixes?.length), 'a quick fix whose edits are moved too');
    }
  });

  it('an unchanged file is handed back as parsed, without cutting it again', () => {
    const parser = new DocumentParser();
    const text = workspace(1);
    const first = parser.parse('file:///w/a.yaml', text);
    parser.commit();
    assert.strictEqual(parser.parse('file:///w/a.yaml', `${text}`), first);
    parser.commit();
    assert.strictEqual(parser.documents('file:///w/a.yaml')?.length, 6, 'its documents are kept with it');
    const edited = parser.parse('file:///w/a.yaml', workspace(2));
    assert.notStrictEqual(edited, first);
    parser.commit();
    parser.commit();
    assert.strictEqual(parser.documents('file:///w/a.yaml'), undefined, 'a file not parsed in a sync is dropped at its end');
  });

  it('snapshot rows kept per stored object equal rows built afresh, edit after edit', () => {
    const sim = new Simulation({ topology: presetTopology('multi-worker') });
    for (let i = 0; i < 6; i++) {
      sim.apply(JSON.parse(JSON.stringify({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 1 + (i % 3), selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } } })) as KubeObject);
      sim.apply({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } } as KubeObject);
      sim.advance(2 + i); // part way: pods starting, endpoints changing
      const snap = sim.snapshot();
      const src = sourceOf(sim.internals);
      assert.deepStrictEqual(snap.pods, sorted([...src.store.list('Pod')]).map((p) => podView(src, p)));
      assert.deepStrictEqual(JSON.parse(JSON.stringify(snap.events)), JSON.parse(JSON.stringify(src.events())));
      const endpoints = snap.services.find((s) => s.name === 'web')?.endpoints.length;
      const ready = snap.pods.filter((p) => p.ready && p.name.startsWith('web-')).length;
      assert.strictEqual(endpoints, ready, `step ${i}: the Service row follows its EndpointSlice`);
    }
  });

  it("the Cluster View's steps kept per journal record equal those read afresh, across compaction", () => {
    const sim = new Simulation({ topology: presetTopology('multi-worker'), journal: { maxRecords: 60 } });
    let compacted = false;
    for (let i = 0; i < 10; i++) {
      sim.apply({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: `app-${i % 3}` }, spec: { replicas: 1 + (i % 4), selector: { matchLabels: { app: `a${i % 3}` } }, template: { metadata: { labels: { app: `a${i % 3}` } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } } } as KubeObject);
      sim.runUntilSettled();
      const j = sim.journal;
      compacted ||= j.compacted > 0;
      const fresh = stepsFromJournal(journalSince(j, Math.max(j.compacted, j.head - VIEW_STEPS)).entries.slice(-VIEW_STEPS));
      assert.deepStrictEqual(toClusterView(sim.snapshot(), j).steps, fresh);
    }
    assert.ok(compacted, 'the journal was compacted along the way');
  });

  it('editor facts and the live state follow edits (the caches never serve a stale pod)', () => {
    const cluster = new WorkspaceCluster('multi-worker');
    for (const replicas of [2, 5, 1, 3]) {
      const state = cluster.sync([{ uri: 'file:///w/a.yaml', text: deploymentYaml('web', replicas) }]);
      const live = state.editor.objects['Deployment/default/web'];
      assert.strictEqual(live?.total, replicas);
      assert.strictEqual(live?.running, replicas);
      assert.strictEqual(state.editor.pods.running, replicas);
      const cpu = state.editor.nodes.reduce((n, x) => n + x.requested.cpu, 0);
      assert.strictEqual(cpu, replicas * 10, 'requests of 10m per pod, summed over the nodes');
    }
  });

  it('live diagnostics kept per document follow the facts they read: a pending object unchanged, the nodes\' room changed', () => {
    const cluster = new WorkspaceCluster('multi-worker');
    const parser = new DocumentParser();
    const pendingText = tooBig('huge');
    let lastMessage = '';
    for (const replicas of [1, 30, 2]) {
      const state = cluster.sync([{ uri: 'file:///w/a.yaml', text: pendingText }, { uri: 'file:///w/b.yaml', text: deploymentYaml('web', replicas) }]);
      const kept = state.diagnostics['file:///w/a.yaml']?.find((d) => d.code === 'unschedulable');
      const result = parser.parse('file:///w/a.yaml', pendingText);
      parser.commit();
      const fresh = editorDiagnostics(result.objects, pendingText, state.editor).find((d) => d.code === 'unschedulable');
      assert.ok(kept && fresh);
      assert.strictEqual(kept.message, fresh.message, `web × ${replicas}: the message names the room the nodes have now`);
      assert.notStrictEqual(kept.message, lastMessage, 'the room changed with web\'s requests');
      lastMessage = kept.message;
    }
  });

  it('facts of objects an edit did not touch keep their identity, so what is computed from them is reused', () => {
    const cluster = new WorkspaceCluster('multi-worker');
    const docs = (n: number) => [{ uri: 'file:///w/a.yaml', text: `${deploymentYaml('web', n)}---\n${deploymentYaml('db', 2)}---\n${lonely}` }];
    const before = cluster.sync(docs(2));
    const after = cluster.sync(docs(3));
    assert.strictEqual(after.editor.objects['Deployment/default/db'], before.editor.objects['Deployment/default/db']);
    assert.notStrictEqual(after.editor.objects['Deployment/default/web'], before.editor.objects['Deployment/default/web']);
    assert.strictEqual(after.editor.services['Service/default/lonely'], before.editor.services['Service/default/lonely']);
    const noEndpoints = (s: typeof before) => s.diagnostics['file:///w/a.yaml']?.find((d) => d.code === 'service-no-endpoints');
    assert.ok(noEndpoints(after));
    assert.strictEqual(noEndpoints(after), noEndpoints(before), 'the Service\'s diagnostic was not built again');
  });
});

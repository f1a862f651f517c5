import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parseManifests } from '../../src/core/manifests';
import { Simulation } from '../../src/core/sim';

// The corpus (kubernetes/examples, 248 manifests) sits in ../shared next to the repo checkout.
const CORPUS = path.resolve(__dirname, '../../../shared/corpus/kubernetes-examples');

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...yamlFiles(p));
    else if (/\.ya?ml$/.test(entry.name)) out.push(p);
  }
  return out.sort();
}

describe('manifests: kubernetes/examples corpus', () => {
  it('parses every file into objects or skips it with a reason, without throwing, each in < 1 s', function () {
    if (!fs.existsSync(CORPUS)) {
      console.log(`    corpus not found at ${CORPUS}: skipping (it is not part of the repository)`);
      this.skip();
    }
    this.timeout(60_000);
    const files = yamlFiles(CORPUS);
    assert.ok(files.length > 200, `expected the 248 corpus manifests, found ${files.length}`);
    const totals = { files: files.length, objects: 0, skipped: 0, diagnostics: 0, slowestMs: 0 };
    const problems: string[] = [];
    for (const file of files) {
      const rel = path.relative(CORPUS, file);
      const t0 = performance.now();
      const r = parseManifests(fs.readFileSync(file, 'utf8'), rel);
      const ms = performance.now() - t0;
      totals.slowestMs = Math.max(totals.slowestMs, Math.round(ms));
      totals.objects += r.objects.length;
      totals.diagnostics += r.diagnostics.length;
      if (r.skipped) totals.skipped++;
      if (ms >= 1000) problems.push(`${rel}: took ${Math.round(ms)} ms`);
      if (r.objects.length === 0 && !r.skipped) problems.push(`${rel}: no objects and no skip reason`);
      if (r.skipped && r.skipped.reason.trim() === '') problems.push(`${rel}: empty skip reason`);
    }
    console.log(`    corpus: ${JSON.stringify(totals)}`);
    assert.deepStrictEqual(problems, []);
  });

  it('simulates every file\'s objects on the multi-worker cluster, without throwing, each in < 1 s', function () {
    if (!fs.existsSync(CORPUS)) this.skip();
    this.timeout(120_000);
    const totals = { files: 0, objects: 0, rejected: 0, pods: 0, slowestMs: 0 };
    const slow: string[] = [];
    for (const file of yamlFiles(CORPUS)) {
      const rel = path.relative(CORPUS, file);
      const { objects } = parseManifests(fs.readFileSync(file, 'utf8'), rel);
      const t0 = performance.now();
      const sim = Simulation.preset('multi-worker');
      for (const o of objects) if (!sim.apply(o.object, { file: rel, ...o.range.start }).ok) totals.rejected++;
      sim.runUntilSettled(600);
      const snapshot = sim.snapshot();
      const ms = performance.now() - t0;
      totals.files++;
      totals.objects += objects.length;
      totals.pods += snapshot.pods.length;
      totals.slowestMs = Math.max(totals.slowestMs, Math.round(ms));
      if (ms >= 1000) slow.push(`${rel}: ${Math.round(ms)} ms`);
    }
    console.log(`    simulated ${totals.files} files: ${totals.objects} objects (${totals.rejected} rejected by the API server), ${totals.pods} pods, slowest ${totals.slowestMs} ms`);
    assert.deepStrictEqual(slow, []);
    assert.ok(totals.pods > 100, 'the corpus\'s workloads run pods');
  });
});

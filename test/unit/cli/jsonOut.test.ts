import assert from 'node:assert/strict';
import { writeJson } from '../../../src/cli/jsonOut';
import { parseManifests } from '../../../src/core/manifests';
import { Simulation, presetTopology } from '../../../src/core/sim';
import { sourceOf, streamSnapshotOf } from '../../../src/core/sim/snapshot';
import { runCli, WEB } from './helpers';

function streamed(v: Record<string, unknown>): { text: string; writes: number } {
  let text = '';
  let writes = 0;
  writeJson(v, (t) => { text += t; writes++; });
  return { text, writes };
}

describe('CLI JSON output written row by row', () => {
  it('is byte for byte JSON.stringify(value, null, 2)', () => {
    const cases: Record<string, unknown>[] = [
      {}, { a: [] }, { a: [1, 'x', null, { b: [1, { c: 'd\ne' }] }, [], {}] }, { n: 1, s: 'é"\\', o: { p: [1, 2], q: {} }, u: undefined, f: () => 1 },
      { arr: [undefined, 1] }, { nested: { deep: [{ a: [[1], [2, [3]]] }] } },
    ];
    for (const c of cases) assert.equal(streamed(c).text, JSON.stringify(c, null, 2) + '\n', JSON.stringify(c));
  });

  it('the CLI\'s JSON is unchanged, and a large array goes out in several buffered writes, not one string', () => {
    const r = runCli(['simulate', '--output', 'json', 'web.yaml'], { 'web.yaml': WEB });
    assert.equal(r.out, JSON.stringify(JSON.parse(r.out), null, 2) + '\n');
    const big = { rows: Array.from({ length: 20_000 }, (_, i) => ({ name: `pod-${i}`, phase: 'Running' })) };
    const s = streamed(big);
    assert.equal(s.text, JSON.stringify(big, null, 2) + '\n');
    assert.ok(s.writes > 10 && s.writes < 100, `${s.writes} writes`);
  });

  it('pods read from the store while they are written print exactly the snapshot', () => {
    const sim = new Simulation({ topology: presetTopology('multi-worker') });
    for (const o of parseManifests(WEB, 'web.yaml').objects) sim.apply(o.object, { file: 'web.yaml', line: 1, column: 1 });
    sim.apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'bad' }, spec: {} });
    sim.runUntilSettled();
    const snap = sim.snapshot();
    assert.ok(snap.pods.length >= 2 && snap.errors.length > 0, 'pods and an error to print');
    const rows = streamSnapshotOf(sourceOf(sim.internals), sim.applyErrors());
    assert.equal(streamed(rows).text, JSON.stringify(snap, null, 2) + '\n');
    const empty = streamSnapshotOf(sourceOf(new Simulation({ topology: presetTopology('single-node') }).internals), []);
    assert.equal(streamed(empty).text, JSON.stringify({ ...empty, pods: [] }, null, 2) + '\n', 'no pods: []');
  });
});

import assert from 'node:assert/strict';
import { main } from '../../../src/cli/main';
import { parseSteps } from '../../../src/cli/steps';

describe('timed steps (golden sidecars)', () => {
  it('parses apply, delete, fail and heal at a second', () => {
    const steps = parseSteps('- at: 5\n  delete: deploy/web\n- at: 6\n  delete: pod/kube-system/dns\n- at: 7\n  fail: worker-1\n- at: 8\n  heal: worker-1\n- at: 9\n  apply: {apiVersion: v1, kind: Namespace, metadata: {name: x}}\n');
    assert.deepEqual(steps.map((s) => [s.at, s.action]), [[5, 'delete'], [6, 'delete'], [7, 'fail'], [8, 'heal'], [9, 'apply']]);
    assert.deepEqual(steps[1], { at: 6, action: 'delete', kind: 'Pod', namespace: 'kube-system', name: 'dns' });
  });

  it('rejects malformed steps with the entry index', () => {
    assert.throws(() => parseSteps('at: 1'), /expected a YAML list/);
    assert.throws(() => parseSteps('- at: -1\n  fail: x\n'), /steps\[0\]\.at/);
    assert.throws(() => parseSteps('- at: 1\n  fail: x\n- at: 2\n  reboot: x\n'), /steps\[1\]: expected one of apply, delete, fail, heal/);
    assert.throws(() => parseSteps('- at: 1\n  delete: web\n'), /KIND\/NAME/);
  });

  it('runs steps in time order between --fail NAME@S, and refuses unknown fail targets as a usage error', () => {
    let out = '';
    let err = '';
    const io = { stdout: (t: string) => { out += t; }, stderr: (t: string) => { err += t; }, readFile: () => 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: n\n' };
    const code = main(['simulate', '--output', 'json', '--fail', 'worker-2@20', 'n.yaml'], io, { steps: parseSteps('- at: 30\n  heal: worker-2\n- at: 10\n  fail: worker-1\n') });
    assert.equal(code, 0, err);
    const events = (JSON.parse(out) as { events: { reason: string; time: number; message: string }[] }).events.filter((e) => /^Node(Down|Up)$/.test(e.reason));
    assert.deepEqual(events.map((e) => e.time), [10, 20, 30]);
    assert.equal(main(['simulate', 'n.yaml'], io, { steps: parseSteps('- at: 1\n  fail: worker-9\n') }), 2);
    assert.match(err, /steps: fail worker-9: unknown node "worker-9"/);
  });
});

/**
 * `--output events` and `--at SECONDS`, checked against golden files in test/unit/cli/golden/
 * (regenerate with UPDATE_GOLDEN=1, then review the diff).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WEB, runCli } from './helpers';

const DIR = join(__dirname, 'golden');

function golden(name: string, text: string): void {
  const file = join(DIR, name);
  if (process.env.UPDATE_GOLDEN) writeFileSync(file, text);
  assert.ok(existsSync(file), `missing ${file}: run with UPDATE_GOLDEN=1 and review it`);
  assert.equal(text, readFileSync(file, 'utf8'), `output differs from ${file}`);
}

describe('kube-anatomy simulate --output events / --at', () => {
  it('--output events prints one JSON line per journal entry, with its narration (golden)', () => {
    const r = runCli(['simulate', '--topology', 'ha', '--output', 'events', 'web.yaml'], { 'web.yaml': WEB });
    assert.equal(r.code, 0, r.err);
    const lines = r.out.trimEnd().split('\n').map((l) => JSON.parse(l) as { seq: number; type: string; narration: string });
    assert.ok(lines.every((l, i) => i === 0 || l.seq >= lines[i - 1].seq), 'in journal order');
    assert.ok(lines.some((l) => l.type === 'write' && l.narration.startsWith('kubectl created Deployment default/web (via api-load-balancer :6443 → kube-apiserver on control-plane-1 :6443 → etcd on control-plane-1 :2379)')));
    golden('events-ha-web.jsonl', r.out);
  });

  it('--at prints the cluster as it was at that second: worker-1 failed at 10 s is still Ready at 30 s, NotReady at 70 s (golden)', () => {
    const at30 = runCli(['simulate', '--fail', 'worker-1@10', '--at', '30', 'web.yaml'], { 'web.yaml': WEB });
    assert.equal(at30.code, 0, at30.err);
    assert.match(at30.out, /node\/worker-1\s+Ready/);
    const at70 = runCli(['simulate', '--fail', 'worker-1@10', '--at', '70', 'web.yaml'], { 'web.yaml': WEB });
    assert.match(at70.out, /node\/worker-1\s+NotReady/);
    const end = runCli(['simulate', '--fail', 'worker-1@10', 'web.yaml'], { 'web.yaml': WEB });
    assert.notEqual(at70.out, end.out, 'the run went on after 70 s');
    golden('at-70-worker-1-failed.txt', at70.out);
  });

  it('--at and --output events together print the entries up to that second', () => {
    const r = runCli(['simulate', '--at', '3', '--output', 'events', 'web.yaml'], { 'web.yaml': WEB });
    const times = r.out.trimEnd().split('\n').map((l) => (JSON.parse(l) as { time: number }).time);
    assert.ok(times.length > 0 && times.every((t) => t <= 3), times.join());
    const json = JSON.parse(runCli(['simulate', '--at', '3', '--output', 'json', 'web.yaml'], { 'web.yaml': WEB }).out) as { time: number };
    assert.equal(json.time, 3);
  });

  it('refuses a malformed --at', () => {
    for (const v of ['soon', '-1', '999999999']) assert.equal(runCli(['simulate', '--at', v, 'web.yaml'], { 'web.yaml': WEB }).code, 2, v);
  });
});

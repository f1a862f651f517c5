import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LessonRun, parseScenario, type StepResult } from '../../../src/core/lessons';
import { runCli, WEB } from '../cli/helpers';

/** Plays a scenario whose manifests are in-memory files; returns each step's check verdicts as text. */
function play(text: string, files: Record<string, string> = {}): { results: StepResult[]; run: LessonRun } {
  const { scenario, diagnostics } = parseScenario(text, 'l.yaml');
  assert.ok(scenario, JSON.stringify(diagnostics));
  const run = LessonRun.start(scenario, (p) => {
    if (!(p in files)) throw new Error(`no such file: ${p}`);
    return files[p];
  });
  return { results: run.runToEnd(), run };
}

function verdicts(results: readonly StepResult[]): string[] {
  return results.flatMap((r) => r.checks.map((c) => `${r.index}:${c.check.type}:${c.passed ? 'passed' : 'failed'}`));
}

const WORKER = 'title: T\ntopology: multi-worker\nmanifests: [web.yaml]\nsteps:\n';

describe('lessons: checks', () => {
  it('passes true checks and fails false ones, saying what it saw', () => {
    const { results } = play(`${WORKER}  - settle: true
    expect:
      - {pods: {selector: app=web, status: Running}, count: 2}
      - {pods: {selector: app=web, status: Running}, count: 3}
      - {workload: deployment/web, ready: 2}
      - {workload: deployment/web, ready: 5}
      - {node: control-plane, pods: 0}
      - {node: worker-1, ready: false}
      - {etcd: {quorum: true, healthy: 1}}
      - {etcd: {quorum: false}}
      - {leader: kube-scheduler, node: control-plane}
      - {leader: kube-scheduler, node: worker-1}
      - {event: {reason: Scheduled, component: default-scheduler}}
      - {event: {reason: FailedScheduling}}
      - {event: {reason: FailedScheduling}, present: false}
`, { 'web.yaml': WEB });
    assert.deepStrictEqual(verdicts(results), [
      '0:pods:passed', '0:pods:failed', '0:workload:passed', '0:workload:failed', '0:node:passed', '0:node:failed',
      '0:etcd:passed', '0:etcd:failed', '0:leader:passed', '0:leader:failed', '0:event:passed', '0:event:failed', '0:event:passed',
    ]);
    const wrongCount = results[0].checks[1];
    assert.strictEqual(wrongCount.expected, '3 pod(s) (app=web, status Running)');
    assert.match(wrongCount.seen, /^2: web-[a-z0-9]+-[a-z0-9]+ on worker-\d, web-/);
    assert.strictEqual(results[0].checks[3].seen, 'deployment/web ready 2/2');
  });

  it('scale and edit change the applied manifest; applied checks see refusals', () => {
    const { results } = play(`${WORKER}  - {scale: {object: deployment/web, replicas: 4}}
  - settle: true
    expect: {workload: deployment/web, ready: 4}
  - edit: {object: deployment/web, patch: {spec: {template: {metadata: {labels: {app: other}}}}}}
    expect: [{applied: false, message: "does not match template"}, {applied: true}]
  - {fail: control-plane}
  - scale: {object: deployment/web, replicas: 1}
    expect: {applied: false, message: was refused}
`, { 'web.yaml': WEB });
    assert.deepStrictEqual(verdicts(results), ['1:workload:passed', '2:applied:passed', '2:applied:failed', '4:applied:passed']);
  });

  it('a pod check finds a pod by name, its node, and its absence', () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: solo}\nspec: {nodeName: worker-2, containers: [{name: c, image: nginx:1.27}]}\n';
    const { results } = play(`title: T\ntopology: multi-worker\nmanifests: [{apiVersion: v1, kind: Pod, metadata: {name: solo}, spec: {nodeName: worker-2, containers: [{name: c, image: "nginx:1.27"}]}}]
steps:
  - settle: true
    expect: [{pod: solo, node: worker-2, status: Running, ready: true}, {pod: solo, node: worker-1}, {pod: gone, exists: false}]
  - delete: pod/solo
  - settle: true
    expect: [{pod: solo, exists: false}, {service: web, endpoints: 0}]
`);
    assert.ok(pod);
    assert.deepStrictEqual(verdicts(results), ['0:pod:passed', '0:pod:failed', '0:pod:passed', '2:pod:passed', '2:service:failed']);
    assert.strictEqual(results[2].checks[1].seen, 'service web does not exist');
  });

  it('reports what the scenario asks of a cluster it does not have', () => {
    const { run } = play('title: T\ntopology: single-node\nsteps:\n  - {fail: worker-9}\n  - wait: 1\n    expect: {node: worker-9, ready: true}\n');
    assert.deepStrictEqual(run.problems.map((p) => `${p.severity} ${p.line}:${p.column}`), ['error 4:5', 'warning 6:13']);
    assert.match(run.problems[0].message, /worker-9/);
  });

  it('an edit of an object the scenario did not apply is a problem of the step, not a crash', () => {
    const { results } = play(`${WORKER}  - {edit: {object: deployment/nope, patch: {spec: {replicas: 1}}}}\n`, { 'web.yaml': WEB });
    assert.strictEqual(results[0].error, 'deployment/nope was not applied by this scenario, so there is no manifest to change');
  });

  it('is deterministic: the same scenario gives the same results', () => {
    const text = `${WORKER}  - {fail: worker-1}\n  - {wait: 400}\n  - settle: true\n    expect: {pods: {selector: app=web, status: Running, node: worker-2}, count: 2}\n`;
    const a = JSON.stringify(play(text, { 'web.yaml': WEB }).results);
    const b = JSON.stringify(play(text, { 'web.yaml': WEB }).results);
    assert.strictEqual(a, b);
    assert.match(a, /"passed":true/);
  });
});

describe('lessons: kube-anatomy run', () => {
  const dir = path.join(__dirname, '..', '..', '..', 'samples', 'lessons');
  const lessons = fs.readdirSync(dir).filter((f) => f.endsWith('.lesson.yaml')).sort();
  const disk: Record<string, string> = {};
  for (const f of fs.readdirSync(dir)) disk[path.join('samples', 'lessons', f)] = fs.readFileSync(path.join(dir, f), 'utf8');

  it('ships the seven lessons of the study guide', () => {
    assert.strictEqual(lessons.length, 7);
  });

  for (const lesson of lessons) {
    it(`${lesson}: every check passes`, () => {
      const r = runCli(['run', path.join('samples', 'lessons', lesson)], disk);
      assert.strictEqual(r.err, '');
      assert.doesNotMatch(r.out, /FAILED|problem:|warning:/);
      assert.match(r.out, /1 scenario\(s\): \d+ check\(s\) passed, 0 failed\n$/);
      assert.strictEqual(r.code, 0, r.out);
    });
  }

  it('exit 1 and what was seen when a check fails', () => {
    const r = runCli(['run', 'l.yaml'], { 'l.yaml': `${WORKER}  - settle: true\n    expect: {pods: {selector: app=web}, count: 7}\n`, 'web.yaml': WEB });
    assert.strictEqual(r.code, 1);
    assert.match(r.out, /FAILED: 7 pod\(s\) \(app=web\); saw 2: web-.* \(l\.yaml:6:13\)\n/);
    assert.match(r.out, /1 scenario\(s\): 0 check\(s\) passed, 1 failed\n$/);
  });

  it('exit 2 with file:line:column for a format error, and for usage errors', () => {
    const r = runCli(['run', 'l.yaml'], { 'l.yaml': 'title: T\ntopology: multi-worker\nsteps:\n  - {teleport: worker-1}\n' });
    assert.strictEqual(r.code, 2);
    assert.match(r.err, /^l\.yaml:4:6: steps\[0\]: unknown key "teleport"/);
    assert.strictEqual(runCli(['run']).code, 2);
    assert.strictEqual(runCli(['run', '--fast', 'x']).code, 2);
    assert.strictEqual(runCli(['run', 'missing.yaml']).code, 2);
  });
});

import * as assert from 'node:assert';
import { parseScenario } from '../../../src/core/lessons';

/** Every diagnostic as `line:column message`. */
function problems(text: string): string[] {
  return parseScenario(text, 'l.yaml').diagnostics.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.message}`);
}

const HEAD = 'title: T\ntopology: multi-worker\n';

describe('lessons: parseScenario', () => {
  it('reads a scenario with every kind of step, question and check', () => {
    const text = `${HEAD}manifests: [shop.yaml, {apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {containers: [{name: c, image: x}]}}]
steps:
  - {apply: more.yaml, narration: N}
  - {edit: {object: deployment/shop, patch: {spec: {replicas: 2}}}}
  - {scale: {object: deploy/shop, replicas: 4}}
  - {delete: pod/kube-system/p}
  - {fail: worker-1}
  - {heal: worker-1}
  - {wait: 30}
  - settle: true
    ask: {question: Q, choices: [a, b], answer: b, explanation: E}
    expect:
      - {pods: {selector: app=shop, status: Running}, count: 3}
      - {pod: web-0, node: null}
      - {node: worker-1, ready: false}
      - {etcd: {quorum: false}}
      - {leader: kube-scheduler, node: control-plane}
      - {workload: deployment/shop, ready: 3}
      - {service: shop, endpoints: 3}
      - {event: {reason: FailedScheduling, object: pod/big}, present: false}
      - {applied: false, message: refused}
`;
    const { scenario, diagnostics } = parseScenario(text, 'l.yaml');
    assert.deepStrictEqual(diagnostics, []);
    assert.ok(scenario);
    assert.deepStrictEqual(scenario.steps.map((s) => s.action.type), ['apply', 'edit', 'scale', 'delete', 'fail', 'heal', 'wait', 'settle']);
    assert.deepStrictEqual(scenario.steps[3].action, { type: 'delete', object: { kind: 'Pod', namespace: 'kube-system', name: 'p' } });
    assert.strictEqual(scenario.steps[7].question?.answer, 1);
    assert.deepStrictEqual(scenario.steps[7].checks.map((c) => c.type), ['pods', 'pod', 'node', 'etcd', 'leader', 'workload', 'service', 'event', 'applied']);
    assert.strictEqual(scenario.manifests.length, 2);
  });

  it('reports an unknown step at its key, with a suggestion', () => {
    assert.deepStrictEqual(problems(`${HEAD}steps:\n  - {fial: worker-1}\n`), [
      '4:6 steps[0]: unknown key "fial" (did you mean "fail"?); expected one of title, narration, ask, expect, apply, edit, delete, scale, fail, heal, wait, settle',
      '4:5 steps[0]: a step needs one action: apply, edit, delete, scale, fail, heal, wait, settle',
    ]);
  });

  it('refuses two actions in one step', () => {
    assert.deepStrictEqual(problems(`${HEAD}steps:\n  - {fail: worker-1, wait: 3}\n`), ['4:5 steps[0]: a step has one action, this one has fail and wait: split it into steps']);
  });

  it('reports checks that can never be evaluated at their position', () => {
    const text = `${HEAD}steps:\n  - wait: 1\n    expect:\n      - {pods: {selector: "app shop"}, count: 1}\n      - {leader: kube-proxy, node: x}\n      - {workload: service/shop, ready: 1}\n      - {colour: red}\n      - {pods: {selector: app=a}}\n`;
    assert.deepStrictEqual(problems(text), [
      '6:27 steps[0].expect[0].pods.selector: "app shop" is not a label selector term; expected key=value or key!=value',
      '7:18 steps[0].expect[1].leader: only kube-scheduler and kube-controller-manager elect a leader',
      '8:20 steps[0].expect[2].workload: Service is not a workload; expected a Deployment, ReplicaSet, StatefulSet, DaemonSet or Job',
      '9:9 steps[0].expect[3]: a check starts with one of pods, pod, leader, etcd, workload, service, event, applied, node',
      '10:16 steps[0].expect[4]: "count" is required: how many pods match',
    ]);
  });

  it('checks questions: the answer must be one of the choices', () => {
    const text = `${HEAD}steps:\n  - wait: 1\n    ask: {question: Q, choices: [a, b], answer: c, explanation: E}\n`;
    assert.deepStrictEqual(problems(text), ['5:49 steps[0].ask.answer: "c" is not one of the choices']);
  });

  it('requires title, topology and steps, and knows the presets', () => {
    assert.deepStrictEqual(problems('title: T\ntopology: huge\n'), [
      '2:11 topology: unknown preset "huge"; expected docker-server, single-node, multi-worker, ha, or {kindConfig: FILE}',
      '1:1 scenario: "steps" is required',
    ]);
    assert.deepStrictEqual(problems(`${HEAD}steps:\n  - {wait: -1}\n`), ['4:12 steps[0].wait: -1 is out of range; expected 0 to 86400']);
  });

  it('reads wait and settle as seconds or as Go durations (90s, 5m, 1h30m)', () => {
    const { scenario } = parseScenario(`${HEAD}steps:\n  - {wait: 90s}\n  - {wait: 1m30s}\n  - {settle: 5m}\n  - {wait: 1.5h}\n  - {wait: 250ms}\n`, 'd.lesson.yaml');
    assert.deepStrictEqual(scenario?.steps.map((s) => s.action), [
      { type: 'wait', seconds: 90 }, { type: 'wait', seconds: 90 }, { type: 'settle', maxSeconds: 300 }, { type: 'wait', seconds: 5400 }, { type: 'wait', seconds: 0.25 },
    ]);
    assert.deepStrictEqual(problems(`${HEAD}steps:\n  - {wait: 10 minutes}\n  - {wait: 2d}\n  - {settle: 0s}\n  - {wait: [1]}\n`), [
      '4:12 steps[0].wait: "10 minutes" is not a duration; expected seconds (30) or a duration such as 90s, 5m or 1h30m',
      '5:12 steps[1].wait: "2d" is not a duration; expected seconds (30) or a duration such as 90s, 5m or 1h30m',
      '6:14 steps[2].settle (true, or the most time to run): 0s (0 s) is out of range; expected 1 to 86400 seconds',
      '7:12 steps[3].wait: expected seconds (30) or a duration such as 90s, 5m or 1h30m',
    ]);
  });

  it('turns YAML errors and alias bombs into diagnostics, never exceptions', () => {
    assert.match(problems('title: [\n')[0], /^\d+:\d+ YAML: /);
    const bomb = 'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n';
    assert.match(problems(bomb)[0], /YAML: .*alias/i);
    for (const odd of ['', '- 1', 'steps: 5', '~', 'title: T\ntopology: {kindConfig: 5}\nsteps: []']) {
      assert.doesNotThrow(() => parseScenario(odd, 'odd.yaml'));
      assert.ok(parseScenario(odd, 'odd.yaml').diagnostics.length > 0, odd);
    }
  });
});

/** Golden rules of the API server's defaulting, validation and admission (src/core/sim/apiserver). */
import assert from 'node:assert/strict';
import type { Output } from './goldenRules';

type Rule = (out: Output, code: number) => void;
const errors = (o: Output): string[] => o.errors.map((e) => e.message);

export const API_SERVER_RULES: Record<string, Rule> = {
  'resourcequota-refuses-over-quota-replicaset-failedcreate': (o, code) => {
    assert.equal(code, 0, 'the Deployment itself is valid');
    assert.equal(o.pods.length, 2, 'pods: "2" holds the ReplicaSet at two pods');
    const failed = o.events.filter((e) => e.reason === 'FailedCreate');
    assert.ok(failed.length > 0);
    assert.match(failed[0].message, /^Error creating: pods "web-[a-z0-9]+-[a-z0-9]{5}" is forbidden: exceeded quota: pod-quota, requested: pods=1, used: pods=2, limited: pods=2$/);
    assert.equal(failed[0].type, 'Warning');
  },
  'limitrange-defaults-requests': (o) => {
    assert.equal(o.pods.filter((p) => p.phase === 'Running').length, 4, 'two 1500m requests fit each 4-CPU worker');
    assert.equal(o.pods.filter((p) => p.phase === 'Pending').length, 2);
    assert.ok(o.pods.filter((p) => p.phase === 'Pending').every((p) => /2 Insufficient cpu/.test(p.message)));
  },
  'priorityclass-missing-forbidden': (o, code) => {
    assert.equal(code, 1);
    assert.deepEqual(errors(o), ['pods "orphan" is forbidden: no PriorityClass with name does-not-exist was found']);
    assert.deepEqual(o.pods.map((p) => p.name), ['important']);
  },
  'deployment-selector-immutable': (o, code) => {
    assert.equal(code, 1);
    assert.deepEqual(errors(o), ['Deployment.apps "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable']);
    assert.equal(o.errors[0].line, 29, 'the error points at the changed selector');
    assert.equal(o.pods.filter((p) => p.phase === 'Running').length, 2, 'the first version keeps running');
  },
  'deployment-selector-must-match-template': (o, code) => {
    assert.equal(code, 1);
    assert.deepEqual(errors(o), [
      'Deployment.apps "mismatch" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`',
      'Deployment.apps "empty" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
      'Deployment.apps "missing" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`]',
    ]);
    assert.deepEqual(o.pods.map((p) => p.name), ['fine']);
  },
};

/** pkg/apis/policy/validation/validation.go ValidatePodDisruptionBudgetSpec */
API_SERVER_RULES['pdb-min-available-and-max-unavailable-both-set-refused'] = (o, code) => {
  assert.equal(code, 1, 'refused objects are errors');
  assert.deepEqual(o.errors.filter((e) => e.severity === 'error').map((e) => e.message), [
    'PodDisruptionBudget.policy "both" is invalid: spec: Invalid value: policy.PodDisruptionBudgetSpec{MinAvailable:(*intstr.IntOrString)(0xc000…), Selector:(*v1.LabelSelector)(0xc000…), MaxUnavailable:(*intstr.IntOrString)(0xc000…), UnhealthyPodEvictionPolicy:(*policy.UnhealthyPodEvictionPolicy)(nil)}: minAvailable and maxUnavailable cannot be both set',
    'PodDisruptionBudget.policy "too-much" is invalid: spec.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"150%"}: must not be greater than 100%',
  ]);
  assert.ok(o.pods.filter((p) => p.name.startsWith('web-')).every((p) => p.phase === 'Running'), 'the rest is simulated');
};

/**
 * PodDisruptionBudget validation with kube-apiserver's messages: ValidatePodDisruptionBudgetSpec in
 * pkg/apis/policy/validation/validation.go (v1.33), which uses the apps helpers ValidatePositiveIntOrPercent
 * and IsNotMoreThan100Percent for `minAvailable` and `maxUnavailable`.
 */
import { invalid, notSupported, type FieldError } from '../fieldErrors';
import { validateLabels } from './meta';
import { intOrPercent, notMoreThan100Percent } from './workloads';
import { append } from '../../../arrays';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `%#v` of a pointer field: its type and, when set, an address (Go prints the real one; it changes with every request). */
const pointer = (type: string, v: unknown): string => `(*${type})(${v === undefined || v === null ? 'nil' : '0xc000…'})`;

/** `%#v` of the internal policy.PodDisruptionBudgetSpec, as field.Invalid prints the whole spec. */
function goPdbSpec(spec: Json): { printed: string } {
  return {
    printed: `policy.PodDisruptionBudgetSpec{MinAvailable:${pointer('intstr.IntOrString', spec.minAvailable)}, Selector:${pointer('v1.LabelSelector', spec.selector)}, `
      + `MaxUnavailable:${pointer('intstr.IntOrString', spec.maxUnavailable)}, UnhealthyPodEvictionPolicy:${pointer('policy.UnhealthyPodEvictionPolicy', spec.unhealthyPodEvictionPolicy)}}`,
  };
}

/** supportedUnhealthyPodEvictionPolicies, as sets.List sorts them. */
const EVICTION_POLICIES = ['AlwaysAllow', 'IfHealthyBudget'];

/** ValidatePodDisruptionBudgetSpec. */
export function validatePdbSpec(spec: Json): FieldError[] {
  const out: FieldError[] = [];
  const has = (v: unknown): boolean => v !== undefined && v !== null;
  if (has(spec.minAvailable) && has(spec.maxUnavailable)) out.push(invalid('spec', goPdbSpec(spec), 'minAvailable and maxUnavailable cannot be both set'));
  for (const f of ['minAvailable', 'maxUnavailable']) {
    if (!has(spec[f])) continue;
    intOrPercent(spec[f], `spec.${f}`, out);
    append(out, notMoreThan100Percent(spec[f], `spec.${f}`));
  }
  const policy = spec.unhealthyPodEvictionPolicy;
  if (has(policy) && !EVICTION_POLICIES.includes(String(policy))) out.push(notSupported('spec.unhealthyPodEvictionPolicy', policy, EVICTION_POLICIES));
  if (isObj(spec.selector)) append(out, validateLabels(spec.selector.matchLabels, 'spec.selector.matchLabels'));
  return out;
}

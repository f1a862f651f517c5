/**
 * The Priority admission plugin (plugin/pkg/admission/priority/admission.go, v1.33): a pod's
 * priorityClassName is resolved to `spec.priority` (and `preemptionPolicy`), the global default class
 * applies when none is named, a missing class is forbidden. The two system classes always exist
 * (pkg/apis/scheduling/types.go SystemPriorityClasses, created by the API server at start-up).
 */
import type { Store } from '../../store';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** scheduling.SystemCriticalPriority (2 × 10⁹): system-cluster-critical; system-node-critical is 1000 above. */
export const SYSTEM_PRIORITY_CLASSES: readonly { readonly name: string; readonly value: number; readonly description: string }[] = [
  { name: 'system-node-critical', value: 2_000_001_000, description: 'Used for system critical pods that must not be moved from their current node.' },
  { name: 'system-cluster-critical', value: 2_000_000_000, description: 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.' },
];

/** The PriorityClass objects the API server creates at start-up. */
export function systemPriorityClasses(): Json[] {
  return SYSTEM_PRIORITY_CLASSES.map((c) => ({
    apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: c.name },
    value: c.value, description: c.description, preemptionPolicy: 'PreemptLowerPriority',
  }));
}

/** The pod spec with its priority, or the forbidden reason. */
export function admitPriority(store: Store, spec: Json): Json | string {
  let name = typeof spec.priorityClassName === 'string' ? spec.priorityClassName : '';
  let pc: Json | undefined;
  if (!name) {
    pc = [...store.list('PriorityClass')].find((c) => (c as Json).globalDefault === true) as Json | undefined;
    if (pc) name = String(pc.metadata && isObj(pc.metadata) ? pc.metadata.name : '');
  } else {
    pc = store.get('PriorityClass', undefined, name) as Json | undefined;
    if (!pc) return `no PriorityClass with name ${name} was found`;
  }
  const priority = typeof pc?.value === 'number' ? pc.value : 0;
  if (typeof spec.priority === 'number' && spec.priority !== priority) {
    return `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${priority} from the given PriorityClass name`;
  }
  const preemptionPolicy = typeof pc?.preemptionPolicy === 'string' ? pc.preemptionPolicy : 'PreemptLowerPriority';
  return { ...spec, ...(name ? { priorityClassName: name } : {}), priority, preemptionPolicy: spec.preemptionPolicy ?? preemptionPolicy };
}

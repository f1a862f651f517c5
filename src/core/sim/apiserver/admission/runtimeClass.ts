/**
 * The RuntimeClass admission plugin (plugin/pkg/admission/runtimeclass/admission.go, v1.33): a pod naming a RuntimeClass
 * that does not exist is forbidden; the class's `overhead.podFixed` becomes the pod's `spec.overhead` (which
 * kube-scheduler adds to its requests), and its `scheduling` is merged into the pod's nodeSelector and tolerations.
 * https://kubernetes.io/docs/concepts/containers/runtime-class/
 */
import { parseQuantity } from '../../../quantity';
import type { Store } from '../../store';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The pod spec with the RuntimeClass's overhead and scheduling applied, or the forbidden reason. */
export function admitRuntimeClass(store: Store, spec: Json): Json | string {
  const name = typeof spec.runtimeClassName === 'string' ? spec.runtimeClassName : '';
  const rc = name ? store.get('RuntimeClass', undefined, name) as Json | undefined : undefined;
  if (name && !rc) return `pod rejected: RuntimeClass "${name}" not found`;
  const own = isObj(spec.overhead) && Object.keys(spec.overhead).length > 0 ? spec.overhead : undefined;
  const fixed = isObj(rc?.overhead) && isObj(rc.overhead.podFixed) ? rc.overhead.podFixed : undefined;
  // setOverhead, then validateOverhead: a pod may only carry the overhead its RuntimeClass defines.
  if (own && !fixed) return 'pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead';
  if (own && fixed && !sameResources(own, fixed)) return "pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead";
  let out = fixed ? { ...spec, overhead: fixed } : spec;
  const scheduling = isObj(rc?.scheduling) ? rc.scheduling : undefined;
  if (!scheduling) return out;
  // setScheduling: the class's nodeSelector is merged in (a different value for the same key is a conflict) …
  const selector = isObj(scheduling.nodeSelector) ? scheduling.nodeSelector : {};
  const podSelector = isObj(out.nodeSelector) ? out.nodeSelector : undefined;
  for (const [k, v] of Object.entries(selector)) {
    const mine = podSelector?.[k];
    if (mine !== undefined && mine !== v) return `conflict: runtimeClass.scheduling.nodeSelector[${k}] = ${String(v)}; pod.spec.nodeSelector[${k}] = ${String(mine)}`;
  }
  if (Object.keys(selector).length > 0) out = { ...out, nodeSelector: { ...podSelector, ...selector } };
  // … and its tolerations added to the pod's (tolerations.MergeTolerations: those already there are not repeated).
  const extra = Array.isArray(scheduling.tolerations) ? scheduling.tolerations : [];
  const mine = Array.isArray(out.tolerations) ? out.tolerations : [];
  const added = extra.filter((t) => !mine.some((m) => JSON.stringify(m) === JSON.stringify(t)));
  return added.length > 0 ? { ...out, tolerations: mine.concat(added) } : out;
}

/** apiequality.Semantic.DeepEqual of two ResourceLists: the same names with equal quantities (`1Gi` = `1024Mi`). */
function sameResources(a: Json, b: Json): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => {
    const x = parseQuantity(a[k]);
    const y = parseQuantity(b[k]);
    return x.ok && y.ok ? x.value === y.value : a[k] === b[k];
  });
}

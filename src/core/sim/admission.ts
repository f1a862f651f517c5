/**
 * Admission: what kube-apiserver adds to a Pod before storing it. Results are cached per
 * (frozen) pod-template spec, so 150,000 pods of one ReplicaSet share one defaulted spec.
 */
import { arr, obj, str } from './objects';
import type { Json } from './types';

/**
 * DefaultTolerationSeconds admission plugin: every pod tolerates not-ready and unreachable
 * NoExecute taints for 300 s unless it says otherwise
 * (https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#defaulttolerationseconds).
 */
export const DEFAULT_TOLERATION_SECONDS = 300;
const DEFAULT_TOLERATIONS = ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'].map((key) =>
  Object.freeze({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS }));

const cache = new WeakMap<object, Json>();

/** The pod spec as stored: API defaults (restartPolicy Always, default-scheduler, 30 s grace) plus default tolerations. */
export function admitPodSpec(spec: Json): Json {
  const hit = cache.get(spec);
  if (hit) return hit;
  const tolerations = arr(spec.tolerations);
  const extra = DEFAULT_TOLERATIONS.filter((d) => !tolerations.some((t) => str(obj(t)?.key) === d.key && (obj(t)?.effect ?? 'NoExecute') === 'NoExecute'));
  const out = Object.freeze({
    restartPolicy: 'Always', schedulerName: 'default-scheduler', terminationGracePeriodSeconds: 30,
    ...spec, tolerations: Object.freeze([...tolerations, ...extra]),
  });
  cache.set(spec, out);
  cache.set(out, out);
  return out;
}

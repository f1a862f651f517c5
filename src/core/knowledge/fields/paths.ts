import { podSpecPath } from '../../manifests';

/** A path into an object: keys and sequence indexes. */
export type FieldPath = readonly (string | number)[];

/** Dotted form with `[]` for every index: `spec.template.spec.containers[].image`. */
export function dotted(path: FieldPath): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? '[]' : out === '' ? seg : `.${seg}`;
  return out;
}

/** Dotted form with the real indexes, for display: `spec.template.spec.containers[0].image`. */
export function display(path: FieldPath): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out === '' ? seg : `.${seg}`;
  return out;
}

/**
 * The teaching layer's key for a field of a kind: the part inside a pod template becomes
 * `pod:<path in the PodSpec>` (the same field teaches the same lesson in a Pod, a Deployment or
 * a CronJob), the pod template's metadata `podmeta:<path>`, the rest `<Kind>:<path>`, and
 * `metadata.*` of any object `meta:<path>`.
 */
export function teachingKey(kind: string, path: FieldPath): string {
  const pod = podSpecPath(kind);
  if (pod && startsWith(path, pod)) return `pod:${dotted(path.slice(pod.length))}`;
  if (pod && pod.length >= 2 && startsWith(path, [...pod.slice(0, -1), 'metadata'])) return `podmeta:${dotted(path.slice(pod.length))}`;
  if (path[0] === 'metadata') return `meta:${dotted(path.slice(1))}`;
  return `${kind}:${dotted(path)}`;
}

function startsWith(path: FieldPath, prefix: FieldPath): boolean {
  if (path.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (path[i] !== prefix[i]) return false;
  return true;
}

/** JSON merge patch (RFC 7386) of a manifest, as `kubectl patch --type merge` applies it: the served API's implementation. */
import { mergePatch as merge } from '../kubeapi/patch';
import type { KubeObject } from '../sim';

/** A new object: `target` with `patch` merged in; neither input is changed. */
export function mergePatch(target: KubeObject, patch: Readonly<Record<string, unknown>>): KubeObject {
  return merge(target, patch) as KubeObject;
}

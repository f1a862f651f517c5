/**
 * How strategic merge patch merges the list fields of the built-in types: the `patchMergeKey` struct tags of
 * k8s.io/api (core/v1 and apps/v1 types.go). Shared by the served API's PATCH (kubeapi/patch.ts) and the
 * simulated `kubectl apply` (sim/applyMerge.ts), which merge the same way.
 */

/** patchMergeKey of the list fields, by field name (and, for `ports`, by parent). */
const MERGE_KEYS: Readonly<Record<string, string>> = {
  containers: 'name', initContainers: 'name', ephemeralContainers: 'name', volumes: 'name', imagePullSecrets: 'name',
  env: 'name', volumeMounts: 'mountPath', volumeDevices: 'devicePath', hostAliases: 'ip', ownerReferences: 'uid',
  conditions: 'type', addresses: 'type', topologySpreadConstraints: 'topologyKey', schedulingGates: 'name', resourceClaims: 'name',
};
/** Lists of scalars merged as sets (patchStrategy "merge" without a key). */
const MERGED_PRIMITIVES = new Set(['finalizers']);

/** The merge key of the list `field` under `parentPath` (the keys from the object's root), or undefined for an atomic list. */
export function mergeKeyOf(field: string, parentPath: readonly string[]): string | undefined {
  if (field === 'ports') return parentPath.some((p) => p === 'containers' || p === 'initContainers' || p === 'ephemeralContainers') ? 'containerPort' : parentPath[parentPath.length - 1] === 'spec' ? 'port' : undefined;
  return MERGE_KEYS[field];
}

/** Whether the list `field` holds scalars merged as a set (`finalizers`). */
export function isMergedPrimitiveList(field: string): boolean {
  return MERGED_PRIMITIVES.has(field);
}

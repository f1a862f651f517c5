import { controllerRef, obj, strMap, uidOf } from '../objects';
import type { Stored } from '../store';
import type { Json, KubeObject } from '../types';

const PENDING = Object.freeze({ phase: 'Pending' });
const refCache = new Map<string, readonly Json[]>();
const labelCache = new WeakMap<object, Map<string, Readonly<Record<string, string>>>>();

/** Shared frozen ownerReferences for children of `owner`. */
export function ownerRefs(owner: Stored): readonly Json[] {
  // Keyed by everything the reference holds: uids repeat across Simulation instances.
  const k = `${uidOf(owner)}|${owner.kind}|${owner.apiVersion}|${owner.metadata.name}`;
  let refs = refCache.get(k);
  if (!refs) {
    // Bounded: a long-lived live cluster creates owners for ever (one per edit that adds a workload); 150,000 pods have 150.
    if (refCache.size > 4096) refCache.clear();
    refCache.set(k, (refs = Object.freeze([controllerRef(owner)])));
  }
  return refs;
}

/** Template labels plus extra ones, shared per (template, extra) so identical pods share one object. */
function templateLabels(template: Json, extra: Record<string, string>): Readonly<Record<string, string>> {
  const extraKey = JSON.stringify(extra);
  let m = labelCache.get(template);
  if (!m) labelCache.set(template, (m = new Map()));
  let labels = m.get(extraKey);
  if (!labels) m.set(extraKey, (labels = Object.freeze({ ...strMap(obj(template.metadata)?.labels), ...extra })));
  return labels;
}

/** A Pod built from a workload's pod template (controller_utils.go GetPodFromTemplate). */
export function podFromTemplate(
  template: Json, owner: Stored,
  opts: { name?: string; generateName?: string; labels?: Record<string, string>; spec?: Json } = {},
): KubeObject {
  const tmeta = obj(template.metadata) ?? {};
  const metadata: KubeObject['metadata'] = {
    ...(opts.name ? { name: opts.name } : { generateName: opts.generateName ?? `${owner.metadata.name}-` }),
    namespace: owner.metadata.namespace,
    labels: templateLabels(template, opts.labels ?? {}) as Record<string, string>,
    ownerReferences: ownerRefs(owner),
  };
  if (tmeta.annotations) metadata.annotations = strMap(tmeta.annotations);
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec: opts.spec ?? obj(template.spec) ?? {}, status: PENDING };
}

/**
 * Which nodes a DaemonSet's pods belong on, and the pod spec the DaemonSet controller writes
 * for one node (pkg/controller/daemon/util/daemonset_util.go and daemon_controller.go
 * NodeShouldRunDaemonPod; https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/).
 */
import { arr, obj, str } from '../objects';
import { compileNodeSelectorMap, compileNodeSelectorTerms } from '../scheduler/selectors';
import { firstUntoleratedTaint } from '../scheduler/taints';
import type { NodeSelectorTerm, Taint, Toleration } from '../scheduler/types';
import type { Json, KubeObject } from '../types';
import { asNode, asPod, asPodSpec } from '../typed';

const toleration = (key: string, effect: 'NoExecute' | 'NoSchedule'): Json => Object.freeze({ key, operator: 'Exists', effect });

/**
 * AddOrUpdateDaemonPodTolerations: the tolerations the DaemonSet controller adds to every daemon pod
 * (https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/#taints-and-tolerations).
 * No tolerationSeconds: daemon pods are never evicted from not-ready or unreachable nodes.
 */
export const DAEMON_TOLERATIONS: readonly Json[] = Object.freeze([
  toleration('node.kubernetes.io/not-ready', 'NoExecute'),
  toleration('node.kubernetes.io/unreachable', 'NoExecute'),
  toleration('node.kubernetes.io/disk-pressure', 'NoSchedule'),
  toleration('node.kubernetes.io/memory-pressure', 'NoSchedule'),
  toleration('node.kubernetes.io/pid-pressure', 'NoSchedule'),
  toleration('node.kubernetes.io/unschedulable', 'NoSchedule'),
]);
/** Only for pods with `hostNetwork: true` (same table). */
export const NETWORK_UNAVAILABLE_TOLERATION: Json = toleration('node.kubernetes.io/network-unavailable', 'NoSchedule');

/** The template's tolerations plus the daemon ones (AddOrUpdateTolerationInPodSpec replaces same key+effect). */
export function daemonTolerations(templateSpec: Json): Json[] {
  const extra = templateSpec.hostNetwork === true ? [...DAEMON_TOLERATIONS, NETWORK_UNAVAILABLE_TOLERATION] : DAEMON_TOLERATIONS;
  const own = arr(templateSpec.tolerations).map(obj).filter((t): t is Json => !!t)
    .filter((t) => !extra.some((d) => d.key === t.key && d.effect === t.effect));
  return [...own, ...extra];
}

/**
 * The pod spec for `node`: daemon tolerations, and the required node affinity replaced by a
 * `metadata.name` matchFields term (ReplaceDaemonSetPodNodeNameNodeAffinity), so the default
 * scheduler places the pod, on that node only.
 */
export function daemonPodSpec(templateSpec: Json, node: string): Json {
  const affinity = obj(templateSpec.affinity) ?? {};
  const nodeAffinity = obj(affinity.nodeAffinity) ?? {};
  const required = { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }] };
  return {
    ...templateSpec, tolerations: daemonTolerations(templateSpec),
    affinity: { ...affinity, nodeAffinity: { ...nodeAffinity, requiredDuringSchedulingIgnoredDuringExecution: required } },
  };
}

/** The node a daemon pod is for: spec.nodeName, else its matchFields term (GetTargetNodeName). */
export function targetNode(pod: KubeObject): string | null {
  const bound = asPod(pod).spec?.nodeName;
  if (bound) return bound;
  const terms = (asPod(pod).spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []);
  for (const t of terms) {
    for (const f of arr(obj(t)?.matchFields).map(obj)) {
      const values = arr(f?.values);
      if (f?.key === 'metadata.name' && f.operator === 'In' && values.length === 1) return str(values[0]) ?? null;
    }
  }
  return null;
}

/** NodeShouldRunDaemonPod's answer: create a pod there / keep an existing one. */
export interface Placement { readonly shouldRun: boolean; readonly shouldContinueRunning: boolean }

/**
 * NodeShouldRunDaemonPod: spec.nodeName and the template's nodeSelector / required node affinity
 * must match; an untolerated NoSchedule or NoExecute taint stops new pods, and only an untolerated
 * NoExecute taint removes existing ones.
 */
export function nodeShouldRun(node: KubeObject, templateSpec: Json): Placement {
  return compilePlacement(templateSpec)(node);
}

/** nodeShouldRun compiled once per template, for checking every node of a large cluster. */
export function compilePlacement(templateSpec: Json): (node: KubeObject) => Placement {
  const pinned = str(templateSpec.nodeName);
  const selector = compileNodeSelectorMap((obj(templateSpec.nodeSelector) ?? {}) as Record<string, string>);
  const terms = asPodSpec(templateSpec).affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  const affinity = terms === undefined ? null : compileNodeSelectorTerms(arr(terms) as NodeSelectorTerm[]);
  const tolerations = daemonTolerations(templateSpec) as unknown as Toleration[];
  return (node) => {
    const name = node.metadata.name ?? '';
    const labels = (node.metadata.labels ?? {}) as Record<string, string>;
    if ((pinned && pinned !== name) || !selector(labels, name) || (affinity && !affinity(labels, name))) return NEVER;
    const taints = (asNode(node).spec?.taints ?? []).map(obj).filter((t): t is Json => !!t) as unknown as Taint[];
    if (!firstUntoleratedTaint(taints, tolerations)) return ALWAYS;
    return firstUntoleratedTaint(taints.filter((t) => t.effect === 'NoExecute'), tolerations) ? NEVER : KEEP;
  };
}

const NEVER: Placement = Object.freeze({ shouldRun: false, shouldContinueRunning: false });
const ALWAYS: Placement = Object.freeze({ shouldRun: true, shouldContinueRunning: true });
const KEEP: Placement = Object.freeze({ shouldRun: false, shouldContinueRunning: true });

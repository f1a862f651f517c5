/**
 * A Job's pod failure policy as the Job controller applies it to each failed pod (matchPodFailurePolicy,
 * pkg/controller/job/pod_failure_policy.go, v1.33; https://kubernetes.io/docs/concepts/workloads/controllers/job/#pod-failure-policy):
 * the rules are tried in order and the first that matches decides. FailJob fails the whole Job with the rule's
 * message; Ignore neither counts the failure toward backoffLimit nor delays the replacement; Count (and no
 * match) counts it as usual. FailIndex counts it and fails the pod's index at once (with backoffLimitPerIndex, which
 * kube-apiserver requires for it; job.ts).
 */
import { arr, obj, str } from '../objects';
import type { KubeObject } from '../types';

export interface PolicyMatch {
  /** Whether the failure counts toward backoffLimit (and status.failed). */
  readonly counts: boolean;
  /** With a FailJob rule: the Job's Failed condition message. */
  readonly failJob?: string;
  /** A FailIndex rule matched: the pod's index fails at once (backoffLimitPerIndex). */
  readonly failIndex?: boolean;
}

const COUNTED: PolicyMatch = Object.freeze({ counts: true });
const IGNORED: PolicyMatch = Object.freeze({ counts: false });
const FAIL_INDEX: PolicyMatch = Object.freeze({ counts: true, failIndex: true });

/** What the policy of `job` says of its failed pod `pod`. */
export function matchPodFailurePolicy(job: KubeObject, pod: KubeObject): PolicyMatch {
  const rules = arr(obj(obj(job.spec)?.podFailurePolicy)?.rules);
  const status = obj(pod.status) ?? {};
  const where = `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name ?? ''}`;
  for (let index = 0; index < rules.length; index++) {
    const rule = obj(rules[index]) ?? {};
    const action = str(rule.action);
    let failJob: string | undefined;
    if (obj(rule.onExitCodes)) {
      const c = matchOnExitCodes(status, obj(rule.onExitCodes)!);
      if (!c) continue;
      failJob = `Container ${c.name} for pod ${where} failed with exit code ${c.exitCode} matching ${action} rule at index ${index}`;
    } else if (arr(rule.onPodConditions).length > 0) {
      const type = matchOnPodConditions(status, arr(rule.onPodConditions));
      if (type === undefined) continue;
      failJob = `Pod ${where} has condition ${type} matching ${action} rule at index ${index}`;
    } else continue;
    if (action === 'Ignore') return IGNORED;
    if (action === 'FailJob') return { counts: true, failJob };
    if (action === 'FailIndex') return FAIL_INDEX;
    if (action === 'Count') return COUNTED;
  }
  return COUNTED;
}

/** The first terminated container (app containers, then init containers) with a non-zero exit code the requirement matches. */
function matchOnExitCodes(status: Record<string, unknown>, req: Record<string, unknown>): { name: string; exitCode: number } | undefined {
  for (const list of [status.containerStatuses, status.initContainerStatuses]) {
    for (const s of arr(list).map(obj)) {
      const code = obj(obj(s?.state)?.terminated)?.exitCode;
      if (typeof code !== 'number' || code === 0) continue;
      if (typeof req.containerName === 'string' && req.containerName !== s?.name) continue;
      const values = arr(req.values);
      const listed = values.includes(code);
      if ((req.operator === 'In' && listed) || (req.operator === 'NotIn' && !listed)) return { name: str(s?.name) ?? '', exitCode: code };
    }
  }
  return undefined;
}

/** The type of the first pod condition one of the patterns matches (type and status; status defaults to True). */
function matchOnPodConditions(status: Record<string, unknown>, patterns: readonly unknown[]): string | undefined {
  for (const c of arr(status.conditions).map(obj)) {
    for (const p of patterns.map(obj)) {
      if (c?.type === p?.type && c?.status === (p?.status ?? 'True')) return str(c?.type);
    }
  }
  return undefined;
}

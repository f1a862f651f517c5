/**
 * Indexed Jobs (https://kubernetes.io/docs/concepts/workloads/controllers/job/#completion-mode, the Job controller's
 * indexed_job_utils.go): each pod carries a completion index from 0 to completions-1, as the
 * `batch.kubernetes.io/job-completion-index` annotation and label and the JOB_COMPLETION_INDEX variable; its name is
 * `<job>-<index>-<suffix>` and its hostname `<job>-<index>`. The Job completes when every index has a succeeded pod;
 * a failed index gets a new pod.
 */
import { obj } from '../objects';
import type { Stored } from '../store';
import type { Json, KubeObject } from '../types';
import { asJob } from '../typed';

export const COMPLETION_INDEX = 'batch.kubernetes.io/job-completion-index';

export function isIndexed(job: KubeObject): boolean {
  return asJob(job).spec?.completionMode === 'Indexed';
}

/** A pod's completion index, or null. */
export function indexOf(pod: KubeObject): number | null {
  const raw = pod.metadata.annotations?.[COMPLETION_INDEX] ?? pod.metadata.labels?.[COMPLETION_INDEX];
  const n = Number(raw);
  return raw !== undefined && Number.isInteger(n) && n >= 0 ? n : null;
}

/** The `n` lowest indexes below `completions` that neither succeeded nor have an active pod. */
export function nextIndexes(completions: number, done: ReadonlySet<number>, active: readonly KubeObject[], n: number): number[] {
  const busy = new Set(active.map(indexOf));
  const out: number[] = [];
  for (let i = 0; i < completions && out.length < n; i++) if (!done.has(i) && !busy.has(i)) out.push(i);
  return out;
}

/** Failures of the pod's index before it (backoffLimitPerIndex; addIndexFailureCountAnnotation, indexed_job_utils.go). */
export const INDEX_FAILURE_COUNT = 'batch.kubernetes.io/job-index-failure-count';

/**
 * The pod of index `i`: its name prefix, index label and annotation, hostname and JOB_COMPLETION_INDEX (from the label);
 * with backoffLimitPerIndex, how many times the index failed before (`failures`).
 */
export function indexedPod(pod: KubeObject, job: Stored, i: number, failures?: number): KubeObject {
  const spec = obj(pod.spec) ?? {};
  const env = { name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { fieldPath: `metadata.labels['${COMPLETION_INDEX}']` } } };
  const withEnv = (list: unknown): unknown => (Array.isArray(list) ? list.map((c) => {
    const container = obj(c) ?? {};
    return { ...container, env: [...(Array.isArray(container.env) ? container.env : []), env] };
  }) : list);
  return {
    ...pod,
    metadata: {
      ...pod.metadata, generateName: `${job.metadata.name}-${i}-`,
      labels: { ...pod.metadata.labels, [COMPLETION_INDEX]: String(i) },
      annotations: { ...pod.metadata.annotations, [COMPLETION_INDEX]: String(i), ...(failures === undefined ? {} : { [INDEX_FAILURE_COUNT]: String(failures) }) },
    },
    spec: {
      ...spec, hostname: typeof spec.hostname === 'string' && spec.hostname !== '' ? spec.hostname : `${job.metadata.name}-${i}`,
      containers: withEnv(spec.containers), ...(spec.initContainers ? { initContainers: withEnv(spec.initContainers) } : {}),
    } as Json,
  };
}

/** status.completedIndexes (and failedIndexes): the indexes as ranges, `0-2,4,6-7` (orderedIntervals.String: two in a row are `3,4`). */
export function completedIndexes(done: ReadonlySet<number>): string {
  const sorted = [...done].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(j === i ? String(sorted[i]) : j === i + 1 ? `${sorted[i]},${sorted[j]}` : `${sorted[i]}-${sorted[j]}`);
    i = j;
  }
  return parts.join(',');
}

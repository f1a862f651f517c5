import { obj, str } from '../objects';
import type { KubeObject } from '../types';
import { asJob } from '../typed';

/**
 * A Job's terminal condition, Complete or Failed with status True, and its reason
 * (https://kubernetes.io/docs/concepts/workloads/controllers/job/#terminal-job-conditions); null while it runs.
 * Apart from job.ts so the snapshot reads it too (job.ts imports the snapshot's time helpers).
 */
export function terminalCondition(job: KubeObject): { readonly type: 'Complete' | 'Failed'; readonly reason: string | undefined } | null {
  for (const c of (asJob(job).status?.conditions ?? []).map(obj)) {
    if (c?.status === 'True' && (c.type === 'Complete' || c.type === 'Failed')) return { type: c.type, reason: str(c.reason) };
  }
  return null;
}

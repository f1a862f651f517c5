/**
 * Timed steps: what a scenario does after time 0 (apply an object, delete one, fail or heal a
 * target at simulated second S). The CLI's `--fail NAME@S` is one kind of step; golden scenarios
 * give the others in a `<name>.steps.yaml` sidecar, a YAML list such as
 *
 * ```yaml
 * - at: 30
 *   delete: deployment/web          # KIND/NAME or KIND/NAMESPACE/NAME
 * - at: 40
 *   apply: {apiVersion: apps/v1, kind: Deployment, ...}
 * - at: 60
 *   fail: worker-1                  # or heal:
 * ```
 */
import { parse } from 'yaml';
import { KUBECTL_KINDS } from '../core/lessons/refs';
import type { KubeObject, Simulation } from '../core/sim';

/** One timed action. */
export type Step =
  | { readonly at: number; readonly action: 'apply'; readonly object: KubeObject }
  | { readonly at: number; readonly action: 'delete'; readonly kind: string; readonly namespace: string | undefined; readonly name: string }
  | { readonly at: number; readonly action: 'fail' | 'heal'; readonly target: string };

/** Parses a steps file; throws an Error with the offending entry's index on bad input. */
export function parseSteps(text: string): Step[] {
  const list: unknown = parse(text, { maxAliasCount: 100 });
  if (!Array.isArray(list)) throw new Error('steps: expected a YAML list');
  return list.map((entry, i) => parseStep(entry, i));
}

function parseStep(entry: unknown, i: number): Step {
  const e = (entry ?? {}) as Record<string, unknown>;
  const at = e.at;
  if (typeof at !== 'number' || !Number.isFinite(at) || at < 0) throw new Error(`steps[${i}].at: expected a number of seconds >= 0`);
  if (typeof e.apply === 'object' && e.apply !== null) return { at, action: 'apply', object: e.apply as KubeObject };
  if (typeof e.delete === 'string') return { at, ...parseDelete(e.delete, i) };
  for (const action of ['fail', 'heal'] as const) if (typeof e[action] === 'string') return { at, action, target: e[action] as string };
  throw new Error(`steps[${i}]: expected one of apply, delete, fail, heal`);
}

function parseDelete(ref: string, i: number): { action: 'delete'; kind: string; namespace: string | undefined; name: string } {
  const parts = ref.split('/');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === '')) throw new Error(`steps[${i}].delete: expected KIND/NAME or KIND/NAMESPACE/NAME`);
  const kind = parts[0].charAt(0).toUpperCase() + parts[0].slice(1);
  return { action: 'delete', kind: KUBECTL_KINDS[parts[0].toLowerCase()] ?? kind, namespace: parts.length === 3 ? parts[1] : undefined, name: parts[parts.length - 1] };
}

/** Performs one step now (the caller has advanced the clock to `step.at`). */
export function performStep(sim: Simulation, step: Step, file: string): void {
  if (step.action === 'apply') sim.apply(step.object, { file, line: 0, column: 0 });
  else if (step.action === 'delete') sim.delete(step.kind, step.namespace, step.name);
  else if (step.action === 'fail') sim.fail(step.target);
  else sim.heal(step.target);
}

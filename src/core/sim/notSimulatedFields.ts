/**
 * What the engine does not act on in an object, so that nothing is ignored silently:
 * - the fields the one table (src/core/knowledge/fields/teaching.ts, `modelled: 'no'`) marks as not
 *   modelled become notes at each field (the CLI prints them at the field's line; the editor shows the
 *   same fields as information from the same table);
 * - approximations of a modelled field become the apply result's warning.
 */
import { unmodelledFields, unmodelledMessage } from '../knowledge/fields/unmodelled';
import { display } from '../knowledge/fields/paths';
import { arr, at, str } from './objects';
import type { KubeObject } from './types';

/** One field the simulation does not model, for the apply result. */
export interface FieldNote {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** A note per field present that the simulation does not model: `Deployment "web": The simulation does not model spec.template.spec.hostPID: …`. */
export function unmodelledFieldNotes(o: KubeObject): FieldNote[] {
  const name = str(o.metadata.name) ?? str(o.metadata.generateName) ?? '';
  return unmodelledFields(o).map((f) => ({ path: f.path, message: `${o.kind} "${name}": ${unmodelledMessage(display(f.path), f.teaching)}` }));
}

/** The approximation note for an object's pod spec, or undefined. */
export function notSimulatedFields(o: KubeObject): string | undefined {
  const spec = o.kind === 'Pod' ? o.spec : o.kind === 'CronJob' ? at(o, 'spec', 'jobTemplate', 'spec', 'template', 'spec') : at(o, 'spec', 'template', 'spec');
  if (arr(at(spec, 'affinity', 'podAffinity', 'requiredDuringSchedulingIgnoredDuringExecution')).length > 1) {
    return `${o.kind} "${str(o.metadata.name) ?? ''}": not simulated: several required pod affinity terms are checked one by one, not as one group`;
  }
  return undefined;
}

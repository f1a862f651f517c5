/**
 * The fields of an object that the simulation does not model, from the one table that says so
 * ({@link TEACHING}, `modelled: 'no'`): the editor shows each as information at the field, the
 * engine's apply result (and so the CLI) names them, and the hover says "Not modelled".
 */
import { TEACHING, type FieldTeaching } from './teaching';
import { teachingKey, type FieldPath } from './paths';

export interface UnmodelledField {
  /** Where the field is in the object (real indexes). */
  readonly path: FieldPath;
  /** Its teaching key (`pod:hostPID`). */
  readonly key: string;
  readonly teaching: FieldTeaching;
}

const MAX_DEPTH = 30;
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every field present in `o` whose teaching entry says `modelled: 'no'`, in document order, at most `limit`. */
export function unmodelledFields(o: { readonly kind: string }, limit = 50): UnmodelledField[] {
  const out: UnmodelledField[] = [];
  const visit = (value: unknown, path: (string | number)[]): void => {
    if (out.length >= limit || path.length > MAX_DEPTH) return;
    if (Array.isArray(value)) {
      value.forEach((v, i) => visit(v, [...path, i]));
      return;
    }
    if (!isObj(value)) return;
    for (const [key, child] of Object.entries(value)) {
      const childPath = [...path, key];
      const k = teachingKey(o.kind, childPath);
      const teaching = TEACHING[k];
      if (teaching?.modelled === 'no' && out.length < limit) out.push({ path: childPath, key: k, teaching });
      visit(child, childPath);
    }
  };
  visit(o, []);
  return out;
}

/** The one wording: `The simulation does not model hostPID: <what it does instead>`. */
export function unmodelledMessage(field: string, teaching: FieldTeaching): string {
  return `The simulation does not model ${field}${teaching.simulation ? `: ${teaching.simulation}` : '.'}`;
}

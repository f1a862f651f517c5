/**
 * Builds the parts of a {@link ScheduleResult} that need strings: the FailedScheduling
 * message, the per-node verdicts and the sampling note. Only called when needed, so
 * the scheduling loop itself stays free of string work.
 */
import { formatFitError } from './fitError';
import { isUnresolvable, PASS, type ReasonTable } from './filters';
import type { NodeTable } from './nodeTable';

/** What one filter pass produced, by position in the search order. */
export interface PassRecord {
  readonly order: Int32Array;
  readonly start: number;
  readonly processed: number;
  /** codes[i] is the outcome of the i-th node searched (order[(start + i) % n]). */
  readonly codes: Int32Array;
  readonly feasible: Int32Array;
  readonly k: number;
  readonly scores: Int32Array;
}

function slotAt(rec: PassRecord, i: number): number {
  const n = rec.order.length;
  const idx = rec.start + i;
  return rec.order[idx >= n ? idx - n : idx];
}

/** The FailedScheduling message of a pass that found no feasible node. */
export function failureMessage(rec: PassRecord, reasons: ReasonTable, preemptionNever: boolean): string {
  const perCode = new Map<number, number>();
  let unresolvable = 0;
  for (let i = 0; i < rec.processed; i++) {
    const code = rec.codes[i];
    perCode.set(code, (perCode.get(code) ?? 0) + 1);
    if (isUnresolvable(code)) unresolvable++;
  }
  const counts = new Map<string, number>();
  for (const [code, count] of perCode) {
    for (const reason of reasons.reasons(code)) counts.set(reason, (counts.get(reason) ?? 0) + count);
  }
  return formatFitError(rec.order.length, counts, unresolvable, preemptionNever);
}

/** node -> 'fits (score N)' or the rejecting plugin's reason(s), for every node. */
export function verdicts(rec: PassRecord, nodes: NodeTable, reasons: ReasonTable): Record<string, string> {
  const out: Record<string, string> = {};
  const scoreBySlot = new Map<number, number>();
  for (let i = 0; i < rec.k; i++) scoreBySlot.set(rec.feasible[i], rec.scores[i]);
  for (let i = 0; i < rec.order.length; i++) {
    const slot = slotAt(rec, i);
    const name = nodes.names[slot];
    if (i >= rec.processed) out[name] = 'not evaluated (percentageOfNodesToScore)';
    else if (rec.codes[i] === PASS) out[name] = `fits (score ${scoreBySlot.get(slot) ?? 0})`;
    else out[name] = reasons.reasons(rec.codes[i]).join(', ');
  }
  return out;
}

/** The sampling note, when the search stopped before visiting every node. */
export function samplingNote(rec: PassRecord, percentage: number, adaptive: boolean): string | null {
  if (rec.processed >= rec.order.length) return null;
  // Successive pods almost always get the same note: reuse the string (callers compare notes).
  const n = rec.order.length;
  if (rec.k !== lastNote.k || n !== lastNote.n || percentage !== lastNote.percentage || adaptive !== lastNote.adaptive) {
    lastNote = { k: rec.k, n, percentage, adaptive, text: `scored ${rec.k} of ${n} nodes (percentageOfNodesToScore=${percentage}%${adaptive ? ', adaptive' : ''})` };
  }
  return lastNote.text;
}
let lastNote = { k: -1, n: -1, percentage: -1, adaptive: false, text: '' };

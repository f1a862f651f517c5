/**
 * The journal room: recording (journal.ts), exact past states (history.ts), public entries
 * (entries.ts) and their narration (narrate.ts).
 */
import type { JournalEntry } from '../../../shared/journal';
import { entriesOf } from './entries';
import type { Journal } from './journal';

export { Journal, DEFAULT_JOURNAL_OPTIONS, type JournalOptions } from './journal';
export { stateAt, HistoricStore, type HistoricState } from './history';
export { entriesOf } from './entries';
export { narrate } from './narrate';

/** Largest page `journalSince` returns. */
export const MAX_PAGE = 10_000;

/** A page of journal entries. */
export interface JournalPage {
  readonly entries: JournalEntry[];
  /** The seq to ask from next. */
  readonly next: number;
  readonly more: boolean;
  /** Entries after `seq` had been compacted: the page starts at the oldest retained one. */
  readonly gap: boolean;
}

/**
 * The entries with seq > `seq`, at most `limit` (a record's derived entries are never split
 * across pages, so a page may be longer when its first record alone is).
 */
export function journalSince(journal: Journal, seq: number, limit = MAX_PAGE): JournalPage {
  const max = Math.max(1, Math.min(MAX_PAGE, Math.floor(limit)));
  const gap = seq < journal.compacted;
  let s = Math.max(Math.floor(seq), journal.compacted);
  const entries: JournalEntry[] = [];
  while (s < journal.head) {
    const next = entriesOf(journal, s + 1);
    if (entries.length > 0 && entries.length + next.length > max) break;
    entries.push(...next);
    s++;
    if (entries.length >= max) break;
  }
  return { entries, next: s, more: s < journal.head, gap };
}

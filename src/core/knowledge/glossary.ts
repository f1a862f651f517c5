import { COMPONENTS } from './components';
import { IDEAS, KINDS, MORE_COMPONENTS } from './concepts';
import { TERMS } from './terms';
import type { GlossaryEntry } from './types';

/** Every entry, components first. */
export const GLOSSARY: readonly GlossaryEntry[] = [...COMPONENTS, ...MORE_COMPONENTS, ...TERMS, ...KINDS, ...IDEAS];

const BY_WORD: ReadonlyMap<string, GlossaryEntry> = indexByWord(GLOSSARY);

function indexByWord(entries: readonly GlossaryEntry[]): Map<string, GlossaryEntry> {
  const index = new Map<string, GlossaryEntry>();
  for (const entry of entries) {
    for (const word of [entry.id, ...entry.aliases]) {
      if (index.has(word)) throw new Error(`glossary word "${word}" is defined twice`);
      index.set(word, entry);
    }
  }
  return index;
}

/** The entry a word names (case-sensitive: `Pod` and `pod` are both listed, `POD` is not). */
export function lookup(word: string): GlossaryEntry | undefined {
  return BY_WORD.get(word);
}

/** The entry with this id. */
export function entryById(id: string): GlossaryEntry | undefined {
  return GLOSSARY.find((e) => e.id === id);
}

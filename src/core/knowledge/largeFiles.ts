/**
 * Size limits for the editor features. Files over {@link FULL_OUTLINE_LIMIT} get hovers and
 * diagnostics only for the YAML document (`---` slice) under the cursor; files over
 * {@link MAX_FILE_SIZE} get nothing (the parser refuses them too).
 */
import { DEFAULT_PARSE_OPTIONS } from '../manifests/types';

export const FULL_OUTLINE_LIMIT = 1024 * 1024;

/**
 * A YAML document with more keys and list items than this gets no syntax tree in the editor (hovers of
 * the terms under the cursor still answer): the tree's cost follows the keys, not the bytes (150 kB of
 * `- role: worker` lines take 270 ms, 930 kB of one block scalar 44 ms), and a hover or a code lens is
 * built on the extension host's thread: a 100,000-node kind config took 2.8 s for each version of the
 * file. At 10,000 keys the tree takes about 250 ms (once per version: later hovers read it).
 */
export const MAX_TREE_KEYS = 10_000;

/** A line that opens a key or a list item (a cheap count of a document's syntax nodes). */
const KEY_LINE = /^[ \t]*(?:-[ \t]|[^\s#][^:\n]*:(?:[ \t]|$))/gm;

/** True when `text` has more than {@link MAX_TREE_KEYS} key or list-item lines (counting stops there). */
export function tooManyKeys(text: string): boolean {
  KEY_LINE.lastIndex = 0;
  let n = 0;
  for (let m = KEY_LINE.exec(text); m; m = KEY_LINE.exec(text)) if (++n > MAX_TREE_KEYS) return true;
  return false;
}
export const MAX_FILE_SIZE = DEFAULT_PARSE_OPTIONS.maxBytes;

const START_MARKER = /^---(?=[ \t\r\n]|$)/gm;

/** The `---`-delimited slice of `text` holding `offset`: `[start, end)`. */
export function sliceAround(text: string, offset: number): { start: number; end: number } {
  let start = 0;
  let end = text.length;
  START_MARKER.lastIndex = 0;
  for (let m = START_MARKER.exec(text); m; m = START_MARKER.exec(text)) {
    if (m.index > offset) {
      end = m.index;
      break;
    }
    start = m.index;
  }
  return { start, end };
}

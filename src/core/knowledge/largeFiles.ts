/**
 * Size limits for the editor features. Files over {@link FULL_OUTLINE_LIMIT} get hovers and
 * diagnostics only for the YAML document (`---` slice) under the cursor; files over
 * {@link MAX_FILE_SIZE} get nothing (the parser refuses them too).
 */
import { DEFAULT_PARSE_OPTIONS } from '../manifests/types';

export const FULL_OUTLINE_LIMIT = 1024 * 1024;
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

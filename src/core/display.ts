/**
 * Text from a manifest made safe to show as one line: in a terminal (the CLI's errors and tables), in
 * an editor diagnostic, in an event row. Control characters (C0, DEL, C1) and the Unicode characters
 * that move or reorder text (line and paragraph separators, bidirectional overrides and isolates) are
 * shown as escapes (`\u001b`, newline as `\n`), so `ESC[31m` cannot colour a terminal and a name with
 * a newline cannot forge a second error line; a long value is cut with an ellipsis and its length.
 * Backslashes are left alone, so applying it twice changes nothing.
 */

/** Longest message shown (characters): far above any message Kubernetes writes, far below a 4 MB name. */
export const MAX_DISPLAY = 1024;

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
// eslint-disable-next-line no-control-regex -- as above
const HAS_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;
const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `text` on one line with unsafe characters escaped, at most `max` characters (cut with `…`). */
export function displayText(text: string, max = MAX_DISPLAY): string {
  if (text.length <= max && !HAS_UNSAFE.test(text)) return text; // the common case: no copy
  // Cut before escaping so a huge value costs O(max), then again after (escapes lengthen the text).
  let s = text.length > max ? text.slice(0, max) : text;
  s = s.replace(UNSAFE, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (s.length <= max && text.length <= max) return s;
  const note = `… (${text.length} characters)`;
  return s.slice(0, Math.max(0, max - note.length)) + note;
}

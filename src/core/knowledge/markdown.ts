/**
 * Markdown for hovers. Everything that comes from a manifest or the simulation (names, images,
 * taint keys, scheduler messages that quote them) is untrusted text: it goes through
 * {@link escapeMarkdown} or {@link code} and never becomes a link, heading, HTML or command URI.
 * The only links in a hover are the ones built here from our own command ids and kubernetes.io.
 */

/** The longest piece of untrusted text a hover shows; the rest is cut with an ellipsis. */
export const MAX_UNTRUSTED_LENGTH = 200;

// C0/C1 control characters, line and paragraph separators: a newline followed by `===` would make a heading.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/** One line of at most `max` characters, control characters and newlines replaced by a space. */
export function oneLine(text: string, max = MAX_UNTRUSTED_LENGTH): string {
  const flat = text.replace(CONTROL, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/**
 * Escapes untrusted text for Markdown: one line, and every ASCII punctuation character
 * backslash-escaped (CommonMark allows it for all of them). That defeats links and images
 * (`[`, `(`), autolinks (`<`, and `:` and `.` which `http://` and `www.` need), emphasis,
 * headings (`#`, and `=`/`-` underlines), tables (`|`), HTML (`<`, `&`) and command URIs.
 */
export function escapeMarkdown(text: string, max = MAX_UNTRUSTED_LENGTH): string {
  return oneLine(text, max).replace(/[!-/:-@[-`{-~]/g, (c) => `\\${c}`);
}

/** Untrusted text as an inline code span (nothing inside a code span is markup), fenced past any backticks inside. */
export function code(text: string): string {
  const flat = oneLine(text);
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat === '' ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** Our own commands a hover may link to; the VS Code adapter trusts exactly these and nothing else. */
export const HOVER_COMMANDS = ['kubeAnatomy.showClusterView', 'kubeAnatomy.openDocs'] as const;
export type HoverCommand = (typeof HOVER_COMMANDS)[number];

/** A `command:` link to one of {@link HOVER_COMMANDS} with JSON arguments (URI-encoded, so no text can end the link). */
export function commandLink(title: string, command: HoverCommand, args: unknown): string {
  return `[${escapeMarkdown(title)}](command:${command}?${uriComponent(JSON.stringify([args]))})`;
}

/** A link to a documentation page we wrote into the knowledge base (never one from a manifest). */
export function docLink(title: string, url: string): string {
  return `[${escapeMarkdown(title)}](${url.replace(/[()\s<>]/g, hex)})`;
}

const hex = (c: string): string => `%${c.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`;

/** encodeURIComponent, plus the characters it leaves alone that Markdown link syntax cares about. */
function uriComponent(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*~]/g, hex);
}

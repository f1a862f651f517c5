import { PORTS_PAGE } from './components';
import { lookup } from './glossary';
import { code, commandLink, docLink, escapeMarkdown } from './markdown';
import type { GlossaryEntry, PortSpec } from './types';

/** What a hover shows and the text span it belongs to (character offsets into the document). */
export interface HoverResult {
  readonly entry: GlossaryEntry;
  readonly markdown: string;
  readonly start: number;
  readonly end: number;
}

/** Live facts about an entry from the simulated cluster, one short line each (plain text). */
export type LiveStatus = (entryId: string) => readonly string[];

/** A token around an offset made of the given characters. */
function tokenAt(text: string, offset: number, chars: RegExp): { word: string; start: number; end: number } | undefined {
  let start = offset;
  let end = offset;
  while (start > 0 && chars.test(text[start - 1] ?? '')) start--;
  while (end < text.length && chars.test(text[end] ?? '')) end++;
  return end > start ? { word: text.slice(start, end), start, end } : undefined;
}

const WIDE = /[A-Za-z0-9._/-]/; // well-known labels: node-role.kubernetes.io/control-plane
const NARROW = /[A-Za-z0-9-]/; // component names: kube-scheduler in /etc/kubernetes/manifests/kube-scheduler.yaml

/**
 * The hover for the glossary word at `offset` in `text`, if any.
 * Pure: providers in src/vscode adapt it; tests call it on in-memory text.
 */
export function computeHover(text: string, offset: number, live?: LiveStatus): HoverResult | undefined {
  if (offset < 0 || offset > text.length) return undefined;
  for (const chars of [WIDE, NARROW]) {
    const token = tokenAt(text, offset, chars);
    const entry = token && lookup(trimPunctuation(token.word));
    if (token && entry) {
      const word = trimPunctuation(token.word);
      const start = token.start + token.word.indexOf(word);
      return { entry, markdown: renderEntry(entry, live?.(entry.id) ?? []), start, end: start + word.length };
    }
  }
  return undefined;
}

function trimPunctuation(word: string): string {
  return word.replace(/^[./-]+|[./-]+$/g, '');
}


function formatPort(p: PortSpec): string {
  const range = p.to === undefined ? String(p.port) : `${p.port}-${p.to}`;
  return `| ${range} | ${p.protocol} | ${p.purpose} | ${p.usedBy} |`;
}

const KIND_LABEL: Readonly<Record<GlossaryEntry['kind'], string>> = {
  component: 'Component', role: 'Node role', infrastructure: 'Infrastructure', resource: 'API resource', field: 'Field', label: 'Well-known label / taint', concept: 'Concept', tool: 'Tool',
};

/** The Markdown for one entry, with live status lines (escaped) when the simulation has any. */
export function renderEntry(entry: GlossaryEntry, live: readonly string[]): string {
  const parts = [`### ${entry.title}`, `*${KIND_LABEL[entry.kind]}* · **Runs on:** ${entry.runsOn}`, entry.summary];
  // Live status right after the summary, so it shows without scrolling the hover.
  if (live.length > 0) parts.push(['**In the simulated cluster now:**', ...live.map((l) => `- ${escapeMarkdown(l)}`)].join('\n'));
  if (entry.details) parts.push(entry.details);
  if (entry.ports.length > 0) {
    parts.push(['| Port | Protocol | Purpose | Used by |', '|---|---|---|---|', ...entry.ports.map(formatPort)].join('\n'));
  }
  const who = [
    entry.talksTo.length > 0 ? `**Talks to:** ${entry.talksTo.join(' · ')}` : '',
    entry.calledBy.length > 0 ? `**Called by:** ${entry.calledBy.join(' · ')}` : '',
  ].filter(Boolean);
  if (who.length > 0) parts.push(who.join('  \n'));
  parts.push(`**Look at it in a real cluster:** ${code(entry.kubectl)}`);
  const links = [docLink(entry.docs.title, entry.docs.url)];
  if (entry.ports.length > 0) links.push(docLink('Ports and Protocols', PORTS_PAGE));
  links.push(commandLink('Show in Cluster View', 'kubeAnatomy.showClusterView', { component: entry.id }), commandLink('Open docs', 'kubeAnatomy.openDocs', entry.docs.url));
  parts.push(links.join(' · '));
  return parts.join('\n\n');
}

import { code, commandLink, escapeMarkdown } from '../markdown';
import { API_STAMP, defaultFrom, moreInfoUrl, shortDescription, type ApiField } from './apiDocs';
import { display, type FieldPath } from './paths';
import type { FieldTeaching, Modelled } from './teaching';

/** Everything a field hover shows. */
export interface FieldHoverInput {
  readonly kind: string;
  readonly name?: string;
  readonly path: FieldPath;
  readonly api?: ApiField;
  readonly teaching?: FieldTeaching;
  /** Live lines (plain text, escaped here) and their stamp (`t=30s · multi-worker`). */
  readonly live: readonly string[];
  readonly liveStamp?: string;
  /** The selection "Show in Cluster View" passes. */
  readonly selection: { readonly kind: string; readonly namespace?: string; readonly name?: string; readonly component?: string };
}

const MODELLED: Readonly<Record<Modelled, string>> = { yes: 'modelled', partly: 'partly modelled', no: 'not modelled' };
const DEFAULT_DOCS = 'https://kubernetes.io/docs/reference/kubernetes-api/';

function typeLine(api: ApiField): string {
  const parts = [`Type: ${code(api.type)}${api.format ? ` (${code(api.format)})` : ''}`];
  const def = defaultFrom(api.description);
  if (def) parts.push(`Default: ${code(def)}`);
  if (api.enum && api.enum.length > 0) parts.push(`One of: ${api.enum.slice(0, 8).map((v) => code(v)).join(', ')}`);
  if (api.required) parts.push('**Required**');
  return parts.join(' · ');
}

/** The Markdown of a field hover: what it means (the API), who acts on it (the teaching layer), what it does now (the simulation). */
export function renderFieldHover(input: FieldHoverInput): string {
  const last = input.path.length > 0 ? input.path[input.path.length - 1] : input.kind;
  const head = `### ${code(String(last))}`;
  const where = `*Field of ${escapeMarkdown(input.kind)}*${input.name ? ` ${code(input.name)}` : ''} · ${code(display(input.path))}`;
  const parts = [head, where];
  if (input.api) {
    const description = input.api.description ? escapeMarkdown(shortDescription(input.api.description), 600) : '*No description in the API.*';
    parts.push(`**What it means** (*${API_STAMP}*): ${description}  \n${typeLine(input.api)}`);
  }
  if (input.teaching) {
    parts.push(`**Who acts on it:** ${input.teaching.actors}  \n**In the simulation:** ${MODELLED[input.teaching.modelled]}. ${input.teaching.simulation}`);
  }
  if (input.live.length > 0) {
    const stamp = input.liveStamp ? ` (${escapeMarkdown(input.liveStamp)})` : '';
    parts.push([`**In the simulated cluster now**${stamp}:`, ...input.live.map((l) => `- ${escapeMarkdown(l, 400)}`)].join('\n'));
  }
  const docsUrl = input.teaching?.docs.url ?? (input.api && moreInfoUrl(input.api.description)) ?? DEFAULT_DOCS;
  parts.push(`${commandLink('Show in Cluster View', 'kubeAnatomy.showClusterView', input.selection)} · ${commandLink('Open docs', 'kubeAnatomy.openDocs', docsUrl)}`);
  return parts.join('\n\n');
}

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

const MODELLED: Readonly<Record<Modelled, string>> = { yes: 'Modelled', partly: 'Partly modelled', no: 'Not modelled' };

/** `Modelled: change it and …`, `Not modelled.`: the status once, then what the simulation does with the field. */
export function simulationLine(teaching: FieldTeaching): string {
  return teaching.simulation ? `${MODELLED[teaching.modelled]}: ${teaching.simulation}` : `${MODELLED[teaching.modelled]}.`;
}
const DEFAULT_DOCS = 'https://kubernetes.io/docs/reference/kubernetes-api/';

function typeLine(api: ApiField): string {
  const parts = [`Type: ${code(api.type)}${api.format ? ` (${code(api.format)})` : ''}`];
  const def = defaultFrom(api.description);
  if (def) parts.push(`Default: ${code(def)}`);
  if (api.enum && api.enum.length > 0) parts.push(`One of: ${api.enum.slice(0, 8).map((v) => code(v)).join(', ')}`);
  if (api.required) parts.push('**Required**');
  return parts.join(' · ');
}

/** The parts of a field hover that depend only on the field (not on the object or the cluster): memoised by the caller. */
export function renderFieldParts(api: ApiField | undefined, teaching: FieldTeaching | undefined): string[] {
  const parts: string[] = [];
  if (api) {
    const description = api.description ? escapeMarkdown(shortDescription(api.description), 600) : '*No description in the API.*';
    parts.push(`**What it means** (*${API_STAMP}*): ${description}  \n${typeLine(api)}`);
  }
  if (teaching) {
    parts.push(`**Who acts on it:** ${teaching.actors}  \n**In the simulation:** ${simulationLine(teaching)}`);
  }
  const docsUrl = teaching?.docs.url ?? (api && moreInfoUrl(api.description)) ?? DEFAULT_DOCS;
  parts.push(commandLink('Open docs', 'kubeAnatomy.openDocs', docsUrl));
  return parts;
}

/** The Markdown of a field hover: what it means (the API), who acts on it (the teaching layer), what it does now (the simulation). */
export function renderFieldHover(input: FieldHoverInput, parts = renderFieldParts(input.api, input.teaching)): string {
  const last = input.path.length > 0 ? input.path[input.path.length - 1] : input.kind;
  const out = [`### ${code(String(last))}`, `*Field of ${escapeMarkdown(input.kind)}*${input.name ? ` ${code(input.name)}` : ''} · ${code(display(input.path))}`];
  out.push(...parts.slice(0, -1));
  if (input.live.length > 0) {
    const stamp = input.liveStamp ? ` (${escapeMarkdown(input.liveStamp)})` : '';
    out.push([`**In the simulated cluster now**${stamp}:`, ...input.live.map((l) => `- ${escapeMarkdown(l, 400)}`)].join('\n'));
  }
  out.push(`${commandLink('Show in Cluster View', 'kubeAnatomy.showClusterView', input.selection)} · ${parts[parts.length - 1]}`);
  return out.join('\n\n');
}

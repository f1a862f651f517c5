import type { EditorLive } from '../view/facts';
import type { ApiFieldLookup } from './fields/apiDocs';
import { renderFieldHover } from './fields/fieldHover';
import { apiField, isApiFieldName } from './fields/apiTable';
import { fieldLiveLines } from './fields/live';
import { teachingKey } from './fields/paths';
import { teachingFor } from './fields/teaching';
import { lookup } from './glossary';
import { computeHover, type LiveStatus } from './hover';
import type { PathHit, YamlOutline } from './yamlOutline';

/** A hover in a YAML document: Markdown and the span it belongs to (absolute offsets). */
export interface YamlHover {
  readonly markdown: string;
  readonly start: number;
  readonly end: number;
  /** The glossary entry, for a component or term hover. */
  readonly entryId?: string;
  /** The field's teaching key, for a field hover. */
  readonly field?: string;
}

/** What a YAML hover can draw on besides the text. */
export interface YamlHoverSources {
  /** Live lines for glossary entries. */
  readonly glossaryLive?: LiveStatus;
  /** The simulated cluster now, for field hovers. */
  readonly live?: EditorLive;
  /** The API table (default: the generated v1.33 table, src/core/api). */
  readonly api?: ApiFieldLookup;
}

/**
 * The hover at an offset of a YAML file: the field under the cursor when the document is a
 * Kubernetes object (from its syntax tree), else the component or term under the cursor
 * (comments, CI configs, Helm templates and every other YAML file get these).
 */
export function computeYamlHover(outline: YamlOutline, offset: number, sources: YamlHoverSources = {}): YamlHover | undefined {
  const hit = outline.pathAt(offset);
  const field = hit && fieldHover(hit, sources);
  if (field) return field;
  const word = computeHover(outline.text, offset, sources.glossaryLive);
  return word && { markdown: word.markdown, start: word.start, end: word.end, entryId: word.entry.id };
}

function fieldHover(hit: PathHit, sources: YamlHoverSources): YamlHover | undefined {
  const d = hit.document;
  if (!d.kind || !d.apiVersion || d.template || hit.path.length === 0) return undefined;
  // `kind: Deployment` and other values that name a glossary term explain the term.
  if (!hit.isKey && (hit.path.length === 1 && hit.path[0] === 'kind')) return undefined;
  const key = teachingKey(d.kind, hit.path);
  const value = hit.isKey ? undefined : hit.text.replace(/^["']|["']$/g, '');
  const teaching = teachingFor(key, value);
  const api = (sources.api ?? apiField)(d.apiVersion, d.kind, hit.path);
  if (!teaching && !api) return undefined;
  // Labels such as kubernetes.io/hostname are keys of map-valued fields: the label's own entry says more.
  const mapKey = api ? !isApiFieldName(d.apiVersion, d.kind, hit.path) : !!teaching?.children;
  if (hit.isKey && mapKey && lookup(hit.text)) return undefined;
  const namespace = d.kind === 'Node' ? '' : d.namespace ?? 'default';
  const fieldValue = value ?? scalarAt(hit);
  const live = sources.live ? fieldLiveLines({ kind: d.kind, namespace, name: d.name ?? '', key, value: fieldValue }, sources.live) : [];
  const markdown = renderFieldHover({
    kind: d.kind, name: d.name, path: hit.path, api, teaching, live,
    liveStamp: sources.live && `t=${sources.live.time}s · ${sources.live.topology}`,
    selection: { kind: d.kind, namespace: d.kind === 'Node' ? undefined : namespace, name: d.name, component: teaching?.component },
  });
  return { markdown, start: hit.start, end: hit.end, field: key };
}

/** The scalar value of the pair whose key is under the cursor (for `image:` hovered on the key). */
function scalarAt(hit: PathHit): string | undefined {
  if (!hit.isKey) return undefined;
  const rest = hit.document.doc;
  const node = rest.getIn(hit.path, true) as { value?: unknown } | undefined;
  return node && typeof node.value === 'string' ? node.value : undefined;
}

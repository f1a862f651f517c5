import type { EditorLive } from '../view/facts';
import type { ApiFieldLookup } from './fields/apiDocs';
import { apiDocsLoaded } from '../api';
import type { ApiField } from './fields/apiDocs';
import { renderFieldHover, renderFieldParts } from './fields/fieldHover';
import { apiField, isApiFieldName } from './fields/apiTable';
import { fieldLiveLines } from './fields/live';
import { teachingKey } from './fields/paths';
import { teachingFor, type FieldTeaching } from './fields/teaching';
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

/** What a field hover says about a field regardless of the object: the API's part, the teaching part. */
interface FieldStatic {
  readonly known: boolean;
  readonly teaching?: FieldTeaching;
  readonly api?: ApiField;
  readonly mapKey: boolean;
  parts?: string[];
}

// Memo of the per-field parts, by apiVersion, kind, dotted path, value entry and whether the API's descriptions were loaded.
const STATICS = new Map<string, FieldStatic>();
const MAX_STATICS = 5_000;

function fieldStatic(apiVersion: string, kind: string, hit: PathHit, key: string, value: string | undefined, lookupApi: ApiFieldLookup, memo: boolean): FieldStatic {
  const teaching = teachingFor(key, value);
  const valueKey = value !== undefined && teaching && teachingFor(key) !== teaching ? value : '';
  const id = `${apiVersion}|${kind}|${key}|${valueKey}|${hit.isKey ? (hit.path[hit.path.length - 1] as string) : ''}|${apiDocsLoaded()}`;
  const cached = memo ? STATICS.get(id) : undefined;
  if (cached) return cached;
  const api = lookupApi(apiVersion, kind, hit.path);
  const mapKey = api ? !isApiFieldName(apiVersion, kind, hit.path) : !!teaching?.children;
  const out: FieldStatic = { known: !!(teaching || api), teaching, api, mapKey };
  if (memo) {
    if (STATICS.size >= MAX_STATICS) STATICS.clear();
    STATICS.set(id, out);
  }
  return out;
}

function fieldHover(hit: PathHit, sources: YamlHoverSources): YamlHover | undefined {
  const d = hit.document;
  if (!d.kind || !d.apiVersion || d.template || hit.path.length === 0) return undefined;
  // `kind: Deployment` and other values that name a glossary term explain the term.
  if (!hit.isKey && (hit.path.length === 1 && hit.path[0] === 'kind')) return undefined;
  const key = teachingKey(d.kind, hit.path);
  const value = hit.isKey ? undefined : hit.text.replace(/^["']|["']$/g, '');
  const f = fieldStatic(d.apiVersion, d.kind, hit, key, value, sources.api ?? apiField, !sources.api);
  if (!f.known) return undefined;
  // Labels such as kubernetes.io/hostname are keys of map-valued fields, and values such as `name: etcd` or
  // `- kube-scheduler` name a component: the glossary says more, unless the teaching layer explains that very value.
  if (hit.isKey ? f.mapKey && lookup(hit.text) : lookup(value ?? '') && !(f.teaching && value !== undefined && teachingFor(key, value) !== teachingFor(key))) return undefined;
  f.parts ??= renderFieldParts(f.api, f.teaching);
  const namespace = d.kind === 'Node' ? '' : d.namespace ?? 'default';
  const live = sources.live ? fieldLiveLines({ kind: d.kind, namespace, name: d.name ?? '', key, value: value ?? scalarAt(hit) }, sources.live) : [];
  const markdown = renderFieldHover({
    kind: d.kind, name: d.name, path: hit.path, api: f.api, teaching: f.teaching, live,
    liveStamp: sources.live && `t=${sources.live.time}s · ${sources.live.topology}`,
    selection: { kind: d.kind, namespace: d.kind === 'Node' ? undefined : namespace, name: d.name, component: f.teaching?.component },
  }, f.parts);
  return { markdown, start: hit.start, end: hit.end, field: key };
}

/** The scalar value of the pair whose key is under the cursor (for `image:` hovered on the key). */
function scalarAt(hit: PathHit): string | undefined {
  if (!hit.isKey) return undefined;
  const rest = hit.document.doc;
  const node = rest.getIn(hit.path, true) as { value?: unknown } | undefined;
  return node && typeof node.value === 'string' ? node.value : undefined;
}

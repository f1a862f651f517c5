/**
 * Completion in a lesson scenario file from schemas/lesson.schema.json, for editors without a YAML
 * language server (VS Code without Red Hat's YAML extension): the keys valid at the cursor (minus the
 * ones already there, narrowed to the `oneOf` branch the keys present choose: a step's kind, a check's
 * kind) and the values of enums and booleans. The cursor's path is read from block-style indentation,
 * line by line, so that half-typed text that does not parse yet still completes. Pure: text in, items out.
 */
import schemaJson from '../../../schemas/lesson.schema.json';

/** The slice of JSON Schema the lesson schema uses. */
interface Schema {
  readonly $ref?: string;
  readonly oneOf?: readonly Schema[];
  readonly anyOf?: readonly Schema[];
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly required?: readonly string[];
  readonly items?: Schema;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly type?: string | readonly string[];
  readonly description?: string;
  readonly definitions?: Readonly<Record<string, Schema>>;
}

const SCHEMA = schemaJson as unknown as Schema;
const ITEM = Symbol('item');
type Segment = string | typeof ITEM;

export interface LessonCompletion {
  readonly label: string;
  readonly kind: 'key' | 'value';
  /** Text that replaces the word at the cursor. */
  readonly insertText: string;
  readonly detail?: string;
  /** Start of the word the completion replaces (0-based column on the cursor's line). */
  readonly from: number;
}

interface Token { readonly col: number; readonly key?: string }

const KEY = /^([A-Za-z_][\w.-]*)[ \t]*:(?=[ \t]|$)/;

/** The block structure of a line: its list dashes and its key, each with its column. */
function tokens(line: string): Token[] {
  const out: Token[] = [];
  let i = line.length - line.trimStart().length;
  while (i < line.length) {
    if (line[i] === '-' && (i + 1 === line.length || line[i + 1] === ' ')) {
      out.push({ col: i });
      i += 1;
      while (line[i] === ' ') i++;
      continue;
    }
    const m = KEY.exec(line.slice(i));
    if (m) out.push({ col: i, key: m[1] });
    break;
  }
  return out;
}

const isBlank = (line: string): boolean => /^\s*(#.*)?$/.test(line);

/** The path of the parents of a token at `col` on line `row` (its own line's earlier tokens first). */
function parentPath(lines: readonly string[], row: number, col: number, own: readonly Token[]): Segment[] {
  const path: Segment[] = [];
  let c = col;
  const climb = (toks: readonly Token[]): void => {
    for (let t = toks.length - 1; t >= 0; t--) {
      const tok = toks[t]!;
      if (tok.col >= c) continue;
      path.unshift(tok.key ?? ITEM);
      c = tok.col;
    }
  };
  climb(own);
  for (let r = row - 1; r >= 0 && c > 0; r--) if (!isBlank(lines[r]!)) climb(tokens(lines[r]!));
  return path;
}

/** The keys beside a key at `col` on line `row`: the same map's other keys (none above when the line starts a new item). */
function siblingKeys(lines: readonly string[], row: number, col: number, newItem: boolean): Set<string> {
  const keys = new Set<string>();
  const scan = (from: number, step: 1 | -1): void => {
    for (let r = from; r >= 0 && r < lines.length; r += step) {
      if (isBlank(lines[r]!)) continue;
      const toks = tokens(lines[r]!);
      const first = toks[0];
      if (!first) return;
      const at = toks.find((t) => t.col === col);
      if (step === 1 && first.col <= col && !(first.col === col && first.key)) return; // the map ended (or the next item began)
      if (at?.key) keys.add(at.key);
      if (step === -1 && (first.col < col || (first.col === col && !first.key))) return; // the item's first line, or the parent
    }
  };
  if (!newItem) scan(row - 1, -1);
  scan(row + 1, 1);
  return keys;
}

function resolve(s: Schema): Schema[] {
  if (s.$ref) {
    const name = /^#\/definitions\/(.+)$/.exec(s.$ref)?.[1];
    const target = name ? SCHEMA.definitions?.[name] : undefined;
    return target ? resolve(target) : [];
  }
  const branches = s.oneOf ?? s.anyOf;
  return branches ? branches.flatMap(resolve) : [s];
}

/** The schemas a path can lead to (several where a `oneOf` cannot tell yet). */
function schemasAt(path: readonly Segment[]): Schema[] {
  let current = resolve(SCHEMA);
  for (const seg of path) {
    current = current.flatMap((s) => {
      const next = seg === ITEM ? s.items : s.properties?.[seg];
      return next ? resolve(next) : [];
    });
  }
  return current;
}

/** The branches whose properties hold every key already written, preferring those whose kind key is written (all of them when none fits). */
function narrow(schemas: readonly Schema[], present: ReadonlySet<string>): Schema[] {
  const objects = schemas.filter((s) => s.properties);
  const fitting = objects.filter((s) => [...present].every((k) => s.properties![k] !== undefined));
  // A branch's first required key names its kind (`pods:` a pods check, not a node check's `pods` count).
  const named = fitting.filter((s) => s.required?.[0] !== undefined && present.has(s.required[0]));
  return named.length > 0 ? named : fitting.length > 0 ? fitting : objects;
}

function keyItems(schemas: readonly Schema[], present: ReadonlySet<string>, from: number, typed: string): LessonCompletion[] {
  const branches = narrow(schemas, present);
  // Nothing written yet and several kinds possible: offer each kind's own key and the keys every kind has.
  const common = (key: string): boolean => branches.every((b) => b.properties?.[key] !== undefined);
  const offered = (s: Schema, key: string): boolean => branches.length === 1 || present.size > 0 || s.required?.[0] === key || common(key);
  const out = new Map<string, LessonCompletion>();
  for (const s of branches) {
    for (const [key, sub] of Object.entries(s.properties ?? {})) {
      if (present.has(key) || out.has(key) || !key.startsWith(typed) || !offered(s, key)) continue;
      const detail = resolve(sub)[0]?.description ?? sub.description;
      out.set(key, { label: key, kind: 'key', insertText: `${key}: `, from, ...(detail ? { detail } : {}) });
    }
  }
  return [...out.values()];
}

function valueItems(schemas: readonly Schema[], from: number, typed: string): LessonCompletion[] {
  const values = new Set<string>();
  for (const s of schemas) {
    for (const v of [...(s.enum ?? []), ...(s.const === undefined ? [] : [s.const])]) if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') values.add(String(v));
    const types = typeof s.type === 'string' ? [s.type] : s.type ?? [];
    if (types.includes('boolean')) values.add('true').add('false');
  }
  return [...values].filter((v) => v.startsWith(typed)).map((v) => ({ label: v, kind: 'value', insertText: v, from }));
}

/** Completions at a 0-based line and column of a lesson file's text. */
export function lessonCompletions(text: string, line: number, column: number): LessonCompletion[] {
  const lines = text.split(/\r?\n/);
  const current = lines[line];
  if (current === undefined) return [];
  const before = current.slice(0, column);
  if (before.includes('#') || /["'{[]/.test(before)) return [];
  const own = tokens(before);
  const keyTyping = /^(\s*)(?:-\s+)*([\w.-]*)$/.exec(before);
  if (keyTyping) {
    const typed = keyTyping[2] ?? '';
    const col = column - typed.length;
    const before = own.filter((t) => t.col < col);
    const parents = parentPath(lines, line, col, before);
    const present = siblingKeys(lines, line, col, before.length > 0 && before[before.length - 1]!.key === undefined);
    return keyItems(schemasAt(parents), present, col, typed);
  }
  const valueTyping = /^(\s*)(?:-\s+)*([A-Za-z_][\w.-]*)[ \t]*:[ \t]+([\w.-]*)$/.exec(before);
  if (valueTyping) {
    const keyTok = own[own.length - 1];
    if (!keyTok?.key) return [];
    const typed = valueTyping[3] ?? '';
    const parents = parentPath(lines, line, keyTok.col, own.slice(0, -1));
    const siblings = siblingKeys(lines, line, keyTok.col, own.length > 1 && own[own.length - 2]!.key === undefined);
    siblings.add(keyTok.key);
    const owners = narrow(schemasAt(parents), siblings);
    return valueItems(owners.flatMap((s) => (s.properties?.[keyTok.key!] ? resolve(s.properties[keyTok.key!]!) : [])), column - typed.length, typed);
  }
  return [];
}

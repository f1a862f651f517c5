import type { CST } from 'yaml';

/** What a cheap, iterative walk over one document's concrete syntax tree found. */
export interface CstScan {
  /** Deepest collection nesting. */
  readonly depth: number;
  /** Collections and scalars, before alias expansion. */
  readonly nodes: number;
  /** Offset of the first alias (`*name`), relative to the parsed chunk; -1 when there is none. */
  readonly firstAlias: number;
  /** Offset of a template action in the YAML structure (`{{` as a flow map, in an error, or in a plain scalar such as `name: app-{{ .x }}`); -1 if none. */
  readonly strongTemplate: number;
  /** Offset of a template action in a plain scalar that looks like a command-line flag (`--format={{.Name}}`); -1 if none. */
  readonly weakTemplate: number;
  /** True when the walk stopped early because a limit was passed. */
  readonly overLimit: boolean;
}

interface Frame {
  readonly token: CST.Token | null | undefined;
  readonly depth: number;
}

const TEMPLATE_ACTION = /\{\{.*\}\}/;

/** `--format={{.Name}}` or `-o go-template={{...}}`: a command-line flag, legitimately holding a Go template. */
function isFlag(source: string): boolean {
  return source.startsWith('-') || /=\S*\{\{/.test(source);
}

/**
 * Walks a CST document without recursion (so a hostile file cannot overflow the stack),
 * stopping as soon as `maxDepth` or `maxNodes` is passed.
 */
export function scanCst(doc: CST.Document, text: string, maxDepth: number, maxNodes: number): CstScan {
  const r = { depth: 0, nodes: 0, firstAlias: -1, strongTemplate: -1, weakTemplate: -1, overLimit: false };
  const stack: Frame[] = [{ token: doc.value, depth: 1 }];
  while (stack.length > 0 && !r.overLimit) {
    const { token, depth } = stack.pop() as Frame;
    if (!token) continue;
    r.nodes++;
    r.depth = Math.max(r.depth, depth);
    r.overLimit = r.depth > maxDepth || r.nodes > maxNodes;
    inspectLeaf(token, text, r);
    for (const child of children(token)) stack.push({ token: child, depth: depth + 1 });
  }
  return r;
}

function inspectLeaf(
  token: CST.Token,
  text: string,
  r: { firstAlias: number; strongTemplate: number; weakTemplate: number },
): void {
  switch (token.type) {
    case 'alias':
      if (r.firstAlias === -1 || token.offset < r.firstAlias) r.firstAlias = token.offset;
      break;
    case 'scalar':
      if (!TEMPLATE_ACTION.test(token.source)) break;
      if (isFlag(token.source)) r.weakTemplate = r.weakTemplate === -1 ? token.offset : r.weakTemplate;
      else r.strongTemplate = r.strongTemplate === -1 ? token.offset : r.strongTemplate;
      break;
    case 'flow-collection':
      if (r.strongTemplate === -1 && token.start.source === '{' && text.charAt(token.offset + 1) === '{') {
        r.strongTemplate = token.offset;
      }
      break;
    case 'error':
      if (r.strongTemplate === -1 && token.source.includes('{{')) r.strongTemplate = token.offset;
      break;
    default:
      break;
  }
}

function children(token: CST.Token): (CST.Token | null | undefined)[] {
  switch (token.type) {
    case 'block-map':
    case 'block-seq':
    case 'flow-collection':
      return token.items.flatMap((it: CST.CollectionItem) => [it.key, it.value, ...errorTokens(it.sep), ...errorTokens(it.start)]);
    default:
      return [];
  }
}

function errorTokens(tokens: readonly CST.SourceToken[] | undefined): CST.Token[] {
  if (!tokens) return [];
  return tokens.filter((t: CST.Token) => (t.type as string) === 'error');
}

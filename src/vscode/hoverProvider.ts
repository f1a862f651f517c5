import * as vscode from 'vscode';
import { apiDocsLoaded, loadApiDocs } from '../core/api';
import { computeYamlHover, HOVER_COMMANDS, OutlineCache, type YamlHoverSources, type YamlOutline } from '../core/knowledge';
import { FULL_OUTLINE_LIMIT, MAX_FILE_SIZE, sliceAround } from '../core/knowledge/largeFiles';

/** Markdown that may run our own hover commands and nothing else, with HTML off. */
export function hoverMarkdown(markdown: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(markdown);
  md.isTrusted = { enabledCommands: [...HOVER_COMMANDS] };
  md.supportHtml = false;
  return md;
}

/**
 * Thin adapter: the field under the cursor (from the document's syntax tree, cached per version)
 * or the component or term under it. Large files: see src/core/knowledge/largeFiles.ts.
 */
export class KubeHoverProvider implements vscode.HoverProvider {
  private readonly warned = new Set<string>();

  /** `outlines` may be shared with the code lenses, so that one edit is parsed once. */
  constructor(private readonly sources: () => YamlHoverSources, private readonly tooLarge: (uri: vscode.Uri) => void = () => undefined, private readonly outlines = new OutlineCache()) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined | Promise<vscode.Hover | undefined> {
    // The API's descriptions (dist/apiDocs.json) load on the first hover; every later hover is synchronous.
    if (!apiDocsLoaded()) return loadApiDocs().then(() => this.hover(document, position));
    return this.hover(document, position);
  }

  private hover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const outline = this.outlineFor(document, document.offsetAt(position));
    if (!outline) return undefined;
    const hover = computeYamlHover(outline.outline, document.offsetAt(position) - outline.base, this.sources());
    if (!hover) return undefined;
    const range = new vscode.Range(document.positionAt(hover.start + outline.base), document.positionAt(hover.end + outline.base));
    return new vscode.Hover(hoverMarkdown(hover.markdown), range);
  }

  /** The outline of the whole file, or of the `---` document under the cursor in a file over 1 MB. */
  private outlineFor(document: vscode.TextDocument, offset: number): { outline: YamlOutline; base: number } | undefined {
    const key = document.uri.toString();
    const size = document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
    if (size > MAX_FILE_SIZE) {
      if (!this.warned.has(key)) {
        this.warned.add(key);
        this.tooLarge(document.uri);
      }
      return undefined;
    }
    if (size <= FULL_OUTLINE_LIMIT) return { outline: this.outlines.get(key, document.version, () => document.getText()), base: 0 };
    const text = document.getText();
    const slice = sliceAround(text, offset);
    return { outline: this.outlines.get(`${key}#${slice.start}`, document.version, () => text.slice(slice.start, slice.end)), base: slice.start };
  }

  forget(uri: vscode.Uri): void {
    this.outlines.delete(uri.toString());
  }
}

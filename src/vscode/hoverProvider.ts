import * as vscode from 'vscode';
import { computeHover, type LiveStatus } from '../core/knowledge';

/** Thin adapter: VS Code positions in, `computeHover` out, Markdown that is neither trusted nor HTML. */
export class GlossaryHoverProvider implements vscode.HoverProvider {
  constructor(private readonly live?: LiveStatus) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const line = document.lineAt(position.line);
    const result = computeHover(line.text, position.character, this.live);
    if (!result) return undefined;
    const markdown = new vscode.MarkdownString(result.markdown);
    markdown.isTrusted = false;
    markdown.supportHtml = false;
    const range = new vscode.Range(position.line, result.start, position.line, result.end);
    return new vscode.Hover(markdown, range);
  }
}

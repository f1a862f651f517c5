import * as vscode from 'vscode';
// The lesson schema's completion needs the YAML parser: it is in the language bundle (./lazy.ts).
import { loadLanguage } from '../lazy';

const REDHAT_YAML = 'redhat.vscode-yaml';
export const LESSON_FILES: vscode.DocumentSelector = [{ pattern: '**/*.lesson.{yaml,yml}' }];

/**
 * Completion in `*.lesson.yaml` from the lesson schema. Red Hat's YAML extension completes from the same
 * schema (contributes.yamlValidation), so this one stays quiet when it is installed, or when turned off.
 */
export class LessonCompletionProvider implements vscode.CompletionItemProvider {
  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[]> {
    if (vscode.extensions.getExtension(REDHAT_YAML) || !vscode.workspace.getConfiguration('kubeAnatomy').get<boolean>('lessons.completion', true)) return [];
    const { lessonCompletions } = await loadLanguage();
    return lessonCompletions(document.getText(), position.line, position.character).map((c) => {
      const item = new vscode.CompletionItem(c.label, c.kind === 'key' ? vscode.CompletionItemKind.Property : vscode.CompletionItemKind.EnumMember);
      item.insertText = c.insertText;
      item.range = new vscode.Range(position.line, c.from, position.line, position.character);
      if (c.detail) item.detail = c.detail;
      if (c.kind === 'key') item.command = { command: 'editor.action.triggerSuggest', title: 'Suggest values' };
      return item;
    });
  }
}

export function registerLessonCompletion(): vscode.Disposable {
  return vscode.languages.registerCompletionItemProvider(LESSON_FILES, new LessonCompletionProvider(), ' ', ':');
}

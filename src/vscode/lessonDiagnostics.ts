import * as vscode from 'vscode';
// Imported from its own file: the lesson parser (and `yaml`) is in the language bundle, loaded with the first lesson file.
import { isLessonFile } from '../core/lessons/lessonFile';
import { loadLanguage } from './lazy';

const DELAY_MS = 200;

/** Diagnostics on lesson scenario files (`*.lesson.yaml`): format errors, unknown steps, targets the cluster lacks. */
export class LessonDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('kube-anatomy-lessons');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[] = [this.collection];
  private disposed = false;

  constructor() {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => this.collection.delete(d.uri)),
    );
    for (const d of vscode.workspace.textDocuments) this.schedule(d);
  }

  private schedule(doc: vscode.TextDocument): void {
    if (!isLessonFile(doc.uri.path)) return;
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      void this.update(doc);
    }, DELAY_MS));
  }

  /** The lesson parser is in the language bundle, loaded with the first lesson file. */
  private async update(doc: vscode.TextDocument): Promise<void> {
    const { lessonDiagnostics } = await loadLanguage();
    if (doc.isClosed || this.disposed) return;
    const found = lessonDiagnostics(doc.getText(), doc.uri.path).map((d) => {
      const { start, end } = d.range;
      const range = new vscode.Range(start.line - 1, start.column - 1, end.line - 1, end.column - 1);
      const diagnostic = new vscode.Diagnostic(range, d.message, d.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
      diagnostic.source = 'Kube Anatomy';
      return diagnostic;
    });
    this.collection.set(doc.uri, found);
  }

  dispose(): void {
    this.disposed = true;
    for (const t of this.timers.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }
}

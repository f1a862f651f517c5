import * as vscode from 'vscode';
// From their own files, not the lessons index: the index brings the engine, which only the worker bundles.
import { scenarioFiles } from '../../core/lessons/files';
// The lesson parser and the Cluster View are in the language bundle (./lazy.ts): loaded when a lesson plays.
import { isLessonFile } from '../../core/lessons/lessonFile';
import type { ClusterSource } from '../clusterViewPanel';
import { loadLanguage } from '../lazy';
import { platform } from '../platform';
import { LessonCluster, type LessonSource } from './lessonCluster';
import { LessonWorkerClient } from './lessonWorker';
import { lessonKey, progressSummary, ProgressStore } from './progress';

const LESSON_GLOB = '**/*.lesson.{yaml,yml}';
const MAX_WORKSPACE_LESSONS = 200;
/** Set while a lesson plays in the Cluster View (for `when` clauses). */
const PLAYING_CONTEXT = 'kubeAnatomy.lessonPlaying';

/** A lesson the picker offers. */
interface LessonEntry extends vscode.QuickPickItem {
  readonly uri: vscode.Uri;
  readonly key: string;
}

/**
 * Lessons in VS Code: Play Lesson (command and code lens), Open Lesson… with saved progress, reset,
 * leave. One lesson plays at a time, in the Cluster View, in place of the live cluster.
 */
export class LessonController implements vscode.Disposable {
  private readonly worker: LessonWorkerClient;
  private readonly store: ProgressStore;
  private playing: LessonCluster | undefined;
  private readonly changed = new vscode.EventEmitter<void>();

  constructor(private readonly context: vscode.ExtensionContext, private readonly live: ClusterSource, private readonly log: vscode.LogOutputChannel) {
    this.worker = new LessonWorkerClient(platform.lessonEngine(vscode.Uri.joinPath(context.extensionUri, 'dist')));
    this.store = new ProgressStore(context.globalState);
  }

  /** Fires when progress changes (the code lenses show it). */
  readonly onDidChangeProgress = this.changed.event;

  private get bundledRoot(): vscode.Uri {
    return vscode.Uri.joinPath(this.context.extensionUri, 'samples', 'lessons');
  }

  keyOf(uri: vscode.Uri): string {
    return lessonKey(uri.toString(), this.bundledRoot.toString());
  }

  /** The saved progress of a lesson, in words. */
  summary(uri: vscode.Uri): string {
    return progressSummary(this.store.get(this.keyOf(uri)));
  }

  register(): vscode.Disposable[] {
    return [
      this, this.changed,
      vscode.commands.registerCommand('kubeAnatomy.playLesson', (arg?: unknown) => this.playCommand(arg)),
      vscode.commands.registerCommand('kubeAnatomy.openLesson', () => this.pick()),
      vscode.commands.registerCommand('kubeAnatomy.resetLessonProgress', (arg?: unknown) => this.resetCommand(arg)),
      vscode.commands.registerCommand('kubeAnatomy.leaveLesson', () => this.leave()),
      vscode.commands.registerCommand('kubeAnatomy.openLessonSample', (name?: unknown) => this.openSample(name)),
    ];
  }

  /** `arg`: a lesson's URI, a bundled lesson's file name, or nothing (the active editor's lesson, else the picker). */
  private async playCommand(arg: unknown): Promise<void> {
    const uri = arg instanceof vscode.Uri ? arg : typeof arg === 'string' && /^[\w.-]+\.lesson\.ya?ml$/.test(arg) ? vscode.Uri.joinPath(this.bundledRoot, arg) : undefined;
    const active = vscode.window.activeTextEditor?.document.uri;
    if (uri) return this.play(uri, arg instanceof vscode.Uri ? 'keep' : 'show');
    if (active && isLessonFile(active.path)) return this.play(active, 'keep');
    return this.pick();
  }

  /** Plays a lesson from where the learner left it. */
  async play(uri: vscode.Uri, editor: 'show' | 'keep'): Promise<void> {
    let source: LessonSource;
    try {
      source = await this.read(uri);
    } catch (err) {
      void vscode.window.showErrorMessage(`Kube Anatomy: cannot play ${uri.path.split('/').pop()}: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    if (editor === 'show') await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.One, preview: true, preserveFocus: true });
    const key = this.keyOf(uri);
    const opened = await LessonCluster.open(source, this.worker, this.store.get(key), {
      saved: (progress, state) => void this.store.save(key, progress, state.lesson).then(() => {
        this.log.info(`lesson ${key}: ${progressSummary(this.store.get(key))} (${state.millis.toFixed(1)} ms in the worker)`);
        this.changed.fire();
      }),
      leave: () => this.leave(),
    });
    if (typeof opened === 'string') {
      void vscode.window.showErrorMessage(`Kube Anatomy: cannot play this lesson: ${opened}`);
      return;
    }
    this.log.info(`lesson ${source.file} opened in ${opened.millis.toFixed(1)} ms`);
    this.playing?.dispose();
    this.playing = opened;
    void vscode.commands.executeCommand('setContext', PLAYING_CONTEXT, true);
    (await loadLanguage()).ClusterViewPanel.showSource(this.context.extensionUri, opened);
  }

  /** Back to the live cluster of the workspace. */
  leave(): void {
    if (!this.playing) return;
    this.playing.dispose();
    this.playing = undefined;
    this.worker.dispose();
    void vscode.commands.executeCommand('setContext', PLAYING_CONTEXT, false);
    void loadLanguage().then((language) => language.ClusterViewPanel.showSource(this.context.extensionUri, this.live));
  }

  /** The scenario and every file it names, read through the workspace file system (virtual workspaces too). */
  private async read(uri: vscode.Uri): Promise<LessonSource> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    const text = open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    const file = uri.toString().startsWith(this.bundledRoot.toString()) ? `samples/lessons/${uri.path.split('/').pop()}` : vscode.workspace.asRelativePath(uri);
    const { scenario } = (await loadLanguage()).parseScenario(text, file);
    const dir = vscode.Uri.joinPath(uri, '..');
    const files: Record<string, string> = {};
    for (const rel of scenario ? scenarioFiles(scenario) : []) {
      try {
        files[rel] = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(dir, rel)));
      } catch {
        // Left out: the player reports "no such file" at the place that names it.
      }
    }
    return { uri, file, text, files };
  }

  /** Bundled lessons first, then the workspace's, each with its progress. */
  private async entries(): Promise<LessonEntry[]> {
    const bundled: vscode.Uri[] = [];
    try {
      for (const [name, type] of await vscode.workspace.fs.readDirectory(this.bundledRoot)) {
        if (type === vscode.FileType.File && isLessonFile(name)) bundled.push(vscode.Uri.joinPath(this.bundledRoot, name));
      }
    } catch {
      // No bundled lessons in this build.
    }
    bundled.sort((a, b) => a.path.localeCompare(b.path));
    const seen = new Set(bundled.map((u) => u.toString()));
    const found = vscode.workspace.workspaceFolders ? await vscode.workspace.findFiles(LESSON_GLOB, '**/node_modules/**', MAX_WORKSPACE_LESSONS) : [];
    const workspace = found.filter((u) => !seen.has(u.toString())).sort((a, b) => a.path.localeCompare(b.path));
    const entry = async (uri: vscode.Uri, where: string): Promise<LessonEntry> => {
      const key = this.keyOf(uri);
      return { uri, key, label: await titleOf(uri), description: progressSummary(this.store.get(key)), detail: where };
    };
    return Promise.all([...bundled.map((u) => entry(u, 'Bundled lesson')), ...workspace.map((u) => entry(u, vscode.workspace.asRelativePath(u)))]);
  }

  /** Open Lesson…: pick a lesson (a button resets its progress) and play it where it was left. */
  private async pick(): Promise<void> {
    const qp = vscode.window.createQuickPick<LessonEntry>();
    qp.title = 'Kube Anatomy: Open Lesson';
    qp.placeholder = 'Pick a lesson: it plays in the Cluster View from where you left it';
    qp.matchOnDetail = true;
    qp.busy = true;
    const reset: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('discard'), tooltip: 'Reset progress' };
    const load = async (): Promise<void> => {
      qp.items = (await this.entries()).map((e) => ({ ...e, buttons: e.description === 'not started' ? [] : [reset] }));
      qp.busy = false;
    };
    const chosen = await new Promise<LessonEntry | undefined>((resolve) => {
      qp.onDidTriggerItemButton(async (e) => {
        await this.store.reset(e.item.key);
        this.changed.fire();
        await load();
      });
      qp.onDidAccept(() => {
        resolve(qp.selectedItems[0]);
        qp.hide();
      });
      qp.onDidHide(() => resolve(undefined));
      qp.show();
      void load();
    });
    qp.dispose();
    if (chosen) await this.play(chosen.uri, 'show');
  }

  /** Reset Lesson Progress: the lesson given, or one picked (or all of them). */
  private async resetCommand(arg: unknown): Promise<void> {
    if (arg instanceof vscode.Uri) return this.resetOne(this.keyOf(arg));
    const all = { label: 'All lessons', key: '*' };
    const items = (await this.entries()).filter((e) => e.description !== 'not started').map((e) => ({ label: e.label, description: e.description, key: e.key }));
    if (items.length === 0) {
      void vscode.window.showInformationMessage('Kube Anatomy: no lesson has progress to reset.');
      return;
    }
    const chosen = await vscode.window.showQuickPick([...items, all], { title: 'Kube Anatomy: Reset Lesson Progress', placeHolder: 'Which lesson starts again from the beginning?' });
    if (!chosen) return;
    if (chosen.key === '*') await this.store.resetAll();
    else return this.resetOne(chosen.key);
    this.changed.fire();
  }

  private async resetOne(key: string): Promise<void> {
    await this.store.reset(key);
    this.changed.fire();
    if (this.playing && this.keyOf(this.playing.source.uri) === key) await this.playing.lessonStep('restart');
  }

  /** Opens a manifest shipped with the lessons (the walkthrough's hover step). */
  private async openSample(name: unknown): Promise<void> {
    const file = typeof name === 'string' && /^[\w.-]+\.ya?ml$/.test(name) ? name : 'shop.yaml';
    await vscode.window.showTextDocument(vscode.Uri.joinPath(this.bundledRoot, file), { viewColumn: vscode.ViewColumn.One, preview: true });
  }

  dispose(): void {
    this.playing?.dispose();
    this.worker.dispose();
  }
}

/** A lesson's title, read from its first `title:` line (the picker does not parse whole lessons). */
async function titleOf(uri: vscode.Uri): Promise<string> {
  const fallback = uri.path.split('/').pop() ?? uri.path;
  try {
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    const m = /^title:[ \t]*(.+?)[ \t]*$/m.exec(text.slice(0, 4096));
    return m ? m[1]!.replace(/^(["'])(.*)\1$/, '$2') : fallback;
  } catch {
    return fallback;
  }
}

/** "Play lesson" at the top of a lesson file, with the learner's progress. */
export class LessonCodeLens implements vscode.CodeLensProvider {
  readonly onDidChangeCodeLenses: vscode.Event<void>;

  constructor(private readonly lessons: LessonController) {
    this.onDidChangeCodeLenses = lessons.onDidChangeProgress;
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!isLessonFile(document.uri.path) || !vscode.workspace.getConfiguration('kubeAnatomy').get<boolean>('lessons.codeLens', true)) return [];
    const top = new vscode.Range(0, 0, 0, 0);
    const summary = this.lessons.summary(document.uri);
    const lenses = [new vscode.CodeLens(top, { title: '$(play) Play lesson', command: 'kubeAnatomy.playLesson', arguments: [document.uri], tooltip: 'Play this lesson step by step in the Cluster View' })];
    lenses.push(new vscode.CodeLens(top, { title: summary, command: summary === 'not started' ? '' : 'kubeAnatomy.resetLessonProgress', arguments: [document.uri], tooltip: summary === 'not started' ? '' : 'Reset this lesson\'s progress' }));
    return lenses;
  }
}

import * as vscode from 'vscode';
import { entryById } from '../core/knowledge';
import { assertNever, parseFromWebview, type ClusterView, type ToWebview } from '../shared/protocol';
import { clusterViewHtml, makeNonce } from './webviewHtml';

/** Where the panel gets the cluster it draws. */
export interface ClusterSource {
  current(): ClusterView;
  /** Calls back on every change; returns the unsubscribe. */
  onDidChange(listener: () => void): vscode.Disposable;
}

/** The Cluster View: one panel, owned by the host, drawing snapshots the host sends. */
export class ClusterViewPanel {
  static readonly viewType = 'kubeAnatomy.clusterView';
  private static current: ClusterViewPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;

  /** Shows the panel, creating it if needed. */
  static createOrShow(extensionUri: vscode.Uri, source: ClusterSource): void {
    if (ClusterViewPanel.current) {
      ClusterViewPanel.current.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel(ClusterViewPanel.viewType, 'Kube Anatomy: Cluster View', vscode.ViewColumn.Beside, ClusterViewPanel.options(extensionUri));
    ClusterViewPanel.current = new ClusterViewPanel(panel, extensionUri, source);
  }

  /** Restores the panel after a window reload (called by the registered serializer). */
  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, source: ClusterSource): void {
    panel.webview.options = ClusterViewPanel.options(extensionUri);
    ClusterViewPanel.current?.dispose();
    ClusterViewPanel.current = new ClusterViewPanel(panel, extensionUri, source);
  }

  /** Scripts on, and only the built assets in media/ are loadable. */
  private static options(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media')] };
  }

  private constructor(private readonly panel: vscode.WebviewPanel, private readonly extensionUri: vscode.Uri, private readonly source: ClusterSource) {
    panel.webview.html = this.html();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
      source.onDidChange(() => this.postState()),
    );
  }

  private html(): string {
    const webview = this.panel.webview;
    const media = (file: string): string => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', file)).toString();
    return clusterViewHtml({
      cspSource: webview.cspSource, nonce: makeNonce(), scriptUri: media('webview.js'), styleUri: media('clusterView.css'),
      initialJson: JSON.stringify(this.source.current()),
    });
  }

  /** Every message is validated; anything unknown or malformed is dropped. */
  private receive(raw: unknown): void {
    const msg = parseFromWebview(raw);
    if (!msg) return;
    switch (msg.type) {
      case 'ready':
        this.ready = true;
        this.postState();
        break;
      case 'openDocs': {
        const entry = entryById(msg.entryId);
        if (entry) void vscode.env.openExternal(vscode.Uri.parse(entry.docs.url));
        break;
      }
      default:
        assertNever(msg);
    }
  }

  private post(message: ToWebview.Message): void {
    if (this.ready) void this.panel.webview.postMessage(message);
  }

  private postState(): void {
    this.post({ type: 'updateState', view: this.source.current() });
  }

  private dispose(): void {
    if (ClusterViewPanel.current === this) ClusterViewPanel.current = undefined;
    this.panel.dispose();
    while (this.disposables.length > 0) this.disposables.pop()?.dispose();
  }
}

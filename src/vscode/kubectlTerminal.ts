/**
 * "Kube Anatomy: Open kubectl Terminal": serves the live cluster's Kubernetes API from the simulation
 * worker (src/worker/apiServer.ts), writes its kubeconfig (a bearer token and the certificate's CA) to the
 * extension's global storage readable by its owner only, and opens a terminal whose KUBECONFIG points at
 * it. The status bar says where the API is served. Serving stops, and the kubeconfig is removed, when the
 * extension is disposed. Node extension hosts only (desktop, remote, code-server): package.json enables the command on the `kubeAnatomy.nodeHost` context key set at activation; a web-worker host (vscode.dev) has no terminal for kubectl. (`isWeb` would be wrong: code-server is a web UI over a Node host.)
 */
import * as vscode from 'vscode';
import type { LiveCluster } from './liveCluster';
import { platform } from './platform';

export const OPEN_KUBECTL_TERMINAL = 'kubeAnatomy.openKubectlTerminal';
const TERMINAL_NAME = 'kubectl (Kube Anatomy)';

export class KubectlTerminal implements vscode.Disposable {
  private readonly status = vscode.window.createStatusBarItem('kubeAnatomy.kubectl', vscode.StatusBarAlignment.Left);
  private kubeconfigPath: string | undefined;
  /** Where the API is served now. */
  private url: string | undefined;
  private terminal: vscode.Terminal | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly storage: vscode.Uri, private readonly cluster: LiveCluster) {
    this.status.name = 'Kube Anatomy kubectl API';
    this.status.command = OPEN_KUBECTL_TERMINAL;
    this.disposables.push(
      this.status,
      vscode.commands.registerCommand(OPEN_KUBECTL_TERMINAL, () => this.open()),
      vscode.window.onDidCloseTerminal((t) => { if (t === this.terminal) this.terminal = undefined; }),
      cluster.onDidRestartApi((served) => void this.restarted(served)),
    );
  }

  /**
   * The simulation worker died and a new one serves the API again with the same token and certificate,
   * on the same port unless another process took it meanwhile: then the kubeconfig (same file, so the
   * terminal's KUBECONFIG stays right) and the status bar get the new address.
   */
  private async restarted(served: Awaited<ReturnType<LiveCluster['serveApi']>>): Promise<void> {
    if (typeof served === 'string' || !served) {
      this.status.hide();
      void vscode.window.showWarningMessage(`Kube Anatomy: the kubectl API stopped with the simulation and could not be served again: ${served ?? 'no address'}. Run "Open kubectl Terminal" again.`);
      return;
    }
    if (this.kubeconfigPath && served.url !== this.url) await this.show(served);
  }

  /** Writes the kubeconfig and shows the address in the status bar; the file's path, or undefined where no file can be written. */
  private async show(served: { url: string; kubeconfig: string }): Promise<string | undefined> {
    const file = await platform.writePrivateFile(this.storage, 'kubeconfig', served.kubeconfig);
    if (!file) return undefined;
    this.kubeconfigPath = file;
    this.url = served.url;
    const address = served.url.replace(/^https:\/\//, '');
    this.status.text = `$(terminal) kubectl → ${address}`;
    this.status.tooltip = `Kube Anatomy serves the simulated cluster's Kubernetes API at ${served.url} (KUBECONFIG=${file}). Click to open the kubectl terminal.`;
    this.status.show();
    return file;
  }

  /** Starts serving (once) and shows the terminal; resolves to the terminal, or undefined after an error message. */
  async open(): Promise<vscode.Terminal | undefined> {
    const served = await this.cluster.serveApi('start');
    if (typeof served === 'string' || !served) {
      void vscode.window.showErrorMessage(`Kube Anatomy: could not serve the Kubernetes API: ${served ?? 'no address'}`);
      return undefined;
    }
    const file = await this.show(served);
    if (!file) {
      void vscode.window.showErrorMessage('Kube Anatomy: the kubectl terminal needs a desktop or remote VS Code (a browser has no terminal for kubectl).');
      return undefined;
    }
    this.terminal ??= vscode.window.createTerminal({ name: TERMINAL_NAME, env: { KUBECONFIG: file }, message: `The simulated cluster's API is served at ${served.url}. Try: kubectl get nodes` });
    this.terminal.show();
    return this.terminal;
  }

  dispose(): void {
    this.terminal?.dispose();
    if (this.kubeconfigPath) platform.removeFile(this.kubeconfigPath);
    void this.cluster.serveApi('stop');
    while (this.disposables.length > 0) this.disposables.pop()?.dispose();
  }
}

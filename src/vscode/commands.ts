import * as vscode from 'vscode';
import type { TopologyChoice } from '../core/live/workspaceCluster';
import type { LiveCluster } from './liveCluster';

const TOPOLOGIES: readonly { choice: TopologyChoice; label: string; detail: string }[] = [
  { choice: 'auto', label: 'From the manifests', detail: 'A kind Cluster config or Node objects in the open files; otherwise the multi-worker cluster' },
  { choice: 'docker-server', label: 'Docker server', detail: 'One host running containers, no orchestration: nothing reschedules, nothing self-heals' },
  { choice: 'single-node', label: 'Single node (minikube)', detail: 'The control plane and the workloads on one node' },
  { choice: 'multi-worker', label: 'Multi-worker', detail: 'One control-plane node and two workers' },
  { choice: 'ha', label: 'Highly available', detail: 'Three control-plane nodes with stacked etcd behind an API load balancer, two workers' },
];

async function pickTarget(cluster: LiveCluster, placeHolder: string): Promise<string | undefined> {
  const targets = await cluster.targets();
  return vscode.window.showQuickPick(targets, { placeHolder });
}

async function fault(cluster: LiveCluster, failed: boolean): Promise<void> {
  const target = await pickTarget(cluster, failed ? 'Stop a node, or one component on a node (node/component)' : 'Start a stopped node or component again');
  if (!target) return;
  const error = await cluster.fault(target, failed);
  if (error) void vscode.window.showErrorMessage(`Kube Anatomy: ${error}`);
}

async function selectTopology(cluster: LiveCluster): Promise<void> {
  const picked = await vscode.window.showQuickPick(TOPOLOGIES.map((t) => ({ ...t, description: t.choice })), { placeHolder: 'Which cluster should the manifests run on?' });
  if (!picked) return;
  const error = await cluster.setTopology(picked.choice);
  if (error) void vscode.window.showErrorMessage(`Kube Anatomy: ${error}`);
}

async function settle(cluster: LiveCluster): Promise<void> {
  const error = await cluster.settle();
  if (error) void vscode.window.showErrorMessage(`Kube Anatomy: ${error}`);
}

/** The commands that drive the simulated cluster. */
export function registerSimulationCommands(cluster: LiveCluster): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('kubeAnatomy.failNode', () => fault(cluster, true)),
    vscode.commands.registerCommand('kubeAnatomy.healNode', () => fault(cluster, false)),
    vscode.commands.registerCommand('kubeAnatomy.selectTopology', () => selectTopology(cluster)),
    vscode.commands.registerCommand('kubeAnatomy.settle', () => settle(cluster)),
  ];
}

/** The topology setting, validated. */
export function configuredTopology(): TopologyChoice {
  const value = vscode.workspace.getConfiguration('kubeAnatomy').get<string>('simulation.topology', 'auto');
  return TOPOLOGIES.find((t) => t.choice === value)?.choice ?? 'auto';
}

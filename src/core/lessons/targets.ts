/** Scenario references checked against a topology, without running anything (the editor uses these). */
import { specTargetError } from '../sim/cluster';
import type { TopologySpec } from '../sim/topology/types';
import type { Scenario, ScenarioDiagnostic } from './types';

/**
 * What a scenario asks of a cluster it does not have: a fail/heal target that does not exist is an error;
 * a check on a node the topology lacks is a warning (a step may add the node).
 */
export function targetDiagnostics(scenario: Scenario, topology: TopologySpec): ScenarioDiagnostic[] {
  const out: ScenarioDiagnostic[] = [];
  for (const step of scenario.steps) {
    const a = step.action;
    if (a.type !== 'fail' && a.type !== 'heal') continue;
    const err = specTargetError(topology.nodes, a.target);
    if (err) out.push({ file: scenario.file, range: step.range, severity: 'error', message: `${a.type}: ${err}` });
  }
  return [...out, ...nodeDiagnostics(scenario, topology.nodes.map((n) => n.name))];
}

export function nodeDiagnostics(scenario: Scenario, nodes: readonly string[]): ScenarioDiagnostic[] {
  const out: ScenarioDiagnostic[] = [];
  for (const c of scenario.steps.flatMap((s) => s.checks)) {
    const node = c.type === 'node' ? c.name : c.type === 'pod' || c.type === 'pods' || c.type === 'leader' ? c.node : undefined;
    if (typeof node === 'string' && !nodes.includes(node)) {
      out.push({ file: scenario.file, range: c.range, severity: 'warning', message: `no node named "${node}" in this lesson's cluster (${nodes.join(', ')}): the check can only pass if a step adds it` });
    }
  }
  return out;
}

/**
 * What the editor shows on a scenario file: the parser's format errors, then, for a preset topology,
 * fail/heal targets and checked nodes the cluster does not have. Pure, so the VS Code adapter stays thin.
 */
import { presetTopology } from '../sim/topology/presets';
import { parseScenario } from './parse';
import { targetDiagnostics } from './targets';
import type { ScenarioDiagnostic } from './types';

export { isLessonFile } from './lessonFile';

/** Every problem of a scenario file, with its range. Never throws. */
export function lessonDiagnostics(text: string, file: string): ScenarioDiagnostic[] {
  const { scenario, diagnostics } = parseScenario(text, file);
  if (!scenario || !('preset' in scenario.topology)) return [...diagnostics];
  return [...diagnostics, ...targetDiagnostics(scenario, presetTopology(scenario.topology.preset))];
}

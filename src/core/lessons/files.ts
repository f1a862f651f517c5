/** The files a scenario reads, as written in it (relative to the scenario): its kind config and its manifests. */
import type { ManifestSource, Scenario } from './types';

export function scenarioFiles(scenario: Scenario): string[] {
  const paths = new Set<string>();
  const add = (sources: readonly ManifestSource[]): void => {
    for (const s of sources) if ('path' in s) paths.add(s.path);
  };
  if ('file' in scenario.topology) paths.add(scenario.topology.file);
  add(scenario.manifests);
  for (const step of scenario.steps) if (step.action.type === 'apply') add(step.action.manifests);
  return [...paths];
}

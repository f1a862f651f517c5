/**
 * Count limits refused before the work they bound (issue 10): a kind config of 100,000 nodes (100,000
 * workers, the control plane last: 1.5 MB of YAML) through the CLI's in-process path, refused by the
 * manifest layer's pre-scan, against parsing a config at the 20,000-node limit. `npx tsx scripts/benchLimits.ts`.
 */
import { main } from '../src/cli/main';
import { MAX_SIMULATED_NODES, parseManifests } from '../src/core/manifests';

function kindConfig(workers: number): string {
  return 'apiVersion: kind.x-k8s.io/v1alpha4\nkind: Cluster\nnodes:\n' + '- role: worker\n'.repeat(workers) + '- role: control-plane\n';
}

export function benchLimits(runs: number, median: (xs: number[]) => number): void {
  const big = kindConfig(100_000);
  const refused: number[] = [];
  for (let i = 0; i < Math.max(runs, 5); i++) {
    let err = '';
    const t0 = performance.now();
    main(['simulate', '--topology', 'kind.yaml', 'cm.yaml'], {
      stdout: () => undefined, stderr: (t) => { err += t; },
      readFile: (p) => (p === 'kind.yaml' ? big : 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n'),
    });
    refused.push(performance.now() - t0);
    if (!/kind\.yaml:20004:1: kind Cluster config: 100001 nodes/.test(err)) throw new Error(`bench: the 100,000-node config was not refused: ${err.slice(0, 200)}`);
  }
  const atLimit = kindConfig(MAX_SIMULATED_NODES - 1);
  const parsed: number[] = [];
  for (let i = 0; i < Math.max(runs, 3); i++) {
    const t0 = performance.now();
    parseManifests(atLimit, 'kind.yaml');
    parsed.push(performance.now() - t0);
  }
  console.log(`limits: a kind config of 100,001 nodes (${(big.length / 2 ** 20).toFixed(1)} MB) refused by \`simulate --topology\` in median ${median(refused).toFixed(1)} ms over ${refused.length} runs (before parsing; parsing one at the ${MAX_SIMULATED_NODES.toLocaleString('en-US')}-node limit takes ${median(parsed).toFixed(0)} ms; budget 100 ms)`);
}

if (require.main === module) benchLimits(5, (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0);

/**
 * The node limit of a kind Cluster config, checked on the text before it is parsed: a 100,000-node config
 * is 1.5 MB of YAML that takes seconds to parse, and is refused in milliseconds here; parse.ts then
 * reads the other documents of the file and not this one.
 */
import { topLevelSequences } from './prescan';
import { MAX_SIMULATED_NODES } from './types';

/** The refusal of a kind config with `n` nodes (the sim's topologyLimitError gives the same). */
export function kindNodeLimitMessage(n: number): string {
  return `kind Cluster config: ${n} nodes is more than the simulator's limit of ${MAX_SIMULATED_NODES} (Kubernetes supports clusters of up to 5,000 nodes); it is not simulated`;
}

/** A kind config refused before parsing: the message, the offset of the node that passes the limit, and its piece of the stream (from its `---` line to the next). */
export interface KindConfigRefusal {
  readonly message: string;
  readonly at: number;
  readonly start: number;
  readonly end: number;
}

/**
 * The first kind config of `text` (kind Cluster, apiVersion kind.x-k8s.io/…) when its `nodes:` pass
 * `max`, or null. The first kind config decides, as it chooses the topology (topologyFromObjects).
 */
export function kindConfigOverLimit(text: string, max = MAX_SIMULATED_NODES): KindConfigRefusal | null {
  for (const doc of topLevelSequences(text, 'nodes', max, 'kind.x-k8s.io/')) {
    if (doc.scalars.get('kind') !== 'Cluster' || !doc.scalars.get('apiVersion')?.startsWith('kind.x-k8s.io/')) continue;
    // A config that shares its piece with another document (`...`) is left to the full parse and topologyLimitError.
    if (doc.overAt < 0 || !doc.wholePiece) return null;
    return { message: kindNodeLimitMessage(doc.items), at: doc.overAt, start: doc.start, end: doc.end };
  }
  return null;
}

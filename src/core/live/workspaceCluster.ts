import { parseManifests, type KubeObject, type ManifestDiagnostic, type ParseResult, type SourcedObject } from '../manifests';
import { Simulation, presetTopology, topologyFromObjects, type PresetName, type TopologySpec } from '../sim';
import { computeFacts, type Facts } from '../view/facts';
import { toClusterView } from '../view/fromSnapshot';
import type { ClusterView } from '../../shared/protocol';
import type { ViewAction } from '../../shared/viewActions';

/** Which cluster the workspace runs on: read from the manifests ('auto') or one of the study guide's presets. */
export type TopologyChoice = 'auto' | PresetName;

/** An open YAML document. */
export interface WorkspaceDocument {
  readonly uri: string;
  readonly text: string;
}

/** A problem to show in the editor, from parsing or from the simulated API server. */
export type DocumentDiagnostic = Pick<ManifestDiagnostic, 'range' | 'severity' | 'code' | 'message'>;

/** What the editor shows after a change. */
export interface LiveState {
  readonly view: ClusterView;
  readonly facts: Facts;
  /** uri → problems; every synced uri is present (an empty list clears old problems). */
  readonly diagnostics: Readonly<Record<string, readonly DocumentDiagnostic[]>>;
  readonly objects: number;
}

interface Desired {
  readonly object: KubeObject;
  readonly json: string;
  readonly source: SourcedObject;
  readonly uri: string;
}

const DEFAULT_PRESET: PresetName = 'multi-worker';

/** kind/namespace/name; configuration files (kind's Cluster) have no metadata, so read it defensively. */
function keyOf(o: KubeObject): string {
  const meta = (o.metadata ?? {}) as KubeObject['metadata'];
  return `${o.kind}/${meta.namespace ?? ''}/${meta.name ?? meta.generateName ?? ''}`;
}

/**
 * The simulated cluster behind the open manifests. Like `kubectl apply` on a directory, each sync
 * applies what changed and deletes what disappeared, so state (failed nodes, running pods) carries
 * over from one edit to the next. Pure: the extension runs it in a worker thread.
 */
export class WorkspaceCluster {
  private sim: Simulation;
  private topologyKey = '';
  private readonly parsed = new Map<string, { text: string; result: ParseResult }>();
  private readonly applied = new Map<string, string>();
  private readonly applyIssues = new Map<string, { uri: string; diagnostic: DocumentDiagnostic; json: string }>();

  constructor(private choice: TopologyChoice = 'auto') {
    this.sim = new Simulation({ topology: presetTopology(DEFAULT_PRESET) });
  }

  /** Brings the cluster in line with the documents and runs it until it settles. */
  sync(documents: readonly WorkspaceDocument[]): LiveState {
    const desired = this.desiredObjects(documents);
    this.ensureTopology([...desired.values()].map((d) => d.object));
    for (const key of [...this.applied.keys()]) if (!desired.has(key)) this.remove(key);
    for (const [key, d] of desired) if (this.applied.get(key) !== d.json) this.applyOne(key, d);
    this.sim.runUntilSettled();
    return this.state(documents.map((d) => d.uri), desired.size);
  }

  /** Changes the topology choice; the next sync rebuilds the cluster. */
  setTopology(choice: TopologyChoice): void {
    this.choice = choice;
    this.topologyKey = '';
  }

  /** Stops (or restarts) a node, a component on a node, or an etcd member; returns an error message or null. */
  fault(target: string, failed: boolean): string | null {
    const err = this.sim.targetError(target);
    if (err) return err;
    if (failed) this.sim.fail(target);
    else this.sim.heal(target);
    this.sim.runUntilSettled();
    return null;
  }

  /** Node names and their component targets, for pickers. */
  targets(): string[] {
    return this.sim.snapshot().cluster.nodes.flatMap((n) => [n.name, ...n.components.map((c) => `${n.name}/${c.name}`)]);
  }

  /** The current state for the given documents (after a fault, say). */
  state(uris: readonly string[], objects = this.applied.size): LiveState {
    const snapshot = this.sim.snapshot();
    return { view: toClusterView(snapshot, this.sim.journal), facts: computeFacts(snapshot), diagnostics: this.diagnostics(uris), objects };
  }

  /** The Cluster View at a past simulated second, rebuilt from the journal (null: now); or why not. */
  viewAt(time: number | null): ClusterView | string {
    try {
      return toClusterView(time === null ? this.sim.snapshot() : this.sim.snapshotAt(Math.min(time, this.sim.now())), this.sim.journal);
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
  }

  /**
   * The Cluster View's actions. Scaling re-applies the workload as applied from its manifest with
   * other replicas (the file is not edited: the next edit of the manifest applies it again); a
   * worker joins as a `v1 Node` (https://kubernetes.io/docs/concepts/architecture/nodes/#management).
   */
  viewAction(action: Exclude<ViewAction, { kind: 'seek' }>): string | null {
    const result = this.runViewAction(action);
    this.sim.runUntilSettled();
    return result;
  }

  private runViewAction(action: Exclude<ViewAction, { kind: 'seek' }>): string | null {
    switch (action.kind) {
      case 'scale': {
        const w = action.workload;
        const json = this.applied.get(`${w.kind}/${w.namespace}/${w.name}`) ?? this.applied.get(`${w.kind}//${w.name}`);
        if (!json) return `${w.kind} ${w.namespace}/${w.name} is not applied from an open manifest`;
        const object = JSON.parse(json) as KubeObject;
        const res = this.sim.apply({ ...object, spec: { ...((object.spec ?? {}) as Record<string, unknown>), replicas: action.replicas } });
        return res.ok ? null : res.error ?? 'rejected';
      }
      case 'addWorker': {
        const names = new Set(this.sim.snapshot().cluster.nodes.map((n) => n.name));
        let i = 1;
        while (names.has(`worker-${i}`)) i++;
        const res = this.sim.apply({ apiVersion: 'v1', kind: 'Node', metadata: { name: `worker-${i}`, labels: {} }, status: { capacity: { cpu: '4', memory: '8Gi', pods: '110' } } });
        return res.ok ? null : res.error ?? 'rejected';
      }
      case 'removeWorker': {
        const node = this.sim.snapshot().cluster.nodes.find((n) => n.name === action.node);
        if (!node) return `no node "${action.node}"`;
        if (node.roles.includes('control-plane')) return `${action.node} is a control-plane node: only workers are removed from the view`;
        const res = this.sim.delete('Node', undefined, action.node);
        return res.ok ? null : res.error ?? 'rejected';
      }
    }
  }

  private parse(doc: WorkspaceDocument): ParseResult {
    const cached = this.parsed.get(doc.uri);
    if (cached?.text === doc.text) return cached.result;
    const result = parseManifests(doc.text, doc.uri);
    this.parsed.set(doc.uri, { text: doc.text, result });
    return result;
  }

  private desiredObjects(documents: readonly WorkspaceDocument[]): Map<string, Desired> {
    const open = new Set(documents.map((d) => d.uri));
    for (const uri of [...this.parsed.keys()]) if (!open.has(uri)) this.parsed.delete(uri);
    const desired = new Map<string, Desired>();
    for (const doc of [...documents].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0))) {
      for (const source of this.parse(doc).objects) {
        desired.set(keyOf(source.object), { object: source.object, json: JSON.stringify(source.object), source, uri: doc.uri });
      }
    }
    return desired;
  }

  private ensureTopology(objects: readonly KubeObject[]): void {
    const topology: TopologySpec = this.choice === 'auto' ? topologyFromObjects(objects) ?? presetTopology(DEFAULT_PRESET) : presetTopology(this.choice);
    const key = JSON.stringify(topology);
    if (key === this.topologyKey) return;
    this.topologyKey = key;
    this.sim = new Simulation({ topology });
    this.applied.clear();
    this.applyIssues.clear();
  }

  private applyOne(key: string, d: Desired): void {
    const { line, column } = d.source.range.start;
    const result = this.sim.apply(d.object, { file: d.uri, line, column });
    this.applied.set(key, d.json);
    this.applyIssues.delete(key);
    const message = result.ok ? result.warning : result.error ?? 'rejected by the API server';
    if (message) {
      const diagnostic: DocumentDiagnostic = { range: d.source.range, severity: result.ok ? 'info' : 'error', code: result.ok ? 'simulation' : 'api-rejected', message };
      this.applyIssues.set(key, { uri: d.uri, diagnostic, json: d.json });
    }
  }

  private remove(key: string): void {
    const [kind = '', namespace = '', ...rest] = key.split('/');
    this.sim.delete(kind, namespace || undefined, rest.join('/'));
    this.applied.delete(key);
    this.applyIssues.delete(key);
  }

  private diagnostics(uris: readonly string[]): Record<string, DocumentDiagnostic[]> {
    const out: Record<string, DocumentDiagnostic[]> = {};
    for (const uri of uris) out[uri] = [...(this.parsed.get(uri)?.result.diagnostics ?? [])];
    for (const issue of this.applyIssues.values()) out[issue.uri]?.push(issue.diagnostic);
    return out;
  }
}

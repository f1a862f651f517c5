import { displayText } from '../display';
import { didYouMeanFix, EditorDiagnosticCode, type QuickFix } from '../knowledge/diagnostics';
import type { KubeObject, ParseResult, Range, SourcedObject } from '../manifests';
import { Simulation, errorFieldPath, presetTopology, refusedFieldPath, topologyFromObjects, warningFieldPath, type PresetName, type Run, type TopologySpec } from '../sim';
import { computeEditorLive, computeFacts, type EditorLive, type Facts } from '../view/facts';
import { toClusterView } from '../view/fromSnapshot';
import { viewPageAt } from '../view/page';
import { buildEditorFacts } from '../sim/editorFacts';
import type {
  DocumentDiagnostic as SharedDiagnostic, LiveFacts, LiveProgress, LiveState as SharedLiveState, PresetName as SharedPresetName, TopologyChoice, WorkspaceDocument,
} from '../../shared/liveTypes';
import { fileDiagnostics } from './documentDiagnostics';
import { DocumentParser } from './documentParser';
import { expectedPods, runningPods } from './progress';
import { addressOf, identityKeys, uniqueDocuments, type ObjectAddress } from './identity';
import { apiObjectKey, apiOwnedObjects } from '../kubeapi/apiOwned';
import type { ClusterView } from '../../shared/protocol';
import type { ViewAction } from '../../shared/viewActions';

export type { LiveProgress, TopologyChoice, WorkspaceDocument } from '../../shared/liveTypes';

/** A problem to show in the editor; the editor's diagnostics (issue 7) carry quick fixes as text edits. */
export interface DocumentDiagnostic extends SharedDiagnostic {
  readonly fixes?: readonly QuickFix[];
}

/**
 * What the editor shows after a change: the shared state plus the live facts of field hovers, code lenses
 * and the status bar (the worker sends this; the shared protocol types name only the shared part).
 */
export interface LiveState extends SharedLiveState {
  readonly diagnostics: Readonly<Record<string, readonly DocumentDiagnostic[]>>;
  readonly editor: EditorLive;
}

// The shared types are plain copies of the engine's: these fail to compile when the two drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const presetNamesMatch: Same<PresetName, SharedPresetName> = true;
const factsMatch: Same<Facts, LiveFacts> = true;
void presetNamesMatch;
void factsMatch;

interface Desired {
  readonly object: KubeObject;
  readonly json: string;
  readonly source: SourcedObject;
  readonly uri: string;
}

/** What was applied under an identity key: the object's JSON and where the API server keeps it. */
interface Applied extends ObjectAddress { readonly json: string }

const DEFAULT_PRESET: PresetName = 'multi-worker';
/**
 * The live cluster lives as long as the editor: its journal keeps the latest 20,000 records (a teaching-size
 * cluster's last several minutes of simulated time, for the Cluster View's timeline), so memory stays flat
 * over any number of edits. The CLI keeps the engine's default horizon.
 */
const LIVE_JOURNAL = { maxRecords: 20_000 } as const;
const jsonOf = new WeakMap<object, string>();

/**
 * The range of `path`'s key, or of the nearest key above it that the manifest writes (`alt`: another place the
 * manifest may write a prefix, tried after it).
 */
function nearestKey(source: SourcedObject, path: readonly (string | number)[] | undefined, alt?: (prefix: readonly (string | number)[]) => Range | undefined): Range | undefined {
  for (let n = path?.length ?? 0; n > 0; n--) {
    const prefix = (path as readonly (string | number)[]).slice(0, n);
    const r = source.keyRange(prefix) ?? alt?.(prefix);
    if (r) return r;
  }
  return undefined;
}

/**
 * Where the API server's refusal points: the field its message names first, or the field the admission plugin
 * that refused it read (or the nearest key above either), else the object's `kind` (a squiggle under every line
 * of the object would bury the rest of its diagnostics).
 */
function rejectedRange(source: SourcedObject, message: string): Range {
  const path = errorFieldPath(message) ?? refusedFieldPath(message, source.object) ?? [];
  // A Secret's data errors name `data[key]`, where kube-apiserver folded `stringData` in: the manifest may hold the key
  // under `stringData`, and a key the Secret's type requires but no one wrote is shown at `type`.
  const folded = path[0] === 'data';
  if (folded && /is invalid: \[?data\[[^\]]*\]: Required value/.test(message)) {
    const r = source.keyRange(path) ?? source.keyRange(['stringData', ...path.slice(1)]) ?? source.keyRange(['type']);
    if (r) return r;
  }
  const stringData = folded ? (prefix: readonly (string | number)[]) => source.keyRange(['stringData', ...prefix.slice(1)]) : undefined;
  return nearestKey(source, path, stringData) ?? source.keyRange(['kind']) ?? source.range;
}

/** Diagnostics as shown, by the diagnostic: the kept ones (documentDiagnostics.ts) are not copied again on every sync. */
const displayedOf = new WeakMap<DocumentDiagnostic, DocumentDiagnostic>();

function displayed(d: DocumentDiagnostic): DocumentDiagnostic {
  let shown = displayedOf.get(d);
  if (!shown) displayedOf.set(d, (shown = { ...d, message: displayText(d.message) }));
  return shown;
}

/** JSON of a parsed object, once per object (the document cache hands back the same objects while a document is unchanged). */
function json(o: KubeObject): string {
  let s = jsonOf.get(o);
  if (s === undefined) jsonOf.set(o, (s = JSON.stringify(o)));
  return s;
}

/**
 * One sync in progress: parse, apply the changes, run the cluster until it settles. It runs in slices
 * (`resume(shouldYield)`), so the worker can abandon it for a newer one between two of them; whatever
 * was applied stays applied, as with a `kubectl apply` interrupted half way, and the next sync goes on
 * from there.
 */
export interface SyncJob {
  /** Runs on; true when done (then `result` is set), false when `shouldYield` interrupted it. */
  resume(shouldYield?: () => boolean): boolean;
  readonly result: LiveState | undefined;
  /** Pods Running out of the pods the manifests ask for, and the simulated time. */
  progress(): LiveProgress;
}

/**
 * The simulated cluster behind the open manifests. Like `kubectl apply` on a directory, each sync
 * applies what changed and deletes what disappeared, so state (failed nodes, running pods) carries
 * over from one edit to the next. Pure: the extension runs it in a worker thread.
 */
export class WorkspaceCluster {
  private sim: Simulation;
  private topologyKey = '';
  /** Counts the clusters built (ClusterView.clusterId): the Cluster View starts over when it changes. */
  private clusterId = 0;
  private readonly parser = new DocumentParser();
  private readonly parsed = new Map<string, { text: string; result: ParseResult }>();
  private readonly applied = new Map<string, Applied>();
  /** What the last sync wanted, per identity key: a file that has errors now keeps its objects from it. */
  private lastDesired = new Map<string, Desired>();
  /** Names the API server generated for objects that only have a generateName, by identity key. */
  private readonly generated = new Map<string, string>();
  private readonly applyIssues = new Map<string, { uri: string; diagnostics: readonly DocumentDiagnostic[] }>();
  private readonly faults = new Map<string, true>();
  private expected = 0;
  /** Objects kubectl created through the served API, to create again in a cluster being built (topology change, restore). */
  private carried: KubeObject[] = [];
  /**
   * True (the default, and while no Cluster View is open): every change runs until the cluster settles,
   * so the editor shows where it ends. False while the view's clock runs: a change does what is due at
   * once and simulated time moves only through `advance` (the clock) or `settle`.
   */
  private settleOnChange = true;

  constructor(private choice: TopologyChoice = 'auto') {
    this.sim = new Simulation({ topology: presetTopology(DEFAULT_PRESET), journal: LIVE_JOURNAL });
  }

  /** Brings the cluster in line with the documents and runs it until it settles. */
  sync(documents: readonly WorkspaceDocument[]): LiveState {
    const job = this.begin(documents);
    job.resume();
    return job.result as LiveState;
  }

  /** Starts a sync to run in slices (see SyncJob). */
  begin(documents: readonly WorkspaceDocument[]): SyncJob {
    let slice: () => boolean = () => false;
    const steps = this.syncSteps(uniqueDocuments(documents), () => slice());
    let result: LiveState | undefined;
    return {
      resume: (shouldYield = () => false) => {
        slice = shouldYield;
        for (let r = steps.next(); ; r = steps.next()) {
          if (r.done) { result = r.value; return true; }
          if (shouldYield()) return false;
        }
      },
      get result() { return result; },
      progress: () => ({ done: runningPods(this.sim), total: Math.max(this.expected, this.sim.internals.store.count('Pod')), time: this.sim.now() }),
    };
  }

  /** The steps of a sync; each `yield` is a point where it may stop for newer work. */
  private *syncSteps(documents: readonly WorkspaceDocument[], shouldYield: () => boolean): Generator<void, LiveState> {
    const desired = new Map<string, Desired>();
    for (const doc of documents) {
      const result = yield* this.parser.steps(doc.uri, doc.text);
      this.desiredObjects(doc, result, desired);
    }
    this.lastDesired = desired;
    this.parser.commit();
    for (const uri of [...this.parsed.keys()]) if (!documents.some((d) => d.uri === uri)) this.parsed.delete(uri);
    const objects = [...desired.values()].map((d) => d.object);
    this.ensureTopology(objects);
    this.expected = expectedPods(objects, this.sim.topology.nodes.length);
    for (const key of [...this.applied.keys()]) {
      if (desired.has(key)) continue;
      this.remove(key);
      yield;
    }
    // kubectl's objects come back around the files' (a file now declaring one of them wins): Namespaces
    // first, as objects are created in them, the rest after the files' objects they may refer to.
    const declared = new Set(objects.map((o) => apiObjectKey({ kind: o.kind, metadata: addressOf(o) })));
    const carried = this.carried.filter((o) => !declared.has(apiObjectKey(o)));
    for (const o of carried) if (o.kind === 'Namespace') { this.sim.apply(o); yield; }
    for (const [key, d] of desired) {
      if (this.applied.get(key)?.json === d.json) continue;
      this.applyOne(key, d);
      yield;
    }
    for (const o of carried) if (o.kind !== 'Namespace') { this.sim.apply(o); yield; }
    this.carried = [];
    this.sim.clearApplyErrors(); // applyIssues keeps them per object
    const run: Run = this.settleOnChange ? this.sim.run(3600, true) : this.sim.run(0, false);
    while (!run.resume(shouldYield)) yield;
    return this.state(documents.map((d) => d.uri), desired.size);
  }

  /**
   * The simulation now, for the Kubernetes API the kubectl terminal serves (src/worker/apiServer.ts). Objects
   * kubectl creates there are owned by the API, not by a file: a sync only deletes what it applied from a
   * document (`applied`), so they stay, as in a real cluster, until kubectl deletes them; a new cluster
   * (another topology) gets them too, created again after the documents' objects.
   */
  get simulation(): Simulation {
    return this.sim;
  }

  /**
   * The objects kubectl created through the served API and no file declares (src/core/kubeapi/apiOwned.ts),
   * as they would be created again: the host keeps them to restore a worker that died.
   */
  apiObjects(): KubeObject[] {
    const files = new Set([...this.applied.values()].map((a) => apiObjectKey({ kind: a.kind, metadata: a })));
    return apiOwnedObjects(this.sim.internals.store, (kind, namespace, name) => files.has(apiObjectKey({ kind, metadata: { namespace, name } })));
  }

  /** Objects to create again in the next cluster built (a restored worker's kubectl objects); the newest of each wins. */
  carry(objects: readonly KubeObject[]): void {
    const byKey = new Map(this.carried.map((o) => [apiObjectKey(o), o]));
    for (const o of objects) byKey.set(apiObjectKey(o), o);
    this.carried = [...byKey.values()];
  }

  /**
   * After a write through the served API (kubectl): settles at once, or (clock mode, the Cluster View
   * open) runs only what is due now, so kubectl sees ContainerCreating as on a real cluster.
   */
  afterApiWrite(): void {
    this.afterChange();
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
    if (failed) this.faults.set(target, true);
    else this.faults.delete(target);
    this.afterChange();
    return null;
  }

  /** Settles at once after a change, or (clock mode) runs only what is due now and leaves the rest to the clock. */
  private afterChange(): void {
    if (this.settleOnChange) this.sim.runUntilSettled();
    else this.sim.advance(0);
  }

  /** Clock mode off (every change settles at once) or on (the Cluster View's clock moves time: see `settleOnChange`). */
  setSettleOnChange(settle: boolean): void {
    this.settleOnChange = settle;
  }

  /** The clock: steps simulated time `seconds` forward (CronJobs fire, back-offs expire, grace periods run out). */
  advance(seconds: number): void {
    this.sim.advance(seconds);
  }

  /** Runs until nothing pending would change the cluster (the "Settle the Cluster" command); the simulated seconds it took. */
  settle(): number {
    return this.sim.runUntilSettled();
  }

  /** Nothing pending would change the cluster (recurring CronJob ticks aside). */
  settled(): boolean {
    return !this.sim.internals.unsettled();
  }

  /** The latest simulated second and the journal's last seq: the clock reports only time when the seq did not move. */
  head(): { time: number; seq: number } {
    return { time: this.sim.now(), seq: this.sim.journal.head };
  }

  /** The targets failed and not healed since the cluster was last built, in the order they failed. */
  activeFaults(): string[] {
    return [...this.faults.keys()];
  }

  /** Node names and their component targets, for pickers. */
  targets(): string[] {
    return this.sim.snapshot().cluster.nodes.flatMap((n) => [n.name, ...n.components.map((c) => `${n.name}/${c.name}`)]);
  }

  /** The current state for the given documents (after a fault, say). */
  state(uris: readonly string[], objects = this.applied.size): LiveState {
    const snapshot = this.sim.snapshot();
    const settled = this.settled();
    const editor = { ...computeEditorLive(snapshot, this.sim.editorFacts()), moment: { head: snapshot.time, settled, past: false } };
    return { view: { ...toClusterView(snapshot, this.sim.journal), clusterId: this.clusterId }, facts: computeFacts(snapshot), diagnostics: this.diagnostics(uris, editor), objects, editor, settled };
  }

  /**
   * The editor's state at the play head, a past simulated second (hovers, code lenses, diagnostics and
   * the status bar show that moment while the learner looks at it). The view is the bounded page.
   */
  stateAt(time: number, uris: readonly string[]): LiveState {
    const t = Math.min(time, this.sim.now());
    const snapshot = this.sim.snapshotAt(t);
    const past = this.sim.stateAt(t);
    const editor = { ...computeEditorLive(snapshot, buildEditorFacts(past)), moment: { head: this.sim.now(), settled: this.settled(), past: true } };
    return {
      view: viewPageAt(this.sim, t), facts: computeFacts(snapshot), diagnostics: this.diagnostics(uris, editor), objects: this.applied.size,
      editor, settled: this.settled(), past: { time: t, head: this.sim.now() },
    };
  }

  /**
   * The Cluster View at a past simulated second, rebuilt from the journal (null: now); or why not. Built
   * from the view's bounded page, not a whole snapshot (src/core/view/page.ts), without the steps the view holds.
   */
  viewAt(time: number | null): ClusterView | string {
    try {
      return viewPageAt(this.sim, time === null ? null : Math.min(time, this.sim.now()));
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
    this.afterChange();
    return result;
  }

  private runViewAction(action: Exclude<ViewAction, { kind: 'seek' }>): string | null {
    switch (action.kind) {
      case 'scale': {
        const w = action.workload;
        const applied = [...this.applied.values()].find((x) => x.kind === w.kind && x.name === w.name && (x.namespace ?? '') === (w.namespace ?? ''));
        if (!applied) return `${w.kind} ${w.namespace}/${w.name} is not applied from an open manifest`;
        const object = JSON.parse(applied.json) as KubeObject;
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

  /** Adds the document's objects to `desired` (documents come sorted by uri: on a clash the later file wins). */
  private desiredObjects(doc: WorkspaceDocument, result: ParseResult, desired: Map<string, Desired>): void {
    const uri = doc.uri;
    this.parsed.set(uri, { text: doc.text, result });
    const keys = identityKeys(uri, result.objects.map((s) => s.object));
    result.objects.forEach((source, i) => desired.set(keys[i] as string, { object: source.object, json: json(source.object), source, uri }));
    // A file with errors is usually being typed: `replicas: 4` passes through `r`, `re`… on its way. As
    // kubectl would refuse such a file and leave the cluster as it was, the objects it had the last time
    // keep running (with the errors shown) instead of being deleted and created again on the next keystroke.
    if (!result.diagnostics.some((d) => d.severity === 'error')) return;
    for (const [key, previous] of this.lastDesired) {
      if (previous.uri === uri && !desired.has(key)) desired.set(key, previous);
    }
  }

  private ensureTopology(objects: readonly KubeObject[]): void {
    const topology: TopologySpec = this.choice === 'auto' ? topologyFromObjects(objects) ?? presetTopology(DEFAULT_PRESET) : presetTopology(this.choice);
    const key = JSON.stringify(topology);
    if (key === this.topologyKey) return;
    this.topologyKey = key;
    this.clusterId++;
    this.carry(this.apiObjects()); // kubectl's objects move to the new cluster (syncSteps creates them again)
    this.sim = new Simulation({ topology, journal: LIVE_JOURNAL });
    this.applied.clear();
    this.generated.clear();
    this.applyIssues.clear();
    this.faults.clear();
  }

  private applyOne(key: string, d: Desired): void {
    const { line, column } = d.source.range.start;
    const address = addressOf(d.object);
    const generatedName = address.name === '' ? this.generated.get(key) : undefined;
    const input = generatedName ? { ...d.object, metadata: { ...d.object.metadata, name: generatedName } } : d.object;
    const result = this.sim.apply(input, { file: d.uri, line, column });
    const name = generatedName ?? (address.name || result.name) ?? '';
    if (address.name === '' && result.ok && name) this.generated.set(key, name);
    this.applied.set(key, { ...address, name, json: d.json });
    this.applyIssues.delete(key);
    const message = result.ok ? result.warning : result.error ?? 'rejected by the API server';
    const diagnostics: DocumentDiagnostic[] = [];
    if (message) diagnostics.push({ range: result.ok ? d.source.range : rejectedRange(d.source, message), severity: result.ok ? 'info' : 'error', code: result.ok ? 'simulation' : 'api-rejected', message });
    // kube-apiserver's warnings (kubectl prints them as `Warning: …`): on the field one names (`spec.containers[1].ports[0]:
    // duplicate port definition …`, or the nearest field above it written), else on the object's `kind` (PodSecurity's
    // `would violate PodSecurity …` is about the whole object; a squiggle under every line of it would bury the rest).
    for (const w of result.apiWarnings ?? []) diagnostics.push({ range: nearestKey(d.source, warningFieldPath(w)) ?? d.source.keyRange(['kind']) ?? d.source.range, severity: 'warning', code: 'api-warning', message: w });
    if (diagnostics.length > 0) this.applyIssues.set(key, { uri: d.uri, diagnostics });
  }

  private remove(key: string): void {
    const a = this.applied.get(key);
    if (a && a.name !== '') this.sim.delete(a.kind, a.namespace, a.name);
    this.applied.delete(key);
    this.generated.delete(key);
    this.applyIssues.delete(key);
  }

  private diagnostics(uris: readonly string[], editor: EditorLive): Record<string, DocumentDiagnostic[]> {
    const out: Record<string, DocumentDiagnostic[]> = {};
    for (const uri of uris) {
      const parsed = this.parsed.get(uri);
      // Editor addition (issue 7): the decoder's "did you mean" becomes a quick fix.
      out[uri] = (parsed?.result.diagnostics ?? []).map((d) => {
        const fix = didYouMeanFix(d, parsed?.text ?? '');
        return fix ? { ...d, fixes: [fix] } : d;
      });
    }
    // Editor additions (issue 7): why Pending, selectors, unknown and unmodelled fields, at their exact ranges.
    const precise = new Set<string>();
    for (const uri of uris) {
      const parsed = this.parsed.get(uri);
      if (!parsed) continue;
      const extra = fileDiagnostics(parsed.result.objects, parsed.text, this.parser.documents(uri), editor);
      if (extra.some((d) => d.code === EditorDiagnosticCode.selectorMismatch)) precise.add(uri);
      for (const d of extra) out[uri].push(d);
    }
    for (const issue of this.applyIssues.values()) {
      for (const d of issue.diagnostics) {
        // The selector mismatch is reported on the selector itself rather than on the whole document.
        if (precise.has(issue.uri) && d.message.includes('`selector` does not match template `labels`')) continue;
        out[issue.uri]?.push(d);
      }
    }
    // A component that crashed on an object (the engine's fault barrier, crashes.ts): an error on the object.
    for (const e of this.sim.crashErrors()) {
      const source = this.parsed.get(e.file)?.result.objects.find((o) => o.range.start.line === e.line && o.range.start.column === e.column);
      if (source) out[e.file]?.push({ range: source.range, severity: 'error', code: 'simulator-crash', message: e.message });
    }
    // Messages quote manifest text: one line each, control characters escaped, long values cut (display.ts).
    for (const list of Object.values(out)) list.forEach((d, i) => { list[i] = displayed(d); });
    return out;
  }
}

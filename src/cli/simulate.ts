import { displayText } from '../core/display';
import { DiagnosticCode, parseManifests, type ManifestDiagnostic, type SourcedObject } from '../core/manifests';
import { isPresetName, presetTopology, Simulation, topologyFromObjects, topologyLimitError, type ClusterSnapshot, type KubeObject, type TopologySpec } from '../core/sim';
import { journalSince, narrate } from '../core/sim/journal';
import { snapshotOf, sourceOf, streamSnapshotOf, type StreamedSnapshot } from '../core/sim/snapshot';
import { nodeSpecFromObject } from '../core/sim/topology/fromObjects';
import { type SimulateArgs, UsageError } from './args';
import { performStep, type Step } from './steps';
import { writeJson } from './jsonOut';
import { writeText, type AutoscalerRow, type ContainerRow, type KindTable, type ReplicaSetRow } from './text';
import { KUBECTL, type ClusterRuntime } from '../core/sim/cluster';
import type { Stored } from '../core/sim/store';
import { SIM_EPOCH_MS } from '../core/sim/clock';
import { hpaTargets, printedColumns } from '../core/kubeapi/tables';

/** What the CLI needs from its host: output writers and a file reader. */
export interface CliIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Reads a file as UTF-8; throws (with a message) when it cannot. */
  readonly readFile: (path: string) => string;
}

type ErrorRow = ClusterSnapshot['errors'][number];

export interface Loaded {
  objects: SourcedObject[];
  errors: ErrorRow[];
  /** A kind config was refused (too many nodes, by the manifest layer): the Node objects do not make the topology either. */
  topologyRefused?: boolean;
}

/** Programmatic extras of a run (not command-line flags): timed steps, e.g. a golden scenario's sidecar. */
export interface RunExtras {
  readonly steps?: readonly Step[];
  /** Where the steps came from, for the positions of their apply errors. */
  readonly stepsFile?: string;
}

/**
 * `kube-anatomy simulate`: apply every object at time 0, inject the faults, run until the
 * cluster settles (or for --for seconds), print the result (or, with --at, the cluster as it was
 * at that second; with --output events, the journal as JSON lines). Returns the exit code:
 * 0 all input understood, 1 some input had errors, 2 usage error (thrown as UsageError).
 */
export function runSimulate(args: SimulateArgs, io: CliIO, extras: RunExtras = {}): number {
  const input = load(args.files, io);
  if (!args.topology) refuseTopology(input);

  const topology = chooseTopology(args.topology, input.objects.map((s) => s.object), io);
  // --at and --output events read the journal: keep it whatever the cluster's size.
  const sim = new Simulation({ topology, journal: args.atSeconds !== null || args.output === 'events' ? { detail: 'full' } : undefined });
  subnetError(sim, args.topology, input);
  checkTargets(sim, args, extras);
  applyAll(sim, input);
  const settled = run(sim, args, extras);
  // --at beyond the end of the run: the settled cluster just waits until then.
  if (args.atSeconds !== null && args.atSeconds > sim.now()) sim.advance(args.atSeconds - sim.now());
  if (args.atSeconds !== null && args.atSeconds < sim.journal.oldestTime) throw new UsageError(`--at ${args.atSeconds}: the journal keeps this run from t=${sim.journal.oldestTime}s only`);
  // The outputs read the pods from the store as they write them (jsonOut.ts, text.ts): no array of 150,000 rows first.
  // --at: the state of that moment, rebuilt once from the journal, for the snapshot and the tables beside it.
  const past = args.atSeconds !== null && args.atSeconds < sim.now() ? sim.stateAt(args.atSeconds) : null;
  const snap: StreamedSnapshot = past ? snapshotOf(sim.historicSource(past), sim.errorsAt(past.time))
    : args.atSeconds !== null ? sim.snapshot() : streamSnapshotOf(sourceOf(sim.internals), sim.applyErrors());
  const view: View = past ? { list: (k) => past.store.list(k), now: past.time, cluster: past.cluster } : { list: (k) => sim.internals.store.list(k), now: sim.now(), cluster: sim.internals.cluster };
  const errors = sortErrors([...input.errors, ...snap.errors]);
  // kubectl apply -f on files with no object in them (k8s.io/kubectl/pkg/cmd/apply/apply.go); a file with errors says those instead.
  if (input.objects.length === 0 && !errors.some((e) => e.severity === 'error')) errors.push({ file: '', line: 0, column: 0, message: 'error: no objects passed to apply', severity: 'error' });
  for (const e of errors) io.stderr(errorLine(e));
  const out = { ...snap, errors };
  if (args.output === 'events') printJournal(sim, args.atSeconds, io);
  else if (args.output === 'json') writeJson(out, io.stdout);
  else writeText(out, { servicePorts: servicePorts(view), apiError: apiError(sim, view), replicaSets: replicaSets(view), kindTables: kindTables(view), autoscalers: autoscalers(view), containers: dockerContainers(sim, view), unsettled: settled }, io.stdout);
  return errors.some((e) => e.severity === 'error') ? 1 : 0;
}

/** One error as `file:line:column: message`, on one line whatever the manifest held (display.ts). */
export function errorLine(e: ErrorRow): string {
  const at = e.file === '' && e.line === 0 ? '' : `${displayText(e.file, 256)}:${e.line}:${e.column}: `;
  return `${at}${e.severity === 'warning' ? 'warning: ' : ''}${displayText(e.message)}\n`;
}

/** The objects and processes the text tables read: the live ones, or those of the moment --at names. */
interface View {
  readonly list: (kind: string) => Iterable<Stored>;
  readonly now: number;
  readonly cluster: ClusterRuntime;
}

/** kubectl's refusal when no kube-apiserver answers (or Docker's, when dockerd is down), or null. */
function apiError(sim: Simulation, view: View): string | null {
  const c = view.cluster;
  // etcd without quorum is not this: the API server answers (with timeouts), and the quorum banner says so.
  return sim.internals.docker || c.apiserverFor(KUBECTL) === null ? c.writeError(KUBECTL) : null;
}

/** `kubectl get rs -A` rows: every ReplicaSet, old ones at 0 after a rollout included. */
function replicaSets(view: View): ReplicaSetRow[] {
  const rows: ReplicaSetRow[] = [];
  for (const rs of view.list('ReplicaSet')) {
    const status = (rs.status ?? {}) as { replicas?: unknown; readyReplicas?: unknown };
    const spec = (rs.spec ?? {}) as { replicas?: unknown };
    const n = (v: unknown, d: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : d);
    rows.push({
      namespace: rs.metadata.namespace ?? 'default', name: rs.metadata.name ?? '', desired: n(spec.replicas, 1),
      current: n(status.replicas, 0), ready: n(status.readyReplicas, 0), createdAt: createdAt(rs.metadata.creationTimestamp),
    });
  }
  return rows.sort((a, b) => cmp(a.namespace, b.namespace) || cmp(a.name, b.name));
}

/** `kubectl get deploy,sts,ds,job,cronjob -A` and `kubectl get pvc -A`, `kubectl get pv`: kube-apiserver's printer columns (kubeapi/tables.ts), by namespace and name. */
function kindTables(view: View): KindTable[] {
  return ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'PersistentVolumeClaim', 'PersistentVolume'].map((kind) => {
    const items = [...view.list(kind)].sort((a, b) => cmp(a.metadata.namespace ?? '', b.metadata.namespace ?? '') || cmp(a.metadata.name ?? '', b.metadata.name ?? ''));
    const { headers, rows } = printedColumns(kind, items, view.now);
    return { kind, headers, rows: rows.map((cells, i) => ({ namespace: items[i].metadata.namespace ?? 'default', cells })) };
  });
}

/** `kubectl get hpa -A` rows, TARGETS as kube-apiserver's printer writes them (kubeapi/tables.ts: `cpu: <unknown>/50%`, no metrics API as in kind). */
function autoscalers(view: View): AutoscalerRow[] {
  const rows: AutoscalerRow[] = [];
  for (const hpa of view.list('HorizontalPodAutoscaler')) {
    const spec = (hpa.spec ?? {}) as { scaleTargetRef?: { kind?: string; name?: string }; minReplicas?: number; maxReplicas?: number };
    rows.push({
      namespace: hpa.metadata.namespace ?? 'default', name: hpa.metadata.name ?? '',
      reference: `${spec.scaleTargetRef?.kind ?? ''}/${spec.scaleTargetRef?.name ?? ''}`, targets: hpaTargets(hpa),
      min: spec.minReplicas ?? 1, max: spec.maxReplicas ?? 0,
      replicas: Number((hpa.status as { currentReplicas?: number } | undefined)?.currentReplicas ?? 0), createdAt: createdAt(hpa.metadata.creationTimestamp),
    });
  }
  return rows.sort((a, b) => cmp(a.namespace, b.namespace) || cmp(a.name, b.name));
}

/** The simulated second of a creationTimestamp (the simulation's epoch is second 0). */
function createdAt(ts: unknown): number {
  const ms = typeof ts === 'string' ? Date.parse(ts) : NaN;
  return Number.isFinite(ms) ? (ms - SIM_EPOCH_MS) / 1000 : 0;
}

/** `docker ps -a` rows of the docker-server host (its containers are stored as pods), or null for a cluster. */
function dockerContainers(sim: Simulation, view: View): ContainerRow[] | null {
  if (!sim.internals.docker) return null;
  const rows: ContainerRow[] = [];
  const host = sim.topology.nodes[0]?.name ?? '';
  const up = view.cluster.running(host, 'dockerd');
  for (const p of view.list('Pod')) {
    const spec = (p.spec ?? {}) as { containers?: unknown };
    const list = Array.isArray(spec.containers) ? (spec.containers as unknown[]) : [];
    const status = (p.status ?? {}) as { phase?: unknown; reason?: unknown };
    list.forEach((c, i) => {
      const ct = (c ?? {}) as { image?: unknown; command?: unknown; args?: unknown; ports?: unknown };
      const words = [...(Array.isArray(ct.command) ? ct.command : []), ...(Array.isArray(ct.args) ? ct.args : [])].map(String);
      const ports = (Array.isArray(ct.ports) ? ct.ports : []).map((x) => (x ?? {}) as { containerPort?: unknown; hostPort?: unknown; protocol?: unknown })
        .filter((x) => typeof x.containerPort === 'number')
        .map((x) => `${typeof x.hostPort === 'number' ? `0.0.0.0:${x.hostPort}->` : ''}${String(x.containerPort)}/${(typeof x.protocol === 'string' ? x.protocol : 'TCP').toLowerCase()}`);
      rows.push({
        id: containerId(`${String(p.metadata.uid)}/${i}`), image: typeof ct.image === 'string' ? ct.image : '', command: words.join(' '),
        createdAt: createdAt(p.metadata.creationTimestamp), running: up && status.phase === 'Running', exited: !up || status.phase === 'Failed' || status.phase === 'Succeeded',
        // A host that lost power (or a dockerd stopped without live-restore) leaves its containers "Exited (255)".
        exitCode: status.phase === 'Succeeded' ? 0 : !up || status.reason === 'Exited' ? 255 : 1, ports: ports.join(', '), name: list.length > 1 ? `${p.metadata.name ?? ''}-${i + 1}` : p.metadata.name ?? '',
      });
    });
  }
  return rows;
}

/** A container's 12-hex-digit ID, derived from its pod's uid (FNV-1a, twice), so the output is deterministic. */
function containerId(seed: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < seed.length; i++) {
    a = Math.imul(a ^ seed.charCodeAt(i), 0x01000193) >>> 0;
    b = Math.imul(b ^ seed.charCodeAt(i), 0x811c9dc5) >>> 0;
  }
  return (a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0')).slice(0, 12);

}

/** --output events: one JSON object per journal entry (up to --at), with its one-sentence narration. */
function printJournal(sim: Simulation, at: number | null, io: CliIO): void {
  for (let seq = 0, more = true; more;) {
    const page = journalSince(sim.journal, seq);
    for (const e of page.entries) if (at === null || e.time <= at) io.stdout(JSON.stringify({ ...e, narration: narrate(e) }) + '\n');
    seq = page.next;
    more = page.more;
  }
}

/** kubectl's PORT(S) column of each Service: `port[:nodePort]/protocol`, comma-separated. */
function servicePorts(view: View): Map<string, string> {
  const out = new Map<string, string>();
  for (const svc of view.list('Service')) {
    const ports = ((svc.spec as { ports?: unknown } | undefined)?.ports ?? []) as { port?: unknown; nodePort?: unknown; protocol?: unknown }[];
    const text = (Array.isArray(ports) ? ports : []).map((p) => `${String(p.port)}${typeof p.nodePort === 'number' ? ':' + p.nodePort : ''}/${typeof p.protocol === 'string' ? p.protocol : 'TCP'}`).join(',');
    out.set(`${svc.metadata.namespace ?? 'default'}/${svc.metadata.name ?? ''}`, text);
  }
  return out;
}

export function load(files: readonly string[], io: CliIO): Loaded {
  const out: Loaded = { objects: [], errors: [] };
  for (const file of files) {
    let text: string;
    try {
      text = io.readFile(file);
    } catch (err) {
      out.errors.push({ file, line: 1, column: 1, message: `cannot read file: ${errorMessage(err)}`, severity: 'error' });
      continue;
    }
    // kind Cluster configs come through as objects too: the manifest layer asks tool configs for no metadata.name.
    const res = parseManifests(text, file);
    // A kind config beyond the node limit (refused by the manifest layer before parsing) leaves the preset topology.
    if (res.diagnostics.some((d) => d.code === DiagnosticCode.tooManyKindNodes)) out.topologyRefused = true;
    for (const o of res.objects) out.objects.push(o);
    for (const d of res.diagnostics) if (d.severity !== 'info') out.errors.push(toRow(d));
    if (res.skipped) out.errors.push({ file, line: 1, column: 1, message: `skipped: ${res.skipped.reason}`, severity: 'warning' });
  }
  return out;
}

/** An unusable networking.serviceSubnet is an error at the kind config (kube-apiserver would not start with it), never silently replaced. */
function subnetError(sim: Simulation, flag: string | null, input: Loaded): void {
  const message = sim.internals.api.serviceSubnetError;
  if (!message) return;
  const at = input.objects.find((s) => s.object.kind === 'Cluster');
  const file = at?.file ?? (flag && !isPresetName(flag) ? flag : '');
  input.errors.push({ file, line: at?.range.start.line ?? 1, column: at?.range.start.column ?? 1, message, severity: 'error' });
}

/** --fail targets (and fail/heal steps) must name something that can fail: a usage error otherwise. */
function checkTargets(sim: Simulation, args: SimulateArgs, extras: RunExtras): void {
  for (const f of args.fails) {
    const err = sim.targetError(f.target);
    if (err) throw new UsageError(`--fail ${f.target}: ${err}`);
  }
  for (const st of extras.steps ?? []) {
    const err = st.action === 'fail' || st.action === 'heal' ? sim.targetError(st.target) : null;
    if (err) throw new UsageError(`steps: ${st.action} ${'target' in st ? st.target : ''}: ${err}`);
  }
}

/** Applies every API object at time 0 (tool configuration files are not sent to the API). */
export function applyAll(sim: Simulation, input: Loaded): void {
  for (const s of ordered(input.objects)) {
    const note = toolConfigNote(s.object);
    if (note === null) sim.apply(s.object, { file: s.file, line: s.range.start.line, column: s.range.start.column, locate: locator(s) });
    else if (note) input.errors.push({ file: s.file, line: s.range.start.line, column: s.range.start.column, message: note, severity: 'warning' });
  }
}

function toRow(d: ManifestDiagnostic): ErrorRow {
  return { file: d.file, line: d.range.start.line, column: d.range.start.column, message: d.message, severity: d.severity === 'error' ? 'error' : 'warning' };
}

/** --topology preset or FILE, else a kind config / Node objects in the inputs, else multi-worker. */
export function chooseTopology(flag: string | null, objects: KubeObject[], io: CliIO): TopologySpec {
  if (flag && isPresetName(flag)) return presetTopology(flag);
  if (flag) {
    let text: string;
    try {
      text = io.readFile(flag);
    } catch (err) {
      throw new UsageError(`--topology: "${flag}" is neither a preset (docker-server, single-node, multi-worker, ha) nor a readable file: ${errorMessage(err)}`);
    }
    const parsed = parseManifests(text, flag);
    const over = parsed.diagnostics.find((d) => d.code === DiagnosticCode.tooManyKindNodes);
    if (over) throw new UsageError(`--topology ${flag}:${over.range.start.line}:${over.range.start.column}: ${over.message}`);
    const limit = topologyLimitError(parsed.objects.map((s) => s.object));
    if (limit) throw new UsageError(`--topology ${flag}: ${limit}`);
    const t = topologyFromObjects(parsed.objects.map((s) => s.object));
    if (!t) {
      const rows = topologyProblems(flag, parsed);
      throw new UsageError(`--topology ${flag}:${rows.length ? '' : ' no kind Cluster config or Node objects in the file'}`, rows);
    }
    return t;
  }
  return topologyFromObjects(objects) ?? presetTopology('multi-worker');
}

/** A kind config or Node objects beyond MAX_NODES: one error at the config (or the first Node), and the Node objects are not applied. */
function refuseTopology(input: Loaded): void {
  const err = input.topologyRefused ? null : topologyLimitError(input.objects.map((s) => s.object));
  if (input.topologyRefused) input.objects = input.objects.filter((s) => s.object.kind !== 'Node');
  if (!err) return;
  const at = input.objects.find((s) => s.object.kind === 'Cluster' || s.object.kind === 'Node');
  input.errors.push({ file: at?.file ?? '', line: at?.range.start.line ?? 0, column: at?.range.start.column ?? 0, message: err, severity: 'error' });
  input.objects = input.objects.filter((s) => s.object.kind !== 'Node');
}

/** Why a --topology file gave no topology: its manifest diagnostics and the Node objects' own errors, as `file:line:column: message`. */
function topologyProblems(file: string, parsed: ReturnType<typeof parseManifests>): string[] {
  const rows = parsed.diagnostics.filter((d) => d.severity === 'error').map(toRow);
  parsed.objects.forEach((s, i) => {
    const err = s.object.kind === 'Node' ? nodeSpecFromObject(s.object, i) : null;
    if (typeof err === 'string') rows.push({ file, line: s.range.start.line, column: s.range.start.column, message: err, severity: 'error' });
  });
  return rows.map((r) => errorLine(r).slice(0, -1));
}

/** API groups of tool configuration files (kind, kubeadm, kubelet, kube-proxy): read by tools, never sent to an API server. */
const CONFIG_GROUPS = /^(kind\.x-k8s\.io|kubeadm\.k8s\.io|kubelet\.config\.k8s\.io|kubeproxy\.config\.k8s\.io)\//;

/** null for an API object; '' for a kind Cluster (it chose the topology); else the warning for a config file that is not applied. */
function toolConfigNote(o: KubeObject): string | null {
  if (typeof o.apiVersion !== 'string' || !CONFIG_GROUPS.test(o.apiVersion)) return null;
  if (o.kind === 'Cluster' && o.apiVersion.startsWith('kind.x-k8s.io/')) return '';
  return `${o.kind} (${o.apiVersion}) is a tool configuration file, not an API object: it is not simulated`;
}

function locator(s: SourcedObject): (path: (string | number)[]) => { file: string; line: number; column: number } | undefined {
  return (path) => {
    const r = s.keyRange(path);
    return r ? { file: s.file, line: r.start.line, column: r.start.column } : undefined;
  };
}

/** Namespaces first (as Helm and kustomize order them), then file order. */
function ordered(objects: SourcedObject[]): SourcedObject[] {
  return [...objects.filter((s) => s.object.kind === 'Namespace'), ...objects.filter((s) => s.object.kind !== 'Namespace')];
}

/** How long one run waits for the cluster to settle (Simulation.runUntilSettled's default). */
const SETTLE_LIMIT = 3600;

/** Returns null when the run settled (or ran --for a fixed time), else why it did not. */
function run(sim: Simulation, args: SimulateArgs, extras: RunExtras): string | null {
  const fails: Step[] = args.fails.filter((f) => f.at !== null).map((f) => ({ at: f.at ?? 0, action: 'fail', target: f.target }));
  const timed = [...fails, ...(extras.steps ?? [])].sort((a, b) => a.at - b.at);
  const limit = args.forSeconds;
  for (const step of timed) {
    if (limit !== null && step.at > limit) break;
    if (step.at > sim.now()) sim.advance(step.at - sim.now());
    performStep(sim, step, extras.stepsFile ?? '');
  }
  const untimed = args.fails.filter((f) => f.at === null);
  if (limit !== null) {
    runFor(sim, limit, untimed.map((f) => f.target));
    return null;
  }
  sim.runUntilSettled(SETTLE_LIMIT);
  for (const f of untimed) sim.fail(f.target);
  if (untimed.length) sim.runUntilSettled(SETTLE_LIMIT);
  const why = sim.unsettledReason();
  if (why === null) return null;
  // The run stops before a timer due past the limit: the state printed is the one at that moment (t=9s when the
  // only work left is a container's `sleep 3600` ending), which the line says.
  return `the cluster did not settle within ${SETTLE_LIMIT} simulated seconds, the longest one run waits (a crash-looping container or controllers replacing pods never settle; a container whose command ends later, such as \`sleep 3600\`, only then): the state shown is at t=${sim.now()}s; ${why}`;
}

function runFor(sim: Simulation, limit: number, untimed: string[]): void {
  if (untimed.length) {
    sim.runUntilSettled(Math.max(0, limit - sim.now()));
    for (const t of untimed) if (sim.now() <= limit) sim.fail(t);
  }
  sim.advance(Math.max(0, limit - sim.now()));
}

function sortErrors(rows: ErrorRow[]): ErrorRow[] {
  return rows.map((r, i) => ({ r, i })).sort((a, b) => cmp(a.r.file, b.r.file) || a.r.line - b.r.line || a.r.column - b.r.column || a.i - b.i).map((x) => x.r);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The message of a thrown value. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

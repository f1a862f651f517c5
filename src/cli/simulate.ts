import { parseManifests, type ManifestDiagnostic, type SourcedObject } from '../core/manifests';
import { isPresetName, presetTopology, Simulation, topologyFromObjects, type ClusterSnapshot, type KubeObject, type TopologySpec } from '../core/sim';
import { journalSince, narrate } from '../core/sim/journal';
import { nodeSpecFromObject } from '../core/sim/topology/fromObjects';
import { type SimulateArgs, UsageError } from './args';
import { performStep, type Step } from './steps';
import { formatText } from './text';

/** What the CLI needs from its host: output writers and a file reader. */
export interface CliIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Reads a file as UTF-8; throws (with a message) when it cannot. */
  readonly readFile: (path: string) => string;
}

type ErrorRow = ClusterSnapshot['errors'][number];

interface Loaded { objects: SourcedObject[]; errors: ErrorRow[] }

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
  const topology = chooseTopology(args.topology, input.objects.map((s) => s.object), io);
  const sim = new Simulation({ topology });
  subnetError(sim, args.topology, input);
  checkTargets(sim, args, extras);
  applyAll(sim, input);
  run(sim, args, extras);
  // --at beyond the end of the run: the settled cluster just waits until then.
  if (args.atSeconds !== null && args.atSeconds > sim.now()) sim.advance(args.atSeconds - sim.now());
  if (args.atSeconds !== null && args.atSeconds < sim.journal.oldestTime) throw new UsageError(`--at ${args.atSeconds}: the journal keeps this run from t=${sim.journal.oldestTime}s only`);
  const snap = args.atSeconds === null ? sim.snapshot() : sim.snapshotAt(args.atSeconds);
  const errors = sortErrors([...input.errors, ...snap.errors]);
  for (const e of errors) io.stderr(`${e.file}:${e.line}:${e.column}: ${e.severity === 'warning' ? 'warning: ' : ''}${e.message}\n`);
  const out = { ...snap, errors };
  if (args.output === 'events') printJournal(sim, args.atSeconds, io);
  else io.stdout(args.output === 'json' ? JSON.stringify(out, null, 2) + '\n' : formatText(out, { servicePorts: servicePorts(sim) }));
  return errors.some((e) => e.severity === 'error') ? 1 : 0;
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
function servicePorts(sim: Simulation): Map<string, string> {
  const out = new Map<string, string>();
  for (const svc of sim.internals.store.list('Service')) {
    const ports = ((svc.spec as { ports?: unknown } | undefined)?.ports ?? []) as { port?: unknown; nodePort?: unknown; protocol?: unknown }[];
    const text = (Array.isArray(ports) ? ports : []).map((p) => `${String(p.port)}${typeof p.nodePort === 'number' ? ':' + p.nodePort : ''}/${typeof p.protocol === 'string' ? p.protocol : 'TCP'}`).join(',');
    out.set(`${svc.metadata.namespace ?? 'default'}/${svc.metadata.name ?? ''}`, text);
  }
  return out;
}

function load(files: readonly string[], io: CliIO): Loaded {
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
    out.objects.push(...res.objects);
    out.errors.push(...res.diagnostics.filter((d) => d.severity !== 'info').map(toRow));
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
function applyAll(sim: Simulation, input: Loaded): void {
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
function chooseTopology(flag: string | null, objects: KubeObject[], io: CliIO): TopologySpec {
  if (flag && isPresetName(flag)) return presetTopology(flag);
  if (flag) {
    let text: string;
    try {
      text = io.readFile(flag);
    } catch (err) {
      throw new UsageError(`--topology: "${flag}" is neither a preset (docker-server, single-node, multi-worker, ha) nor a readable file: ${errorMessage(err)}`);
    }
    const parsed = parseManifests(text, flag);
    const t = topologyFromObjects(parsed.objects.map((s) => s.object));
    if (!t) throw new UsageError(`--topology ${flag}: ${topologyProblems(flag, parsed) || 'no kind Cluster config or Node objects in the file'}`);
    return t;
  }
  return topologyFromObjects(objects) ?? presetTopology('multi-worker');
}

/** Why a --topology file gave no topology: its manifest diagnostics and the Node objects' own errors, as `file:line:column: message`. */
function topologyProblems(file: string, parsed: ReturnType<typeof parseManifests>): string {
  const rows = parsed.diagnostics.filter((d) => d.severity === 'error').map(toRow);
  parsed.objects.forEach((s, i) => {
    const err = s.object.kind === 'Node' ? nodeSpecFromObject(s.object, i) : null;
    if (typeof err === 'string') rows.push({ file, line: s.range.start.line, column: s.range.start.column, message: err, severity: 'error' });
  });
  return rows.map((r) => `\n${r.file}:${r.line}:${r.column}: ${r.message}`).join('');
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

function run(sim: Simulation, args: SimulateArgs, extras: RunExtras): void {
  const fails: Step[] = args.fails.filter((f) => f.at !== null).map((f) => ({ at: f.at ?? 0, action: 'fail', target: f.target }));
  const timed = [...fails, ...(extras.steps ?? [])].sort((a, b) => a.at - b.at);
  const limit = args.forSeconds;
  for (const step of timed) {
    if (limit !== null && step.at > limit) break;
    if (step.at > sim.now()) sim.advance(step.at - sim.now());
    performStep(sim, step, extras.stepsFile ?? '');
  }
  const untimed = args.fails.filter((f) => f.at === null);
  if (limit !== null) return runFor(sim, limit, untimed.map((f) => f.target));
  sim.runUntilSettled();
  for (const f of untimed) sim.fail(f.target);
  if (untimed.length) sim.runUntilSettled();
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

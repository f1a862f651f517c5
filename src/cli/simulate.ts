import { parseManifests, type ManifestDiagnostic, type SourcedObject } from '../core/manifests';
import { isPresetName, presetTopology, Simulation, topologyFromObjects, type ClusterSnapshot, type KubeObject, type TopologySpec } from '../core/sim';
import { kindConfigs } from './kindConfig';
import { type SimulateArgs, UsageError } from './args';
import { formatText } from './text';

/** What the CLI needs from its host: output writers and a file reader. */
export interface CliIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Reads a file as UTF-8; throws (with a message) when it cannot. */
  readonly readFile: (path: string) => string;
}

type ErrorRow = ClusterSnapshot['errors'][number];

interface Loaded { objects: SourcedObject[]; errors: ErrorRow[]; kind: KubeObject[] }

/**
 * `kube-anatomy simulate`: apply every object at time 0, inject the faults, run until the
 * cluster settles (or for --for seconds), print the result. Returns the exit code:
 * 0 all input understood, 1 some input had errors, 2 usage error (thrown as UsageError).
 */
export function runSimulate(args: SimulateArgs, io: CliIO): number {
  const input = load(args.files, io);
  const topology = chooseTopology(args.topology, [...input.kind, ...input.objects.map((s) => s.object)], io);
  const sim = new Simulation({ topology });
  for (const f of args.fails) {
    const err = sim.targetError(f.target);
    if (err) throw new UsageError(`--fail ${f.target}: ${err}`);
  }
  for (const s of ordered(input.objects)) sim.apply(s.object, { file: s.file, line: s.range.start.line, column: s.range.start.column, locate: locator(s) });
  run(sim, args);
  const snap = sim.snapshot();
  const errors = sortErrors([...input.errors, ...snap.errors]);
  for (const e of errors) io.stderr(`${e.file}:${e.line}:${e.column}: ${e.severity === 'warning' ? 'warning: ' : ''}${e.message}\n`);
  const out = { ...snap, errors };
  io.stdout(args.output === 'json' ? JSON.stringify(out, null, 2) + '\n' : formatText(out));
  return errors.some((e) => e.severity === 'error') ? 1 : 0;
}

function load(files: readonly string[], io: CliIO): Loaded {
  const out: Loaded = { objects: [], errors: [], kind: [] };
  for (const file of files) {
    let text: string;
    try {
      text = io.readFile(file);
    } catch (err) {
      out.errors.push({ file, line: 1, column: 1, message: `cannot read file: ${errorMessage(err)}`, severity: 'error' });
      continue;
    }
    const res = parseManifests(text, file);
    const kind = kindConfigs(text);
    out.kind.push(...kind.configs);
    out.objects.push(...res.objects);
    const inKind = (d: ManifestDiagnostic): boolean => kind.lines.some(([a, b]) => d.range.start.line >= a && d.range.start.line <= b);
    out.errors.push(...res.diagnostics.filter((d) => d.severity !== 'info' && !inKind(d)).map(toRow));
    if (res.skipped) out.errors.push({ file, line: 1, column: 1, message: `skipped: ${res.skipped.reason}`, severity: 'warning' });
  }
  return out;
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
    const t = topologyFromObjects([...kindConfigs(text).configs, ...parseManifests(text, flag).objects.map((s) => s.object)]);
    if (!t) throw new UsageError(`--topology ${flag}: no kind Cluster config or Node objects in the file`);
    return t;
  }
  return topologyFromObjects(objects) ?? presetTopology('multi-worker');
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

function run(sim: Simulation, args: SimulateArgs): void {
  const timed = args.fails.filter((f) => f.at !== null).sort((a, b) => (a.at ?? 0) - (b.at ?? 0));
  const limit = args.forSeconds;
  for (const f of timed) {
    if (limit !== null && (f.at ?? 0) > limit) break;
    if ((f.at ?? 0) > sim.now()) sim.advance((f.at ?? 0) - sim.now());
    sim.fail(f.target);
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

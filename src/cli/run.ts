/**
 * `kube-anatomy run [--narrate] SCENARIO...`: plays lesson scenarios headless and prints every check as
 * passed or failed with what was seen instead. Exit 0 when every check passed, 1 when one failed (or a
 * manifest or target of the scenario was wrong), 2 for a usage or scenario format error.
 */
import * as path from 'node:path';
import { LessonRun, parseScenario, type CheckResult, type Scenario, type SetupProblem, type StepResult } from '../core/lessons';
import { UsageError } from './args';
import type { CliIO } from './simulate';

export const RUN_USAGE = 'usage: kube-anatomy run [--narrate] SCENARIO...';

interface RunArgs { readonly narrate: boolean; readonly files: readonly string[] }

function parseRunArgs(argv: readonly string[]): RunArgs {
  const files = argv.filter((a) => a !== '--narrate');
  const unknown = files.find((a) => a.startsWith('-'));
  if (unknown) throw new UsageError(`unknown flag "${unknown}" for run`);
  if (files.length === 0) throw new UsageError('run needs at least one scenario file');
  return { narrate: argv.includes('--narrate'), files };
}

interface Tally { passed: number; failed: number; broken: number }

/** Runs the `run` command; returns the exit code. */
export function runScenarios(argv: readonly string[], io: CliIO): number {
  const args = parseRunArgs(argv);
  const parsed = args.files.map((file) => ({ file, ...load(file, io) }));
  const formatErrors = parsed.flatMap((p) => p.errors);
  for (const e of formatErrors) io.stderr(e + '\n');
  if (formatErrors.length > 0) return 2;
  const tally: Tally = { passed: 0, failed: 0, broken: 0 };
  for (const p of parsed) playOne(p.scenario as Scenario, p.file, args.narrate, io, tally);
  io.stdout(`\n${parsed.length} scenario(s): ${tally.passed} check(s) passed, ${tally.failed} failed${tally.broken ? `, ${tally.broken} problem(s) in the scenarios` : ''}\n`);
  return tally.failed > 0 || tally.broken > 0 ? 1 : 0;
}

function load(file: string, io: CliIO): { scenario?: Scenario; errors: string[] } {
  let text: string;
  try {
    text = io.readFile(file);
  } catch (err) {
    return { errors: [`${file}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`] };
  }
  const res = parseScenario(text, file);
  const errors = res.diagnostics.filter((d) => d.severity === 'error').map((d) => `${file}:${d.range.start.line}:${d.range.start.column}: ${d.message}`);
  return { scenario: res.scenario, errors };
}

function playOne(scenario: Scenario, file: string, narrate: boolean, io: CliIO, tally: Tally): void {
  const dir = path.dirname(file);
  const run = LessonRun.start(scenario, (rel) => io.readFile(path.isAbsolute(rel) ? rel : path.join(dir, rel)));
  io.stdout(`${file}: ${scenario.title}\n`);
  const before = run.problems.length;
  printProblems(run.problems, io, tally);
  for (const r of run.runToEnd()) printStep(r, file, narrate, io, tally);
  printProblems(run.problems.slice(before), io, tally);
}

function printProblems(problems: readonly SetupProblem[], io: CliIO, tally: Tally): void {
  for (const p of problems) {
    if (p.severity === 'error') tally.broken++;
    io.stdout(`  ${p.severity === 'error' ? 'problem' : 'warning'}: ${p.line ? `${p.file}:${p.line}:${p.column}: ` : ''}${p.message}\n`);
  }
}

function printStep(r: StepResult, file: string, narrate: boolean, io: CliIO, tally: Tally): void {
  const title = r.step.title ?? describe(r);
  io.stdout(`  step ${r.index + 1} (t=${formatSeconds(r.time)}): ${title}\n`);
  if (narrate && r.step.narration) io.stdout(`    ${r.step.narration.trim().replace(/\s*\n\s*/g, ' ')}\n`);
  if (narrate && r.step.question) io.stdout(`    question: ${r.step.question.prompt} → ${r.step.question.choices[r.step.question.answer]}\n`);
  if (r.error) {
    tally.broken++;
    io.stdout(`    problem: ${file}:${r.step.range.start.line}:${r.step.range.start.column}: ${r.error}\n`);
  }
  for (const c of r.checks) printCheck(c, file, io, tally);
}

function printCheck(c: CheckResult, file: string, io: CliIO, tally: Tally): void {
  if (c.passed) {
    tally.passed++;
    io.stdout(`    passed: ${c.expected}\n`);
    return;
  }
  tally.failed++;
  io.stdout(`    FAILED: ${c.expected}; saw ${c.seen} (${file}:${c.check.range.start.line}:${c.check.range.start.column})\n`);
}

function describe(r: StepResult): string {
  const a = r.step.action;
  switch (a.type) {
    case 'apply': return `apply ${a.manifests.map((m) => ('path' in m ? m.path : `${String(m.inline.kind)}/${String((m.inline.metadata as { name?: unknown } | undefined)?.name ?? '')}`)).join(', ')}`;
    case 'edit': return `edit ${a.object.kind.toLowerCase()}/${a.object.name}`;
    case 'scale': return `scale ${a.object.kind.toLowerCase()}/${a.object.name} to ${a.replicas}`;
    case 'delete': return `delete ${a.object.kind.toLowerCase()}/${a.object.name}`;
    case 'fail': return `fail ${a.target}`;
    case 'heal': return `heal ${a.target}`;
    case 'wait': return `wait ${formatSeconds(a.seconds)}`;
    case 'settle': return 'run until the cluster settles';
  }
}

function formatSeconds(s: number): string {
  const whole = Math.round(s);
  return whole < 60 ? `${whole}s` : `${Math.floor(whole / 60)}m${whole % 60 ? `${whole % 60}s` : ''}`;
}

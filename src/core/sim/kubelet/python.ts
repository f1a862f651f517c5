/**
 * How long a `python3 -c SCRIPT` container runs and how it exits, read from the script where it plainly says so.
 *
 * The Job pages' examples decide their exit code in a few lines of Python from the pod's completion index
 * (https://kubernetes.io/docs/concepts/workloads/controllers/job/#backoff-limit-per-index,
 * https://kubernetes.io/docs/tasks/job/pod-failure-policy/#backoff-limit-per-index-failindex):
 *
 *     import os, sys
 *     index = int(os.environ.get("JOB_COMPLETION_INDEX"))
 *     if index == 0:
 *       sys.exit(1)
 *     elif index == 1:
 *       sys.exit(42)
 *
 * This reads that much Python and no more: imports, `print(…)`, assignments of a number, a string or an
 * environment variable (`os.environ.get("X")`, `os.environ["X"]`, `os.getenv("X")`, optionally in `int(…)`),
 * `time.sleep(N)`, `sys.exit(N)` / `exit(N)`, and `if`/`elif`/`else` on comparisons of those (`%` allowed on
 * the left). Anything else makes the script 'unknown', as an unreadable shell script is. The environment comes
 * from the container's `env` as the kubelet resolves it (the completion index from the pod's label).
 */
import type { Lifetime } from './lifetime';

/** A container's environment variable by name, as the kubelet would set it (undefined: not set). */
export type EnvLookup = (name: string) => string | undefined;

const PYTHON = /^python(?:\d+(?:\.\d+)?)?$/;

/** The script of `python3 -c SCRIPT` (or python, python3.12), else null. */
export function pythonScript(words: readonly string[]): string | null {
  const program = (words[0] ?? '').slice((words[0] ?? '').lastIndexOf('/') + 1);
  const i = words.indexOf('-c');
  return PYTHON.test(program) && i >= 1 && i + 1 < words.length ? words[i + 1] : null;
}

type Value = number | string | undefined;
interface Line { readonly indent: number; readonly text: string }

/** Ends a run of the script: `sys.exit(code)`, or the end of the script (code 0). */
class Exit { constructor(readonly code: number) {} }
/** A construct this reader does not follow. */
class Unreadable {}

const ENV = /^(?:os\.environ\.get|os\.getenv)\(\s*["']([^"']+)["']\s*(?:,\s*["']([^"']*)["']\s*)?\)$|^os\.environ\[\s*["']([^"']+)["']\s*\]$/;

/** The lifetime of a Python script run with `env`. */
export function pythonLifetime(script: string, env: EnvLookup): Lifetime {
  const lines: Line[] = [];
  for (const raw of script.split('\n')) {
    const text = raw.replace(/\s+#.*$|^\s*#.*$/, '').trimEnd();
    if (text.trim() === '') continue;
    lines.push({ indent: text.length - text.trimStart().length, text: text.trim() });
  }
  const run = new Run(env);
  try {
    run.block(lines, 0, lines.length);
    return { seconds: run.seconds, code: 0 };
  } catch (e) {
    if (e instanceof Exit) return { seconds: run.seconds, code: e.code };
    if (e instanceof Unreadable) return 'unknown';
    throw e;
  }
}

class Run {
  seconds = 0;
  private readonly vars = new Map<string, Value>();

  constructor(private readonly env: EnvLookup) {}

  /** Runs lines [from, to), all at the indent of the first. */
  block(lines: readonly Line[], from: number, to: number): void {
    let i = from;
    while (i < to) {
      const { text, indent } = lines[i];
      const end = this.blockEnd(lines, i + 1, to, indent);
      if (/^if\s/.test(text)) {
        // An if/elif/else chain: the first true condition's block runs.
        let ran = false;
        let at = i;
        for (;;) {
          const head = lines[at].text;
          const bodyEnd = this.blockEnd(lines, at + 1, to, indent);
          const cond = /^(?:if|elif)\s+(.+):$/.exec(head);
          if (!ran && (head === 'else:' || (cond && this.truthy(cond[1])))) {
            ran = true;
            this.block(lines, at + 1, bodyEnd);
          } else if (!cond && head !== 'else:') throw new Unreadable();
          at = bodyEnd;
          if (at >= to || lines[at].indent !== indent || !/^(?:elif\s|else:)/.test(lines[at].text)) break;
        }
        i = at;
        continue;
      }
      if (end !== i + 1) throw new Unreadable(); // an indented block under anything but if/elif/else
      this.statement(text);
      i++;
    }
  }

  /** The index after the block that starts at `from` (its lines are indented deeper than `indent`). */
  private blockEnd(lines: readonly Line[], from: number, to: number, indent: number): number {
    let j = from;
    while (j < to && lines[j].indent > indent) j++;
    return j;
  }

  private statement(text: string): void {
    if (/^(?:import\s|from\s+\S+\s+import\s)/.test(text) || /^print\(.*\)$/.test(text) || text === 'pass') return;
    const exit = /^(?:sys\.exit|exit|quit)\((.*)\)$/.exec(text);
    if (exit) {
      const v = exit[1].trim() === '' ? 0 : this.value(exit[1]);
      // sys.exit(None) exits 0; a string is printed to stderr and exits 1.
      throw new Exit(typeof v === 'number' ? v & 255 : typeof v === 'string' ? 1 : 0);
    }
    const sleep = /^time\.sleep\((.*)\)$/.exec(text);
    if (sleep) {
      const v = this.value(sleep[1]);
      if (typeof v !== 'number') throw new Unreadable();
      this.seconds += Math.ceil(v);
      return;
    }
    const assign = /^([A-Za-z_]\w*)\s*=\s*(.+)$/.exec(text);
    if (assign && !assign[2].startsWith('=')) {
      this.vars.set(assign[1], this.value(assign[2]));
      return;
    }
    throw new Unreadable();
  }

  /** A comparison `A op B`, or a single value's truth. */
  private truthy(cond: string): boolean {
    const m = /^(.+?)\s*(==|!=|<=|>=|<|>)\s*(.+)$/.exec(cond.trim());
    if (!m) {
      const v = this.value(cond);
      return v !== undefined && v !== 0 && v !== '';
    }
    const a = this.value(m[1]);
    const b = this.value(m[3]);
    if (a === undefined || b === undefined) throw new Unreadable();
    switch (m[2]) {
      case '==': return a === b;
      case '!=': return a !== b;
      case '<': return a < b;
      case '>': return a > b;
      case '<=': return a <= b;
      default: return a >= b;
    }
  }

  /** A number, a string, a variable, an environment variable (in `int(…)` or not), or `X % N`. */
  private value(expr: string): Value {
    const e = expr.trim();
    const mod = /^(.+?)\s*%\s*(\d+)$/.exec(e);
    if (mod) {
      const v = this.value(mod[1]);
      if (typeof v !== 'number' || Number(mod[2]) === 0) throw new Unreadable();
      return ((v % Number(mod[2])) + Number(mod[2])) % Number(mod[2]);
    }
    if (/^-?\d+(?:\.\d+)?$/.test(e)) return Number(e);
    const quoted = /^(["'])(.*)\1$/.exec(e);
    if (quoted) return quoted[2];
    if (e === 'None') return undefined;
    const int = /^int\((.*)\)$/.exec(e);
    if (int) {
      const v = this.value(int[1]);
      const n = typeof v === 'string' && /^\s*[-+]?\d+\s*$/.test(v) ? Number(v) : v;
      if (typeof n !== 'number') throw new Unreadable(); // int(None) or int("x") raises: not followed
      return Math.trunc(n);
    }
    const env = ENV.exec(e);
    if (env) return this.env(env[1] ?? env[3]) ?? env[2];
    if (/^[A-Za-z_]\w*$/.test(e) && this.vars.has(e)) return this.vars.get(e);
    throw new Unreadable();
  }
}

/**
 * A container's environment as the kubelet sets it, for the variables a script can read without the cluster's
 * other objects: `value`, and `valueFrom.fieldRef` to the pod's name, namespace, node, labels and annotations
 * (the downward API; a Job's JOB_COMPLETION_INDEX comes from the pod's completion-index label). The last
 * definition of a name wins, as in the kubelet.
 */
export function containerEnv(container: Record<string, unknown>, pod: { readonly metadata: { readonly name?: string; readonly namespace?: string; readonly labels?: Record<string, string>; readonly annotations?: Record<string, string> }; readonly spec?: unknown }): EnvLookup {
  const list = Array.isArray(container.env) ? container.env : [];
  return (name) => {
    let out: string | undefined;
    for (const raw of list) {
      const e = raw !== null && typeof raw === 'object' ? raw as Record<string, unknown> : {};
      if (e.name !== name) continue;
      if (typeof e.value === 'string') out = e.value;
      else {
        const ref = (e.valueFrom as { fieldRef?: { fieldPath?: unknown } } | undefined)?.fieldRef?.fieldPath;
        out = typeof ref === 'string' ? downward(ref, pod) : undefined;
      }
    }
    return out;
  };
}

function downward(path: string, pod: Parameters<typeof containerEnv>[1]): string | undefined {
  const m = /^metadata\.(labels|annotations)\['([^']+)'\]$/.exec(path);
  if (m) return (m[1] === 'labels' ? pod.metadata.labels : pod.metadata.annotations)?.[m[2]];
  if (path === 'metadata.name') return pod.metadata.name;
  if (path === 'metadata.namespace') return pod.metadata.namespace ?? 'default';
  if (path === 'spec.nodeName') {
    const node = (pod.spec as { nodeName?: unknown } | undefined)?.nodeName;
    return typeof node === 'string' ? node : undefined;
  }
  return undefined;
}

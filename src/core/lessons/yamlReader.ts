/**
 * A small typed reader over yaml's syntax tree for the scenario parser: every value keeps its range,
 * and every problem becomes a diagnostic at the offending text instead of an exception.
 */
import { isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import { LineIndex } from '../manifests/lines';
import type { Range } from '../manifests';
import type { ScenarioDiagnostic } from './types';

/** Collects diagnostics for one scenario file and turns yaml nodes into ranges. */
export class Reader {
  readonly diagnostics: ScenarioDiagnostic[] = [];
  private readonly lines: LineIndex;

  constructor(readonly file: string, text: string) {
    this.lines = new LineIndex(text);
  }

  /** The range of a node's value (or the start of the file when it has none). */
  range(node: unknown): Range {
    const r = (node as { range?: [number, number, number] } | null | undefined)?.range;
    return r ? this.lines.range(r[0], r[1]) : this.lines.range(0, 0);
  }

  rangeAt(start: number, end: number): Range {
    return this.lines.range(start, end);
  }

  error(node: unknown, message: string): undefined {
    this.diagnostics.push({ file: this.file, range: this.range(node), severity: 'error', message });
    return undefined;
  }

  warning(node: unknown, message: string): void {
    this.diagnostics.push({ file: this.file, range: this.range(node), severity: 'warning', message });
  }

  /** The pairs of a mapping by key, reporting keys outside `allowed` (with a "did you mean"). */
  entries(node: unknown, what: string, allowed: readonly string[]): Map<string, Pair<Node, Node | null>> | undefined {
    if (!isMap(node)) return this.error(node, `${what}: expected a mapping`);
    const out = new Map<string, Pair<Node, Node | null>>();
    for (const pair of node.items as Pair<Node, Node | null>[]) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (key === undefined) { this.error(pair.key, `${what}: keys must be plain strings`); continue; }
      if (!allowed.includes(key)) { this.error(pair.key, `${what}: unknown key "${key}"${didYouMean(key, allowed)}; expected one of ${allowed.join(', ')}`); continue; }
      out.set(key, pair);
    }
    return out;
  }

  string(node: unknown, what: string): string | undefined {
    if (isScalar(node) && typeof node.value === 'string' && node.value.trim() !== '') return node.value;
    if (isScalar(node) && typeof node.value === 'number') return String(node.value);
    return this.error(node, `${what}: expected a non-empty string`);
  }

  number(node: unknown, what: string, min: number, max: number): number | undefined {
    const v = isScalar(node) ? node.value : undefined;
    if (typeof v !== 'number' || !Number.isFinite(v)) return this.error(node, `${what}: expected a number`);
    if (v < min || v > max) return this.error(node, `${what}: ${v} is out of range; expected ${min} to ${max}`);
    return v;
  }

  /**
   * A span of simulated time: a number of seconds, or a duration as kubectl's `--timeout` and Go's
   * time.ParseDuration write it (`90s`, `5m`, `1h30m`, `1.5m`, `500ms`).
   */
  seconds(node: unknown, what: string, min: number, max: number): number | undefined {
    const v = isScalar(node) ? node.value : undefined;
    if (typeof v === 'number') return this.number(node, what, min, max);
    const seconds = typeof v === 'string' ? durationSeconds(v.trim()) : undefined;
    if (seconds === undefined) return this.error(node, `${what}: ${typeof v === 'string' ? `"${v}" is not a duration; ` : ''}expected seconds (30) or a duration such as 90s, 5m or 1h30m`);
    if (seconds < min || seconds > max) return this.error(node, `${what}: ${v} (${seconds} s) is out of range; expected ${min} to ${max} seconds`);
    return seconds;
  }

  integer(node: unknown, what: string, min: number, max: number): number | undefined {
    const v = this.number(node, what, min, max);
    if (v !== undefined && !Number.isInteger(v)) return this.error(node, `${what}: expected a whole number`);
    return v;
  }

  boolean(node: unknown, what: string): boolean | undefined {
    if (isScalar(node) && typeof node.value === 'boolean') return node.value;
    return this.error(node, `${what}: expected true or false`);
  }

  /** A sequence's items, or a single item treated as a one-item list. */
  list(node: unknown): unknown[] {
    return isSeq(node) ? node.items : node === null || node === undefined ? [] : [node];
  }
}

/** ` (did you mean "x"?)` for the closest allowed word within two edits, else "". */
export function didYouMean(word: string, allowed: readonly string[]): string {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of allowed) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) { best = candidate; bestDistance = d; }
  }
  return best ? ` (did you mean "${best}"?)` : '';
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

const DURATION_UNITS: Readonly<Record<string, number>> = { h: 3600, m: 60, s: 1, ms: 0.001 };

/** Seconds in a Go duration string of h, m, s and ms parts (`1h30m`, `90s`, `1.5m`), or undefined. */
export function durationSeconds(text: string): number | undefined {
  if (!/^(\d+(\.\d+)?(h|ms|m|s))+$/.test(text)) return undefined;
  let total = 0;
  for (const part of text.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s)/g)) total += Number(part[1]) * DURATION_UNITS[part[2]];
  return Math.round(total * 1000) / 1000;
}

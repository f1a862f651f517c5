import type { ManifestDiagnostic, ParseResult } from '../../../src/core/manifests';

/** `line:column` of a diagnostic's start, as compilers print it. */
export function at(d: ManifestDiagnostic): string {
  return `${d.range.start.line}:${d.range.start.column}`;
}

/** The diagnostics with a code, for compact assertions. */
export function withCode(r: ParseResult, code: string): ManifestDiagnostic[] {
  return r.diagnostics.filter((d) => d.code === code);
}

/** Milliseconds taken by `f`, with its result. */
export function timed<T>(f: () => T): { ms: number; value: T } {
  const t = performance.now();
  const value = f();
  return { ms: performance.now() - t, value };
}

/** The text between two markers of a YAML template literal, dedented: keeps tests readable. */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((acc, s, i) => acc + s + (i < values.length ? String(values[i]) : ''), '');
  const lines = raw.replace(/^\n/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

/** A small, valid Deployment. */
export function deployment(name: string, extra = ''): string {
  return yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: ${name}
    spec:
      replicas: 2
      selector:
        matchLabels: {app: ${name}}
      template:
        metadata:
          labels: {app: ${name}}
        spec:
          containers:
          - name: web
            image: nginx:1.27
            resources:
              requests: {cpu: 100m, memory: 64Mi}
  ` + extra;
}

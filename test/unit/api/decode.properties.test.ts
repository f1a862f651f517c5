/**
 * Property tests of the decoder: any JSON value written at any path of a Deployment or a Pod never
 * makes it throw, each finding points at a path that is in the object, and an object that decodes
 * without findings is well typed by an independent check of the table's types (no null left).
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeObject, getModel } from '../../../src/core/api';
import type { ApiType } from '../../../src/core/api';

type Path = (string | number)[];

/** Paths of the schema below a model (list items as index 0), breadth first, up to a depth. */
function schemaPaths(model: string, depth: number): Path[] {
  const out: Path[] = [];
  const queue: [ApiType, Path][] = [[{ kind: 'model', model }, []]];
  while (queue.length > 0 && out.length < 600) {
    const [type, path] = queue.shift()!;
    if (path.length > 0) out.push(path);
    if (path.length >= depth) continue;
    if (type.kind === 'model') for (const f of getModel(type.model)!.fields.values()) queue.push([f.type, [...path, f.jsonName]]);
    else if (type.kind === 'array') queue.push([type.of, [...path, 0]]);
    else if (type.kind === 'map') queue.push([type.of, [...path, 'k']]);
  }
  return out;
}

function base(kind: 'Deployment' | 'Pod'): Record<string, unknown> {
  const pod = { containers: [{ name: 'app', image: 'nginx', ports: [{ containerPort: 80 }], resources: { requests: { cpu: '100m' } } }], tolerations: [{ key: 'a', operator: 'Exists' }] };
  return kind === 'Pod'
    ? { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { app: 'x' } }, spec: pod }
    : { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { replicas: 2, selector: { matchLabels: { app: 'x' } }, template: { metadata: { labels: { app: 'x' } }, spec: pod } } };
}

/** Writes a value at a path, creating maps and lists on the way. */
function setAt(root: Record<string, unknown>, path: Path, value: unknown): void {
  let node: Record<string | number, unknown> = root;
  for (let i = 0; i < path.length - 1; i++) {
    const seg = path[i];
    const next = node[seg];
    if (typeof next !== 'object' || next === null) node[seg] = typeof path[i + 1] === 'number' ? [] : {};
    node = node[seg] as Record<string | number, unknown>;
  }
  node[path[path.length - 1]] = value;
}

function has(root: unknown, path: readonly (string | number)[]): boolean {
  let node = root;
  for (const seg of path) {
    if (typeof node !== 'object' || node === null || !Object.prototype.hasOwnProperty.call(node, seg)) return false;
    node = (node as Record<string | number, unknown>)[seg];
  }
  return true;
}

/** An independent check that a value has the type the table declares. */
function wellTyped(v: unknown, type: ApiType): boolean {
  if (v === null) return type.kind === 'scalar' && type.scalar === 'free-form';
  switch (type.kind) {
    case 'model': {
      if (typeof v !== 'object' || Array.isArray(v)) return false;
      const model = getModel(type.model)!;
      return Object.entries(v as object).every(([k, x]) => model.fields.has(k) && wellTyped(x, model.fields.get(k)!.type));
    }
    case 'array': return Array.isArray(v) && v.every((x) => wellTyped(x, type.of));
    case 'map': return typeof v === 'object' && !Array.isArray(v) && Object.values(v as object).every((x) => wellTyped(x, type.of));
    case 'scalar':
      switch (type.scalar) {
        case 'boolean': return typeof v === 'boolean';
        case 'int32': return Number.isInteger(v) && Math.abs(v as number) <= 2 ** 31;
        case 'int64': case 'double': return typeof v === 'number';
        case 'int-or-string': return typeof v === 'string' || Number.isInteger(v);
        case 'quantity': return typeof v === 'string' || typeof v === 'number';
        case 'free-form': return true;
        default: return typeof v === 'string';
      }
  }
}

describe('api: decoding properties', () => {
  for (const [kind, model] of [['Deployment', 'V1Deployment'], ['Pod', 'V1Pod']] as const) {
    const paths = schemaPaths(model, 7).filter((p) => p[0] !== 'apiVersion' && p[0] !== 'kind'); // those are discovery's
    it(`any JSON value at any of ${paths.length} paths of a ${kind}: no throw, findings at real paths, a clean decode is well typed`, function () {
      this.timeout(60_000);
      const value = fc.oneof(fc.constant(null), fc.jsonValue({ maxDepth: 2 }), fc.constantFrom('', '100m', '25%', 'Always', '2024-01-01T00:00:00Z', 'YQ=='));
      fc.assert(fc.property(fc.array(fc.tuple(fc.constantFrom(...paths), value), { minLength: 1, maxLength: 3 }), (edits) => {
        const obj = base(kind);
        for (const [path, v] of edits) setAt(obj, path, structuredClone(v));
        const findings = decodeObject(obj);
        for (const f of findings) assert.ok(has(obj, f.path), `${f.message} at ${JSON.stringify(f.path)}`);
        if (findings.length === 0) {
          assert.ok(wellTyped(obj, { kind: 'model', model }), JSON.stringify(obj));
          assert.deepEqual(decodeObject(obj), [], 'decoding is idempotent');
        }
      }), { seed: 20261201, numRuns: 1500 });
    });
  }
});

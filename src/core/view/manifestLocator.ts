import { parseManifests, type SourcedObject } from '../manifests';
import type { ViewObjectRef } from '../../shared/protocol';

/** Where a manifest is: 1-based line and column of its document. */
export interface ManifestPosition { readonly line: number; readonly column: number }

const refOf = (o: SourcedObject): ViewObjectRef | undefined => {
  const meta = (o.object.metadata ?? {}) as { name?: unknown; namespace?: unknown };
  return typeof o.object.kind === 'string' && typeof meta.name === 'string'
    ? { kind: o.object.kind, namespace: typeof meta.namespace === 'string' ? meta.namespace : 'default', name: meta.name } : undefined;
};

const same = (a: ViewObjectRef, b: ViewObjectRef): boolean => a.kind === b.kind && a.namespace === b.namespace && a.name === b.name;

/** The position of an object's manifest in a YAML text, or undefined. */
export function locateManifest(text: string, file: string, ref: ViewObjectRef): ManifestPosition | undefined {
  const found = parseManifests(text, file).objects.find((o) => {
    const r = refOf(o);
    return r !== undefined && same(r, ref);
  });
  if (!found) return undefined;
  const name = found.keyRange(['metadata', 'name']);
  return name ? { line: name.start.line, column: name.start.column } : { line: found.range.start.line, column: found.range.start.column };
}

/** The object whose manifest holds a 1-based line of a YAML text, or undefined. */
export function objectAtLine(text: string, file: string, line: number): ViewObjectRef | undefined {
  const found = parseManifests(text, file).objects.find((o) => o.range.start.line <= line && line <= o.range.end.line);
  return found ? refOf(found) : undefined;
}

/**
 * What the Kubernetes API itself says about a field: generated at build time from the v1.33 API
 * (src/core/api, from @kubernetes/client-node's models), never hand-written. The hover only
 * shortens it. The table is injected ({@link ApiFieldLookup}) so it can load lazily.
 */
import type { FieldPath } from './paths';

/** The API version the table and the hovers' stamp come from. */
export const API_STAMP = 'Kubernetes v1.33 API';

/** One field as the API table knows it. */
export interface ApiField {
  /** The API's own description (may be empty). */
  readonly description: string;
  /** JSON type as the API names it: `string`, `integer`, `boolean`, `object`, `array of Container`, `map of string`… */
  readonly type: string;
  /** `int32`, `int64`, `date-time`, `quantity`… when the API gives one. */
  readonly format?: string;
  readonly enum?: readonly string[];
  readonly required?: boolean;
}

/** Looks a field up by the object's apiVersion and kind and the path from the object root (indexes included). */
export type ApiFieldLookup = (apiVersion: string, kind: string, path: FieldPath) => ApiField | undefined;

/** The field names the API knows at a path (for "did you mean"); undefined when the path is not an object. */
export type ApiChildrenLookup = (apiVersion: string, kind: string, path: FieldPath) => readonly string[] | undefined;

const MAX_DESCRIPTION = 420;

/** The description cut to its first sentences (about 400 characters), without "More info" links. */
export function shortDescription(description: string): string {
  const text = description.replace(/\s*More info: \S+/g, '').replace(/\s+/g, ' ').trim();
  if (text.length <= MAX_DESCRIPTION) return text;
  const sentences = text.match(/[^.]+(?:\.(?=\s|$)|$)/g) ?? [text];
  let out = '';
  for (const s of sentences) {
    if ((out + s).length > MAX_DESCRIPTION) break;
    out += s;
  }
  return (out || text.slice(0, MAX_DESCRIPTION - 1)).trim() + (out.length < text.length ? ' …' : '');
}

/** The default the description states ("Defaults to 1.", "Default is ClusterIP."), if any. */
export function defaultFrom(description: string): string | undefined {
  const m = /\bDefaults? (?:to|is|value is) ("[^"]{1,60}"|'[^']{1,60}'|[^.,;\n]{1,60}?)(?:[.,;\n]|$)/.exec(description);
  return m ? m[1].replace(/^["']|["']$/g, '').trim() : undefined;
}

/** The "More info" page the description links to, if any (kubernetes.io and git.k8s.io only). */
export function moreInfoUrl(description: string): string | undefined {
  const m = /More info: (https:\/\/(?:kubernetes\.io|git\.k8s\.io)\/[^\s)]+)/.exec(description);
  return m?.[1];
}

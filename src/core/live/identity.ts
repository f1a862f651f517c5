/**
 * Which open documents feed the live cluster, and what makes two manifests the same object.
 * Pure functions; the extension host and the worker both use them.
 */
import type { KubeObject } from '../manifests';
import { CLUSTER_SCOPED } from '../sim/objects';
import type { WorkspaceDocument } from '../../shared/liveTypes';

/** Schemes of documents that are the user's own files: saved (`file:`) or not yet (`untitled:`). */
const USER_SCHEMES: ReadonlySet<string> = new Set(['file', 'untitled']);

/**
 * True when a document at `uri` feeds the cluster: a `file:` or `untitled:` document, or one on the
 * scheme of a workspace folder (a virtual workspace such as `vscode-vfs:` in the web build). Views of
 * other sources (`git:` HEAD, diffs, output channels, settings) never do: they would apply a second copy.
 */
export function feedsCluster(uri: string, workspaceSchemes: readonly string[] = []): boolean {
  const colon = uri.indexOf(':');
  if (colon <= 0) return false;
  const scheme = uri.slice(0, colon).toLowerCase();
  return USER_SCHEMES.has(scheme) || workspaceSchemes.some((s) => s.toLowerCase() === scheme);
}

/** Each uri once (the last copy wins: the newest text of a document reported twice), sorted by uri. */
export function uniqueDocuments(documents: readonly WorkspaceDocument[]): WorkspaceDocument[] {
  const byUri = new Map<string, WorkspaceDocument>();
  for (const d of documents) byUri.set(d.uri, d);
  return [...byUri.values()].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
}

/** Where the API server keeps an object: kind, the namespace after defaulting, and name. */
export interface ObjectAddress {
  readonly kind: string;
  /** `default` when a namespaced object names none; undefined for cluster-scoped kinds. */
  readonly namespace: string | undefined;
  readonly name: string;
}

/**
 * The object's address as the API server sees it: a namespaced kind without `metadata.namespace` lives
 * in `default`, a cluster-scoped kind in no namespace (https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/#not-all-objects-are-in-a-namespace).
 * `name` is `metadata.name`, or '' for an object that only has a generateName.
 */
export function addressOf(o: KubeObject): ObjectAddress {
  const meta = (o.metadata ?? {}) as Record<string, unknown>;
  const ns = typeof meta.namespace === 'string' && meta.namespace !== '' ? meta.namespace : 'default';
  const name = typeof meta.name === 'string' ? meta.name : '';
  return { kind: o.kind, namespace: CLUSTER_SCOPED.has(o.kind) ? undefined : ns, name };
}

/**
 * Identity keys of the objects of one document, in order. A named object is `kind/namespace/name`, so
 * `web` written without a namespace in one file and with `namespace: default` in another is one object.
 * An object with only a generateName has no name until the API server makes one; it is identified by
 * its document and its place among the same generateName there, so editing it updates the object it
 * created instead of creating one more per edit.
 */
export function identityKeys(uri: string, objects: readonly KubeObject[]): string[] {
  const seen = new Map<string, number>();
  return objects.map((o) => {
    const a = addressOf(o);
    const base = `${a.kind}/${a.namespace ?? ''}/`;
    if (a.name !== '') return base + a.name;
    const generateName = String((o.metadata as Record<string, unknown> | undefined)?.generateName ?? '');
    const n = seen.get(base + generateName) ?? 0;
    seen.set(base + generateName, n + 1);
    return `${base}${generateName}*${n}@${uri}`;
  });
}

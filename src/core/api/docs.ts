/**
 * The API's descriptions (generated/apiDocs.json, ~430 KB) are kept out of every bundle: the host
 * that has the file injects a loader (the VS Code adapter reads `dist/apiDocs.json` on the first
 * field hover; tests and scripts read the source file), and lookups are synchronous once loaded.
 */

/** The shape of generated/apiDocs.json. */
export interface ApiDocs {
  readonly apiVersion: string;
  readonly source: string;
  /** Model → field JSON name → shortened description; `''` holds the model's own description. */
  readonly models: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** Returns the parsed docs file, or a promise of it. */
export type ApiDocsLoader = () => ApiDocs | Promise<ApiDocs>;

let loader: ApiDocsLoader | undefined;
let docs: ApiDocs | undefined;
let pending: Promise<ApiDocs | undefined> | undefined;

/** Sets where the descriptions come from; forgets what an earlier loader gave. */
export function setApiDocsLoader(next: ApiDocsLoader | undefined): void {
  loader = next;
  docs = undefined;
  pending = undefined;
}

/** Loads the descriptions once (later calls share the first); undefined when no loader is set or it fails. */
export function loadApiDocs(): Promise<ApiDocs | undefined> {
  if (docs) return Promise.resolve(docs);
  if (!loader) return Promise.resolve(undefined);
  const current = loader;
  pending ??= Promise.resolve()
    .then(() => current())
    .then((d) => (loader === current ? (docs = d) : d))
    .catch(() => {
      pending = undefined; // a failed read may succeed later
      return undefined;
    });
  return pending;
}

/** True once the descriptions are loaded (so {@link modelFieldDoc} answers synchronously). */
export function apiDocsLoaded(): boolean {
  return docs !== undefined;
}

/**
 * The description of a model's field (`jsonName`), or of the model itself (`jsonName` omitted);
 * undefined when not loaded yet or when the API has none.
 */
export function modelFieldDoc(model: string, jsonName = ''): string | undefined {
  const m = docs?.models[model];
  return m && Object.prototype.hasOwnProperty.call(m, jsonName) ? m[jsonName] : undefined;
}

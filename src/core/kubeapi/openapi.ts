/**
 * OpenAPI v3 as kube-apiserver serves it at `/openapi/v3` (a root listing one document per group/version)
 * and `/openapi/v3/apis/GROUP/VERSION`. kubectl reads the PATCH operations' `x-kubernetes-group-version-kind`
 * and `fieldValidation` parameter to learn that the server validates fields itself (kubectl's
 * query_param_verifier_v3.go), then sends `fieldValidation=Strict` instead of validating client-side.
 */
import { apiGroups, groupVersion, RESOURCES, type Resource } from './resources';

/** The `/openapi/v3` root. */
export function openApiRoot(): object {
  const gvs = ['api/v1', ...apiGroups().flatMap((g) => g.versions.map((v) => `apis/${g.name}/${v}`))];
  return { paths: Object.fromEntries(gvs.map((p) => [p, { serverRelativeURL: `/openapi/v3/${p}?hash=${hash(p)}` }])) };
}

/** `/openapi/v3/api/v1` or `/openapi/v3/apis/G/V`, or undefined. */
export function openApiDocument(path: string): object | undefined {
  const m = /^\/openapi\/v3\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))$/.exec(path);
  if (!m) return undefined;
  const [group, version] = m[1] ? ['', 'v1'] : [m[2], m[3]];
  const resources = RESOURCES.filter((r) => r.group === group && r.version === version);
  if (resources.length === 0) return undefined;
  return {
    openapi: '3.0.0', info: { title: 'Kubernetes', version: 'v1.33.0' },
    paths: Object.fromEntries(resources.filter((r) => r.verbs.includes('patch')).map((r) => [itemPath(r), { patch: patchOperation(r) }])),
    components: { schemas: {} },
  };
}

function itemPath(r: Resource): string {
  const base = r.group ? `/apis/${r.group}/${r.version}` : '/api/v1';
  return `${base}${r.namespaced ? '/namespaces/{namespace}' : ''}/${r.plural}/{name}`;
}

const QUERY = (name: string, description: string): object => ({ name, in: 'query', description, schema: { type: 'string', uniqueItems: true } });

function patchOperation(r: Resource): object {
  return {
    tags: [groupVersion(r)], description: `partially update the specified ${r.kind}`, operationId: `patch${r.kind}`,
    parameters: [
      QUERY('dryRun', 'When present, indicates that modifications should not be persisted.'),
      QUERY('fieldManager', 'fieldManager is a name associated with the actor or entity that is making these changes.'),
      QUERY('fieldValidation', 'fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields: Ignore, Warn or Strict.'),
      { name: 'force', in: 'query', schema: { type: 'boolean', uniqueItems: true } },
    ],
    'x-kubernetes-action': 'patch',
    'x-kubernetes-group-version-kind': { group: r.group, version: r.version, kind: r.kind },
  };
}

/** A stable hash of a document's name (the served documents never change while the server runs). */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).toUpperCase().padStart(8, '0').repeat(4);
}

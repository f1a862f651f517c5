/**
 * Recognising YAML that is not a Kubernetes manifest, so the editor can say what it is
 * instead of reporting it as a broken manifest.
 */

/** Reason given for files that contain template actions. */
export const TEMPLATE_REASON = 'Helm/Go template: render it with `helm template` first';

type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}

function has(o: Obj, ...keys: string[]): boolean {
  return keys.every((k) => k in o);
}

/** Helm's `Chart.yaml` has an apiVersion (v1/v2) but no kind: https://helm.sh/docs/topics/charts/#the-chartyaml-file */
function isHelmChart(o: Obj, name: string): boolean {
  return !('kind' in o) && (name === 'Chart.yaml' || (has(o, 'apiVersion', 'name', 'version') && /^v[12]$/.test(String(o.apiVersion))));
}

interface Shape {
  readonly label: string;
  readonly test: (o: Obj, name: string) => boolean;
}

const SHAPES: readonly Shape[] = [
  { label: 'a Helm Chart.yaml', test: isHelmChart },
  { label: 'a Helm values file', test: (_o, n) => /^values([.-].*)?\.ya?ml$/.test(n) },
  // `on` is a string key in YAML 1.2; YAML 1.1 readers turn it into `true`.
  { label: 'a GitHub Actions workflow', test: (o, n) => (('on' in o || 'true' in o) && 'jobs' in o) || (/^action\.ya?ml$/.test(n) && 'runs' in o) },
  { label: 'a Travis CI config', test: (o, n) => n === '.travis.yml' || ('language' in o && ('script' in o || 'install' in o || 'dist' in o)) },
  { label: 'a GitLab CI config', test: (o, n) => n === '.gitlab-ci.yml' || ('stages' in o && !('jobs' in o) && !('pool' in o)) },
  { label: 'a CircleCI config', test: (o) => 'version' in o && ('workflows' in o || 'orbs' in o) },
  { label: 'an Azure Pipelines config', test: (o) => ('steps' in o || 'stages' in o) && ('pool' in o || 'trigger' in o) },
  { label: 'a Docker Compose file', test: (o, n) => /compose\.ya?ml$/.test(n) || (isObject(o.services) && !('apiVersion' in o)) },
  { label: 'a Kustomize kustomization', test: (o, n) => /^kustomization\.ya?ml$/.test(n) || ('resources' in o && ('namePrefix' in o || 'patches' in o || 'images' in o)) },
  { label: 'an OpenAPI document', test: (o) => 'openapi' in o || 'swagger' in o },
  { label: 'an Ansible playbook', test: (o) => 'hosts' in o && ('tasks' in o || 'roles' in o) },
];

/** A short phrase naming a known non-Kubernetes shape ("a GitHub Actions workflow"), or undefined. */
export function recogniseShape(value: unknown, file: string): string | undefined {
  const name = baseName(file);
  const first = Array.isArray(value) ? value.find(isObject) : value;
  if (!isObject(first)) return undefined;
  return SHAPES.find((s) => s.test(first, name))?.label;
}

/** True when a document means to be a Kubernetes object (has apiVersion or kind), even a broken one. */
export function looksLikeKubernetes(value: unknown, file: string): boolean {
  return isObject(value) && ('apiVersion' in value || 'kind' in value) && !isHelmChart(value, baseName(file));
}

/** The `skipped` reason for a file none of whose documents is Kubernetes. */
export function notKubernetesReason(shapes: readonly (string | undefined)[]): string {
  const known = shapes.find((s) => s !== undefined);
  const hint = known ? ` (looks like ${known})` : '';
  return `not a Kubernetes manifest: no document has apiVersion and kind${hint}`;
}

/**
 * Which field of the applied object an API error is about, so the editor and the CLI can point at it.
 *
 * kube-apiserver's validation names its field (`Pod "p" is invalid: spec.containers[0].image: …`). Its
 * admission plugins do not (`pods "p" is forbidden: no PriorityClass with name high was found`), but each
 * refuses for the field it reads; this maps their messages, as the simulated API server writes them
 * (apiserver/admission), to that field of the object, naming containers and volumes by index.
 */
import { arr, obj } from './objects';

export type FieldPath = (string | number)[];

/**
 * The field path an API error names first (`Pod "p" is invalid: spec.containers[0].image: …`, or the first of a
 * `[…]` list), as keys and indexes; undefined when it names none.
 */
export function errorFieldPath(error: string | undefined): FieldPath | undefined {
  // `spec.containers[0].image`, `data[tls.key]`, `metadata.annotations[kubernetes.io/service-account.name]`: a bracket
  // holds an index or a whole map key, dots and spaces included.
  const m = error ? new RegExp(`is invalid: \\[?(${FIELD_PATH}): `).exec(error) : null;
  return m ? parsePath(m[1]) : undefined;
}

/** A field path as kube-apiserver writes one (field.Path's String()). */
const FIELD_PATH = '[^\\s:.[\\]]+(?:\\[[^\\]]*\\]|\\.[^\\s:.[\\]]+)*';

function parsePath(text: string): FieldPath {
  const out: FieldPath = [];
  for (const t of text.matchAll(/([^.[\]]+)|\[([^\]]*)\]/g)) {
    const part = t[1] ?? t[2] ?? '';
    out.push(/^\d+$/.test(part) ? Number(part) : part);
  }
  return out;
}

/**
 * The field a kube-apiserver warning starts with (`spec.containers[1].ports[0]: duplicate port definition with …`,
 * apiserver/podWarnings.ts), or undefined for one that names none (`would violate PodSecurity …`).
 */
export function warningFieldPath(warning: string): FieldPath | undefined {
  const m = new RegExp(`^(${FIELD_PATH}): `).exec(warning);
  return m && /[.[]/.test(m[1]) ? parsePath(m[1]) : undefined;
}

/**
 * The field an admission plugin's refusal is about, in `object` (the object as written), or undefined when the
 * message is not a refusal this knows. The path may go deeper than the manifest has written (the caller backs
 * off to the nearest written field): a PodSecurity refusal of a container that sets no `securityContext` still
 * lands on the container.
 */
export function refusedFieldPath(error: string | undefined, object: unknown): FieldPath | undefined {
  if (!error) return undefined;
  if (/namespaces "[^"]*" not found|because it is being terminated/.test(error)) return ['metadata', 'namespace'];
  const why = /is forbidden: (.*)$/s.exec(error)?.[1];
  if (why === undefined) return undefined;
  const spec = obj(obj(object)?.spec) ?? {};
  // admission/priority.ts (plugin/pkg/admission/priority)
  if (why.startsWith('no PriorityClass with name ')) return ['spec', 'priorityClassName'];
  if (why.startsWith('the integer value of priority ')) return ['spec', 'priority'];
  // admission/runtimeClass.ts (plugin/pkg/admission/runtimeclass)
  if (/^pod rejected: RuntimeClass ".*" not found/.test(why)) return ['spec', 'runtimeClassName'];
  if (why.startsWith('pod rejected: Pod Overhead set without')) return ['spec', 'overhead'];
  const conflict = /^conflict: runtimeClass\.scheduling\.nodeSelector\[([^\]]*)\]/.exec(why);
  if (conflict) return ['spec', 'nodeSelector', conflict[1]];
  // admission/index.ts: the ServiceAccount plugin
  if (why.startsWith('error looking up service account ')) return ['spec', 'serviceAccountName'];
  // admission/resourceQuota.ts and limitRange.ts: a container's resources
  if (/^(exceeded quota|failed quota): /.test(why) || /^(minimum|maximum) \S+ usage per Container /.test(why)) return containerField(spec, undefined, ['resources']);
  // admission/podSecurity.ts: the first check's field
  const psa = /^violates PodSecurity "[^"]*": (.*)$/s.exec(why)?.[1];
  return psa === undefined ? undefined : podSecurityField(psa, spec);
}

/** `host namespaces (hostNetwork=true)`, `privileged (container "nginx" must not set securityContext.privileged=true)`, … */
function podSecurityField(reasons: string, spec: Record<string, unknown>): FieldPath | undefined {
  const hostNamespace = /^host namespaces \((host\w+)=true/.exec(reasons);
  if (hostNamespace) return ['spec', hostNamespace[1]];
  const first = reasons.split('), ')[0];
  const container = /containers? "([^"]+)"/.exec(first)?.[1];
  if (container !== undefined) {
    if (/ uses hostPorts? /.test(first)) return containerField(spec, container, ['ports']);
    const field = /securityContext\.([\w.]+)/.exec(first)?.[1];
    return containerField(spec, container, field ? ['securityContext', ...field.split('.')] : []);
  }
  const volume = /volumes? "([^"]+)"/.exec(first)?.[1];
  if (volume !== undefined) {
    const i = indexByName(spec.volumes, volume);
    return i < 0 ? ['spec', 'volumes'] : ['spec', 'volumes', i];
  }
  // `forbidden sysctls (kernel.msgmax)`, `runAsUser=0 (pod must not set runAsUser=0)`, `seLinuxOptions (pod set forbidden securityContext.seLinuxOptions…)`
  if (first.startsWith('forbidden sysctls')) return ['spec', 'securityContext', 'sysctls'];
  if (first.startsWith('runAsUser=0')) return ['spec', 'securityContext', 'runAsUser'];
  const podField = /securityContext\.([\w.]+)/.exec(first)?.[1];
  return podField ? ['spec', 'securityContext', ...podField.split('.')] : undefined;
}

/** A field of the container named `name` (the first container when unnamed), among app, init and ephemeral containers. */
function containerField(spec: Record<string, unknown>, name: string | undefined, field: FieldPath): FieldPath {
  for (const list of ['containers', 'initContainers', 'ephemeralContainers']) {
    const items = arr(spec[list]);
    if (items.length === 0) continue;
    const i = name === undefined ? 0 : indexByName(items, name);
    if (i >= 0) return ['spec', list, i, ...field];
  }
  return ['spec', 'containers'];
}

function indexByName(items: unknown, name: string): number {
  return arr(items).findIndex((c) => obj(c)?.name === name);
}

/**
 * PodSpec validation with kube-apiserver's messages (pkg/apis/core/validation/validation.go, v1.33:
 * ValidatePodSpec, validateContainers, validateInitContainers, validateContainerCommon,
 * validateContainerPorts, ValidateResourceRequirements, validateRestartPolicy, validateDNSPolicy).
 * It runs on the defaulted object, as the API server's does (so a Job template without
 * restartPolicy is refused for the defaulted "Always").
 */
import { parseQuantity } from '../../../quantity';
import { duplicate, forbidden, invalid, notSupported, required, type FieldError } from '../fieldErrors';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidPortName, isValidPortNum } from './identifiers';
import { validateLabels } from './meta';
import { append } from '../../../arrays';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Results per (frozen) spec object: every pod of a template shares one spec, so one check. */
const cache = new WeakMap<object, Map<string, readonly FieldError[]>>();

/** ValidatePodSpec at `path` ("spec", "spec.template.spec", …). */
export function validatePodSpec(v: unknown, path: string): readonly FieldError[] {
  if (!isObj(v)) return [required(path)];
  let byPath = cache.get(v);
  const hit = byPath?.get(path);
  if (hit) return hit;
  const out = podSpecErrors(v, path);
  if (!byPath) cache.set(v, (byPath = new Map()));
  byPath.set(path, out);
  return out;
}

function podSpecErrors(spec: Json, path: string): FieldError[] {
  const volumes = new Set(list(spec.volumes).map((vol) => text(isObj(vol) ? vol.name : undefined)));
  const out = [...validateVolumes(spec.volumes, `${path}.volumes`)];
  const names = new Set<string>();
  const containers = list(spec.containers);
  containers.forEach((c, i) => {
    const p = `${path}.containers[${i}]`;
    append(out, containerErrors(c, p, volumes));
    const name = text(isObj(c) ? c.name : undefined);
    if (names.has(name)) out.push(duplicate(`${p}.name`, name));
    else names.add(name);
    if (isObj(c) && c.restartPolicy !== undefined) out.push(forbidden(`${p}.restartPolicy`, 'may not be set for non-init containers'));
  });
  if (containers.length === 0) out.push(required(`${path}.containers`));
  list(spec.initContainers).forEach((c, i) => {
    const p = `${path}.initContainers[${i}]`;
    append(out, containerErrors(c, p, volumes));
    const name = text(isObj(c) ? c.name : undefined);
    // Names are unique across regular and init containers (validateInitContainers).
    if (names.has(name)) out.push(duplicate(`${p}.name`, name));
    else if (name) names.add(name);
    const rp = isObj(c) ? c.restartPolicy : undefined;
    if (rp !== undefined && rp !== 'Always') out.push(notSupported(`${p}.restartPolicy`, rp, ['Always']));
  });
  append(out, restartPolicyErrors(spec.restartPolicy, `${path}.restartPolicy`));
  append(out, enumErrors(spec.dnsPolicy, `${path}.dnsPolicy`, ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None']));
  append(out, validateLabels(spec.nodeSelector, `${path}.nodeSelector`));
  append(out, tolerationErrors(spec.tolerations, `${path}.tolerations`));
  append(out, affinityErrors(spec.affinity, `${path}.affinity`));
  for (const f of ['serviceAccountName', 'priorityClassName']) {
    const n = spec[f];
    if (typeof n === 'string' && n) for (const msg of isDNS1123Subdomain(n)) out.push(invalid(`${path}.${f}`, n, msg));
  }
  const grace = spec.terminationGracePeriodSeconds;
  if (typeof grace === 'number' && grace < 0) out.push(invalid(`${path}.terminationGracePeriodSeconds`, grace, 'must be greater than or equal to 0'));
  containers.forEach((c, i) => append(out, lifecycleErrors(c, `${path}.containers[${i}].lifecycle`, grace)));
  list(spec.initContainers).forEach((c, i) => append(out, lifecycleErrors(c, `${path}.initContainers[${i}].lifecycle`, grace)));
  return out;
}

/**
 * validateLifecycle: each of postStart and preStop names exactly one handler; an exec handler has a command; a
 * sleep lasts 0 to terminationGracePeriodSeconds (zero allowed: PodLifecycleSleepActionAllowZero, beta in v1.33).
 */
function lifecycleErrors(c: unknown, path: string, grace: unknown): FieldError[] {
  const lifecycle = isObj(c) ? c.lifecycle : undefined;
  if (!isObj(lifecycle)) return [];
  const out: FieldError[] = [];
  for (const hook of ['postStart', 'preStop']) {
    const h = lifecycle[hook];
    if (h === undefined || h === null) continue;
    const handler = isObj(h) ? h : {};
    const p = `${path}.${hook}`;
    const types = ['exec', 'httpGet', 'tcpSocket', 'sleep'].filter((t) => handler[t] !== undefined && handler[t] !== null);
    if (types.length === 0) out.push(required(p, 'must specify a handler type'));
    else if (types.length > 1) out.push(forbidden(`${p}.${types[types.length - 1]}`, 'may not specify more than 1 handler type'));
    if (isObj(handler.exec) && list(handler.exec.command).length === 0) out.push(required(`${p}.exec.command`));
    const seconds = isObj(handler.sleep) ? handler.sleep.seconds : undefined;
    if (typeof grace === 'number' && typeof seconds === 'number' && (seconds < 0 || seconds > grace)) {
      out.push(invalid(`${p}.sleep`, seconds, `must be non-negative and less than terminationGracePeriodSeconds (${grace})`));
    }
  }
  return out;
}

/**
 * ValidateTolerations: an empty key matches every taint only with operator Exists, and Exists takes no
 * value (so a half-typed `tolerations:` with a lone `-`, decoded as an empty toleration, is refused).
 */
function tolerationErrors(v: unknown, path: string): FieldError[] {
  const out: FieldError[] = [];
  list(v).forEach((t, i) => {
    const p = `${path}[${i}]`;
    const tol = isObj(t) ? t : {};
    const key = text(tol.key);
    const op = text(tol.operator);
    if (key !== '') for (const msg of isQualifiedName(key)) out.push(invalid(`${p}.key`, key, msg));
    if (key === '' && op !== 'Exists') out.push(invalid(`${p}.operator`, op, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    if (op === 'Exists' && text(tol.value) !== '') out.push(invalid(`${p}.operator`, tol.value, 'value must be empty when `operator` is \'Exists\''));
    if (op !== '' && op !== 'Exists' && op !== 'Equal') out.push(notSupported(`${p}.operator`, op, ['Equal', 'Exists']));
  });
  return out;
}

/**
 * validateAffinity's checks on the terms' shape: ValidateNodeSelector (a required node affinity needs at
 * least one term), ValidatePreferredSchedulingTerms and validateWeightedPodAffinityTerms (weights 1-100),
 * so a half-typed preferred term (a lone `-`, decoded with weight 0) is refused, not silently ignored.
 */
function affinityErrors(v: unknown, path: string): FieldError[] {
  const out: FieldError[] = [];
  if (!isObj(v)) return out;
  const weights = (terms: unknown, p: string): void => list(terms).forEach((t, i) => {
    const w = isObj(t) && typeof t.weight === 'number' ? t.weight : 0;
    if (w <= 0 || w > 100) out.push(invalid(`${p}[${i}].weight`, w, 'must be in the range 1-100'));
  });
  const node = v.nodeAffinity;
  if (isObj(node)) {
    const req = node.requiredDuringSchedulingIgnoredDuringExecution;
    if (isObj(req) && list(req.nodeSelectorTerms).length === 0) {
      out.push(required(`${path}.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`, 'must have at least one node selector term'));
    }
    weights(node.preferredDuringSchedulingIgnoredDuringExecution, `${path}.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution`);
  }
  for (const kind of ['podAffinity', 'podAntiAffinity']) {
    const pod = v[kind];
    if (isObj(pod)) weights(pod.preferredDuringSchedulingIgnoredDuringExecution, `${path}.${kind}.preferredDuringSchedulingIgnoredDuringExecution`);
  }
  return out;
}

/** validateRestartPolicy. */
export function restartPolicyErrors(v: unknown, path: string): FieldError[] {
  if (v === undefined || v === '') return [required(path)];
  return enumErrors(v, path, ['Always', 'OnFailure', 'Never']);
}

function enumErrors(v: unknown, path: string, allowed: readonly string[]): FieldError[] {
  return v === undefined || (typeof v === 'string' && allowed.includes(v)) ? [] : [notSupported(path, v, allowed)];
}

/** ValidateVolumes: names are DNS labels, unique. */
function validateVolumes(v: unknown, path: string): FieldError[] {
  const out: FieldError[] = [];
  const seen = new Set<string>();
  list(v).forEach((vol, i) => {
    const name = text(isObj(vol) ? vol.name : undefined);
    if (!name) out.push(required(`${path}[${i}].name`));
    else for (const msg of isDNS1123Label(name)) out.push(invalid(`${path}[${i}].name`, name, msg));
    if (name && seen.has(name)) out.push(duplicate(`${path}[${i}].name`, name));
    seen.add(name);
  });
  return out;
}

/** validateContainerCommon: name, image, ports, env, volume mounts, pull policy, resources. */
function containerErrors(c: unknown, path: string, volumes: ReadonlySet<string>): FieldError[] {
  if (!isObj(c)) return [required(`${path}.name`), required(`${path}.image`)];
  const out: FieldError[] = [];
  const name = text(c.name);
  if (!name) out.push(required(`${path}.name`));
  else for (const msg of isDNS1123Label(name)) out.push(invalid(`${path}.name`, name, msg));
  if (!text(c.image)) out.push(required(`${path}.image`));
  append(out, containerPortErrors(c.ports, `${path}.ports`));
  list(c.env).forEach((e, i) => {
    if (!text(isObj(e) ? e.name : undefined)) out.push(required(`${path}.env[${i}].name`));
  });
  list(c.volumeMounts).forEach((m, i) => {
    const mount = isObj(m) ? m : {};
    const n = text(mount.name);
    if (!n) out.push(required(`${path}.volumeMounts[${i}].name`));
    else if (!volumes.has(n)) out.push({ field: `${path}.volumeMounts[${i}].name`, type: 'Not found', value: JSON.stringify(n), detail: '' });
    if (!text(mount.mountPath)) out.push(required(`${path}.volumeMounts[${i}].mountPath`));
  });
  append(out, enumErrors(c.imagePullPolicy, `${path}.imagePullPolicy`, ['Always', 'IfNotPresent', 'Never']));
  append(out, resourceErrors(c.resources, `${path}.resources`));
  return out;
}

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

/** validateContainerPorts: IANA_SVC_NAME names unique per container, containerPort and hostPort 1-65535, protocol. */
function containerPortErrors(ports: unknown, path: string): FieldError[] {
  const out: FieldError[] = [];
  const names = new Set<string>();
  list(ports).forEach((p, i) => {
    const port = isObj(p) ? p : {};
    const at = `${path}[${i}]`;
    const name = text(port.name);
    if (name) {
      const msgs = isValidPortName(name);
      if (msgs.length) for (const msg of msgs) out.push(invalid(`${at}.name`, name, msg));
      else if (names.has(name)) out.push(duplicate(`${at}.name`, name));
      else names.add(name);
    }
    if (port.containerPort === undefined || port.containerPort === 0) out.push(required(`${at}.containerPort`));
    else for (const msg of isValidPortNum(Number(port.containerPort))) out.push(invalid(`${at}.containerPort`, port.containerPort, msg));
    if (port.hostPort !== undefined && port.hostPort !== 0) for (const msg of isValidPortNum(Number(port.hostPort))) out.push(invalid(`${at}.hostPort`, port.hostPort, msg));
    append(out, enumErrors(port.protocol, `${at}.protocol`, PROTOCOLS));
  });
  return out;
}

/** The standard container resources (helper.IsStandardContainerResourceName). */
const isStandardContainerResource = (r: string): boolean => r === 'cpu' || r === 'memory' || r === 'ephemeral-storage' || r.startsWith('hugepages-');
/** Resources whose request may differ from the limit (helper.IsOvercommitAllowed): not hugepages nor extended resources. */
const overcommitAllowed = (r: string): boolean => isStandardContainerResource(r) && !r.startsWith('hugepages-');

/** A quantity as resource.Quantity.String() prints the common cases ("2", "500m", "128Mi"). */
export function quantityString(raw: unknown): string {
  const q = parseQuantity(raw);
  if (typeof raw === 'string' && /[KMGTPE]i$/.test(raw)) return raw;
  if (!q.ok) return String(raw);
  const milli = Math.round(q.value * 1000);
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

/** ValidateResourceRequirements: resource names, non-negative quantities, requests not above limits. */
function resourceErrors(v: unknown, path: string): FieldError[] {
  if (!isObj(v)) return [];
  const out: FieldError[] = [];
  const values: Record<'limits' | 'requests', Map<string, number>> = { limits: new Map(), requests: new Map() };
  for (const kind of ['limits', 'requests'] as const) {
    const m = v[kind];
    if (!isObj(m)) continue;
    for (const [res, raw] of Object.entries(m)) {
      const at = `${path}.${kind}[${res}]`;
      if (!res.includes('/')) {
        if (!isStandardContainerResource(res)) out.push(invalid(at, res, 'must be a standard resource for containers'));
      } else if (isQualifiedName(res).length) out.push(invalid(at, res, "doesn't follow extended resource name standard"));
      const q = parseQuantity(raw);
      if (!q.ok) out.push(invalid(at, String(raw), q.error));
      else if (q.value < 0) out.push(invalid(at, quantityString(raw), 'must be greater than or equal to 0'));
      else values[kind].set(res, q.value);
    }
  }
  for (const [res, req] of values.requests) {
    const lim = values.limits.get(res);
    if (lim === undefined) continue;
    const reqRaw = quantityString(obj(v.requests)[res]);
    const limRaw = quantityString(obj(v.limits)[res]);
    if (req !== lim && !overcommitAllowed(res)) out.push(invalid(`${path}.requests`, reqRaw, `must be equal to ${res} limit of ${limRaw}`));
    else if (req > lim) out.push(invalid(`${path}.requests`, reqRaw, `must be less than or equal to ${res} limit of ${limRaw}`));
  }
  return out;
}

const obj = (v: unknown): Json => (isObj(v) ? v : {});

import { parseQuantity } from '../quantity';
import { checkName, isKnownKind, nameRuleFor } from './names';
import { DiagnosticCode, MAX_SIMULATED_COUNT } from './types';
import type { ObjectPath, Severity } from './types';

/** A validation problem at a path of the object (positions are looked up by the caller). */
export interface Finding {
  readonly path: ObjectPath;
  readonly severity: Severity;
  readonly code: string;
  readonly message: string;
}

type Obj = Record<string, unknown>;
type Path = (string | number)[];

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads the value at a path, or undefined. */
export function getAt(root: unknown, path: ObjectPath): unknown {
  let v = root;
  for (const seg of path) {
    if (Array.isArray(v) && typeof seg === 'number') v = v[seg];
    else if (isObj(v)) v = v[String(seg)];
    else return undefined;
  }
  return v;
}

/** Where the PodSpec lives in each workload kind; CronJob nests a Job template. */
const POD_SPEC_PATHS: Readonly<Record<string, Path>> = {
  Pod: ['spec'],
  PodTemplate: ['template', 'spec'],
  Deployment: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

/** Integer counts that drive how many pods the simulation creates. */
const COUNT_PATHS: Readonly<Record<string, readonly Path[]>> = {
  Deployment: [['spec', 'replicas']],
  ReplicaSet: [['spec', 'replicas']],
  ReplicationController: [['spec', 'replicas']],
  StatefulSet: [['spec', 'replicas']],
  Job: [['spec', 'completions'], ['spec', 'parallelism']],
  CronJob: [['spec', 'jobTemplate', 'spec', 'completions'], ['spec', 'jobTemplate', 'spec', 'parallelism']],
};

/** Maps of resource name → quantity outside pod specs. */
const QUANTITY_MAPS: Readonly<Record<string, readonly Path[]>> = {
  Node: [['status', 'capacity'], ['status', 'allocatable']],
  PersistentVolume: [['spec', 'capacity']],
  PersistentVolumeClaim: [['spec', 'resources', 'requests'], ['spec', 'resources', 'limits']],
  ResourceQuota: [['spec', 'hard']],
};

/** The PodSpec path of a workload kind, or undefined for kinds without pods. */
export function podSpecPath(kind: string): ObjectPath | undefined {
  return POD_SPEC_PATHS[kind];
}

/**
 * Checks an object the way the API server would before admitting it. Objects with an
 * error finding are not returned by parseManifests, as the API server rejects them.
 */
export function validateObject(obj: Obj): Finding[] {
  const out: Finding[] = [];
  const kind = checkTypeMeta(obj, out);
  if (kind === undefined) return out;
  if (!isConfigFile(obj)) checkMetadata(obj, kind, out);
  for (const path of COUNT_PATHS[kind] ?? []) checkCount(obj, path, out);
  for (const path of QUANTITY_MAPS[kind] ?? []) checkQuantityMap(obj, path, out);
  const pod = POD_SPEC_PATHS[kind];
  if (pod) checkPodSpec(obj, pod, out);
  if (pod && pod.length > 1) checkStringMaps(obj, [...pod.slice(0, -1), 'metadata'], out);
  return out;
}

function add(out: Finding[], path: ObjectPath, severity: Severity, code: string, message: string): void {
  out.push({ path, severity, code, message });
}

function describe(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'a map' : `${typeof v} ${JSON.stringify(v)}`;
}

/** apiVersion and kind must be non-empty strings; returns the kind when usable. */
function checkTypeMeta(obj: Obj, out: Finding[]): string | undefined {
  if (typeof obj.apiVersion !== 'string' || obj.apiVersion === '') {
    const msg = obj.apiVersion === undefined ? 'missing apiVersion (for example v1 or apps/v1)' : `apiVersion must be a string, got ${describe(obj.apiVersion)}`;
    add(out, obj.apiVersion === undefined ? [] : ['apiVersion'], 'error', DiagnosticCode.missingApiVersion, msg);
  }
  if (typeof obj.kind !== 'string' || obj.kind === '') {
    const msg = obj.kind === undefined ? 'missing kind (for example Pod or Deployment)' : `kind must be a string, got ${describe(obj.kind)}`;
    add(out, obj.kind === undefined ? [] : ['kind'], 'error', DiagnosticCode.missingKind, msg);
    return undefined;
  }
  return out.length === 0 ? obj.kind : undefined;
}

/**
 * Tool configuration files share apiVersion/kind with API objects but are not stored in the API
 * server, so they carry no metadata.name: kind's Cluster (https://kind.sigs.k8s.io/docs/user/configuration/),
 * kubeadm's and the kubelet's / kube-proxy's configuration types.
 */
const CONFIG_GROUPS = /^(kind\.x-k8s\.io|kubeadm\.k8s\.io|kubelet\.config\.k8s\.io|kubeproxy\.config\.k8s\.io)\//;

function isConfigFile(obj: Obj): boolean {
  return typeof obj.apiVersion === 'string' && CONFIG_GROUPS.test(obj.apiVersion);
}

function checkMetadata(obj: Obj, kind: string, out: Finding[]): void {
  const meta = obj.metadata;
  if (!isObj(meta)) {
    const missing = meta === undefined || meta === null;
    add(out, missing ? ['kind'] : ['metadata'], 'error', missing ? DiagnosticCode.missingName : DiagnosticCode.invalidMetadata,
      missing ? `${kind} has no metadata: metadata.name is required` : `metadata must be a map, got ${describe(meta)}`);
    return;
  }
  checkObjectName(meta, kind, out);
  if (meta.namespace !== undefined) checkNamespace(meta.namespace, out);
  checkStringMaps(obj, ['metadata'], out);
}

function checkObjectName(meta: Obj, kind: string, out: Finding[]): void {
  const { name, generateName } = meta;
  if (name === undefined || name === null) {
    if (typeof generateName !== 'string') {
      add(out, ['metadata'], 'error', DiagnosticCode.missingName, `${kind} has no name: metadata.name (or metadata.generateName) is required`);
    }
    return;
  }
  if (typeof name !== 'string') {
    add(out, ['metadata', 'name'], 'error', DiagnosticCode.invalidName, `metadata.name must be a string, got ${describe(name)}`);
    return;
  }
  // A kind the simulated API server serves has its name validated there, with kube-apiserver's message
  // (`Deployment.apps "Web" is invalid: metadata.name: Invalid value: "Web": a lowercase RFC 1123 subdomain…`);
  // a kind it only stores gets the rule here, as a warning.
  if (isKnownKind(kind)) return;
  const problem = checkName(name, nameRuleFor(kind));
  if (problem) add(out, ['metadata', 'name'], 'warning', DiagnosticCode.invalidName, problem);
}

/** A namespace that is not a string cannot be decoded; a malformed one is the API server's to refuse (`namespaces "Bad_NS" not found`). */
function checkNamespace(ns: unknown, out: Finding[]): void {
  if (typeof ns !== 'string') add(out, ['metadata', 'namespace'], 'error', DiagnosticCode.invalidName, `metadata.namespace must be a string, got ${describe(ns)}`);
}

/** Label and annotation values must be strings: `version: 1.0` is a number and kubectl refuses it. */
function checkStringMaps(obj: Obj, metaPath: Path, out: Finding[]): void {
  for (const field of ['labels', 'annotations']) {
    const map = getAt(obj, [...metaPath, field]);
    if (map === undefined || map === null) continue;
    if (!isObj(map)) {
      add(out, [...metaPath, field], 'error', DiagnosticCode.invalidMetadata, `${field} must be a map of strings, got ${describe(map)}`);
      continue;
    }
    for (const [k, v] of Object.entries(map)) {
      if (typeof v !== 'string') {
        add(out, [...metaPath, field, k], 'error', DiagnosticCode.invalidMetadata, `${field.slice(0, -1)} "${k}" must be a string, got ${describe(v)}: quote it`);
      }
    }
  }
}

/** replicas/completions/parallelism: a non-negative integer; above the simulation's cap it is capped with a warning. */
function checkCount(obj: Obj, path: Path, out: Finding[]): void {
  const v = getAt(obj, path);
  const field = String(path[path.length - 1]);
  if (v === undefined || v === null) return;
  // A negative count is the API server's to refuse (`spec.replicas: Invalid value: -1: must be greater than or equal to 0`).
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    add(out, path, 'error', DiagnosticCode.invalidCount, `${field} must be an integer, got ${describe(v)}`);
  } else if (v > MAX_SIMULATED_COUNT) {
    add(out, path, 'warning', DiagnosticCode.countCapped, `${field} ${v} is more than the simulation runs: it is capped at ${MAX_SIMULATED_COUNT}`);
  }
}

function checkPodSpec(obj: Obj, podPath: Path, out: Finding[]): void {
  checkQuantityMap(obj, [...podPath, 'overhead'], out);
  checkResources(obj, [...podPath, 'resources'], out);
  for (const list of ['initContainers', 'containers', 'ephemeralContainers']) {
    const containers = getAt(obj, [...podPath, list]);
    if (!Array.isArray(containers)) continue;
    containers.forEach((_c, i) => checkResources(obj, [...podPath, list, i, 'resources'], out));
  }
}

/**
 * requests and limits must be quantities. A request above its limit is the API server's to refuse
 * (`spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1`).
 */
function checkResources(obj: Obj, path: Path, out: Finding[]): void {
  checkQuantityMap(obj, [...path, 'requests'], out);
  checkQuantityMap(obj, [...path, 'limits'], out);
}

/** Checks every value of a resource map; returns the valid ones by resource name. */
function checkQuantityMap(obj: Obj, path: Path, out: Finding[]): Map<string, number> {
  const valid = new Map<string, number>();
  const map = getAt(obj, path);
  if (map === undefined || map === null) return valid;
  if (!isObj(map)) {
    add(out, path, 'error', DiagnosticCode.invalidQuantity, `${path.join('.')} must be a map of resource quantities, got ${describe(map)}`);
    return valid;
  }
  for (const [name, value] of Object.entries(map)) {
    const q = parseQuantity(value);
    if (!q.ok) add(out, [...path, name], 'error', DiagnosticCode.invalidQuantity, `${q.error} (${name})`);
    else if (q.value < 0) add(out, [...path, name], 'error', DiagnosticCode.invalidQuantity, `${name} quantity ${String(value)} must be greater than or equal to 0`);
    else valid.set(name, q.value);
  }
  return valid;
}

/** Caps counts above {@link MAX_SIMULATED_COUNT} in place, for the findings that said so. */
export function applyCaps(obj: Obj, findings: readonly Finding[]): void {
  for (const f of findings) {
    if (f.code !== DiagnosticCode.countCapped) continue;
    const parent = getAt(obj, f.path.slice(0, -1));
    if (isObj(parent)) parent[String(f.path[f.path.length - 1])] = MAX_SIMULATED_COUNT;
  }
}

/**
 * Structure-aware mutants of real manifests for the fuzz test: a seed document is parsed to JSON, one
 * path in it (an existing one, or one of the fields of the core kinds a learner half-types) gets a hostile
 * value (wrong type, null, empty item, huge number, odd string), and the result is written back as YAML.
 * Deterministic: everything comes from a seeded PRNG (mulberry32), so a failure names its mutant number.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments, stringify } from 'yaml';

/** mulberry32: a small seeded PRNG (public domain), enough for picking mutations. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }
}

type Path = (string | number)[];

/** Values a fuzzer (or a learner mid-edit) puts anywhere: wrong types, nulls, empty items, extremes, odd strings. */
export const HOSTILE: readonly unknown[] = [
  null, '', 0, -1, 1, 2 ** 31, 2 ** 53, -(2 ** 53), 1e308, 0.5, Number.MAX_SAFE_INTEGER, true, false,
  [], {}, [null], [{}], [[]], [''], [0], [null, null], { '': null }, { a: null }, { a: [] },
  '-', '*', '0', '-1', '1e9', 'true', 'null', '~', ' a b ', 'a\nb', '\u001b[31mred', 'x'.repeat(300), 'é/ü:ö',
  'kubernetes.io/hostname', 'NoExecute', 'Always', 'In', 'Exists', '100m', '1Gi', '-5', 'nginx:latest',
];

/** Fields of the core kinds that a seed may not have, relative to a pod spec. */
const POD_SPEC_PATHS: readonly Path[] = [
  ['tolerations'], ['tolerations', 0], ['tolerations', 0, 'effect'], ['tolerations', 0, 'tolerationSeconds'], ['tolerations', 0, 'operator'],
  ['affinity'], ['affinity', 'nodeAffinity'], ['affinity', 'nodeAffinity', 'preferredDuringSchedulingIgnoredDuringExecution'],
  ['affinity', 'nodeAffinity', 'preferredDuringSchedulingIgnoredDuringExecution', 0],
  ['affinity', 'nodeAffinity', 'preferredDuringSchedulingIgnoredDuringExecution', 0, 'preference'],
  ['affinity', 'nodeAffinity', 'preferredDuringSchedulingIgnoredDuringExecution', 0, 'preference', 'matchExpressions'],
  ['affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution'],
  ['affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms'],
  ['affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms', 0],
  ['affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms', 0, 'matchExpressions'],
  ['affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms', 0, 'matchExpressions', 0],
  ['affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms', 0, 'matchExpressions', 0, 'values'],
  ['affinity', 'podAntiAffinity'], ['affinity', 'podAntiAffinity', 'requiredDuringSchedulingIgnoredDuringExecution'],
  ['affinity', 'podAntiAffinity', 'requiredDuringSchedulingIgnoredDuringExecution', 0],
  ['affinity', 'podAntiAffinity', 'requiredDuringSchedulingIgnoredDuringExecution', 0, 'labelSelector'],
  ['affinity', 'podAntiAffinity', 'requiredDuringSchedulingIgnoredDuringExecution', 0, 'topologyKey'],
  ['affinity', 'podAntiAffinity', 'preferredDuringSchedulingIgnoredDuringExecution', 0],
  ['affinity', 'podAffinity', 'requiredDuringSchedulingIgnoredDuringExecution', 0],
  ['topologySpreadConstraints'], ['topologySpreadConstraints', 0], ['topologySpreadConstraints', 0, 'maxSkew'],
  ['initContainers'], ['initContainers', 0], ['initContainers', 0, 'resources'], ['initContainers', 0, 'restartPolicy'],
  ['containers'], ['containers', 0], ['containers', 0, 'image'], ['containers', 0, 'name'], ['containers', 0, 'command'], ['containers', 0, 'args'],
  ['containers', 0, 'resources'], ['containers', 0, 'resources', 'requests'], ['containers', 0, 'resources', 'requests', 'cpu'],
  ['containers', 0, 'resources', 'limits'], ['containers', 0, 'resources', 'limits', 'memory'], ['containers', 0, 'ports'],
  ['containers', 0, 'ports', 0], ['containers', 0, 'ports', 0, 'containerPort'], ['containers', 0, 'ports', 0, 'hostPort'],
  ['containers', 0, 'env'], ['containers', 0, 'env', 0], ['containers', 0, 'envFrom', 0], ['containers', 0, 'readinessProbe'],
  ['containers', 0, 'livenessProbe', 'periodSeconds'], ['containers', 0, 'imagePullPolicy'], ['containers', 0, 'volumeMounts', 0],
  ['volumes'], ['volumes', 0], ['volumes', 0, 'configMap'], ['nodeSelector'], ['nodeSelector', 'disk'], ['nodeName'], ['restartPolicy'],
  ['priorityClassName'], ['priority'], ['schedulerName'], ['terminationGracePeriodSeconds'], ['activeDeadlineSeconds'], ['hostNetwork'],
  ['overhead'], ['serviceAccountName'], ['dnsPolicy'], ['readinessGates', 0],
];

const META_PATHS: readonly Path[] = [
  ['metadata'], ['metadata', 'name'], ['metadata', 'namespace'], ['metadata', 'generateName'], ['metadata', 'labels'], ['metadata', 'labels', 'app'],
  ['metadata', 'annotations'], ['metadata', 'annotations', 'kube-anatomy.dev/exit-after'], ['metadata', 'ownerReferences'],
  ['metadata', 'ownerReferences', 0], ['metadata', 'ownerReferences', 0, 'uid'], ['metadata', 'ownerReferences', 0, 'controller'],
  ['metadata', 'finalizers'], ['metadata', 'deletionTimestamp'], ['metadata', 'uid'], ['apiVersion'], ['kind'], ['status'], ['spec'],
];

const WORKLOAD_PATHS: readonly Path[] = [
  ['spec', 'replicas'], ['spec', 'selector'], ['spec', 'selector', 'matchLabels'], ['spec', 'selector', 'matchExpressions'],
  ['spec', 'selector', 'matchExpressions', 0], ['spec', 'template'], ['spec', 'template', 'metadata'], ['spec', 'template', 'metadata', 'labels'],
  ['spec', 'template', 'spec'], ['spec', 'strategy'], ['spec', 'strategy', 'type'], ['spec', 'strategy', 'rollingUpdate'],
  ['spec', 'strategy', 'rollingUpdate', 'maxSurge'], ['spec', 'strategy', 'rollingUpdate', 'maxUnavailable'], ['spec', 'updateStrategy'],
  ['spec', 'minReadySeconds'], ['spec', 'revisionHistoryLimit'], ['spec', 'paused'], ['spec', 'serviceName'], ['spec', 'podManagementPolicy'],
  ['spec', 'volumeClaimTemplates', 0], ['spec', 'completions'], ['spec', 'parallelism'], ['spec', 'backoffLimit'], ['spec', 'ttlSecondsAfterFinished'],
  ['spec', 'schedule'], ['spec', 'jobTemplate'], ['spec', 'jobTemplate', 'spec'], ['spec', 'concurrencyPolicy'], ['spec', 'suspend'],
  ['spec', 'successfulJobsHistoryLimit'], ['spec', 'startingDeadlineSeconds'],
];

const SERVICE_PATHS: readonly Path[] = [
  ['spec', 'type'], ['spec', 'selector'], ['spec', 'selector', 'app'], ['spec', 'ports'], ['spec', 'ports', 0], ['spec', 'ports', 0, 'port'],
  ['spec', 'ports', 0, 'targetPort'], ['spec', 'ports', 0, 'nodePort'], ['spec', 'ports', 0, 'protocol'], ['spec', 'ports', 0, 'name'],
  ['spec', 'clusterIP'], ['spec', 'clusterIPs'], ['spec', 'externalName'], ['spec', 'sessionAffinity'], ['spec', 'ipFamilies'],
];

const NODE_PATHS: readonly Path[] = [
  ['spec', 'taints'], ['spec', 'taints', 0], ['spec', 'taints', 0, 'effect'], ['spec', 'taints', 0, 'key'], ['spec', 'unschedulable'],
  ['spec', 'podCIDR'], ['status', 'capacity'], ['status', 'capacity', 'cpu'], ['status', 'allocatable', 'pods'], ['status', 'conditions', 0],
  ['status', 'addresses', 0], ['metadata', 'labels', 'node-role.kubernetes.io/control-plane'], ['nodes'], ['nodes', 0], ['nodes', 0, 'role'],
  ['networking'], ['networking', 'podSubnet'], ['networking', 'serviceSubnet'],
];

/** Extra paths for a kind: its own fields, and the pod spec wherever the kind holds one. */
function extraPaths(kind: unknown): Path[] {
  const withPod = (prefix: Path): Path[] => POD_SPEC_PATHS.map((p) => [...prefix, ...p]);
  switch (kind) {
    case 'Pod': return withPod(['spec']);
    case 'Deployment': case 'ReplicaSet': case 'StatefulSet': case 'DaemonSet': case 'Job':
      return [...WORKLOAD_PATHS, ...withPod(['spec', 'template', 'spec'])];
    case 'CronJob': return [...WORKLOAD_PATHS, ...withPod(['spec', 'jobTemplate', 'spec', 'template', 'spec'])];
    case 'Service': return [...SERVICE_PATHS];
    case 'Node': case 'Cluster': return [...NODE_PATHS];
    default: return [];
  }
}

/** Every path that exists in a JSON value (depth-bounded). */
function existingPaths(v: unknown, prefix: Path = [], out: Path[] = [], depth = 0): Path[] {
  if (depth > 14 || out.length > 2000) return out;
  if (Array.isArray(v)) v.forEach((x, i) => { out.push([...prefix, i]); existingPaths(x, [...prefix, i], out, depth + 1); });
  else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) { out.push([...prefix, k]); existingPaths(x, [...prefix, k], out, depth + 1); }
  }
  return out;
}

/** Sets `value` at `path`, creating missing containers (an object, or an array for a numeric step). */
function setAt(root: Record<string, unknown>, p: Path, value: unknown): void {
  let cur: unknown = root;
  for (let i = 0; i < p.length - 1; i++) {
    const k = p[i];
    const c = cur as Record<string | number, unknown>;
    const next = c[k];
    if (next === null || typeof next !== 'object') c[k] = typeof p[i + 1] === 'number' ? [] : {};
    cur = c[k];
  }
  (cur as Record<string | number, unknown>)[p[p.length - 1]] = value;
}

function deleteAt(root: Record<string, unknown>, p: Path): void {
  let cur: unknown = root;
  for (let i = 0; i < p.length - 1; i++) {
    cur = (cur as Record<string | number, unknown> | null)?.[p[i]];
    if (cur === null || typeof cur !== 'object') return;
  }
  const last = p[p.length - 1];
  if (Array.isArray(cur) && typeof last === 'number') cur.splice(last, 1);
  else delete (cur as Record<string | number, unknown>)[last];
}

/** A seed: one document of a real manifest, as JSON, with where it came from. */
export interface Seed {
  readonly name: string;
  readonly doc: Record<string, unknown>;
}

/** The seed documents (mappings with a kind) of the YAML files under `dirs`, sorted by path. */
export function loadSeeds(dirs: readonly string[]): Seed[] {
  const files: string[] = [];
  const walk = (d: string): void => {
    if (!fs.existsSync(d)) return;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(e.name) && !/\.steps\.ya?ml$/.test(e.name)) files.push(p);
    }
  };
  dirs.forEach(walk);
  const seeds: Seed[] = [];
  for (const file of files.sort()) {
    let docs;
    try {
      docs = parseAllDocuments(fs.readFileSync(file, 'utf8'));
    } catch {
      continue;
    }
    if (!Array.isArray(docs)) continue;
    docs.forEach((d, i) => {
      if (d.errors.length) return;
      const j: unknown = d.toJS({ maxAliasCount: 50 });
      if (j && typeof j === 'object' && !Array.isArray(j) && typeof (j as { kind?: unknown }).kind === 'string') {
        seeds.push({ name: `${path.basename(file)}#${i}`, doc: j as Record<string, unknown> });
      }
    });
  }
  return seeds;
}

/** One mutant: a description (for failure messages) and its YAML text. */
export interface Mutant {
  readonly what: string;
  readonly text: string;
}

/** Makes a mutant of a seed: 1–3 edits (set a hostile value, delete a field, or add an empty item), sometimes beside a valid copy. */
export function mutate(seed: Seed, rng: Rng): Mutant {
  const doc = structuredClone(seed.doc);
  const paths = [...existingPaths(doc), ...extraPaths(doc.kind), ...META_PATHS];
  const edits: string[] = [];
  const n = 1 + rng.int(3);
  for (let i = 0; i < n; i++) {
    const p = rng.pick(paths);
    const r = rng.next();
    if (r < 0.12) {
      deleteAt(doc, p);
      edits.push(`delete ${p.join('.')}`);
    } else {
      const v = structuredClone(rng.pick(HOSTILE));
      setAt(doc, p, v);
      edits.push(`${p.join('.')} = ${JSON.stringify(v)?.slice(0, 40)}`);
    }
  }
  let text = stringify(doc, { aliasDuplicateObjects: false });
  // Half the time, keep the unmutated seed beside it: its objects must survive the mutant's errors.
  if (rng.next() < 0.5) text = stringify(seed.doc, { aliasDuplicateObjects: false }) + '---\n' + text;
  // Sometimes also cut the text mid-way, as a learner's buffer is mid-edit.
  if (rng.next() < 0.08) {
    const cut = rng.int(text.length);
    text = text.slice(0, cut);
    edits.push(`cut at ${cut}`);
  }
  return { what: `${seed.name}: ${edits.join('; ')}`, text };
}

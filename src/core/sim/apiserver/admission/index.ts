/**
 * kube-apiserver's admission chain for the plugins a learner meets (enabled by default in v1.33,
 * https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#which-plugins-are-enabled-by-default).
 * Mutating, before validation: ServiceAccount, Priority, RuntimeClass, LimitRanger (defaults), DefaultStorageClass.
 * Validating, after validation: LimitRanger (min/max), PodSecurity (podSecurity.ts), ResourceQuota.
 * NamespaceLifecycle and DefaultTolerationSeconds stay in apiServer.ts and admission.ts.
 * Pod results are cached per (frozen, shared) spec until a ServiceAccount, PriorityClass or LimitRange changes.
 */
import type { Store } from '../../store';
import type { KubeObject } from '../../types';
import { hasLimitRanges, limitRangeDefaults, limitRangeViolations } from './limitRange';
import { admitPriority } from './priority';
import { admitRuntimeClass } from './runtimeClass';
import { checksPods, levelString, podSecurityPolicy, podViolations, type LevelVersion, type PodSecurityPolicy } from './podSecurity';
import { quotaError } from './resourceQuota';
import { podSpecWarnings } from '../podWarnings';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Kinds whose objects change what admission does to a pod. */
const POLICY_KINDS = new Set(['ServiceAccount', 'PriorityClass', 'LimitRange', 'RuntimeClass']);

/** The name of the ServiceAccount the serviceaccounts-controller creates in every namespace. */
export const DEFAULT_SERVICE_ACCOUNT = 'default';

interface Admitted { readonly version: number; readonly ns: string; readonly spec: Json | string; readonly annotation?: string }

/** The admission plugins, over the store they read (as their informers would). */
export class Admission {
  private version = 0;
  private readonly pods = new WeakMap<object, Admitted>();

  constructor(private readonly store: Store) {}

  /** Called on every write of a kind: policy objects invalidate the cached pod results. */
  changed(kind: string): void {
    if (POLICY_KINDS.has(kind)) this.version++;
  }

  /** Mutating admission of a create: the object to store, or the forbidden reason. */
  mutate(o: KubeObject, ns: string | undefined): KubeObject | string {
    if (o.kind === 'PersistentVolumeClaim') return defaultStorageClass(this.store, o);
    if (o.kind !== 'Pod' || !isObj(o.spec) || !ns) return o;
    let hit = this.pods.get(o.spec);
    if (!hit || hit.version !== this.version || hit.ns !== ns) {
      hit = { version: this.version, ns, ...this.admitPod(o.spec, ns) };
      this.pods.set(o.spec, hit);
    }
    if (typeof hit.spec === 'string') return hit.spec;
    if (!hit.annotation) return { ...o, spec: hit.spec };
    const annotations = { ...(o.metadata.annotations ?? {}), 'kubernetes.io/limit-ranger': hit.annotation };
    return { ...o, metadata: { ...o.metadata, annotations }, spec: hit.spec };
  }

  private admitPod(spec: Json, ns: string): { spec: Json | string; annotation?: string } {
    // ServiceAccount plugin (plugin/pkg/admission/serviceaccount/admission.go): `default` unless named; it must exist.
    const sa = (typeof spec.serviceAccountName === 'string' && spec.serviceAccountName) || (typeof spec.serviceAccount === 'string' && spec.serviceAccount) || DEFAULT_SERVICE_ACCOUNT;
    if (!this.store.get('ServiceAccount', ns, sa)) return { spec: `error looking up service account ${ns}/${sa}: serviceaccount "${sa}" not found` };
    const withSa = { ...spec, serviceAccountName: sa, serviceAccount: sa };
    const prioritized = admitPriority(this.store, withSa);
    if (typeof prioritized === 'string') return { spec: prioritized };
    const classed = admitRuntimeClass(this.store, prioritized);
    if (typeof classed === 'string') return { spec: classed };
    const limited = hasLimitRanges(this.store) ? limitRangeDefaults(this.store, ns, classed) : null;
    return limited ? { spec: Object.freeze(limited.spec), annotation: limited.annotation } : { spec: Object.freeze(classed) };
  }

  /** Validating admission of a create (the name generated): the forbidden reason, or null. */
  validate(o: KubeObject, ns: string | undefined, resourceOf: (kind: string) => string): string | null {
    if (!ns) return null;
    if (o.kind === 'Pod' && isObj(o.spec) && hasLimitRanges(this.store)) {
      const v = limitRangeViolations(this.store, ns, o.spec);
      if (v.length) return v.length === 1 ? v[0] : `[${[...new Set(v)].join(', ')}]`;
    }
    if (o.kind === 'Pod' && isObj(o.spec)) {
      const policy = this.podSecurity(ns);
      const enforced = policy && policy.enforce.level !== 'privileged' ? podViolations(policy.enforce, o.spec, annotationsOf(o)).detail : '';
      if (enforced) return `violates PodSecurity "${levelString(policy?.enforce as LevelVersion)}": ${enforced}`;
    }
    return quotaError(this.store, o, ns, resourceOf);
  }

  /**
   * PodSecurity's warnings for a write that was admitted: a pod, or the pod template of a workload (ValidatePodController:
   * warn mode only, never enforce), that violates the namespace's warn level (which defaults to a stricter enforce level).
   */
  warnings(o: KubeObject, ns: string | undefined): string[] {
    const template = ns ? podTemplateOf(o) : null;
    if (!template) return [];
    // The registry's own warnings (WarningsOnCreate/Update) come before the admission plugins'.
    const out = podSpecWarnings(template.spec, template.annotations, TEMPLATE_PATHS[o.kind] ?? 'spec.template.');
    const policy = this.podSecurity(ns as string);
    if (!policy || policy.warn.level === 'privileged') return out;
    const v = podViolations(policy.warn, template.spec, template.annotations).detail;
    if (v) out.push(`would violate PodSecurity "${levelString(policy.warn)}": ${v}`);
    return out;
  }

  /**
   * EvaluatePodsInNamespace: a namespace whose enforce level becomes stricter warns about the pods already there that
   * would not be admitted now (they keep running), one line per distinct set of reasons, naming the first pod.
   */
  namespaceWarnings(next: KubeObject, old: KubeObject): string[] {
    const now = podSecurityPolicy(next.metadata.labels).policy.enforce;
    const before = podSecurityPolicy(old.metadata.labels).policy.enforce;
    if (now.level === 'privileged' || (now.level === before.level && now.version === before.version)) return [];
    if (now.version === before.version && LEVEL_ORDER.indexOf(now.level) <= LEVEL_ORDER.indexOf(before.level)) return [];
    const name = next.metadata.name ?? '';
    const byReasons = new Map<string, { first: string; count: number }>();
    for (const pod of this.store.list('Pod')) {
      if (pod.metadata.namespace !== name || !isObj(pod.spec)) continue;
      const reasons = podViolations(now, pod.spec, annotationsOf(pod)).reasons;
      if (!reasons) continue;
      const seen = byReasons.get(reasons);
      const podName = pod.metadata.name ?? '';
      if (!seen) byReasons.set(reasons, { first: podName, count: 1 });
      else byReasons.set(reasons, { first: podName < seen.first ? podName : seen.first, count: seen.count + 1 });
    }
    if (byReasons.size === 0) return [];
    const lines = [...byReasons].map(([reasons, c]) => {
      const others = c.count === 1 ? '' : c.count === 2 ? ' (and 1 other pod)' : ` (and ${c.count - 1} other pods)`;
      return `${c.first}${others}: ${reasons}`;
    }).sort();
    return [`existing pods in namespace "${name}" violate the new PodSecurity enforce level "${levelString(now)}"`].concat(lines);
  }

  /** The namespace's Pod Security policy, null when every mode is privileged (nothing to check). Cached per labels object. */
  private podSecurity(ns: string): PodSecurityPolicy | null {
    const labels = this.store.get('Namespace', undefined, ns)?.metadata.labels;
    if (!labels) return null;
    let p = this.policies.get(labels);
    if (p === undefined) {
      const read = podSecurityPolicy(labels).policy;
      p = checksPods(read) ? read : null;
      this.policies.set(labels, p);
    }
    return p;
  }

  private readonly policies = new WeakMap<object, PodSecurityPolicy | null>();
}

const LEVEL_ORDER = ['privileged', 'baseline', 'restricted'];

function annotationsOf(o: { metadata?: unknown }): Json {
  const m = isObj(o.metadata) ? o.metadata : {};
  return isObj(m.annotations) ? m.annotations : {};
}

/** The pod spec and annotations PodSecurity evaluates for an object: a Pod's own, a workload's pod template (PodSpecExtractor). */
/**
 * DefaultStorageClass (plugin/pkg/admission/storage/storageclass/setdefault/admission.go): a claim that names no class
 * (`storageClassName` absent; `""` asks for none) gets the default StorageClass, the newest one when several are
 * marked default (storageutil.GetDefaultClass). Without a default the claim is stored as it is, and the
 * PersistentVolume controller gives it the default class once there is one (retroactive assignment, v1.28+).
 */
function defaultStorageClass(store: Store, pvc: KubeObject): KubeObject {
  if (!isObj(pvc.spec) || pvc.spec.storageClassName !== undefined) return pvc;
  let best: KubeObject | undefined;
  for (const sc of store.list('StorageClass')) {
    const a = sc.metadata.annotations ?? {};
    if (a['storageclass.kubernetes.io/is-default-class'] !== 'true' && a['storageclass.beta.kubernetes.io/is-default-class'] !== 'true') continue;
    if (!best || String(sc.metadata.creationTimestamp ?? '') > String(best.metadata.creationTimestamp ?? '')) best = sc;
  }
  return best ? { ...pvc, spec: { ...pvc.spec, storageClassName: best.metadata.name } } : pvc;
}

/** Where a kind keeps its pod template, as the warnings' paths name it (pkg/api/pod GetWarningsForPodTemplate's fieldPath). */
const TEMPLATE_PATHS: Readonly<Record<string, string>> = { Pod: '', CronJob: 'spec.jobTemplate.spec.template.', PodTemplate: 'template.' };

function podTemplateOf(o: KubeObject): { spec: Json; annotations: Json } | null {
  if (o.kind === 'Pod') return isObj(o.spec) ? { spec: o.spec, annotations: annotationsOf(o) } : null;
  const spec = isObj(o.spec) ? o.spec : {};
  const template = o.kind === 'CronJob' ? (isObj(spec.jobTemplate) && isObj(spec.jobTemplate.spec) ? spec.jobTemplate.spec.template : undefined)
    : o.kind === 'PodTemplate' ? (o as Json).template
      : ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicationController'].includes(o.kind) ? spec.template : undefined;
  return isObj(template) && isObj(template.spec) ? { spec: template.spec, annotations: annotationsOf(template) } : null;
}

/**
 * kube-apiserver's admission chain for the plugins a learner meets (enabled by default in v1.33,
 * https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#which-plugins-are-enabled-by-default).
 * Mutating, before validation: ServiceAccount, Priority, RuntimeClass, LimitRanger (defaults).
 * Validating, after validation: LimitRanger (min/max), ResourceQuota.
 * NamespaceLifecycle and DefaultTolerationSeconds stay in apiServer.ts and admission.ts.
 * Pod results are cached per (frozen, shared) spec until a ServiceAccount, PriorityClass or LimitRange changes.
 */
import type { Store } from '../../store';
import type { KubeObject } from '../../types';
import { hasLimitRanges, limitRangeDefaults, limitRangeViolations } from './limitRange';
import { admitPriority } from './priority';
import { admitRuntimeClass } from './runtimeClass';
import { quotaError } from './resourceQuota';

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
    return quotaError(this.store, o, ns, resourceOf);
  }
}

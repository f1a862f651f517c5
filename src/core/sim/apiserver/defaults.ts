/**
 * API defaulting: what kube-apiserver fills in when it decodes an object, before admission and
 * validation, so that stored objects carry the defaults `kubectl get -o yaml` shows. From
 * pkg/apis/core/v1/defaults.go (SetDefaults_PodSpec, SetDefaults_Container, SetDefaults_Pod,
 * SetDefaults_Service, SetDefaults_Secret, SetDefaults_Namespace), pkg/apis/apps/v1/defaults.go and
 * pkg/apis/batch/v1/defaults.go, v1.33. Only missing fields are filled; wrong types are left for
 * validation to refuse. Pod specs are cached by identity (frozen), so every pod of a template shares one.
 */
import { canonicalValueOf, withCanonicalQuantities } from '../../api/canonical';
import { utf8Base64 } from '../../base64';
import type { KubeObject } from '../types';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const o = (v: unknown): Json => (isObj(v) ? v : {});
/** The fields of `defaults` that `v` does not set, then `v`'s own. */
const fill = (v: Json, defaults: Json): Json => ({ ...defaults, ...v });

/** v1.DefaultTerminationGracePeriodSeconds. */
export const DEFAULT_TERMINATION_GRACE_PERIOD = 30;

/**
 * SetDefaults_Container: imagePullPolicy Always for `:latest` or no tag (pkg/util/parsers ParseImageName
 * gives "latest" then), IfNotPresent otherwise (a digest alone counts as a tag-less pinned image).
 */
export function defaultPullPolicy(image: unknown): string {
  const ref = typeof image === 'string' ? image : '';
  if (ref.includes('@')) return 'IfNotPresent';
  const last = ref.slice(ref.lastIndexOf('/') + 1);
  const tag = last.includes(':') ? last.slice(last.indexOf(':') + 1) : 'latest';
  return tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultContainer(c: unknown, pod: boolean): unknown {
  if (!isObj(c)) return c;
  const out = fill(c, { terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', imagePullPolicy: defaultPullPolicy(c.image) });
  if (Array.isArray(c.ports)) out.ports = c.ports.map((p) => (isObj(p) ? fill(p, { protocol: 'TCP' }) : p));
  // SetDefaults_Pod (pods only, not templates): a resource with a limit and no request requests its limit.
  const res = o(c.resources);
  if (pod && isObj(res.limits)) out.resources = { ...res, requests: { ...res.limits, ...o(res.requests) } };
  return out;
}

const podSpecCache = new WeakMap<object, Json>();
const templateSpecCache = new WeakMap<object, Json>();
/** Defaulted pod specs, whose quantities are already canonical: an object holding one walks no further into it. */
const canonicalSpecs = new WeakSet<object>();

/** SetDefaults_PodSpec (+ containers); `pod`: the spec of a Pod (requests from limits) rather than of a template. */
export function defaultPodSpec(written: unknown, pod: boolean): unknown {
  if (!isObj(written)) return written;
  const cache = pod ? podSpecCache : templateSpecCache;
  const hit = cache.get(written);
  if (hit) return hit;
  // Quantities first, so a request copied from a limit is canonical too.
  const spec = canonicalValueOf(written, 'V1PodSpec');
  const out = fill(spec, {
    restartPolicy: 'Always', terminationGracePeriodSeconds: DEFAULT_TERMINATION_GRACE_PERIOD, dnsPolicy: 'ClusterFirst',
    securityContext: {}, schedulerName: 'default-scheduler', enableServiceLinks: true,
  });
  for (const list of ['containers', 'initContainers']) {
    // Frozen like the spec: pods of one template share the list, and what is read from it is kept per list (containerList, podLifetime).
    if (Array.isArray(spec[list])) out[list] = Object.freeze((spec[list] as unknown[]).map((c) => defaultContainer(c, pod)));
  }
  const frozen = Object.freeze(out);
  cache.set(written, frozen);
  cache.set(frozen, frozen);
  canonicalSpecs.add(frozen);
  return frozen;
}

function defaultTemplate(template: unknown): unknown {
  return isObj(template) ? { ...template, spec: defaultPodSpec(template.spec, false) } : template;
}

type Defaulter = (spec: Json, o: KubeObject) => Json;

/** SetDefaults_Deployment (apps/v1). */
const deployment: Defaulter = (spec) => {
  const strategy = fill(o(spec.strategy), { type: 'RollingUpdate' });
  if (strategy.type === 'RollingUpdate') strategy.rollingUpdate = fill(o(strategy.rollingUpdate), { maxUnavailable: '25%', maxSurge: '25%' });
  return { ...fill(spec, { replicas: 1, revisionHistoryLimit: 10, progressDeadlineSeconds: 600 }), strategy, template: defaultTemplate(spec.template) };
};

/** SetDefaults_StatefulSet. */
const statefulSet: Defaulter = (spec) => {
  const updateStrategy = fill(o(spec.updateStrategy), { type: 'RollingUpdate' });
  if (updateStrategy.type === 'RollingUpdate') updateStrategy.rollingUpdate = fill(o(updateStrategy.rollingUpdate), { partition: 0 });
  return {
    ...fill(spec, { replicas: 1, podManagementPolicy: 'OrderedReady', revisionHistoryLimit: 10, persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' } }),
    updateStrategy, template: defaultTemplate(spec.template),
  };
};

/** SetDefaults_DaemonSet. */
const daemonSet: Defaulter = (spec) => {
  const updateStrategy = fill(o(spec.updateStrategy), { type: 'RollingUpdate' });
  if (updateStrategy.type === 'RollingUpdate') updateStrategy.rollingUpdate = fill(o(updateStrategy.rollingUpdate), { maxUnavailable: 1, maxSurge: 0 });
  return { ...fill(spec, { revisionHistoryLimit: 10 }), updateStrategy, template: defaultTemplate(spec.template) };
};

/**
 * SetDefaults_Job: completions and parallelism 1 when neither is set, backoffLimit 6 (2147483647 with backoffLimitPerIndex),
 * NonIndexed, not suspended;
 * podReplacementPolicy Failed with a pod failure policy (replacements wait until a pod is Failed), TerminatingOrFailed
 * without; a pod failure policy's onPodConditions patterns match status True unless they say otherwise.
 */
const MAX_INT32 = 2_147_483_647;

const job: Defaulter = (spec) => {
  const counts = spec.completions === undefined && spec.parallelism === undefined ? { completions: 1, parallelism: 1 } : { parallelism: 1 };
  const policy = isObj(spec.podFailurePolicy) ? spec.podFailurePolicy : undefined;
  const replacement = { podReplacementPolicy: policy ? 'Failed' : 'TerminatingOrFailed' };
  // backoffLimit is 6, or MaxInt32 with a per-index limit (the Job fails by its indexes, not by the sum of their failures).
  const backoffLimit = spec.backoffLimitPerIndex !== undefined && spec.backoffLimitPerIndex !== null ? MAX_INT32 : 6;
  const out: Json = { ...fill(spec, { ...counts, backoffLimit, completionMode: 'NonIndexed', suspend: false, ...replacement }), template: defaultTemplate(spec.template) };
  if (policy && Array.isArray(policy.rules)) out.podFailurePolicy = { ...policy, rules: policy.rules.map(defaultRule) };
  return out;
};

const defaultRule = (rule: unknown): unknown => {
  if (!isObj(rule) || !Array.isArray(rule.onPodConditions)) return rule;
  return { ...rule, onPodConditions: rule.onPodConditions.map((p) => (isObj(p) ? fill(p, { status: 'True' }) : p)) };
};

/** SetDefaults_CronJob (the Job template's pod spec is defaulted; its JobSpec fields are not). */
const cronJob: Defaulter = (spec) => {
  const jt = o(spec.jobTemplate);
  const jobSpec = isObj(jt.spec) ? { ...jt.spec, template: defaultTemplate(jt.spec.template) } : jt.spec;
  return { ...fill(spec, { concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 }), jobTemplate: { ...jt, spec: jobSpec } };
};

/**
 * SetDefaults_Service: type ClusterIP, sessionAffinity None, port protocol TCP, targetPort = port,
 * traffic policies Cluster; plus the single-stack IPv4 family the registry records (ipFamilyPolicy, ipFamilies).
 */
const service: Defaulter = (spec) => {
  const type = spec.type ?? 'ClusterIP';
  const port = (p: Json): Json => ({ ...fill(p, { protocol: 'TCP' }), targetPort: p.targetPort === undefined || p.targetPort === 0 ? p.port : p.targetPort });
  const ports = Array.isArray(spec.ports) ? spec.ports.map((p) => (isObj(p) ? port(p) : p)) : spec.ports;
  const out: Json = fill(spec, { type, sessionAffinity: 'None' });
  if (ports !== undefined) out.ports = ports;
  if (type === 'ExternalName') return out;
  Object.assign(out, fill(out, { internalTrafficPolicy: 'Cluster', ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv4'] }));
  if (type === 'NodePort' || type === 'LoadBalancer') Object.assign(out, fill(out, { externalTrafficPolicy: 'Cluster' }));
  if (type === 'LoadBalancer') Object.assign(out, fill(out, { allocateLoadBalancerNodePorts: true }));
  return out;
};

const SPEC_DEFAULTERS: Readonly<Record<string, Defaulter>> = {
  Deployment: deployment, ReplicaSet: (spec) => ({ ...fill(spec, { replicas: 1 }), template: defaultTemplate(spec.template) }),
  StatefulSet: statefulSet, DaemonSet: daemonSet, Job: job, CronJob: cronJob, Service: service,
  PersistentVolumeClaim: (spec) => fill(spec, { volumeMode: 'Filesystem' }),
  PersistentVolume: (spec) => fill(spec, { persistentVolumeReclaimPolicy: 'Retain', volumeMode: 'Filesystem' }),
};

/** extensions/v1beta1 and apps/v1beta1 defaulted a missing selector to the template's labels (apps/v1 requires one). */
function legacySelector(spec: Json, apiVersion: unknown): Json {
  if (spec.selector !== undefined || apiVersion === 'apps/v1' || !isObj(o(spec.template).metadata)) return spec;
  const labels = o(o(spec.template).metadata).labels;
  return isObj(labels) ? { ...spec, selector: { matchLabels: labels } } : spec;
}

const defaulted = new WeakSet<object>();

/**
 * The object with the API's defaults filled in and its quantities canonical, as kube-apiserver decodes it
 * (a new object; the input is not changed). Idempotent.
 */
export function withDefaults(obj: KubeObject): KubeObject {
  if (defaulted.has(obj)) return obj;
  let out: KubeObject = obj;
  if (obj.kind === 'Pod' && isObj(obj.spec)) out = { ...obj, spec: defaultPodSpec(obj.spec, true) as Json };
  else if (SPEC_DEFAULTERS[obj.kind] && isObj(obj.spec)) out = { ...obj, spec: SPEC_DEFAULTERS[obj.kind](legacySelector(obj.spec, obj.apiVersion), obj) };
  // SetDefaults_PersistentVolume and SetDefaults_PersistentVolumeClaim: an empty phase is Pending (until the controller's sync).
  if ((obj.kind === 'PersistentVolumeClaim' || obj.kind === 'PersistentVolume') && !o(out.status).phase) out = { ...out, status: { ...o(out.status), phase: 'Pending' } };
  else if (obj.kind === 'Secret') out = secret(obj);
  else if (obj.kind === 'Namespace') out = namespace(obj);
  // A pod's quantities are all in its spec, made canonical with its defaults (once per template).
  if (obj.kind !== 'Pod') out = withCanonicalQuantities(out, canonicalSpecs);
  defaulted.add(out);
  return out;
}

/**
 * SetDefaults_Secret (type Opaque) and Convert_v1_Secret_To_core_Secret (pkg/apis/core/v1/conversion.go): each
 * `stringData` entry is written into `data` as its UTF-8 bytes (base64 in JSON), over a `data` key of the same
 * name, and `stringData` itself is never stored ("It is never output when reading from the API", the Secret
 * API reference), so `kubectl get secret -o yaml` shows only `data`. A `stringData` that is not a map of
 * strings is left for validation to refuse.
 */
function secret(s: KubeObject): KubeObject {
  const out: Json = { type: 'Opaque', ...s };
  const strings = out.stringData;
  if (strings === undefined || !isObj(strings) || !Object.values(strings).every((v) => typeof v === 'string')) return out as KubeObject;
  const data: Json = { ...o(out.data) };
  for (const [k, v] of Object.entries(strings)) data[k] = utf8Base64(v as string);
  delete out.stringData;
  return { ...out, data } as unknown as KubeObject;
}

/** SetDefaults_Namespace (phase Active) and the namespace strategy's finalizer and `kubernetes.io/metadata.name` label. */
function namespace(ns: KubeObject): KubeObject {
  const name = typeof ns.metadata.name === 'string' ? ns.metadata.name : '';
  const labels = { ...o(ns.metadata.labels), 'kubernetes.io/metadata.name': name } as Record<string, string>;
  return { ...ns, metadata: { ...ns.metadata, labels }, spec: fill(o(ns.spec), { finalizers: ['kubernetes'] }), status: fill(o(ns.status), { phase: 'Active' }) };
}

/**
 * The PodSecurity admission plugin (staging/src/k8s.io/pod-security-admission, v1.33), enabled by default: a namespace's
 * `pod-security.kubernetes.io/<mode>` labels choose a Pod Security Standard level (privileged, baseline, restricted)
 * per mode; `enforce` refuses a pod that violates it, `warn` returns a warning (for pods and for the pod templates of
 * workloads), `audit` only annotates the audit log (not simulated). kind configures no defaults and no exemptions, so a
 * namespace without labels is privileged.
 * https://kubernetes.io/docs/concepts/security/pod-security-admission/ and
 * https://kubernetes.io/docs/concepts/security/pod-security-standards/
 *
 * The checks, their reasons and details are policy/check_*.go's, in the registry's order (registry.go: baseline
 * check IDs sorted, then restricted ones); a restricted check replaces the baseline check it overrides.
 */
import { append } from '../../../arrays';
import { arr as list } from '../../objects';
import { invalid, type FieldError } from '../fieldErrors';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const o = (v: unknown): Json => (isObj(v) ? v : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export type Level = 'privileged' | 'baseline' | 'restricted';
const LEVELS: readonly Level[] = ['privileged', 'baseline', 'restricted'];
/** A level and the policy version it is read at: `latest` or `v1.N` (minor N). */
export interface LevelVersion { readonly level: Level; readonly version: string; readonly minor: number }
export interface PodSecurityPolicy { readonly enforce: LevelVersion; readonly audit: LevelVersion; readonly warn: LevelVersion }

const PREFIX = 'pod-security.kubernetes.io/';
/** The newest policy version this kube-apiserver knows: `latest` and any later version are read as v1.33. */
const LATEST_MINOR = 33;
const PRIVILEGED: LevelVersion = { level: 'privileged', version: 'latest', minor: LATEST_MINOR };

/** `restricted:latest`, as the messages print a level and version. */
export const levelString = (lv: LevelVersion): string => `${lv.level}:${lv.version}`;
const strictness = (l: Level): number => LEVELS.indexOf(l);

/**
 * api.PolicyToEvaluate: the namespace labels read over the defaults (all privileged), with the label errors. An
 * invalid enforce level is read as restricted, an invalid audit or warn level as privileged (they fail open), an
 * invalid version as latest. Since v1.26 (kubernetes#113491) an unset warn level defaults to a stricter enforce level.
 */
export function podSecurityPolicy(labels: Readonly<Record<string, unknown>> | undefined): { policy: PodSecurityPolicy; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const get = (mode: string): string | undefined => (labels && typeof labels[PREFIX + mode] === 'string' ? labels[PREFIX + mode] as string : undefined);
  const read = (mode: 'enforce' | 'audit' | 'warn'): LevelVersion => {
    let lv = PRIVILEGED;
    const level = get(mode);
    if (level !== undefined) {
      const ok = (LEVELS as readonly string[]).includes(level);
      if (!ok) errors.push(invalid(`metadata.labels[${PREFIX}${mode}]`, level, `must be one of ${LEVELS.join(', ')}`));
      lv = { ...lv, level: ok ? level as Level : mode === 'enforce' ? 'restricted' : 'privileged' };
    }
    const version = get(`${mode}-version`);
    if (version !== undefined) {
      const m = /^v1\.([0-9]|[1-9][0-9]*)$/.exec(version);
      if (version !== 'latest' && !m) errors.push(invalid(`metadata.labels[${PREFIX}${mode}-version]`, version, 'must be "latest" or "v1.x"'));
      lv = m ? { ...lv, version, minor: Math.min(Number(m[1]), LATEST_MINOR) } : lv;
    }
    return lv;
  };
  const enforce = read('enforce');
  const audit = read('audit');
  let warn = read('warn');
  const enforceSet = get('enforce') !== undefined && (LEVELS as readonly string[]).includes(get('enforce') as string);
  if (get('warn') === undefined && enforceSet && strictness(enforce.level) > strictness(warn.level)) {
    warn = get('warn-version') === undefined ? enforce : { ...warn, level: enforce.level };
  }
  return { policy: { enforce, audit, warn }, errors };
}

/** Whether a namespace's pods are checked at all (some mode above privileged). */
export function checksPods(p: PodSecurityPolicy): boolean {
  return p.enforce.level !== 'privileged' || p.warn.level !== 'privileged' || p.audit.level !== 'privileged';
}

interface Violation { readonly reason: string; readonly detail: string }
interface Container { readonly name: string; readonly sc: Json; readonly c: Json }
type Check = (spec: Json, annotations: Json, containers: readonly Container[]) => Violation | null;

const plural = (one: string, many: string, n: number): string => (n === 1 ? one : many);
const quoted = (items: readonly string[]): string => (items.length === 0 ? '' : `"${items.join('", "')}"`);
const named = (items: readonly string[]): string => `${plural('container', 'containers', items.length)} ${quoted(items)}`;
/** sets.NewString(...).List(): unique and sorted. */
const sortedSet = (items: Iterable<string>): string[] => [...new Set(items)].sort();

/** visitContainers: init containers, then containers, then ephemeral containers. */
function containersOf(spec: Json): Container[] {
  const out: Container[] = [];
  for (const field of ['initContainers', 'containers', 'ephemeralContainers']) {
    for (const c of list(spec[field])) out.push({ name: str(o(c).name), sc: o(o(c).securityContext), c: o(c) });
  }
  return out;
}

const isWindows = (spec: Json): boolean => str(o(spec.os).name) === 'windows';
const CAPABILITIES_BASELINE = new Set(['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT']);
const SAFE_SYSCTLS = new Set(['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_unprivileged_port_start']);
const SELINUX_TYPES = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t']);
const ALLOWED_VOLUMES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];
const RESTRICTED_VOLUMES = ['hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'nfs', 'iscsi', 'glusterfs', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'fc', 'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'portworxVolume', 'scaleIO', 'storageos'];
/** A securityContext's seccompProfile.type ('' for a profile without one), undefined when it sets no profile. */
const seccompType = (sc: Json): unknown => (isObj(sc.seccompProfile) ? sc.seccompProfile.type ?? '' : undefined);
/** The profile types both seccomp and AppArmor allow at baseline and restricted. */
const defaultOrLocalhost = (t: unknown): boolean => t === 'RuntimeDefault' || t === 'Localhost';

/** `pod and containers "a"` style setters: "pod" first when it set the field, then the containers. */
function setters(pod: boolean, containers: readonly string[]): string[] {
  const out = pod ? ['pod'] : [];
  if (containers.length > 0) out.push(named(containers));
  return out;
}

/** An explicit bad value on the pod or containers, else containers that inherit none: runAsNonRoot's and seccompProfile's shape. */
function requiredSetting(spec: Json, cs: readonly Container[], read: (sc: Json) => unknown, good: (v: unknown) => boolean): { badSetters: string[]; badValues: string[]; implicit: string[] } {
  const podValue = read(o(spec.securityContext));
  const podBad = podValue !== undefined && !good(podValue);
  const podGood = podValue !== undefined && good(podValue);
  const explicit: string[] = [];
  const implicit: string[] = [];
  const badValues: unknown[] = podBad ? [podValue] : [];
  for (const c of cs) {
    const v = read(c.sc);
    if (v !== undefined) {
      if (!good(v)) {
        explicit.push(c.name);
        badValues.push(v);
      }
    } else if (!podGood) implicit.push(c.name);
  }
  return { badSetters: setters(podBad, explicit), badValues: sortedSet(badValues.map(String)), implicit };
}

// Baseline checks, by ID: appArmorProfile, capabilities_baseline, hostNamespaces, hostPathVolumes, hostPorts, privileged,
// procMount, seLinuxOptions, seccompProfile_baseline, sysctls, windowsHostProcess.
const appArmorProfile: Check = (spec, annotations, cs) => {
  const podType = o(o(spec.securityContext).appArmorProfile).type;
  const podBad = podType !== undefined && !defaultOrLocalhost(podType);
  const bad: string[] = [];
  const values: string[] = podBad ? [String(podType)] : [];
  for (const c of cs) {
    const t = o(c.sc.appArmorProfile).type;
    if (t !== undefined && !defaultOrLocalhost(t)) {
      bad.push(c.name);
      values.push(String(t));
    }
  }
  const who = setters(podBad, bad);
  const annotationValues: string[] = [];
  for (const [k, v] of Object.entries(annotations)) {
    const value = str(v);
    if (k.startsWith('container.apparmor.security.beta.kubernetes.io/') && value !== '' && value !== 'runtime/default' && !value.startsWith('localhost/')) annotationValues.push(`${k}=${JSON.stringify(value)}`);
  }
  const all = sortedSet(values).concat(annotationValues.sort());
  if (annotationValues.length > 0) who.push(plural('annotation', 'annotations', annotationValues.length));
  if (who.length === 0) return null;
  return { reason: plural('forbidden AppArmor profile', 'forbidden AppArmor profiles', all.length), detail: `${who.join(' and ')} must not set AppArmor profile type to ${quoted(all)}` };
};

const capabilitiesBaseline: Check = (_spec, _a, cs) => {
  const bad: string[] = [];
  const caps: string[] = [];
  for (const c of cs) {
    const added = list(o(c.sc.capabilities).add).map(String).filter((x) => !CAPABILITIES_BASELINE.has(x));
    if (added.length > 0) {
      bad.push(c.name);
      append(caps, added);
    }
  }
  return bad.length === 0 ? null : { reason: 'non-default capabilities', detail: `${named(bad)} must not include ${quoted(sortedSet(caps))} in securityContext.capabilities.add` };
};

const hostNamespaces: Check = (spec) => {
  const set = (['hostNetwork', 'hostPID', 'hostIPC'] as const).filter((f) => spec[f] === true).map((f) => `${f}=true`);
  return set.length === 0 ? null : { reason: 'host namespaces', detail: set.join(', ') };
};

const hostPathVolumes: Check = (spec) => {
  const names = list(spec.volumes).filter((v) => isObj(o(v).hostPath)).map((v) => str(o(v).name));
  return names.length === 0 ? null : { reason: 'hostPath volumes', detail: `${plural('volume', 'volumes', names.length)} ${quoted(names)}` };
};

const hostPorts: Check = (_spec, _a, cs) => {
  const bad: string[] = [];
  const ports: string[] = [];
  for (const c of cs) {
    const used = list(c.c.ports).map((p) => o(p).hostPort).filter((p) => typeof p === 'number' && p !== 0);
    if (used.length > 0) {
      bad.push(c.name);
      append(ports, used.map(String));
    }
  }
  if (bad.length === 0) return null;
  const hp = sortedSet(ports);
  return { reason: 'hostPort', detail: `${named(bad)} ${plural('uses', 'use', bad.length)} ${plural('hostPort', 'hostPorts', hp.length)} ${hp.join(', ')}` };
};

const privileged: Check = (_spec, _a, cs) => {
  const bad = cs.filter((c) => c.sc.privileged === true).map((c) => c.name);
  return bad.length === 0 ? null : { reason: 'privileged', detail: `${named(bad)} must not set securityContext.privileged=true` };
};

const procMount: Check = (_spec, _a, cs) => {
  const bad = cs.filter((c) => c.sc.procMount !== undefined && c.sc.procMount !== 'Default');
  if (bad.length === 0) return null;
  return { reason: 'procMount', detail: `${named(bad.map((c) => c.name))} must not set securityContext.procMount to ${quoted(sortedSet(bad.map((c) => String(c.sc.procMount))))}` };
};

const seLinuxOptions: Check = (spec, _a, cs) => {
  const types: string[] = [];
  let user = false;
  let role = false;
  const valid = (opts: Json): boolean => {
    let ok = true;
    const type = str(opts.type);
    if (!SELINUX_TYPES.has(type)) {
      ok = false;
      types.push(type);
    }
    if (str(opts.user) !== '') {
      ok = false;
      user = true;
    }
    if (str(opts.role) !== '') {
      ok = false;
      role = true;
    }
    return ok;
  };
  const podOpts = o(spec.securityContext).seLinuxOptions;
  const podBad = isObj(podOpts) && !valid(podOpts);
  const bad = cs.filter((c) => isObj(c.sc.seLinuxOptions) && !valid(c.sc.seLinuxOptions as Json)).map((c) => c.name);
  const who = setters(podBad, bad);
  if (who.length === 0) return null;
  // As check_seLinuxOptions.go builds it: user and role are named only alongside a bad type.
  const data: string[] = [];
  if (types.length > 0) {
    const t = sortedSet(types);
    data.push(`${plural('type', 'types', t.length)} ${quoted(t)}`);
    if (user) data.push('user may not be set');
    if (role) data.push('role may not be set');
  }
  return { reason: 'seLinuxOptions', detail: `${who.join(' and ')} set forbidden securityContext.seLinuxOptions: ${data.join('; ')}` };
};

/** Policy versions before v1.19 read the seccomp annotations (seccompProfileBaseline_1_0). */
const SECCOMP_POD = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_CONTAINER = 'container.seccomp.security.alpha.kubernetes.io/';
const validSeccompAnnotation = (v: string): boolean => v === 'runtime/default' || v === 'docker/default' || v.startsWith('localhost/');
const seccompAnnotations: Check = (_spec, annotations, cs) => {
  const keys = [SECCOMP_POD].concat(cs.map((c) => SECCOMP_CONTAINER + c.name));
  const bad = sortedSet(keys.filter((k) => typeof annotations[k] === 'string' && !validSeccompAnnotation(annotations[k] as string)).map((k) => `${k}=${JSON.stringify(annotations[k])}`));
  return bad.length === 0 ? null : { reason: 'seccompProfile', detail: `forbidden ${plural('annotation', 'annotations', bad.length)} ${bad.join(', ')}` };
};

const seccompProfileBaseline: Check = (spec, _a, cs) => {
  const r = requiredSetting(spec, cs, seccompType, defaultOrLocalhost);
  return r.badSetters.length === 0 ? null : { reason: 'seccompProfile', detail: `${r.badSetters.join(' and ')} must not set securityContext.seccompProfile.type to ${quoted(r.badValues)}` };
};

const sysctls: Check = (spec) => {
  const bad = list(o(spec.securityContext).sysctls).map((s) => str(o(s).name)).filter((n) => !SAFE_SYSCTLS.has(n));
  return bad.length === 0 ? null : { reason: 'forbidden sysctls', detail: bad.join(', ') };
};

const windowsHostProcess: Check = (spec, _a, cs) => {
  const podBad = o(o(spec.securityContext).windowsOptions).hostProcess === true;
  const who = setters(podBad, cs.filter((c) => o(c.sc.windowsOptions).hostProcess === true).map((c) => c.name));
  return who.length === 0 ? null : { reason: 'hostProcess', detail: `${who.join(' and ')} must not set securityContext.windowsOptions.hostProcess=true` };
};

// Restricted checks, by ID: allowPrivilegeEscalation, capabilities_restricted, restrictedVolumes, runAsNonRoot, runAsUser,
// seccompProfile_restricted. Since v1.25 a pod with spec.os.name windows is exempt from the three that Linux alone enforces.
const allowPrivilegeEscalation: Check = (spec, _a, cs) => {
  if (isWindows(spec)) return null;
  const bad = cs.filter((c) => c.sc.allowPrivilegeEscalation !== false).map((c) => c.name);
  return bad.length === 0 ? null : { reason: 'allowPrivilegeEscalation != false', detail: `${named(bad)} must set securityContext.allowPrivilegeEscalation=false` };
};

const capabilitiesRestricted: Check = (spec, _a, cs) => {
  if (isWindows(spec)) return null;
  const missingDrop: string[] = [];
  const adding: string[] = [];
  const caps: string[] = [];
  for (const c of cs) {
    const capabilities = c.sc.capabilities;
    if (!isObj(capabilities)) {
      missingDrop.push(c.name);
      continue;
    }
    if (!list(capabilities.drop).includes('ALL')) missingDrop.push(c.name);
    const forbidden = list(capabilities.add).map(String).filter((x) => x !== 'NET_BIND_SERVICE');
    if (forbidden.length > 0) {
      adding.push(c.name);
      append(caps, forbidden);
    }
  }
  const details: string[] = [];
  if (missingDrop.length > 0) details.push(`${named(missingDrop)} must set securityContext.capabilities.drop=["ALL"]`);
  if (adding.length > 0) details.push(`${named(adding)} must not include ${quoted(sortedSet(caps))} in securityContext.capabilities.add`);
  return details.length === 0 ? null : { reason: 'unrestricted capabilities', detail: details.join('; ') };
};

const restrictedVolumes: Check = (spec) => {
  const bad: string[] = [];
  const types: string[] = [];
  for (const v of list(spec.volumes)) {
    const vol = o(v);
    if (ALLOWED_VOLUMES.some((t) => isObj(vol[t]))) continue;
    bad.push(str(vol.name));
    types.push(RESTRICTED_VOLUMES.find((t) => isObj(vol[t])) ?? 'unknown');
  }
  if (bad.length === 0) return null;
  const t = sortedSet(types);
  return { reason: 'restricted volume types', detail: `${plural('volume', 'volumes', bad.length)} ${quoted(bad)} ${plural('uses', 'use', bad.length)} ${plural('restricted volume type', 'restricted volume types', t.length)} ${quoted(t)}` };
};

const runAsNonRoot: Check = (spec, _a, cs) => {
  const r = requiredSetting(spec, cs, (sc) => sc.runAsNonRoot, (v) => v === true);
  if (r.badSetters.length > 0) return { reason: 'runAsNonRoot != true', detail: `${r.badSetters.join(' and ')} must not set securityContext.runAsNonRoot=false` };
  return r.implicit.length === 0 ? null : { reason: 'runAsNonRoot != true', detail: `pod or ${named(r.implicit)} must set securityContext.runAsNonRoot=true` };
};

const runAsUser: Check = (spec, _a, cs) => {
  const who = setters(o(spec.securityContext).runAsUser === 0, cs.filter((c) => c.sc.runAsUser === 0).map((c) => c.name));
  return who.length === 0 ? null : { reason: 'runAsUser=0', detail: `${who.join(' and ')} must not set runAsUser=0` };
};

const seccompProfileRestricted: Check = (spec, _a, cs) => {
  if (isWindows(spec)) return null;
  const r = requiredSetting(spec, cs, seccompType, defaultOrLocalhost);
  if (r.badSetters.length > 0) return { reason: 'seccompProfile', detail: `${r.badSetters.join(' and ')} must not set securityContext.seccompProfile.type to ${quoted(r.badValues)}` };
  return r.implicit.length === 0 ? null : { reason: 'seccompProfile', detail: `pod or ${named(r.implicit)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"` };
};

interface Registered { readonly id: string; readonly level: 'baseline' | 'restricted'; readonly since: number; readonly until?: number; readonly overrides?: string; readonly check: Check }
/** In registry order: baseline IDs sorted, then restricted IDs sorted; `since`/`until`: the policy versions (minor) a variant applies to. */
const CHECKS: readonly Registered[] = [
  { id: 'appArmorProfile', level: 'baseline', since: 0, check: appArmorProfile },
  { id: 'capabilities_baseline', level: 'baseline', since: 0, check: capabilitiesBaseline },
  { id: 'hostNamespaces', level: 'baseline', since: 0, check: hostNamespaces },
  { id: 'hostPathVolumes', level: 'baseline', since: 0, check: hostPathVolumes },
  { id: 'hostPorts', level: 'baseline', since: 0, check: hostPorts },
  { id: 'privileged', level: 'baseline', since: 0, check: privileged },
  { id: 'procMount', level: 'baseline', since: 0, check: procMount },
  { id: 'seLinuxOptions', level: 'baseline', since: 0, check: seLinuxOptions },
  { id: 'seccompProfile_baseline', level: 'baseline', since: 0, until: 19, check: seccompAnnotations },
  { id: 'seccompProfile_baseline', level: 'baseline', since: 19, check: seccompProfileBaseline },
  { id: 'sysctls', level: 'baseline', since: 0, check: sysctls },
  { id: 'windowsHostProcess', level: 'baseline', since: 0, check: windowsHostProcess },
  { id: 'allowPrivilegeEscalation', level: 'restricted', since: 8, check: allowPrivilegeEscalation },
  { id: 'capabilities_restricted', level: 'restricted', since: 22, overrides: 'capabilities_baseline', check: capabilitiesRestricted },
  { id: 'restrictedVolumes', level: 'restricted', since: 0, overrides: 'hostPathVolumes', check: restrictedVolumes },
  { id: 'runAsNonRoot', level: 'restricted', since: 0, check: runAsNonRoot },
  { id: 'runAsUser', level: 'restricted', since: 23, check: runAsUser },
  { id: 'seccompProfile_restricted', level: 'restricted', since: 19, overrides: 'seccompProfile_baseline', check: seccompProfileRestricted },
];

/** AggregateCheckResult.ForbiddenDetail: each failed check's reason, with its detail in parentheses; '' when the pod passes. */
export function podViolations(lv: LevelVersion, spec: Json, annotations: Json = {}): { readonly detail: string; readonly reasons: string } {
  if (lv.level === 'privileged') return { detail: '', reasons: '' };
  const active = CHECKS.filter((c) => c.since <= lv.minor && (c.until === undefined || lv.minor < c.until) && (c.level === 'baseline' || lv.level === 'restricted'));
  const overridden = new Set(lv.level === 'restricted' ? active.map((c) => c.overrides).filter((x): x is string => !!x) : []);
  const cs = containersOf(spec);
  const found: Violation[] = [];
  for (const c of active) {
    if (overridden.has(c.id)) continue;
    const v = c.check(spec, annotations, cs);
    if (v) found.push(v);
  }
  return {
    detail: found.map((v) => (v.detail ? `${v.reason} (${v.detail})` : v.reason)).join(', '),
    reasons: found.map((v) => v.reason).join(', '),
  };
}

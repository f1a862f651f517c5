/**
 * Kubernetes object name rules.
 * https://kubernetes.io/docs/concepts/overview/working-with-objects/names/
 * Messages are apimachinery's (k8s.io/apimachinery/pkg/util/validation), so they match what kubectl prints.
 */

/** A name rule: how long a name may be, its pattern, and how kubectl explains it. */
export interface NameRule {
  readonly label: string;
  readonly maxLength: number;
  readonly pattern: RegExp;
  readonly explain: string;
}

/** Most resources: a DNS subdomain (RFC 1123), up to 253 characters. */
export const DNS1123_SUBDOMAIN: NameRule = {
  label: 'RFC 1123 subdomain',
  maxLength: 253,
  pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/,
  explain: "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com')",
};

/** Namespaces (and label-like names): an RFC 1123 label, up to 63 characters. */
export const DNS1123_LABEL: NameRule = {
  label: 'RFC 1123 label',
  maxLength: 63,
  pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
  explain: "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name', or '123-abc')",
};

/** Services: an RFC 1035 label (must start with a letter), because the name becomes a DNS name. */
export const DNS1035_LABEL: NameRule = {
  label: 'RFC 1035 label',
  maxLength: 63,
  pattern: /^[a-z]([-a-z0-9]*[a-z0-9])?$/,
  explain: "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name', or 'abc-123')",
};

/** RBAC objects only need to be valid path segments (`system:controller:x` is fine). */
export const PATH_SEGMENT: NameRule = {
  label: 'path segment',
  maxLength: 253,
  pattern: /^(?!\.{1,2}$)[^/%]+$/,
  explain: "a name may not be '.' or '..' and may not contain '/' or '%'",
};

const RULES: Readonly<Record<string, NameRule>> = {
  Namespace: DNS1123_LABEL,
  Service: DNS1035_LABEL,
  Role: PATH_SEGMENT,
  ClusterRole: PATH_SEGMENT,
  RoleBinding: PATH_SEGMENT,
  ClusterRoleBinding: PATH_SEGMENT,
};

/** Kinds whose rules we know for certain; for others a bad name is only a warning. */
const KNOWN_KINDS = new Set([
  ...Object.keys(RULES), 'Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob',
  'ReplicationController', 'ConfigMap', 'Secret', 'Node', 'PersistentVolume', 'PersistentVolumeClaim',
  'ServiceAccount', 'Ingress', 'StorageClass', 'PodTemplate', 'Endpoints', 'ResourceQuota', 'LimitRange',
]);

/** The name rule for a kind (DNS subdomain unless the kind is known to differ). */
export function nameRuleFor(kind: string): NameRule {
  return RULES[kind] ?? DNS1123_SUBDOMAIN;
}

/** True when the kind's name rule is certain (a violation is an error rather than a warning). */
export function isKnownKind(kind: string): boolean {
  return KNOWN_KINDS.has(kind);
}

/** Why a name breaks a rule, or undefined when it is valid. */
export function checkName(name: string, rule: NameRule): string | undefined {
  if (name.length === 0) return 'name must not be empty';
  if (name.length > rule.maxLength) return `invalid name "${name}": must be no more than ${rule.maxLength} characters (${rule.label})`;
  return rule.pattern.test(name) ? undefined : `invalid name "${name}": ${rule.explain}`;
}

/**
 * apimachinery's identifier checks with their exact messages
 * (staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go, v1.33): each returns the list of
 * problems (empty when valid), which callers turn into `field.Invalid(path, value, msg)` errors.
 */
import { DNS1035_LABEL, DNS1123_LABEL, DNS1123_SUBDOMAIN } from '../../../manifests/names';
import { append } from '../../../arrays';

/** validation.RegexError: `msg (e.g. 'a',  or 'b', regex used for validation is 're')` (the double space is apimachinery's). */
export function regexError(msg: string, re: string, ...examples: string[]): string {
  return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${re}')`;
}
/** validation.MaxLenError. */
export const maxLenError = (n: number): string => `must be no more than ${n} characters`;

const DNS1123_LABEL_MSG = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const DNS1123_SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const DNS1035_LABEL_MSG = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
const LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const SUBDOMAIN_FMT = `${LABEL_FMT}(\\.${LABEL_FMT})*`;

/** IsDNS1123Label. */
export function isDNS1123Label(v: string): string[] {
  const out = v.length > 63 ? [maxLenError(63)] : [];
  if (!DNS1123_LABEL.pattern.test(v)) out.push(regexError(DNS1123_LABEL_MSG, LABEL_FMT, 'my-name', '123-abc'));
  return out;
}
/** IsDNS1123Subdomain. */
export function isDNS1123Subdomain(v: string): string[] {
  const out = v.length > 253 ? [maxLenError(253)] : [];
  if (!DNS1123_SUBDOMAIN.pattern.test(v)) out.push(regexError(DNS1123_SUBDOMAIN_MSG, SUBDOMAIN_FMT, 'example.com'));
  return out;
}
/** IsDNS1035Label. */
export function isDNS1035Label(v: string): string[] {
  const out = v.length > 63 ? [maxLenError(63)] : [];
  if (!DNS1035_LABEL.pattern.test(v)) out.push(regexError(DNS1035_LABEL_MSG, '[a-z]([-a-z0-9]*[a-z0-9])?', 'my-name', 'abc-123'));
  return out;
}

/** A name validator of apimachinery/pkg/api/validation (NameIsDNSSubdomain, NameIsDNSLabel, NameIsDNS1035Label). */
export type NameFn = (name: string, prefix: boolean) => string[];
/** maskTrailingDash: a generateName prefix may end with '-'. */
const masked = (name: string, prefix: boolean): string => (prefix && name.length > 1 && name.endsWith('-') ? name.slice(0, -1) + 'a' : name);
export const nameIsDNSSubdomain: NameFn = (n, p) => isDNS1123Subdomain(masked(n, p));
export const nameIsDNSLabel: NameFn = (n, p) => isDNS1123Label(masked(n, p));
export const nameIsDNS1035Label: NameFn = (n, p) => isDNS1035Label(masked(n, p));

const QNAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const QNAME_RE = new RegExp(`^${QNAME_FMT}$`);
const QNAME_MSG = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

/** IsQualifiedName: label and annotation keys, `[prefix/]name`. */
export function isQualifiedName(v: string): string[] {
  const parts = v.split('/');
  if (parts.length > 2) {
    return [`a qualified name ${regexError(QNAME_MSG, QNAME_FMT, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  }
  const out: string[] = [];
  const name = parts[parts.length - 1];
  if (parts.length === 2) {
    if (parts[0] === '') out.push('prefix part must be non-empty');
    else append(out, isDNS1123Subdomain(parts[0]).map((m) => `prefix part ${m}`));
  }
  if (name === '') out.push('name part must be non-empty');
  else if (name.length > 63) out.push(`name part ${maxLenError(63)}`);
  if (!QNAME_RE.test(name)) out.push(`name part ${regexError(QNAME_MSG, QNAME_FMT, 'MyName', 'my.name', '123-abc')}`);
  return out;
}

const LABEL_VALUE_RE = new RegExp(`^(${QNAME_FMT})?$`);
/** IsValidLabelValue. */
export function isValidLabelValue(v: string): string[] {
  const out = v.length > 63 ? [maxLenError(63)] : [];
  if (!LABEL_VALUE_RE.test(v)) {
    out.push(regexError("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", `(${QNAME_FMT})?`, 'MyValue', 'my_value', '12345'));
  }
  return out;
}

/** IsValidPortNum. */
export function isValidPortNum(n: number): string[] {
  return Number.isInteger(n) && n >= 1 && n <= 65535 ? [] : ['must be between 1 and 65535, inclusive'];
}

/** IsValidPortName (IANA_SVC_NAME, RFC 6335). */
export function isValidPortName(v: string): string[] {
  const out = v.length > 15 ? [maxLenError(15)] : [];
  if (!/^[-a-z0-9]+$/.test(v)) out.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(v)) out.push('must contain at least one letter (a-z)');
  if (v.includes('--')) out.push('must not contain consecutive hyphens');
  if (v.startsWith('-') || v.endsWith('-')) out.push('must not begin or end with a hyphen');
  return out;
}

/** IsConfigMapKey (ConfigMap and Secret data keys). */
export function isConfigMapKey(v: string): string[] {
  const out = v.length > 253 ? [maxLenError(253)] : [];
  if (!/^[-._a-zA-Z0-9]+$/.test(v)) {
    out.push(regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", '[-._a-zA-Z0-9]+', 'key.name', 'KEY_NAME', 'key-name'));
  }
  if (v === '.') out.push("must not be '.'");
  else if (v === '..') out.push("must not be '..'");
  else if (v.startsWith('..')) out.push("must not start with '..'");
  return out;
}

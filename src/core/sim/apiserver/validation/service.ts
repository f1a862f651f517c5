/**
 * Service, ConfigMap and Secret validation with kube-apiserver's messages
 * (pkg/apis/core/validation/validation.go ValidateService, validateServicePort, ValidatePortNumOrName,
 * ValidateConfigMap, ValidateSecret, v1.33). NodePorts outside the range and taken ones are refused by
 * the allocator (serviceAllocator.ts), as the registry does.
 */
import { duplicate, forbidden, invalid, notSupported, required, tooLong, type FieldError } from '../fieldErrors';
import { isConfigMapKey, isDNS1123Label, isValidPortName, isValidPortNum } from './identifiers';
import { validateLabels } from './meta';
import { append } from '../../../arrays';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** NodePort range default 30000-32767 (kube-apiserver --service-node-port-range). */
export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;
const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];

/** ValidateService on the defaulted spec. */
export function validateServiceSpec(spec: Json): FieldError[] {
  const type = spec.type;
  if (typeof type !== 'string' || !SERVICE_TYPES.includes(type)) return [notSupported('spec.type', type, SERVICE_TYPES)];
  const out: FieldError[] = [];
  if (type === 'ExternalName' && (typeof spec.externalName !== 'string' || spec.externalName === '')) out.push(required('spec.externalName'));
  const ports = Array.isArray(spec.ports) ? spec.ports : [];
  if (ports.length === 0 && spec.clusterIP !== 'None' && type !== 'ExternalName') out.push(required('spec.ports'));
  const names = new Set<string>();
  ports.forEach((p, i) => append(out, portErrors(isObj(p) ? p : {}, `spec.ports[${i}]`, ports.length > 1, names, type)));
  if (spec.selector !== undefined) append(out, validateLabels(spec.selector, 'spec.selector'));
  const sa = spec.sessionAffinity;
  if (sa !== undefined && sa !== 'None' && sa !== 'ClientIP') out.push(notSupported('spec.sessionAffinity', sa, ['ClientIP', 'None']));
  return out;
}

/** validateServicePort (the name is required when the Service has more than one port). */
function portErrors(p: Json, path: string, requireName: boolean, names: Set<string>, type: string): FieldError[] {
  const out: FieldError[] = [];
  const name = typeof p.name === 'string' ? p.name : '';
  if (requireName && !name) out.push(required(`${path}.name`));
  else if (name) {
    for (const msg of isDNS1123Label(name)) out.push(invalid(`${path}.name`, name, msg));
    if (names.has(name)) out.push(duplicate(`${path}.name`, name));
    else names.add(name);
  }
  for (const msg of isValidPortNum(Number(p.port))) out.push(invalid(`${path}.port`, p.port ?? 0, msg));
  if (p.protocol !== undefined && !['SCTP', 'TCP', 'UDP'].includes(String(p.protocol))) out.push(notSupported(`${path}.protocol`, p.protocol, ['SCTP', 'TCP', 'UDP']));
  const t = p.targetPort;
  if (typeof t === 'number') for (const msg of isValidPortNum(t)) out.push(invalid(`${path}.targetPort`, t, msg));
  else if (typeof t === 'string') for (const msg of isValidPortName(t)) out.push(invalid(`${path}.targetPort`, t, msg));
  if (p.nodePort !== undefined && p.nodePort !== 0) {
    if (type === 'ClusterIP') out.push(forbidden(`${path}.nodePort`, "may not be used when `type` is 'ClusterIP'"));
    else if (typeof p.nodePort !== 'number' || p.nodePort < NODE_PORT_MIN || p.nodePort > NODE_PORT_MAX) {
      out.push(invalid(`${path}.nodePort`, p.nodePort, `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`));
    }
  }
  return out;
}

/** ValidateConfigMap / ValidateSecret: every key of data (and stringData, binaryData) is a config key. */
export function validateDataKeys(o: Json): FieldError[] {
  const out: FieldError[] = [];
  for (const field of ['data', 'binaryData', 'stringData']) {
    const m = o[field];
    if (!isObj(m)) continue;
    for (const k of Object.keys(m)) for (const msg of isConfigMapKey(k)) out.push(invalid(`${field}[${k}]`, k, msg));
  }
  return out;
}

/** core.MaxSecretSize: the decoded bytes of all of a Secret's data (https://kubernetes.io/docs/concepts/configuration/secret/#restriction-data-size). */
export const MAX_SECRET_SIZE = 1024 * 1024;

/** The bytes a base64 value decodes to. */
const decodedLength = (v: unknown): number => {
  if (typeof v !== 'string') return 0;
  const text = v.replace(/\s+/g, '');
  return Math.floor((text.length * 3) / 4) - (text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0);
};

/**
 * ValidateSecret, after the data keys: at most 1 MiB of data, and the keys each built-in type requires
 * (https://kubernetes.io/docs/concepts/configuration/secret/#secret-types). The contents are not parsed (a
 * `.dockerconfigjson` that is not JSON is accepted here, refused by kube-apiserver).
 */
export function validateSecret(o: Json): FieldError[] {
  const out = validateDataKeys(o);
  const data = isObj(o.data) ? o.data : {};
  let size = 0;
  for (const v of Object.values(data)) size += decodedLength(v);
  if (size > MAX_SECRET_SIZE) out.push(tooLong('data', MAX_SECRET_SIZE));
  const has = (k: string): boolean => Object.hasOwn(data, k);
  const need = (k: string): void => {
    if (!has(k)) out.push(required(`data[${k}]`));
  };
  switch (o.type) {
    case 'kubernetes.io/service-account-token': {
      const annotations = isObj(o.metadata) && isObj(o.metadata.annotations) ? o.metadata.annotations : {};
      const name = annotations['kubernetes.io/service-account.name'];
      if (typeof name !== 'string' || name === '') out.push(required('metadata.annotations[kubernetes.io/service-account.name]'));
      break;
    }
    case 'kubernetes.io/dockercfg': need('.dockercfg'); break;
    case 'kubernetes.io/dockerconfigjson': need('.dockerconfigjson'); break;
    // The username or the password may be empty, but one of the keys must be there.
    case 'kubernetes.io/basic-auth':
      if (!has('username') && !has('password')) out.push(required('data[username]'), required('data[password]'));
      break;
    case 'kubernetes.io/ssh-auth':
      if (decodedLength(data['ssh-privatekey']) === 0) out.push(required('data[ssh-privatekey]'));
      break;
    case 'kubernetes.io/tls': need('tls.crt'); need('tls.key'); break;
    default: break;
  }
  return out;
}

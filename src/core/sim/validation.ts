/**
 * What kube-apiserver's validation would reject, with its message form:
 * `The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0`.
 * The engine treats objects as untrusted: wrong types become one of these errors, never a throw.
 */
import { cpuMillis, bytes } from '../quantity';
import { arr, at, obj, selectorMatcher, str, strMap } from './objects';
import { isValidSchedule } from './controllers/cron';
import type { Json, KubeObject } from './types';

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const WORKLOADS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet']);

/** Returns kube-apiserver's error for an invalid object, or null. */
export function validate(o: KubeObject): string | null {
  const problems = [...checkMeta(o), ...checkKind(o)];
  if (problems.length === 0) return null;
  return `The ${o.kind} "${str(o.metadata.name) ?? ''}" is invalid: ${problems.join(', ')}`;
}

function checkMeta(o: KubeObject): string[] {
  const name = o.metadata.name;
  if (name === undefined && typeof o.metadata.generateName === 'string') return [];
  if (typeof name !== 'string' || name === '') return ['metadata.name: Required value: name or generateName is required'];
  if (name.length > 253 || !DNS1123_SUBDOMAIN.test(name)) {
    return [`metadata.name: Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`];
  }
  return [];
}

function checkKind(o: KubeObject): string[] {
  if (o.kind === 'Pod') return checkPodSpec(o.spec, 'spec');
  if (WORKLOADS.has(o.kind)) return checkWorkload(o);
  if (o.kind === 'Job') return checkJob(obj(o.spec), 'spec');
  if (o.kind === 'CronJob') return checkCronJob(o);
  if (o.kind === 'Service') return checkService(obj(o.spec));
  return [];
}

function checkReplicas(v: unknown, path: string): string[] {
  if (v === undefined) return [];
  if (typeof v !== 'number' || !Number.isInteger(v)) return [`${path}: Invalid value: ${JSON.stringify(v)}: must be an integer`];
  return v < 0 ? [`${path}: Invalid value: ${v}: must be greater than or equal to 0`] : [];
}

function checkWorkload(o: KubeObject): string[] {
  const spec = obj(o.spec);
  if (!spec) return ['spec: Required value'];
  const out = o.kind === 'DaemonSet' ? [] : checkReplicas(spec.replicas, 'spec.replicas');
  const match = selectorMatcher(spec.selector);
  const labels = strMap(at(spec, 'template', 'metadata', 'labels'));
  if (!match) out.push('spec.selector: Required value');
  else if (!match(labels)) out.push(`spec.template.metadata.labels: Invalid value: ${JSON.stringify(labels)}: \`selector\` does not match template \`labels\``);
  // ValidatePodTemplateSpecForReplicaSet (and the StatefulSet and DaemonSet ones), pkg/apis/apps/validation:
  // a workload's pods are restarted in place, never left to end (else the controller would churn replacements).
  const rp = at(spec, 'template', 'spec', 'restartPolicy');
  if (rp !== undefined && rp !== 'Always') out.push(`spec.template.spec.restartPolicy: Unsupported value: ${JSON.stringify(rp)}: supported values: "Always"`);
  return [...out, ...checkPodSpec(at(spec, 'template', 'spec'), 'spec.template.spec')];
}

function checkJob(spec: Json | undefined, path: string): string[] {
  if (!spec) return [`${path}: Required value`];
  const out = [
    ...checkReplicas(spec.completions, `${path}.completions`), ...checkReplicas(spec.parallelism, `${path}.parallelism`),
    ...checkReplicas(spec.backoffLimit, `${path}.backoffLimit`),
  ];
  const rp = at(spec, 'template', 'spec', 'restartPolicy');
  if (rp !== 'Never' && rp !== 'OnFailure') {
    out.push(rp === undefined ? `${path}.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"`
      : `${path}.template.spec.restartPolicy: Unsupported value: ${JSON.stringify(rp)}: supported values: "OnFailure", "Never"`);
  }
  return [...out, ...checkPodSpec(at(spec, 'template', 'spec'), `${path}.template.spec`)];
}

function checkCronJob(o: KubeObject): string[] {
  const spec = obj(o.spec);
  if (!spec) return ['spec: Required value'];
  const s = spec.schedule;
  const out = typeof s !== 'string' ? ['spec.schedule: Required value']
    : isValidSchedule(s) ? [] : [`spec.schedule: Invalid value: ${JSON.stringify(s)}: unparseable cron schedule`];
  return [...out, ...checkJob(obj(at(spec, 'jobTemplate', 'spec')), 'spec.jobTemplate.spec')];
}

function checkPodSpec(v: unknown, path: string): string[] {
  const spec = obj(v);
  if (!spec) return [`${path}: Required value`];
  const containers = arr(spec.containers);
  if (containers.length === 0) return [`${path}.containers: Required value`];
  return containers.flatMap((c, i) => checkContainer(obj(c), `${path}.containers[${i}]`));
}

function checkContainer(c: Json | undefined, path: string): string[] {
  if (!c) return [`${path}: Invalid value: must be an object`];
  const out: string[] = [];
  if (typeof c.name !== 'string' || c.name === '') out.push(`${path}.name: Required value`);
  if (typeof c.image !== 'string' || c.image === '') out.push(`${path}.image: Required value`);
  for (const kind of ['requests', 'limits']) {
    const m = obj(at(c, 'resources', kind)) ?? {};
    for (const [res, q] of Object.entries(m)) {
      const r = res === 'cpu' ? cpuMillis(q) : bytes(q);
      if (!r.ok) out.push(`${path}.resources.${kind}[${res}]: Invalid value: ${JSON.stringify(q)}: ${r.error}`);
      else if (r.value < 0) out.push(`${path}.resources.${kind}[${res}]: Invalid value: ${JSON.stringify(q)}: must be greater than or equal to 0`);
    }
  }
  return out;
}

/** NodePort range default 30000-32767 (kube-apiserver --service-node-port-range). */
export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;
const SERVICE_TYPES = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'];

function checkService(spec: Json | undefined): string[] {
  if (!spec) return ['spec: Required value'];
  const type = spec.type ?? 'ClusterIP';
  if (typeof type !== 'string' || !SERVICE_TYPES.includes(type)) {
    return [`spec.type: Unsupported value: ${JSON.stringify(type)}: supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"`];
  }
  if (type === 'ExternalName') return [];
  const ports = arr(spec.ports);
  if (ports.length === 0) return ['spec.ports: Required value'];
  return ports.flatMap((p, i) => checkServicePort(obj(p), `spec.ports[${i}]`, type));
}

function checkServicePort(p: Json | undefined, path: string, type: string): string[] {
  if (!p) return [`${path}: Invalid value: must be an object`];
  const out: string[] = [];
  if (!isPort(p.port)) out.push(`${path}.port: Invalid value: ${JSON.stringify(p.port)}: must be between 1 and 65535, inclusive`);
  if (p.nodePort !== undefined) {
    if (type === 'ClusterIP') out.push(`${path}.nodePort: Forbidden: may not be used when \`type\` is 'ClusterIP'`);
    else if (typeof p.nodePort !== 'number' || p.nodePort < NODE_PORT_MIN || p.nodePort > NODE_PORT_MAX) {
      out.push(`${path}.nodePort: Invalid value: ${JSON.stringify(p.nodePort)}: provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`);
    }
  }
  return out;
}

function isPort(v: unknown): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 65535;
}

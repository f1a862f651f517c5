/**
 * Label and field selectors as the API server parses them (k8s.io/apimachinery/pkg/labels/selector.go,
 * pkg/fields/selector.go): `app=web,tier!=db`, `env in (a,b)`, `env notin (c)`, `key`, `!key`;
 * fields support `=`, `==` and `!=` on the paths each resource allows.
 */
import { at } from '../sim/objects';
import type { KubeObject } from '../sim/types';

type Term = (labels: Readonly<Record<string, string>>) => boolean;

/** A parsed selector, or the API server's error message. */
export function parseLabelSelector(text: string): Term | string {
  const terms: Term[] = [];
  for (const raw of splitTerms(text)) {
    const t = raw.trim();
    if (t === '') continue;
    const set = /^([A-Za-z0-9][-A-Za-z0-9_./]*)\s+(in|notin)\s+\(([^)]*)\)$/.exec(t);
    if (set) {
      const values = set[3].split(',').map((v) => v.trim());
      terms.push(set[2] === 'in' ? (l) => set[1] in l && values.includes(l[set[1]]) : (l) => !(set[1] in l) || !values.includes(l[set[1]]));
      continue;
    }
    const eq = /^([A-Za-z0-9][-A-Za-z0-9_./]*)\s*(==|=|!=)\s*([-A-Za-z0-9_.]*)$/.exec(t);
    if (eq) {
      terms.push(eq[2] === '!=' ? (l) => l[eq[1]] !== eq[3] : (l) => l[eq[1]] === eq[3]);
      continue;
    }
    const exists = /^(!?)([A-Za-z0-9][-A-Za-z0-9_./]*)$/.exec(t);
    if (exists) {
      terms.push(exists[1] ? (l) => !(exists[2] in l) : (l) => exists[2] in l);
      continue;
    }
    return `unable to parse requirement: found '${t}', expected: key, !key, key=value, key!=value, key in (values) or key notin (values)`;
  }
  return (labels) => terms.every((f) => f(labels));
}

/** Splits on commas outside parentheses. */
function splitTerms(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) { out.push(cur); cur = ''; } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** The field paths each kind can be selected on (every kind: metadata.name and metadata.namespace). */
const FIELDS: Readonly<Record<string, readonly string[]>> = {
  Pod: ['spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'status.phase', 'status.podIP', 'status.nominatedNodeName'],
  Node: ['spec.unschedulable'],
  Event: ['involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid', 'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason', 'reportingComponent', 'source', 'type'],
  Secret: ['type'],
  Namespace: ['status.phase'],
  ReplicaSet: ['status.replicas'],
  Job: ['status.successful'],
};

/** A parsed field selector for a kind, or the API server's error message. */
export function parseFieldSelector(kind: string, text: string): ((o: KubeObject) => boolean) | string {
  const tests: ((o: KubeObject) => boolean)[] = [];
  for (const raw of text.split(',')) {
    const t = raw.trim();
    if (t === '') continue;
    const m = /^([A-Za-z.]+)\s*(==|=|!=)\s*(.*)$/.exec(t);
    if (!m) return `invalid selector: '${t}'; can't understand '${t}'`;
    const [, path, op, value] = m;
    if (path !== 'metadata.name' && path !== 'metadata.namespace' && !(FIELDS[kind] ?? []).includes(path)) {
      return `field label not supported: ${path}`;
    }
    const read = (o: KubeObject): string => {
      // eslint-disable-next-line no-restricted-syntax -- a field path: a few segments
      const v = at(o, ...path.split('.'));
      return v === undefined || v === null ? '' : String(v);
    };
    tests.push(op === '!=' ? (o) => read(o) !== value : (o) => read(o) === value);
  }
  return (o) => tests.every((f) => f(o));
}

/**
 * The `expect:` checks of a scenario step. Each check is one mapping whose leading key names what it
 * looks at; the others refine it:
 *
 * ```yaml
 * expect:                      # the first key of each check names what it looks at
 *   - {pods: {selector: app=shop, status: Running}, count: 3}
 *   - {pod: web-0, node: worker-2}
 *   - {node: worker-1, ready: false}
 *   - {etcd: {quorum: false}}
 *   - {leader: kube-scheduler, node: control-plane-2}
 *   - {workload: deployment/shop, ready: 3}
 *   - {service: shop, endpoints: 3}
 *   - {event: {reason: FailedScheduling, object: pod/big}}
 *   - {applied: false, message: etcd}
 * ```
 */
import { isMap, isScalar, type Node, type Pair } from 'yaml';
import { objectRefFrom, parseObjectRef, selectorFrom } from './refs';
import type { Check, ObjectRef } from './types';
import type { Reader } from './yamlReader';

type Entries = Map<string, Pair<Node, Node | null>>;

const LEADERS = ['kube-scheduler', 'kube-controller-manager'] as const;
const MAX_COUNT = 1_000_000;

/** The keys each kind of check takes, its leading key first. Order matters: `pod` and `leader` also take `node`. */
const SHAPES: readonly (readonly string[])[] = [
  ['pods', 'count'],
  ['pod', 'namespace', 'node', 'phase', 'status', 'ready', 'exists'],
  ['leader', 'node'],
  ['etcd'],
  ['workload', 'ready', 'desired'],
  ['service', 'endpoints'],
  ['event', 'present'],
  ['applied', 'message'],
  ['node', 'ready', 'up', 'pods'],
];

/** Reads one check, or reports why it can never be evaluated. */
export function parseCheck(r: Reader, node: unknown, what: string): Check | undefined {
  if (!isMap(node)) return r.error(node, `${what}: expected a check such as {pods: {selector: app=shop, status: Running}, count: 3}`);
  const keys = node.items.map((p) => (isScalar(p.key) ? String(p.key.value) : ''));
  // The first key names the check ({node: worker-3, pods: 0} is a node check); a check written with its
  // leading key later is still recognised, in the order of SHAPES.
  const shape = SHAPES.find((s) => s[0] === keys[0]) ?? SHAPES.find((s) => keys.includes(s[0]));
  if (!shape) return r.error(node, `${what}: a check starts with one of ${SHAPES.map((s) => s[0]).join(', ')}`);
  const map = r.entries(node, `${what} (${shape[0]} check)`, shape);
  if (!map) return undefined;
  const c = new CheckReader(r, map, what);
  const range = r.range(node);
  switch (shape[0]) {
    case 'pods': return c.pods(range);
    case 'pod': return c.pod(range);
    case 'leader': return c.leader(range);
    case 'etcd': return c.etcd(range);
    case 'workload': return c.workload(range);
    case 'service': return c.service(range);
    case 'event': return c.event(range);
    case 'applied': return c.applied(range);
    default: return c.node(range);
  }
}

/** Reads the fields of one check's mapping. */
class CheckReader {
  constructor(private readonly r: Reader, private readonly map: Entries, private readonly what: string) {}

  private value(key: string): Node | null | undefined {
    return this.map.get(key)?.value;
  }

  private opt<T>(key: string, read: (n: Node | null, what: string) => T | undefined): T | undefined {
    return this.map.has(key) ? read(this.value(key) ?? null, `${this.what}.${key}`) : undefined;
  }

  private str = (n: Node | null, w: string) => this.r.string(n, w);
  private bool = (n: Node | null, w: string) => this.r.boolean(n, w);
  private count = (n: Node | null, w: string) => this.r.integer(n, w, 0, MAX_COUNT);

  /** `node: NAME`, or `node: null` for "no node". */
  private nodeOrNull(): string | null | undefined {
    const v = this.value('node');
    return isScalar(v) && v.value === null ? null : this.opt('node', this.str);
  }

  pods(range: Check['range']): Check | undefined {
    const inner = this.r.entries(this.value('pods'), `${this.what}.pods`, ['selector', 'namespace', 'phase', 'status', 'node', 'ready']);
    if (!inner) return undefined;
    const sub = new CheckReader(this.r, inner, `${this.what}.pods`);
    const selNode = inner.get('selector')?.value;
    const selText = selNode ? this.r.string(selNode, `${this.what}.pods.selector`) : undefined;
    const selector = selText === undefined ? [] : selectorFrom(selText);
    if (typeof selector === 'string') return this.r.error(selNode, `${this.what}.pods.selector: ${selector}`);
    const count = this.map.has('count') ? this.opt('count', this.count) : this.r.error(this.value('pods'), `${this.what}: "count" is required: how many pods match`);
    if (count === undefined) return undefined;
    return {
      type: 'pods', range, selector, count, namespace: sub.opt('namespace', sub.str), phase: sub.opt('phase', sub.str),
      status: sub.opt('status', sub.str), node: sub.opt('node', sub.str), ready: sub.opt('ready', sub.bool),
    };
  }

  pod(range: Check['range']): Check | undefined {
    const name = this.opt('pod', this.str);
    const node = this.map.has('node') ? this.nodeOrNull() : undefined;
    if (name === undefined) return undefined;
    return {
      type: 'pod', range, name, node, namespace: this.opt('namespace', this.str), phase: this.opt('phase', this.str),
      status: this.opt('status', this.str), ready: this.opt('ready', this.bool), exists: this.opt('exists', this.bool),
    };
  }

  leader(range: Check['range']): Check | undefined {
    const component = this.opt('leader', this.str);
    if (component === undefined) return undefined;
    if (!(LEADERS as readonly string[]).includes(component)) return this.r.error(this.value('leader'), `${this.what}.leader: only ${LEADERS.join(' and ')} elect a leader`);
    if (!this.map.has('node')) return this.r.error(this.value('leader'), `${this.what}: "node" is required: where the leader runs (null for none)`);
    const node = this.nodeOrNull();
    return node === undefined ? undefined : { type: 'leader', range, component: component as (typeof LEADERS)[number], node };
  }

  etcd(range: Check['range']): Check | undefined {
    const inner = this.r.entries(this.value('etcd'), `${this.what}.etcd`, ['quorum', 'healthy']);
    if (!inner || inner.size === 0) return inner ? this.r.error(this.value('etcd'), `${this.what}.etcd: expected quorum and/or healthy`) : undefined;
    const sub = new CheckReader(this.r, inner, `${this.what}.etcd`);
    return { type: 'etcd', range, quorum: sub.opt('quorum', sub.bool), healthy: sub.opt('healthy', sub.count) };
  }

  workload(range: Check['range']): Check | undefined {
    const object = parseObjectRef(this.r, this.value('workload'), `${this.what}.workload`);
    if (object && !['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job'].includes(object.kind)) {
      return this.r.error(this.value('workload'), `${this.what}.workload: ${object.kind} is not a workload; expected a Deployment, ReplicaSet, StatefulSet, DaemonSet or Job`);
    }
    if (!this.map.has('ready') && !this.map.has('desired')) return this.r.error(this.value('workload'), `${this.what}: expected ready and/or desired`);
    return object && { type: 'workload', range, object, ready: this.opt('ready', this.count), desired: this.opt('desired', this.count) };
  }

  service(range: Check['range']): Check | undefined {
    const text = this.opt('service', this.str);
    const ref = text === undefined ? undefined : text.includes('/') ? objectRefFrom(text) : { kind: 'Service', namespace: undefined, name: text };
    if (typeof ref === 'string') return this.r.error(this.value('service'), `${this.what}.service: ${ref}`);
    const endpoints = this.map.has('endpoints') ? this.opt('endpoints', this.count) : this.r.error(this.value('service'), `${this.what}: "endpoints" is required`);
    return ref && endpoints !== undefined ? { type: 'service', range, object: ref as ObjectRef, endpoints } : undefined;
  }

  event(range: Check['range']): Check | undefined {
    const inner = this.r.entries(this.value('event'), `${this.what}.event`, ['reason', 'object', 'type', 'component']);
    if (!inner) return undefined;
    const sub = new CheckReader(this.r, inner, `${this.what}.event`);
    const reason = inner.has('reason') ? sub.opt('reason', sub.str) : this.r.error(this.value('event'), `${this.what}.event: "reason" is required`);
    const object = inner.has('object') ? parseObjectRef(this.r, inner.get('object')?.value, `${this.what}.event.object`) : undefined;
    const eventType = sub.opt('type', sub.str);
    if (eventType !== undefined && eventType !== 'Normal' && eventType !== 'Warning') return this.r.error(inner.get('type')?.value, `${this.what}.event.type: expected Normal or Warning`);
    if (reason === undefined || (inner.has('object') && !object)) return undefined;
    return { type: 'event', range, reason, object, eventType, component: sub.opt('component', sub.str), present: this.opt('present', this.bool) ?? true };
  }

  applied(range: Check['range']): Check | undefined {
    const ok = this.opt('applied', this.bool);
    return ok === undefined ? undefined : { type: 'applied', range, ok, message: this.opt('message', this.str) };
  }

  node(range: Check['range']): Check | undefined {
    const name = this.opt('node', this.str);
    if (!this.map.has('ready') && !this.map.has('up') && !this.map.has('pods')) return this.r.error(this.value('node'), `${this.what}: expected ready, up and/or pods`);
    return name === undefined ? undefined : { type: 'node', range, name, ready: this.opt('ready', this.bool), up: this.opt('up', this.bool), pods: this.opt('pods', this.count) };
  }
}

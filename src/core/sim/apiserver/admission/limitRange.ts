/**
 * The LimitRanger admission plugin for containers (plugin/pkg/admission/limitranger/admission.go, v1.33):
 * it fills a container's missing limits from `default` and requests from `defaultRequest` (as
 * SetDefaults_LimitRangeItem derives them: default ← max, defaultRequest ← default, then ← min), records
 * what it set in the `kubernetes.io/limit-ranger` annotation, then refuses containers outside `min`/`max`
 * with its messages. Pod-level and PVC limits and maxLimitRequestRatio are not simulated.
 */
import type { Store } from '../../store';
import { formatQuantity, quantity, resourceList } from './quantities';
import { append } from '../../../arrays';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const o = (v: unknown): Json => (isObj(v) ? v : {});

/** The Container items of the namespace's LimitRanges, with SetDefaults_LimitRangeItem applied. */
interface Item { readonly default: Json; readonly defaultRequest: Json; readonly min: Json; readonly max: Json }

function containerItems(store: Store, ns: string): Item[] {
  const out: Item[] = [];
  for (const lr of store.list('LimitRange')) {
    if (lr.metadata.namespace !== ns) continue;
    for (const raw of Array.isArray(o(lr.spec).limits) ? (o(lr.spec).limits as unknown[]) : []) {
      const it = o(raw);
      if (it.type !== 'Container') continue;
      const def = { ...o(it.max), ...o(it.default) };
      out.push({ default: def, defaultRequest: { ...o(it.min), ...def, ...o(it.defaultRequest) }, min: o(it.min), max: o(it.max) });
    }
  }
  return out;
}

/** Whether the namespace has a LimitRange for containers (cheap check before the work). */
export function hasLimitRanges(store: Store): boolean {
  return store.count('LimitRange') > 0;
}

/** Admit: the pod spec with defaults filled and the annotation text, or null when nothing was set. */
export function limitRangeDefaults(store: Store, ns: string, spec: Json): { spec: Json; annotation: string } | null {
  const items = containerItems(store, ns);
  if (items.length === 0) return null;
  const notes: string[] = [];
  const fillList = (list: unknown): unknown => (Array.isArray(list) ? list.map((c) => fillContainer(c, items, notes)) : list);
  const next = { ...spec, containers: fillList(spec.containers), initContainers: fillList(spec.initContainers) };
  if (spec.initContainers === undefined) delete next.initContainers;
  return notes.length ? { spec: next, annotation: `LimitRanger plugin set: ${notes.join('; ')}` } : null;
}

function fillContainer(c: unknown, items: readonly Item[], notes: string[]): unknown {
  if (!isObj(c)) return c;
  const res = o(c.resources);
  const limits = { ...o(res.limits) };
  const requests = { ...o(res.requests) };
  const setReq: string[] = [];
  const setLim: string[] = [];
  for (const it of items) {
    for (const [k, v] of Object.entries(it.default)) if (limits[k] === undefined) { limits[k] = v; setLim.push(k); }
    for (const [k, v] of Object.entries(it.defaultRequest)) if (requests[k] === undefined) { requests[k] = v; setReq.push(k); }
  }
  if (!setReq.length && !setLim.length) return c;
  const parts = [setReq.length ? `${setReq.join(', ')} request` : '', setLim.length ? `${setLim.join(', ')} limit` : ''].filter(Boolean);
  notes.push(`${parts.join('; ')} for container ${String(c.name)}`);
  return { ...c, resources: { ...res, limits, requests } };
}

/** Validate: minConstraint and maxConstraint per container resource; the messages, or []. */
export function limitRangeViolations(store: Store, ns: string, spec: Json): string[] {
  const items = containerItems(store, ns);
  const out: string[] = [];
  const containers = [...(Array.isArray(spec.containers) ? spec.containers : []), ...(Array.isArray(spec.initContainers) ? spec.initContainers : [])];
  for (const it of items) {
    for (const c of containers) {
      const req = resourceList(c, 'requests');
      const lim = resourceList(c, 'limits');
      for (const [r, raw] of Object.entries(it.min)) append(out, minConstraint(r, raw, req, lim));
      for (const [r, raw] of Object.entries(it.max)) append(out, maxConstraint(r, raw, req, lim));
    }
  }
  return out;
}

const show = (v: number, r: string): string => formatQuantity(v, r);

function minConstraint(r: string, raw: unknown, req: Map<string, number>, lim: Map<string, number>): string[] {
  const min = quantity(raw);
  if (min === undefined) return [];
  const rq = req.get(r);
  const lm = lim.get(r);
  if (rq === undefined) return [`minimum ${r} usage per Container is ${show(min, r)}.  No request is specified`];
  if (rq < min) return [`minimum ${r} usage per Container is ${show(min, r)}, but request is ${show(rq, r)}`];
  if (lm !== undefined && lm < min) return [`minimum ${r} usage per Container is ${show(min, r)}, but limit is ${show(lm, r)}`];
  return [];
}

function maxConstraint(r: string, raw: unknown, req: Map<string, number>, lim: Map<string, number>): string[] {
  const max = quantity(raw);
  if (max === undefined) return [];
  const rq = req.get(r);
  const lm = lim.get(r);
  if (lm === undefined) return [`maximum ${r} usage per Container is ${show(max, r)}.  No limit is specified`];
  if (lm > max) return [`maximum ${r} usage per Container is ${show(max, r)}, but limit is ${show(lm, r)}`];
  if (rq !== undefined && rq > max) return [`maximum ${r} usage per Container is ${show(max, r)}, but request is ${show(rq, r)}`];
  return [];
}

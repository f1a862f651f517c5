import { podFromTemplate } from './controllers/podTemplate';
import type { Client } from './cluster';
import type { SimContext } from './context';
import { refOf } from './eventLog';
import { at, cloneJson, namespaceOf, nameOf, obj, str } from './objects';
import { containers } from './pods';
import type { Stored } from './store';
import type { ApplyResult, Json, KubeObject } from './types';
import { validate } from './validation';
import { shapeError } from './kubectl';

const DOCKER_CLI: Client = { component: 'docker CLI' };
const RUNS_CONTAINERS = new Set(['Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job']);

/**
 * The docker-server picture: one host, `docker run` per container, no orchestration. A
 * workload's replicas become that many containers named like `docker compose --scale`
 * (web-1, web-2…) on the one host; nothing schedules, restarts or replaces them.
 */
export function dockerApply(ctx: SimContext, input: unknown, host: string): ApplyResult {
  const bad = shapeError(input);
  if (bad) return { ok: false, error: bad };
  const o = cloneJson(input) as KubeObject;
  const invalid = validate(o);
  if (invalid) return { ok: false, error: invalid };
  if (!RUNS_CONTAINERS.has(o.kind)) return storeOnly(ctx, o);
  const owner = o.kind === 'Pod' ? null : upsert(ctx, o);
  if (o.kind !== 'Pod' && !owner) return { ok: false, error: 'dockerd did not accept the object' };
  return owner ? scaleTo(ctx, owner, host) : runPod(ctx, o, host);
}

function storeOnly(ctx: SimContext, o: KubeObject): ApplyResult {
  upsert(ctx, o);
  const warning = `${o.kind} "${nameOf(o)}" has no equivalent on a plain Docker host: it is stored but not simulated`;
  ctx.emit('docker CLI', DOCKER_CLI, 'NotSimulated', refOf(o), warning, 'Warning');
  return { ok: true, action: 'stored', warning };
}

function upsert(ctx: SimContext, o: KubeObject): Stored | undefined {
  const cur = ctx.store.get(o.kind, namespaceOf(o), nameOf(o));
  const r = cur ? ctx.api.update(DOCKER_CLI, { ...cur, ...o, metadata: { ...cur.metadata, labels: o.metadata.labels } }) : ctx.api.create(DOCKER_CLI, o);
  return r.ok ? r.object : undefined;
}

function runPod(ctx: SimContext, o: KubeObject, host: string): ApplyResult {
  const existing = ctx.store.get('Pod', namespaceOf(o), nameOf(o));
  if (existing) return { ok: true, action: 'unchanged' };
  const r = ctx.api.create(DOCKER_CLI, { ...o, spec: { ...obj(o.spec), nodeName: host } });
  if (!r.ok) return { ok: false, error: r.error };
  emitRun(ctx, r.object);
  return { ok: true, action: 'created' };
}

function scaleTo(ctx: SimContext, owner: Stored, host: string): ApplyResult {
  const want = desired(owner, ctx.options.maxReplicasPerWorkload);
  const template = (obj(at(owner, 'spec', 'template')) ?? obj(at(owner, 'spec', 'jobTemplate', 'spec', 'template')) ?? {}) as Json;
  for (let i = 1; i <= want; i++) {
    const name = `${owner.metadata.name}-${i}`;
    if (ctx.store.get('Pod', owner.metadata.namespace, name)) continue;
    const pod = podFromTemplate(template, owner, { name, spec: { ...obj(template.spec), nodeName: host } });
    const r = ctx.api.create(DOCKER_CLI, pod);
    if (r.ok) emitRun(ctx, r.object);
  }
  for (const p of ctx.store.children(str(owner.metadata.uid) ?? '')) {
    const idx = Number(/-(\d+)$/.exec(p.metadata.name ?? '')?.[1] ?? 0);
    if (p.kind === 'Pod' && idx > want) ctx.api.delete(DOCKER_CLI, 'Pod', p.metadata.namespace, p.metadata.name ?? '');
  }
  return { ok: true, action: 'created' };
}

function desired(o: KubeObject, cap: number): number {
  if (o.kind === 'DaemonSet' || o.kind === 'Job') return 1;
  const r = at(o, 'spec', 'replicas');
  return Math.min(typeof r === 'number' && r >= 0 ? r : 1, cap);
}

function emitRun(ctx: SimContext, pod: Stored): void {
  const images = containers(pod).map((c) => str(c.image) ?? '').join(' ');
  ctx.emit('docker CLI', DOCKER_CLI, 'Created', refOf(pod), `docker run -d --name ${pod.metadata.name} ${images}`);
}

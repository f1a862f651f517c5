import { arr, at, mapMatcher, obj, str, strMap } from '../objects';
import { containers, isReady, isTerminating, labelsOf } from '../pods';
import type { Stored } from '../store';
import type { Json, KubeObject } from '../types';
import { BaseController, keyOf } from './base';
import { ownerRefs } from './podTemplate';

const SERVICE_NAME = 'kubernetes.io/service-name';

/**
 * EndpointSlice controller (pkg/controller/endpointslice): for each Service with a selector,
 * one EndpointSlice listing the Ready, non-terminating pods that match, with the target ports
 * resolved (a named targetPort is looked up in the pod's container ports).
 */
export class EndpointSliceController extends BaseController {
  readonly name = 'endpointslice-controller';
  protected readonly kind = 'Service';

  /** Watches Services and every pod change in their namespaces. */
  start(): this {
    this.ctx.store.watch('Service', (_t, s) => this.queue.add(keyOf(s)));
    this.ctx.store.watch('Pod', (_t, p, old) => this.onPod(p, old));
    return this;
  }

  private onPod(p: KubeObject, old: KubeObject | undefined): void {
    if (this.ctx.store.count('Service') === 0) return;
    for (const s of this.ctx.store.list('Service')) {
      if (s.metadata.namespace !== p.metadata.namespace) continue;
      const sel = strMap(at(s, 'spec', 'selector'));
      if (Object.keys(sel).length === 0) continue;
      const m = mapMatcher(sel);
      if (m(labelsOf(p)) || (old && m(labelsOf(old)))) this.queue.add(keyOf(s));
    }
  }

  reconcile(k: string): void {
    const svc = this.get(k);
    const existing = this.slices(k);
    if (!svc) return;
    const sel = strMap(at(svc, 'spec', 'selector'));
    if (Object.keys(sel).length === 0) return;
    const m = mapMatcher(sel);
    const pods = [...this.ctx.store.list('Pod')].filter((p) => p.metadata.namespace === svc.metadata.namespace && m(labelsOf(p)));
    const ready = pods.filter((p) => isReady(p) && !isTerminating(p) && str(at(p, 'status', 'podIP')));
    const endpoints = ready.map((p) => ({ addresses: [str(at(p, 'status', 'podIP'))], conditions: { ready: true }, nodeName: str(at(p, 'spec', 'nodeName')), targetRef: { kind: 'Pod', namespace: p.metadata.namespace, name: p.metadata.name } }));
    const ports = arr(at(svc, 'spec', 'ports')).map(obj).map((p) => ({ name: str(p?.name) ?? '', protocol: str(p?.protocol) ?? 'TCP', port: targetPort(p ?? {}, ready[0]) }));
    this.write(svc, existing[0], endpoints, ports);
  }

  private slices(k: string): Stored[] {
    const [ns, name] = k.split('/');
    return [...this.ctx.store.list('EndpointSlice')].filter((s) => s.metadata.namespace === ns && s.metadata.labels?.[SERVICE_NAME] === name);
  }

  private write(svc: Stored, cur: Stored | undefined, endpoints: Json[], ports: Json[]): void {
    const body = { addressType: 'IPv4', endpoints, ports };
    if (cur && JSON.stringify([cur.endpoints, cur.ports]) === JSON.stringify([endpoints, ports])) return;
    if (cur) return void this.ctx.api.update(this.client(), { ...cur, ...body });
    this.ctx.api.create(this.client(), {
      apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
      metadata: { generateName: `${svc.metadata.name}-`, namespace: svc.metadata.namespace, labels: { [SERVICE_NAME]: svc.metadata.name ?? '' }, ownerReferences: ownerRefs(svc) },
      ...body,
    });
  }
}

/** targetPort: a number, a named container port, or (absent) the Service port. */
function targetPort(p: Json, pod: Stored | undefined): number {
  const t = p.targetPort ?? p.port;
  if (typeof t === 'number') return t;
  const named = pod ? containers(pod).flatMap((c) => arr(c.ports).map(obj)).find((cp) => cp?.name === t) : undefined;
  return typeof named?.containerPort === 'number' ? named.containerPort : typeof p.port === 'number' ? p.port : 0;
}

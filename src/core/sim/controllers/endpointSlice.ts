import { arr, mapMatcher, obj, str, strMap } from '../objects';
import { containers, isFinished, isReady, isTerminating, labelsOf } from '../pods';
import type { Stored } from '../store';
import type { Json, KubeObject } from '../types';
import { BaseController, keyOf } from './base';
import { ownerRefs } from './podTemplate';
import { asPod, asService } from '../typed';

const SERVICE_NAME = 'kubernetes.io/service-name';
const MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
const MIRRORING = 'endpointslicemirroring-controller.k8s.io';

/**
 * EndpointSlice controller (pkg/controller/endpointslice): for each Service with a selector,
 * one EndpointSlice listing the Ready, non-terminating pods that match (every pod with an IP that has not
 * finished, with `publishNotReadyAddresses`), with the target ports
 * resolved (a named targetPort is looked up in the pod's container ports).
 * A Service without a selector gets no EndpointSlice from it: its endpoints are the ones users
 * write, as EndpointSlices labelled with the Service's name, or as an Endpoints object of the same
 * name, which the EndpointSliceMirroring controller (pkg/controller/endpointslicemirroring) mirrors
 * into an EndpointSlice. Nothing is invented for it.
 */
export class EndpointSliceController extends BaseController {
  readonly name = 'endpointslice-controller';
  protected readonly kind = 'Service';

  /** Services with a selector and their compiled matchers; rebuilt after a Service changes (pod writes far outnumber them). */
  private selectors: { readonly namespace: string | undefined; readonly key: string; readonly matches: (labels: Record<string, string>) => boolean }[] | null = null;

  /** Watches Services and every pod change in their namespaces. */
  start(): this {
    this.ctx.store.watch('Service', (_t, s) => {
      this.selectors = null;
      this.queue.add(keyOf(s));
    });
    this.ctx.store.watch('Pod', (_t, p, old) => this.onPod(p, old));
    this.ctx.store.watch('Endpoints', (_t, e) => this.queue.add(keyOf(e)));
    return this;
  }

  private selectorServices(): NonNullable<EndpointSliceController['selectors']> {
    this.selectors ??= [...this.ctx.store.list('Service')].flatMap((s) => {
      const sel = strMap(asService(s).spec?.selector);
      return Object.keys(sel).length === 0 ? [] : [{ namespace: s.metadata.namespace, key: keyOf(s), matches: mapMatcher(sel) }];
    });
    return this.selectors;
  }

  private onPod(p: KubeObject, old: KubeObject | undefined): void {
    for (const s of this.selectorServices()) {
      if (s.namespace !== p.metadata.namespace) continue;
      if (s.matches(labelsOf(p)) || (old && s.matches(labelsOf(old)))) this.queue.add(s.key);
    }
  }

  reconcile(k: string): void {
    const svc = this.get(k);
    const existing = this.slices(k);
    if (!svc) return;
    const sel = strMap(asService(svc).spec?.selector);
    if (Object.keys(sel).length === 0) return this.mirror(svc, k, existing);
    const m = mapMatcher(sel);
    const pods = [...this.ctx.store.list('Pod')].filter((p) => p.metadata.namespace === svc.metadata.namespace && m(labelsOf(p)));
    // ShouldPodBeInEndpoints: every pod with an IP that has not finished is an endpoint, terminating ones included.
    // podToEndpoint (pkg/controller/util/endpointslice) gives its conditions: ready = publishNotReadyAddresses ||
    // IsPodReady, never while terminating unless publishNotReadyAddresses; serving = IsPodReady; terminating. kube-proxy
    // sends traffic to ready endpoints only, so a pod that runs but is not Ready is listed and gets none.
    const publish = asService(svc).spec?.publishNotReadyAddresses === true;
    const listed = pods.filter((p) => asPod(p).status?.podIP && !isFinished(p));
    const endpoints = listed.map((p) => {
      const terminating = isTerminating(p);
      const serving = isReady(p);
      const ready = publish || (serving && !terminating);
      return { addresses: [asPod(p).status?.podIP], conditions: { ready, serving, terminating }, nodeName: asPod(p).spec?.nodeName, targetRef: { kind: 'Pod', namespace: p.metadata.namespace, name: p.metadata.name } };
    });
    const ports = (asService(svc).spec?.ports ?? []).map(obj).map((p) => ({ name: str(p?.name) ?? '', protocol: str(p?.protocol) ?? 'TCP', port: targetPort(p ?? {}, listed[0]) }));
    this.write(svc, existing[0], endpoints, ports);
  }

  /** EndpointSliceMirroring: a selectorless Service's Endpoints object, as one EndpointSlice (its ready addresses). */
  private mirror(svc: Stored, k: string, existing: Stored[]): void {
    const [ns, name] = k.split('/');
    const ep = this.ctx.store.get('Endpoints', ns, name);
    const mine = existing.find((s) => s.metadata.labels?.[MANAGED_BY] === MIRRORING);
    if (!ep) {
      if (mine) this.ctx.api.delete(this.client(), 'EndpointSlice', ns, mine.metadata.name ?? '');
      return;
    }
    const subsets = arr((ep as unknown as Json).subsets).map(obj);
    const endpoints = subsets.flatMap((s) => arr(s?.addresses).map(obj).map((a) => ({ addresses: [str(a?.ip)], conditions: { ready: true } })));
    const ports = subsets.flatMap((s) => arr(s?.ports).map(obj).map((p) => ({ name: str(p?.name) ?? '', protocol: str(p?.protocol) ?? 'TCP', port: p?.port })));
    this.write(svc, mine, endpoints, ports, { [MANAGED_BY]: MIRRORING });
  }

  private slices(k: string): Stored[] {
    const [ns, name] = k.split('/');
    return [...this.ctx.store.list('EndpointSlice')].filter((s) => s.metadata.namespace === ns && s.metadata.labels?.[SERVICE_NAME] === name);
  }

  private write(svc: Stored, cur: Stored | undefined, endpoints: Json[], ports: Json[], labels: Record<string, string> = {}): void {
    const body = { addressType: 'IPv4', endpoints, ports };
    if (cur && JSON.stringify([cur.endpoints, cur.ports]) === JSON.stringify([endpoints, ports])) return;
    if (cur) return void this.ctx.api.update(this.client(), { ...cur, ...body });
    this.ctx.api.create(this.client(), {
      apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
      metadata: { generateName: `${svc.metadata.name}-`, namespace: svc.metadata.namespace, labels: { [SERVICE_NAME]: svc.metadata.name ?? '', ...labels }, ownerReferences: ownerRefs(svc) },
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

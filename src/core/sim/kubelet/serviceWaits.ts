import { arr, obj, str } from '../objects';
import type { Store } from '../store';
import { asService } from '../typed';
import type { ServiceWait } from './lifetime';

const SERVICE_NAME = 'kubernetes.io/service-name';

/** Called when the Service a loop waits for (or its endpoints) changed; returns true when the wait is over. */
type Wake = () => boolean;

/**
 * The pods whose init container loops until a Service answers (lifetime.ts `serviceWait`), woken when that
 * Service or one of its EndpointSlices is written: what the loop's next `nslookup` or `nc -z` would find. One
 * registry per store, its watches added when the first loop waits: each write then costs one map lookup, and
 * a run where nothing waits pays nothing.
 */
export class ServiceWaits {
  private static readonly byStore = new WeakMap<Store, ServiceWaits>();
  private readonly waiters = new Map<string, Set<Wake>>();

  private constructor(private readonly store: Store) {
    store.watch('Service', (_t, s) => this.wake(s.metadata.namespace, s.metadata.name ?? ''));
    store.watch('EndpointSlice', (_t, s) => {
      const service = s.metadata.labels?.[SERVICE_NAME];
      if (service !== undefined) this.wake(s.metadata.namespace, service);
    });
  }

  /** The registry of `store`. */
  static of(store: Store): ServiceWaits {
    let w = ServiceWaits.byStore.get(store);
    if (!w) ServiceWaits.byStore.set(store, (w = new ServiceWaits(store)));
    return w;
  }

  /** Calls `wake` after each change to Service `namespace/name` until it returns true; returns a function that stops it. */
  add(namespace: string, name: string, wake: Wake): () => void {
    const k = `${namespace}/${name}`;
    let set = this.waiters.get(k);
    if (!set) this.waiters.set(k, (set = new Set()));
    set.add(wake);
    return () => this.drop(k, wake);
  }

  /**
   * Whether the loop's check succeeds now, for a pod in `podNamespace`. DNS: cluster DNS answers for a Service once it
   * exists (a headless one only with a ready endpoint, its records being the endpoints' addresses; an ExternalName one
   * with its CNAME); a name of the form `name.other` whose namespace does not exist falls through the pod's search list
   * to an outside name, taken as resolving. A connection (`nc -z`, `wget`, `curl`) needs a ready endpoint
   * (https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/#services).
   */
  resolves(podNamespace: string, w: ServiceWait): boolean {
    const ns = w.namespace ?? podNamespace;
    if (w.maybeExternal && !this.store.get('Namespace', undefined, ns)) return true;
    const svc = this.store.get('Service', ns, w.service);
    if (!svc) return false;
    const spec = asService(svc).spec;
    if (spec?.type === 'ExternalName') return true;
    if (w.needs === 'dns' && spec?.clusterIP !== 'None') return true;
    return this.readyEndpoint(ns, w.service);
  }

  private readyEndpoint(ns: string, service: string): boolean {
    for (const slice of this.store.list('EndpointSlice')) {
      if (slice.metadata.namespace !== ns || slice.metadata.labels?.[SERVICE_NAME] !== service) continue;
      const endpoints = arr((slice as unknown as { endpoints?: unknown }).endpoints);
      if (endpoints.some((e) => obj(obj(e)?.conditions)?.ready !== false && str(arr(obj(e)?.addresses)[0]) !== undefined)) return true;
    }
    return false;
  }

  private wake(namespace: string | undefined, name: string): void {
    const k = `${namespace ?? 'default'}/${name}`;
    const set = this.waiters.get(k);
    if (!set) return;
    for (const w of [...set]) if (w()) this.drop(k, w);
  }

  private drop(k: string, wake: Wake): void {
    const set = this.waiters.get(k);
    if (!set) return;
    set.delete(wake);
    if (set.size === 0) this.waiters.delete(k);
  }
}

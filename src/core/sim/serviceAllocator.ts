import { arr, obj, str } from './objects';
import type { Json, KubeObject } from './types';
import { NODE_PORT_MAX, NODE_PORT_MIN } from './validation';

/**
 * The API server's Service allocators: a ClusterIP from the service CIDR
 * (--service-cluster-ip-range; .1 is the `kubernetes` Service) and a NodePort from
 * 30000-32767 (--service-node-port-range) for NodePort and LoadBalancer Services.
 * kube-apiserver picks at random; the simulator takes the lowest free one, for determinism.
 */
export class ServiceAllocator {
  private readonly usedIps = new Set<number>([1]);
  private readonly usedPorts = new Set<number>();
  private readonly base: number;
  private readonly size: number;

  constructor(serviceSubnet: string) {
    const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(serviceSubnet) ?? ['', '10', '96', '0', '0', '12'];
    this.base = ((Number(m[1]) << 24) | (Number(m[2]) << 16) | (Number(m[3]) << 8) | Number(m[4])) >>> 0;
    this.size = Math.min(2 ** (32 - Number(m[5])), 1 << 20);
  }

  /** The Service with its ClusterIP and NodePorts filled in; an error string when a range is exhausted. */
  admit(svc: KubeObject): KubeObject | string {
    const spec = obj(svc.spec) ?? {};
    const type = str(spec.type) ?? 'ClusterIP';
    if (type === 'ExternalName') return svc;
    const clusterIP = spec.clusterIP === 'None' ? 'None' : str(spec.clusterIP) || this.nextIp();
    if (!clusterIP) return 'Internal error occurred: failed to allocate a serviceIP: range is full';
    const wantsNodePort = type === 'NodePort' || type === 'LoadBalancer';
    const ports: Json[] = [];
    for (const p of arr(spec.ports).map(obj)) {
      const nodePort = wantsNodePort ? (typeof p?.nodePort === 'number' ? this.take(p.nodePort) : this.nextPort()) : undefined;
      if (wantsNodePort && nodePort === null) return `Service "${svc.metadata.name}" is invalid: spec.ports: Invalid value: provided port is already allocated`;
      ports.push({ protocol: 'TCP', ...p, ...(nodePort ? { nodePort } : {}) });
    }
    return { ...svc, spec: { ...spec, type, clusterIP, clusterIPs: [clusterIP], ports } };
  }

  /** Frees a deleted Service's addresses. */
  release(svc: KubeObject): void {
    const ip = str(obj(svc.spec)?.clusterIP);
    if (ip && ip !== 'None') this.usedIps.delete(this.offset(ip));
    for (const p of arr(obj(svc.spec)?.ports).map(obj)) if (typeof p?.nodePort === 'number') this.usedPorts.delete(p.nodePort);
  }

  private nextIp(): string | null {
    for (let i = 10; i < this.size - 1; i++) {
      if (this.usedIps.has(i)) continue;
      this.usedIps.add(i);
      const n = (this.base + i) >>> 0;
      return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
    }
    return null;
  }

  private offset(ip: string): number {
    const p = ip.split('.').map(Number);
    return ((((p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3]) >>> 0) - this.base);
  }

  private nextPort(): number | null {
    for (let p = NODE_PORT_MIN; p <= NODE_PORT_MAX; p++) if (this.take(p) !== null) return p;
    return null;
  }

  private take(port: number): number | null {
    if (this.usedPorts.has(port)) return null;
    this.usedPorts.add(port);
    return port;
  }
}

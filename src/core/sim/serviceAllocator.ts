import { arr, obj, str } from './objects';
import { Prng } from './prng';
import type { Json, KubeObject } from './types';
import { NODE_PORT_MAX, NODE_PORT_MIN } from './validation';

/** A parsed --service-cluster-ip-range: the network address and the number of addresses. */
export interface ServiceSubnet { readonly base: number; readonly size: number }

/**
 * Parses an IPv4 service CIDR, or returns why kube-apiserver would refuse to start with it
 * (cmd/kube-apiserver/app/options/validation.go: "the mask must be >= 12" for 32-bit addresses).
 */
export function parseServiceSubnet(cidr: string): ServiceSubnet | string {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  const octets = m ? m.slice(1, 5).map(Number) : [];
  const prefix = m ? Number(m[5]) : -1;
  if (!m || octets.some((o) => o > 255) || prefix > 32) return `invalid service subnet "${cidr}": expected an IPv4 CIDR such as 10.96.0.0/12`;
  if (32 - prefix > 20) return `invalid service subnet "${cidr}": specified --service-cluster-ip-range is too large; for 32-bit addresses, the mask must be >= 12`;
  if (32 - prefix < 2) return `invalid service subnet "${cidr}": the range has no usable addresses`;
  const size = 2 ** (32 - prefix);
  const ip = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
  return { base: ip - (ip % size), size };
}

/** pkg/registry/core/service/ipallocator/bitmap.go calculateRangeOffset: the static band is min(max(16, size/16), 256) addresses. */
export function ipStaticBand(size: number): number {
  return size <= 16 ? 0 : Math.min(Math.max(16, Math.floor(size / 16)), 256);
}

/** pkg/registry/core/service/portallocator/allocator.go calculateRangeOffset: min(max(16, size/32), 128) ports. */
export function portStaticBand(size: number): number {
  return size <= 16 ? 0 : Math.min(Math.max(16, Math.floor(size / 32)), 128);
}

/** Offsets reserved at cluster start: .1 is default/kubernetes (the first address), .10 kube-system/kube-dns (kubeadm's and kind's convention, https://kubernetes.io/docs/concepts/services-networking/cluster-ip-allocation/). */
export const KUBERNETES_SERVICE_OFFSET = 1;
export const KUBE_DNS_SERVICE_OFFSET = 10;

/**
 * The API server's Service allocators: a ClusterIP from the service CIDR
 * (--service-cluster-ip-range) and a NodePort from 30000-32767 (--service-node-port-range).
 * As kube-apiserver does (https://kubernetes.io/docs/concepts/services-networking/cluster-ip-allocation/,
 * https://kubernetes.io/docs/concepts/services-networking/service/#avoid-nodeport-collisions),
 * a dynamic allocation starts at a random place in the upper band and scans for a free one,
 * falling back to the lower (static) band only when the upper one is full. The randomness is
 * a PRNG of its own with a fixed seed: deterministic, and independent of pod names.
 */
export class ServiceAllocator {
  private readonly usedIps = new Set<number>([KUBE_DNS_SERVICE_OFFSET]);
  private readonly usedPorts = new Set<number>();
  private readonly prng = new Prng(0x73766370);
  private readonly subnet: ServiceSubnet | null;
  /** Why the subnet is unusable, or null. */
  readonly error: string | null;

  constructor(serviceSubnet: string) {
    const parsed = parseServiceSubnet(serviceSubnet);
    this.subnet = typeof parsed === 'string' ? null : parsed;
    this.error = typeof parsed === 'string' ? parsed : null;
  }

  /** The address at an offset of the range (offset 1 = the `kubernetes` Service's). */
  ipAt(offset: number): string {
    const n = ((this.subnet?.base ?? 0) + offset) >>> 0;
    return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
  }

  /** The Service with its ClusterIP and NodePorts filled in; an error string when it cannot be. */
  admit(svc: KubeObject): KubeObject | string {
    const spec = obj(svc.spec) ?? {};
    const type = str(spec.type) ?? 'ClusterIP';
    if (type === 'ExternalName') return svc;
    if (!this.subnet) return `Internal error occurred: failed to allocate a serviceIP: ${this.error ?? 'no service subnet'}`;
    const name = svc.metadata.name ?? '';
    const requested = str(spec.clusterIP);
    const clusterIP = requested === 'None' ? 'None' : requested ? this.takeIp(requested, name) : this.nextIp();
    if (!clusterIP) return 'Internal error occurred: failed to allocate a serviceIP: range is full';
    if (clusterIP.startsWith('Service ')) return clusterIP;
    const wantsNodePort = type === 'NodePort' || type === 'LoadBalancer';
    const ports: Json[] = [];
    const taken: number[] = [];
    for (const [i, p] of arr(spec.ports).map(obj).entries()) {
      const nodePort = wantsNodePort ? (typeof p?.nodePort === 'number' ? this.take(p.nodePort) : this.nextPort()) : undefined;
      if (wantsNodePort && nodePort === null) {
        this.rollback(clusterIP, taken);
        return typeof p?.nodePort === 'number'
          ? `Service "${name}" is invalid: spec.ports[${i}].nodePort: Invalid value: ${p.nodePort}: provided port is already allocated`
          : 'Internal error occurred: failed to allocate a nodePort: range is full';
      }
      if (nodePort) taken.push(nodePort);
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

  private rollback(clusterIP: string, ports: number[]): void {
    if (clusterIP !== 'None') this.usedIps.delete(this.offset(clusterIP));
    for (const p of ports) this.usedPorts.delete(p);
  }

  /** A statically requested ClusterIP: inside the range and free, as the allocator's Allocate(ip) checks. */
  private takeIp(ip: string, name: string): string {
    const off = /^\d{1,3}(\.\d{1,3}){3}$/.test(ip) ? this.offset(ip) : -1;
    const invalid = `Service "${name}" is invalid: spec.clusterIPs: Invalid value: ["${ip}"]: failed to allocate IP ${ip}: `;
    if (off < 1 || off >= (this.subnet?.size ?? 0) - 1) return invalid + `the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${this.cidr()}`;
    if (this.usedIps.has(off)) return invalid + 'provided IP is already allocated';
    this.usedIps.add(off);
    return ip;
  }

  private cidr(): string {
    const size = this.subnet?.size ?? 1;
    return `${this.ipAt(0)}/${32 - Math.log2(size)}`;
  }

  /** Random start in the upper band [band+1, size-2], then the lower band [1, band] (network and broadcast never used). */
  private nextIp(): string | null {
    const size = this.subnet?.size ?? 0;
    const band = ipStaticBand(size);
    const off = this.scan(band + 1, size - 2, (i) => this.usedIps.has(i)) ?? this.scan(1, band, (i) => this.usedIps.has(i));
    if (off === null) return null;
    this.usedIps.add(off);
    return this.ipAt(off);
  }

  private offset(ip: string): number {
    const p = ip.split('.').map(Number);
    return ((((p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3]) >>> 0) - (this.subnet?.base ?? 0));
  }

  private nextPort(): number | null {
    const band = portStaticBand(NODE_PORT_MAX - NODE_PORT_MIN + 1);
    const used = (p: number): boolean => this.usedPorts.has(p);
    const port = this.scan(NODE_PORT_MIN + band, NODE_PORT_MAX, used) ?? this.scan(NODE_PORT_MIN, NODE_PORT_MIN + band - 1, used);
    return port === null ? null : this.take(port);
  }

  /** randomScanStrategy: a random start in [lo, hi], then the next free value, wrapping around. */
  private scan(lo: number, hi: number, used: (v: number) => boolean): number | null {
    const n = hi - lo + 1;
    if (n <= 0) return null;
    const start = Math.floor(this.prng.next() * n);
    for (let i = 0; i < n; i++) {
      const v = lo + ((start + i) % n);
      if (!used(v)) return v;
    }
    return null;
  }

  private take(port: number): number | null {
    if (this.usedPorts.has(port)) return null;
    this.usedPorts.add(port);
    return port;
  }
}

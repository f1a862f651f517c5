import { DELAYS } from './stages';

/**
 * containerd on one host, as far as the kubelet sees it over CRI: which images are present and when the
 * kubelet's puller gets to the next one (pulls are serialised, the kubelet's serializeImagePulls default), and the pod IPs that the
 * CNI plugin hands out from the node's podCIDR (host-local IPAM: .1 is the bridge gateway).
 */
export class Containerd {
  private readonly images = new Map<string, number>();
  private readonly usedIps = new Set<number>();
  private nextIp = 2;

  constructor(private readonly podCidrBase: string | null) {}

  /** When the kubelet's image puller is free again: it pulls one image at a time (serializeImagePulls). */
  private pullerFreeAt = 0;

  /**
   * When an image is ready for a container starting now, whether it had to be pulled, and how long its own pull took
   * (`pulling`; the rest of `ready - now` it waited for the puller). The kubelet pulls one image at a time
   * (KubeletConfiguration serializeImagePulls, true by default,
   * https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/), so a second image waits for the first;
   * a container whose image is being pulled for another pod waits for that pull.
   */
  pull(image: string, policy: string, now: number): { ready: number; pulled: 'fresh' | 'present' | 'recheck'; pulling: number } {
    const at = this.images.get(image);
    if (at === undefined) {
      const ready = Math.max(now, this.pullerFreeAt) + DELAYS.imagePull;
      this.pullerFreeAt = ready;
      this.images.set(image, ready);
      return { ready, pulled: 'fresh', pulling: DELAYS.imagePull };
    }
    if (at > now) return { ready: at, pulled: 'fresh', pulling: at - now };
    if (policy !== 'Always') return { ready: now, pulled: 'present', pulling: 0 };
    const ready = Math.max(now, this.pullerFreeAt) + DELAYS.imageRecheck;
    this.pullerFreeAt = ready;
    return { ready, pulled: 'recheck', pulling: DELAYS.imageRecheck };
  }

  /** Allocates a pod IP, or null when the node has no podCIDR or it is full. */
  allocateIp(): string | null {
    if (!this.podCidrBase) return null;
    for (let i = 0; i < 253; i++) {
      const n = this.nextIp;
      this.nextIp = n >= 254 ? 2 : n + 1;
      if (!this.usedIps.has(n)) {
        this.usedIps.add(n);
        return this.podCidrBase + n;
      }
    }
    return null;
  }

  /**
   * The FailedCreatePodSandBox message for a RuntimeClass handler containerd has no runtime for, or null. kind's
   * containerd configures `runc` (the default) and `test-handler` (a runc alias for the conformance tests); the text
   * is containerd's (internal/cri: getSandboxRuntime, wrapped by getSandboxController) under the kubelet's prefix.
   */
  handlerError(handler: string): string | null {
    if (handler === 'runc' || handler === 'test-handler') return null;
    return `Failed to create pod sandbox: rpc error: code = Unknown desc = failed to get sandbox runtime: no runtime for "${handler}" is configured`;
  }

  /**
   * The FailedCreatePodSandBox message when no IP can be allocated. The range-exhausted text is host-local
   * IPAM's ("no IP addresses available in range set"); the no-podCIDR wording is the simulator's own.
   */
  sandboxError(): string {
    const cause = this.podCidrBase ? `failed to allocate for range 0: no IP addresses available in range set: ${this.podCidrBase}1-${this.podCidrBase}254`
      : 'no podCIDR is assigned to this node, so host-local IPAM has no range to allocate from';
    return `Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox: plugin type="bridge" failed (add): ${cause}`;
  }

  /** Releases a pod IP. */
  releaseIp(ip: string | null | undefined): void {
    if (ip && this.podCidrBase && ip.startsWith(this.podCidrBase)) this.usedIps.delete(Number(ip.slice(this.podCidrBase.length)));
  }

  /** The host lost power: running containers and their network namespaces are gone (images stay on disk). */
  reset(): void {
    this.usedIps.clear();
  }
}

/** The /24 of the cluster pod CIDR for node index `i` ("10.244.3.0/24"), as node-ipam-controller allocates. */
export function nodePodCidr(podSubnet: string, i: number): string | null {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(podSubnet);
  if (!m) return null;
  const base = ((Number(m[1]) << 24) | (Number(m[2]) << 16) | (Number(m[3]) << 8)) >>> 0;
  const count = 2 ** Math.max(0, 24 - Number(m[5]));
  if (i >= count) return null;
  const n = (base + i * 256) >>> 0;
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.0/24`;
}

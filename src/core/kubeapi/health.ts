/**
 * `/version`, `/livez`, `/readyz` and `/healthz` as kube-apiserver v1.33 answers them
 * (https://kubernetes.io/docs/reference/using-api/health-checks/): `?verbose` lists every check; the
 * etcd check fails while etcd has no quorum, so `kubectl get --raw='/readyz?verbose'` shows it.
 */
import { KUBELET_VERSION } from '../sim/nodes';

/** `GET /version` */
export function version(): object {
  const [major, minor] = KUBELET_VERSION.replace(/^v/, '').split('.');
  return {
    major, minor, emulationMajor: major, emulationMinor: minor, minCompatibilityMajor: major, minCompatibilityMinor: String(Number(minor) - 1),
    gitVersion: KUBELET_VERSION, gitCommit: '', gitTreeState: 'clean', buildDate: '2025-04-23T00:00:00Z', goVersion: 'go1.24.2', compiler: 'gc', platform: 'linux/amd64',
  };
}

const CHECKS = ['ping', 'log', 'etcd', 'etcd-readiness', 'informer-sync', 'poststarthook/start-apiserver-admission-initializer', 'poststarthook/generic-apiserver-start-informers',
  'poststarthook/start-system-namespaces-controller', 'poststarthook/bootstrap-controller', 'poststarthook/scheduling/bootstrap-system-priority-classes',
  'poststarthook/apiservice-registration-controller', 'shutdown'] as const;
const LIVEZ = new Set(['ping', 'log', 'etcd', 'poststarthook/start-apiserver-admission-initializer', 'poststarthook/generic-apiserver-start-informers',
  'poststarthook/start-system-namespaces-controller', 'poststarthook/bootstrap-controller', 'poststarthook/scheduling/bootstrap-system-priority-classes',
  'poststarthook/apiservice-registration-controller']);

/** The text and outcome of a health endpoint (`/readyz`, `/readyz/etcd`, `/livez?verbose`, …). */
export function health(path: string, verbose: boolean, etcdHealthy: boolean): { ok: boolean; text: string } {
  const [endpoint, ...single] = path.slice(1).split('/');
  const checks = CHECKS.filter((c) => endpoint === 'readyz' || LIVEZ.has(c));
  const failed = (c: string): boolean => !etcdHealthy && (c === 'etcd' || c === 'etcd-readiness');
  if (single.length) {
    const name = single.join('/');
    if (!(checks as readonly string[]).includes(name)) return { ok: false, text: `404 page not found\n` };
    return failed(name) ? { ok: false, text: `internal server error: ${name} failed: reason withheld\n` } : { ok: true, text: 'ok' };
  }
  const ok = !checks.some(failed);
  if (ok && !verbose) return { ok, text: 'ok' };
  const lines = checks.map((c) => (failed(c) ? `[-]${c} failed: reason withheld` : `[+]${c} ok`));
  return { ok, text: `${lines.join('\n')}\n${endpoint} check ${ok ? 'passed' : 'failed'}\n` };
}

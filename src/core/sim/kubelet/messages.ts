/** Event messages the kubelet records, built once per image or container name (150,000 pods share a handful). */
import type { KubeObject } from '../types';
import type { HookRun } from './lifetime';
import type { Waiting } from './podStatus';

interface Messages { readonly pulling: string; readonly present: string; readonly created: string; readonly started: string; readonly pulled: Map<number, string> }
const messageCache = new Map<string, Messages>();

/** The cached messages for an image or container name. */
export function messages(s: string): Messages {
  let m = messageCache.get(s);
  if (m === undefined) {
    if (messageCache.size > 10_000) messageCache.clear();
    m = {
      pulling: `Pulling image "${s}"`, present: `Container image "${s}" already present on machine`,
      created: `Created container: ${s}`, started: `Started container ${s}`, pulled: new Map(),
    };
    messageCache.set(s, m);
  }
  return m;
}

/**
 * Simulated image size in bytes: not a registry's real number but a deterministic one derived
 * from the image name (FNV-1a hash → 20–200 MB), so the same image always reports the same size.
 */
export function imageSize(image: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < image.length; i++) h = Math.imul(h ^ image.charCodeAt(i), 0x01000193) >>> 0;
  return 20_000_000 + (h % 180_000_000);
}

/** A whole number of seconds as Go's time.Duration prints it ("5s", "1m5s", "1h0m0s"). */
export function goDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (h > 0) return `${h}h${m}m${s % 60}s`;
  return m > 0 ? `${m}m${s % 60}s` : `${s % 60}s`;
}

/**
 * The Pulled event's message when a pull took `seconds` and completed `waited` seconds after the kubelet asked for it,
 * its wait for the serialised puller included (pkg/kubelet/images/image_manager.go, v1.33: "Successfully pulled image
 * %q in %v (%v including waiting). Image size: %v bytes.").
 */
export function pulledMessage(image: string, seconds: number, waited = seconds): string {
  const m = messages(image);
  const key = seconds * 1e6 + waited;
  let s = m.pulled.get(key);
  if (s === undefined) {
    m.pulled.set(key, (s = `Successfully pulled image "${image}" in ${goDuration(seconds)} (${goDuration(waited)} including waiting). Image size: ${imageSize(image)} bytes.`));
  }
  return s;
}

/** BackOff event (pkg/kubelet/kuberuntime/kuberuntime_manager.go doBackOff; format.Pod is "name_namespace(uid)"). */
export function backOffMessage(container: string, name: string, namespace: string, uid: unknown): string {
  return `Back-off restarting failed container ${container} in pod ${formatPod(name, namespace, uid)}`;
}

/** pkg/kubelet/util/format.Pod: "name_namespace(uid)". */
function formatPod(name: string, namespace: string, uid: unknown): string {
  return `${name}_${namespace}(${String(uid)})`;
}

/**
 * Why a container waits after its postStart hook failed: kuberuntime's ErrPostStartHook ("PostStartHookError") with
 * the handler runner's message (pkg/kubelet/lifecycle/handlers.go; an exec hook's error is cri-client's ExecSync
 * "command '%s' exited with %d: %s", its stderr empty here; format.Pod is "name_namespace(uid)").
 */
export function hookFailure(hook: HookRun, container: string, pod: KubeObject): Waiting {
  const p = formatPod(pod.metadata.name ?? '', pod.metadata.namespace ?? 'default', pod.metadata.uid);
  const command = (hook.command ?? []).join(' ');
  const message = `Exec lifecycle hook ([${command}]) for Container ${JSON.stringify(container)} in Pod ${JSON.stringify(p)} failed - error: command '${command}' exited with ${hook.code}: , message: ${JSON.stringify(hook.output)}`;
  return { container, reason: 'PostStartHookError', message };
}

/** Default imagePullPolicy: Always for :latest or untagged images, else IfNotPresent (https://kubernetes.io/docs/concepts/containers/images/#imagepullpolicy-defaulting). */
export function pullPolicy(image: string, explicit: unknown): string {
  if (typeof explicit === 'string') return explicit;
  let p = defaultPolicies.get(image);
  if (p === undefined) {
    if (defaultPolicies.size > 10_000) defaultPolicies.clear();
    defaultPolicies.set(image, (p = defaultPullPolicy(image)));
  }
  return p;
}
const defaultPolicies = new Map<string, string>();

function defaultPullPolicy(image: string): string {
  const tag = image.includes('@') ? 'digest' : (/:([^/:]+)$/.exec(image)?.[1] ?? 'latest');
  return tag === 'latest' ? 'Always' : 'IfNotPresent';
}

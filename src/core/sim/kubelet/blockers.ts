/**
 * What keeps a pod's containers from starting, with the kubelet's own reasons and messages:
 * - an image reference that does not parse: InvalidImageName (pkg/kubelet/images/image_manager.go
 *   `applyDefaultImageTag`, event InspectFailed; the reference grammar of distribution/reference);
 * - an image no registry can serve: ErrImagePull, then ImagePullBackOff with the image back-off
 *   (10 s doubling to 300 s, pkg/kubelet/kubelet.go `imageBackOffPeriod`/`MaxImageBackOff`). The simulator
 *   knows a pull fails when the registry host ends in `.invalid` (RFC 6761: such names never resolve), or
 *   when the tag is a version Docker Hub's official nginx image cannot have (see {@link missingTag});
 * - a ConfigMap or Secret missing for a volume: the pod stays ContainerCreating with FailedMount
 *   (pkg/volume/configmap, pkg/volume/secret; operation_generator.go "MountVolume.SetUp failed for volume");
 * - a ConfigMap or Secret (or one of its keys) missing for `env`/`envFrom`: CreateContainerConfigError
 *   (pkg/kubelet/kubelet_pods.go `makeEnvironmentVariables`). `optional: true` is honoured everywhere.
 */
import { arr, obj, str } from '../objects';
import type { Json } from '../types';

/** distribution/reference: [domain[:port]/]path-component(/path-component)*[:tag][@digest]. */
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN = '(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\\.(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?))*(?::[0-9]+)?';
const REFERENCE = new RegExp(`^(?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*(?::[\\w][\\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$`);

/** Whether `image` is a valid image reference (what `applyDefaultImageTag` parses). */
export function validImage(image: string): boolean {
  return image.length > 0 && image.length <= 255 && REFERENCE.test(image);
}

/** The registry host of a reference, or "" for Docker Hub. */
function registryOf(image: string): string {
  const slash = image.indexOf('/');
  if (slash < 0) return '';
  const first = image.slice(0, slash);
  return first.includes('.') || first.includes(':') || first === 'localhost' ? first.replace(/:\d+$/, '') : '';
}

/** Whether a pull of `image` can never succeed (its registry is under the reserved `.invalid` TLD, or its tag does not exist). */
export function pullFails(image: string): boolean {
  return registryOf(image).endsWith('.invalid') || missingTag(image);
}

/** Docker Hub's `library/nginx` repository: nginx has shipped 1.x versions only, up to 1.29 (2025). */
const NGINX = /^(?:(?:docker\.io|index\.docker\.io)\/)?(?:library\/)?nginx:(\d+)(?:\.(\d+))?(?:\.\d+)?(?:-[\w.-]+)?$/;
const NGINX_LATEST_MINOR = 29;

/**
 * A tag the registry does not have, for the one image whose versions are certain enough: the official nginx image
 * (https://hub.docker.com/_/nginx), whose tags are 1.N or 1.N.P versions with N at most 29, or names (latest, stable,
 * alpine…). So the Deployment page's typo `nginx:1.161` (for 1.16.1) fails to pull, and its rollout gets stuck
 * (https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#rolling-back-a-deployment). Other tags of
 * other images are taken to exist.
 */
export function missingTag(image: string): boolean {
  const m = NGINX.exec(image);
  if (!m) return false;
  return Number(m[1]) !== 1 || (m[2] !== undefined && Number(m[2]) > NGINX_LATEST_MINOR);
}

const problems = new Map<string, 'invalid' | 'fails' | null>();

/** What is wrong with an image reference, memoized (150,000 pods share a handful of images). */
export function imageProblem(image: string): 'invalid' | 'fails' | null {
  let p = problems.get(image);
  if (p === undefined) {
    if (problems.size > 10_000) problems.clear();
    problems.set(image, (p = !validImage(image) ? 'invalid' : pullFails(image) ? 'fails' : null));
  }
  return p;
}

/** The InspectFailed message for an unparsable reference (image_manager.go). */
export function invalidImageMessage(image: string): string {
  return `Failed to apply default image tag "${image}": couldn't parse image name "${image}": invalid reference format`;
}

/** containerd's error for a registry that does not resolve, or a tag it does not have, as CRI returns it. */
export function pullErrorMessage(image: string): string {
  if (missingTag(image)) {
    const ref = `docker.io/library/${image.slice(image.lastIndexOf('/') + 1)}`;
    return `rpc error: code = NotFound desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ${ref}: not found`;
  }
  const host = registryOf(image);
  const rest = image.slice(host.length + 1);
  const at = rest.lastIndexOf(':');
  const [repo, tag] = at > 0 && !rest.slice(at).includes('/') ? [rest.slice(0, at), rest.slice(at + 1)] : [rest, 'latest'];
  const ref = `${host}/${repo}:${tag}`;
  return `rpc error: code = Unknown desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": `
    + `failed to do request: Head "https://${host}/v2/${repo}/manifests/${tag}": dial tcp: lookup ${host}: no such host`;
}

/** The image back-off: 10 s, doubling, at most 300 s (kubelet.go backOffPeriod / MaxImageBackOff). */
export function imageBackOff(failures: number): number {
  return Math.min(10 * 2 ** Math.max(0, failures - 1), 300);
}

/** Looks up a ConfigMap's or Secret's data keys in the pod's namespace (null when it does not exist). */
export type ConfigLookup = (kind: 'ConfigMap' | 'Secret', name: string) => ReadonlySet<string> | null;

const NOUN = { ConfigMap: 'configmap', Secret: 'secret' } as const;

/** The first volume whose ConfigMap/Secret (or projected source) is missing: the FailedMount message. */
export function missingVolume(spec: Json, lookup: ConfigLookup): string | null {
  for (const v of arr(spec.volumes).map(obj)) {
    if (!v) continue;
    const sources: [('ConfigMap' | 'Secret'), Json | undefined][] = [['ConfigMap', obj(v.configMap)], ['Secret', obj(v.secret)]];
    for (const s of arr(obj(v.projected)?.sources).map(obj)) sources.push(['ConfigMap', obj(s?.configMap)], ['Secret', obj(s?.secret)]);
    for (const [kind, src] of sources) {
      if (!src || src.optional === true) continue;
      const name = str(kind === 'Secret' && !obj(v.projected) ? src.secretName : src.name) ?? '';
      const data = lookup(kind, name);
      const missing = data === null ? `${NOUN[kind]} "${name}" not found`
        : arr(src.items).map(obj).map((i) => str(i?.key)).find((k) => k !== undefined && !data.has(k));
      if (missing === undefined) continue;
      // pkg/volume/configmap/configmap.go and pkg/volume/secret/secret.go
      const why = data === null ? missing : kind === 'Secret' ? `secret references non-existent secret key: ${missing}` : `configmap references non-existent config key: ${missing}`;
      return `MountVolume.SetUp failed for volume "${str(v.name) ?? ''}" : ${why}`;
    }
  }
  return null;
}

/** The first env / envFrom reference a container cannot resolve: the CreateContainerConfigError message. */
export function missingEnv(container: Json, namespace: string, lookup: ConfigLookup): string | null {
  for (const e of arr(container.envFrom).map(obj)) {
    for (const [kind, ref] of [['ConfigMap', obj(e?.configMapRef)], ['Secret', obj(e?.secretRef)]] as const) {
      if (!ref || ref.optional === true) continue;
      const name = str(ref.name) ?? '';
      if (lookup(kind, name) === null) return `${NOUN[kind]} "${name}" not found`;
    }
  }
  for (const e of arr(container.env).map(obj)) {
    const from = obj(e?.valueFrom);
    for (const [kind, ref] of [['ConfigMap', obj(from?.configMapKeyRef)], ['Secret', obj(from?.secretKeyRef)]] as const) {
      if (!ref || ref.optional === true) continue;
      const name = str(ref.name) ?? '';
      const data = lookup(kind, name);
      if (data === null) return `${NOUN[kind]} "${name}" not found`;
      const key = str(ref.key) ?? '';
      if (!data.has(key)) return `couldn't find key ${key} in ${kind} ${namespace}/${name}`;
    }
  }
  return null;
}

/** Whether a pod spec refers to any ConfigMap or Secret at all (pods that do not skip every lookup). */
export function refersToConfig(spec: Json): boolean {
  const text = JSON.stringify([spec.volumes ?? null, arr(spec.containers).map((c) => [obj(c)?.env ?? null, obj(c)?.envFrom ?? null]),
    arr(spec.initContainers).map((c) => [obj(c)?.env ?? null, obj(c)?.envFrom ?? null])]);
  return /configMap|secret/i.test(text);
}

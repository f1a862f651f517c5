/**
 * Discovery as kubectl meets it: before sending an object, kubectl maps its apiVersion and kind to a
 * resource the server serves, and refuses the object when there is none:
 *   error: resource mapping not found for name: "web" namespace: "" from "web.yaml":
 *   no matches for kind "Deployment" in version "extensions/v1beta1"
 *   ensure CRDs are installed first
 * (k8s.io/apimachinery/pkg/api/meta NoKindMatchError). Versions removed before v1.33 (extensions/v1beta1,
 * apps/v1beta2, batch/v1beta1, policy/v1beta1…) and kinds a built-in group does not have are refused
 * that way, with a hint naming the version that serves the kind. A group v1.33 does not have is a
 * custom resource's (a CRD), stored but not simulated.
 */
import { closest } from './suggest';
import { kindNames, servedVersionsOf } from './table';
import type { ServedVersion } from './table';

/** What discovery says about an apiVersion and kind. */
export type Discovery =
  /** Served by default (a GA version). */
  | { readonly status: 'served'; readonly served: ServedVersion }
  /** Served only when the cluster enables it: alpha and beta APIs are off by default since v1.24. */
  | { readonly status: 'disabled-by-default'; readonly served: ServedVersion; readonly message: string }
  /** A built-in group that does not serve this kind at this version: kubectl refuses it. */
  | { readonly status: 'no-match'; readonly message: string }
  /** A group v1.33 does not have: a custom resource, or a tool's config file. */
  | { readonly status: 'custom' };

/** Groups that existed in earlier releases and are gone (extensions/v1beta1 was removed in v1.22). */
const REMOVED_GROUPS = ['extensions'];

let builtinGroups: ReadonlySet<string> | undefined;

/** The API groups of v1.33 (`''` is the core group, apiVersion `v1`). */
function groups(): ReadonlySet<string> {
  if (!builtinGroups) {
    const set = new Set<string>(REMOVED_GROUPS);
    for (const kind of kindNames()) for (const v of servedVersionsOf(kind)) set.add(v.group);
    builtinGroups = set;
  }
  return builtinGroups;
}

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** Discovery of an apiVersion and kind against v1.33's API. */
export function discover(apiVersion: string, kind: string): Discovery {
  const versions = servedVersionsOf(kind);
  const served = versions.find((v) => v.apiVersion === apiVersion);
  if (served) {
    if (served.stability === 'ga') return { status: 'served', served };
    const ga = versions.filter((v) => v.stability === 'ga');
    const instead = ga.length > 0 ? `; ${hint(kind, ga)}` : '';
    return {
      status: 'disabled-by-default', served,
      message: `${apiVersion} is a${served.stability === 'alpha' ? 'n alpha' : ' beta'} API: a v1.33 cluster serves it only when enabled (kube-apiserver --runtime-config=${apiVersion}=true)${instead}`,
    };
  }
  const group = groupOf(apiVersion);
  // Kubernetes-style lists (`kind: List`, `DeploymentList`) are flattened by kubectl before mapping.
  if (!groups().has(group) || kind.endsWith('List')) return { status: 'custom' };
  const message = `no matches for kind ${JSON.stringify(kind)} in version ${JSON.stringify(apiVersion)}`;
  if (versions.length > 0) return { status: 'no-match', message: `${message} (${hint(kind, versions)})` };
  const guess = closest(kind, kindNames());
  return { status: 'no-match', message: guess ? `${message} (did you mean ${JSON.stringify(guess)}? ${hint(guess, servedVersionsOf(guess))})` : message };
}

/** `Deployment is served as apps/v1 in v1.33`, GA versions first. */
function hint(kind: string, versions: readonly ServedVersion[]): string {
  const ga = versions.filter((v) => v.stability === 'ga');
  const list = (ga.length > 0 ? ga : versions).map((v) => v.apiVersion);
  const names = list.length === 1 ? list[0] : `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}`;
  return `${kind} is served as ${names} in v1.33`;
}

/** The code lens above each workload and Service: its live state in one line (pure; drawn by src/vscode/editorFeatures.ts). */
import { podSpecPath } from '../manifests';
import type { EditorLive } from '../view/facts';
import { isMap } from 'yaml';
import { lensTitle, type ServiceShape } from './fields/live';
import type { YamlOutline } from './yamlOutline';

/** A code lens to draw: at the object's offset, its live state as a title. */
export interface WorkloadLens {
  readonly offset: number;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly title: string;
}

const LENS_KINDS = (kind: string): boolean => kind === 'Service' || podSpecPath(kind) !== undefined;

/** What the lens of a Service says beyond the live row: whether it selects pods, and an ExternalName's name. */
function serviceShape(d: YamlOutline['documents'][number]): ServiceShape {
  const selector = d.doc?.getIn(['spec', 'selector']);
  const externalName = d.doc?.getIn(['spec', 'externalName']);
  return {
    selector: isMap(selector) && selector.items.length > 0,
    ...(d.doc?.getIn(['spec', 'type']) === 'ExternalName' && typeof externalName === 'string' ? { externalName } : {}),
  };
}

/** One lens above each workload and Service of the document that the simulation knows. */
export function workloadLenses(outline: YamlOutline, live: EditorLive): WorkloadLens[] {
  const lenses: WorkloadLens[] = [];
  for (const d of outline.documents) {
    if (!d.kind || !d.name || d.template || !LENS_KINDS(d.kind) || d.objectOffset === undefined) continue;
    const namespace = d.namespace ?? 'default';
    const title = lensTitle(d.kind, namespace, d.name, live, d.kind === 'Service' ? serviceShape(d) : undefined);
    if (title) lenses.push({ offset: d.objectOffset, kind: d.kind, namespace, name: d.name, title });
  }
  return lenses;
}

import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../core/sim';

/**
 * kind cluster configs (`kind: Cluster`, `apiVersion: kind.x-k8s.io/v1alpha4`) have no
 * metadata, so the manifest layer rejects them as Kubernetes objects. The CLI reads them
 * here, and drops the manifest layer's diagnostics for the lines they span.
 */
export function kindConfigs(text: string): { configs: KubeObject[]; lines: Array<[number, number]> } {
  const out: { configs: KubeObject[]; lines: Array<[number, number]> } = { configs: [], lines: [] };
  if (!text.includes('kind.x-k8s.io/')) return out;
  for (const doc of parseAllDocuments(text) as ReturnType<typeof parseAllDocuments> & unknown[]) {
    if (!('toJS' in doc) || doc.errors.length) continue;
    const v = doc.toJS({ maxAliasCount: 100 }) as Record<string, unknown> | null;
    if (!v || v.kind !== 'Cluster' || typeof v.apiVersion !== 'string' || !v.apiVersion.startsWith('kind.x-k8s.io/')) continue;
    out.configs.push({ ...v, metadata: (v.metadata as KubeObject['metadata']) ?? {} } as KubeObject);
    const [start, , end] = doc.range ?? [0, 0, 0];
    out.lines.push([lineOf(text, start), lineOf(text, end)]);
  }
  return out;
}

function lineOf(text: string, offset: number): number {
  let n = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/**
 * Nothing dropped silently: every field of a kind the engine simulates (as the v1.33 API table lists it)
 * is either modelled (a `yes`/`partly` teaching entry, or MODELLED_WITHOUT_LESSON) or reported as not
 * modelled (a `no` teaching entry, which the CLI, the editor diagnostics and the hover all read).
 * A field added to the API, or a kind added to SIMULATED_KINDS, fails here until someone decides.
 */
import assert from 'node:assert/strict';
import { getModel, servedVersions, type ApiType } from '../../../src/core/api';
import { MODELLED_WITHOUT_LESSON, TEACHING } from '../../../src/core/knowledge/fields/teaching';
import { teachingKey } from '../../../src/core/knowledge/fields/paths';
import { unmodelledFields } from '../../../src/core/knowledge/fields/unmodelled';
import { SIMULATED_KINDS } from '../../../src/core/sim/objects';

/** Models whose fields are walked one by one (below them a field's entry covers its children). */
const DESCEND = new Set(['V1PodSpec', 'V1Container', 'V1Volume', 'V1ServicePort']);
/** Fields every object has: the type, the server's status, and metadata (ObjectMeta is taught under `meta:`). */
const SKIP = new Set(['apiVersion', 'kind', 'metadata', 'status']);
/** Workload templates: their pod spec is walked once, under Pod (the keys are the same `pod:` keys). */
const TEMPLATES = new Set(['template', 'jobTemplate']);

const modelOf = (t: ApiType): string | undefined => (t.kind === 'model' ? t.model : t.kind === 'array' || t.kind === 'map' ? modelOf(t.of) : undefined);

/** Each field of a kind: its path (`[]` as index 0) and teaching key. */
function fieldsOf(kind: string): { path: (string | number)[]; key: string }[] {
  const v = servedVersions(kind)[0];
  const out: { path: (string | number)[]; key: string }[] = [];
  const walk = (model: string, path: (string | number)[], top: boolean): void => {
    for (const f of getModel(model)?.fields.values() ?? []) {
      if (top && SKIP.has(f.jsonName)) continue;
      const fieldPath = [...path, f.jsonName];
      const child = modelOf(f.type);
      // `spec` itself is not a field anyone acts on: its fields are.
      if (top && f.jsonName === 'spec' && child) { walk(child, fieldPath, false); continue; }
      out.push({ path: fieldPath, key: teachingKey(kind, fieldPath) });
      if (TEMPLATES.has(f.jsonName) || !child || !DESCEND.has(child)) continue;
      walk(child, f.type.kind === 'array' ? [...fieldPath, 0] : fieldPath, false);
    }
  };
  if (v) walk(v.model, [], true);
  return out;
}

const covered = (key: string): boolean => TEACHING[key] !== undefined || MODELLED_WITHOUT_LESSON.has(key);

describe('field coverage: every field of a simulated kind is modelled or reported', () => {
  it('has a decision for every field of every simulated kind', () => {
    const silent = [...SIMULATED_KINDS].flatMap((kind) => fieldsOf(kind).filter((f) => !covered(f.key)).map((f) => f.key));
    assert.deepEqual([...new Set(silent)].sort(), []);
  });

  it('never says both: a field with a lesson is not also in MODELLED_WITHOUT_LESSON', () => {
    assert.deepEqual([...MODELLED_WITHOUT_LESSON].filter((k) => TEACHING[k]), []);
  });

  it('walks real fields: the Pod walk reaches hostPID, a container field and a volume source', () => {
    const keys = new Set(fieldsOf('Pod').map((f) => f.key));
    for (const k of ['pod:hostPID', 'pod:containers[].securityContext', 'pod:initContainers[].lifecycle', 'pod:volumes[].nfs']) assert.ok(keys.has(k), k);
    assert.ok(fieldsOf('PersistentVolume').some((f) => f.key === 'PersistentVolume:spec.mountOptions'));
  });

  it('reports the fields the audit found silent, at their paths, from the same table the editor reads', () => {
    const pv = { kind: 'PersistentVolume', spec: { mountOptions: ['hard'], persistentVolumeReclaimPolicy: 'Retain', hostPath: { path: '/data' } } };
    assert.deepEqual(unmodelledFields(pv).map((f) => f.key), ['PersistentVolume:spec.mountOptions', 'PersistentVolume:spec.hostPath']);
    const pod = { kind: 'Pod', spec: { hostPID: true, hostIPC: true, serviceAccount: 'x', dnsPolicy: 'None', containers: [{ securityContext: {}, volumeMounts: [] }] } };
    assert.deepEqual(unmodelledFields(pod).map((f) => f.key), ['pod:hostPID', 'pod:hostIPC', 'pod:dnsPolicy', 'pod:containers[].securityContext', 'pod:containers[].volumeMounts']);
    const svc = { kind: 'Service', spec: { sessionAffinity: 'ClientIP', ports: [{ port: 80, appProtocol: 'http' }] } };
    assert.deepEqual(unmodelledFields(svc).map((f) => f.key), ['Service:spec.sessionAffinity', 'Service:spec.ports[].appProtocol']);
  });
});

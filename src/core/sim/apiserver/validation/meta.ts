/**
 * ObjectMeta validation (staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go ValidateObjectMetaAccessor,
 * and pkg/apis/meta/v1/validation ValidateLabels), with apimachinery's messages.
 */
import { invalid, required, tooLong, type FieldError } from '../fieldErrors';
import { isDNS1123Label, isQualifiedName, isValidLabelValue, type NameFn } from './identifiers';
import { append } from '../../../arrays';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** TotalAnnotationSizeLimitB: 256 KiB of annotation keys and values per object. */
export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

/** Labels are cached by (frozen, shared) map: 150,000 pods of one template share one check. */
const labelCache = new WeakMap<object, readonly FieldError[]>();

/** ValidateLabels: every key a qualified name, every value a label value (the path names the map, not the key). */
export function validateLabels(labels: unknown, path: string): readonly FieldError[] {
  if (!isObj(labels)) return [];
  const hit = labelCache.get(labels);
  if (hit && path === 'metadata.labels') return hit;
  const out: FieldError[] = [];
  for (const [k, v] of Object.entries(labels)) {
    for (const msg of isQualifiedName(k)) out.push(invalid(path, k, msg));
    if (typeof v === 'string') for (const msg of isValidLabelValue(v)) out.push(invalid(path, v, msg));
  }
  if (path === 'metadata.labels') labelCache.set(labels, out);
  return out;
}

/** ValidateAnnotations: keys are qualified names (case-insensitively); keys and values total at most 256 KiB. */
export function validateAnnotations(annotations: unknown, path: string): FieldError[] {
  if (!isObj(annotations)) return [];
  const out: FieldError[] = [];
  let size = 0;
  for (const [k, v] of Object.entries(annotations)) {
    for (const msg of isQualifiedName(k.toLowerCase())) out.push(invalid(path, k, msg));
    size += k.length + (typeof v === 'string' ? v.length : 0);
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT) out.push(tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT));
  return out;
}

const ownerCache = new WeakMap<object, readonly FieldError[]>();

/** ValidateOwnerReferences: apiVersion (with a version), kind, name and uid; at most one controller. The path has no index, as apimachinery's. */
export function validateOwnerReferences(refs: unknown, path: string): readonly FieldError[] {
  if (!Array.isArray(refs)) return [];
  const hit = ownerCache.get(refs);
  if (hit) return hit;
  const out: FieldError[] = [];
  const controllers: string[] = [];
  for (const r of refs) {
    const ref = isObj(r) ? r : {};
    const apiVersion = typeof ref.apiVersion === 'string' ? ref.apiVersion : '';
    const version = apiVersion.includes('/') ? apiVersion.slice(apiVersion.indexOf('/') + 1) : apiVersion;
    if (version === '') out.push(invalid(`${path}.apiVersion`, apiVersion, 'version must not be empty'));
    for (const f of ['kind', 'name', 'uid']) {
      if (typeof ref[f] !== 'string' || ref[f] === '') out.push(invalid(`${path}.${f}`, typeof ref[f] === 'string' ? ref[f] : '', `${f} must not be empty`));
    }
    if (ref.controller === true) controllers.push(`${String(ref.kind)}/${String(ref.name)}`);
  }
  if (controllers.length > 1) {
    out.push(invalid(path, { printed: `[]v1.OwnerReference{…}` }, `Only one reference can have Controller set to true. Found "true" in references for ${controllers.join(' and ')}`));
  }
  ownerCache.set(refs, out);
  return out;
}

/** ValidateObjectMeta: name (or generateName) by the kind's rule, namespace, labels, annotations, ownerReferences. */
export function validateObjectMeta(meta: Json, nameFn: NameFn, namespaced: boolean): FieldError[] {
  const out: FieldError[] = [];
  const generateName = typeof meta.generateName === 'string' ? meta.generateName : '';
  if (generateName) for (const msg of nameFn(generateName, true)) out.push(invalid('metadata.generateName', generateName, msg));
  const name = typeof meta.name === 'string' ? meta.name : '';
  if (name === '') out.push(required('metadata.name', 'name or generateName is required'));
  else for (const msg of nameFn(name, false)) out.push(invalid('metadata.name', name, msg));
  const ns = typeof meta.namespace === 'string' ? meta.namespace : '';
  if (namespaced && ns) for (const msg of isDNS1123Label(ns)) out.push(invalid('metadata.namespace', ns, msg));
  append(out, validateLabels(meta.labels, 'metadata.labels'), validateAnnotations(meta.annotations, 'metadata.annotations'));
  append(out, validateOwnerReferences(meta.ownerReferences, 'metadata.ownerReferences'));
  return out;
}

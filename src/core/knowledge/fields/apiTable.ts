/**
 * The generated v1.33 API table (src/core/api) as the field hovers and diagnostics read it.
 * Descriptions are in a separate file loaded on the first field hover; until then a hover shows
 * the type and the teaching layer.
 */
import { fieldAt, getModel, modelFieldDoc, resolveKind, typeLabel, type ApiType } from '../../api';
import type { ApiField } from './apiDocs';
import type { FieldPath } from './paths';

function scalarFormat(type: ApiType): string | undefined {
  return type.kind === 'scalar' && ['int32', 'int64', 'date-time', 'quantity', 'int-or-string', 'byte'].includes(type.scalar) ? type.scalar : undefined;
}

/** The field at a path of an object, with its description when the descriptions are loaded; undefined off the schema. */
export function apiField(apiVersion: string, kind: string, path: FieldPath): ApiField | undefined {
  const at = fieldAt(apiVersion, kind, path);
  if (!at) return undefined;
  const last = path[path.length - 1];
  // A key of a map-valued field (a label, a nodeSelector entry) or an item of a list: describe the field, typed as the value.
  const own = last === at.field.jsonName;
  const description = modelFieldDoc(at.field.model, at.field.jsonName) ?? '';
  const type = own ? at.field.type : at.valueType;
  const format = scalarFormat(type);
  return {
    description, type: typeLabel(type), ...(format ? { format } : {}),
    ...(own && at.field.enum ? { enum: at.field.enum } : {}), ...(own && at.field.required ? { required: true } : {}),
  };
}

/** True when the last segment of the path is a field of the API (not a map key or list index below one). */
export function isApiFieldName(apiVersion: string, kind: string, path: FieldPath): boolean {
  const at = fieldAt(apiVersion, kind, path);
  return !!at && path[path.length - 1] === at.field.jsonName;
}

/** The field names the API knows for the object at `path` (the root when empty); undefined when it is not a model. */
export function apiChildren(apiVersion: string, kind: string, path: FieldPath): readonly string[] | undefined {
  let model: string | undefined;
  if (path.length === 0) model = resolveKind(apiVersion, kind)?.model;
  else {
    const at = fieldAt(apiVersion, kind, path);
    model = at?.valueType.kind === 'model' ? at.valueType.model : undefined;
  }
  const m = model ? getModel(model) : undefined;
  return m ? [...m.fields.keys()] : undefined;
}

/** True when the API serves this kind at this apiVersion. */
export function knownKind(apiVersion: string, kind: string): boolean {
  return resolveKind(apiVersion, kind) !== undefined;
}

/**
 * Decodes the request bodies client-go's typed clients send as `application/vnd.kubernetes.protobuf`
 * (kubectl's generators: `kubectl create deployment|namespace|configmap|secret|service|job|…`,
 * `kubectl autoscale`) into the same JSON object kubectl would have sent, so they go through the same
 * write path. The envelope is apimachinery's (k8s.io/apimachinery/pkg/runtime/serializer/protobuf): the
 * magic `k8s\0`, then a runtime.Unknown whose `raw` holds the kind's generated message. The fields of every
 * served kind's messages come from kubernetes/api's generated.proto (generated/protobufMessages.ts,
 * scripts/genProtobuf.ts). go-to-protobuf writes a non-pointer Go field even at its zero value, so zero
 * values are dropped unless the Go field is a pointer (what `omitempty` JSON would send); unknown fields
 * are skipped, as protobuf decoders do. Pure: bytes in, an object or an error message out.
 */
import { base64 } from '../base64';
import { KIND_MESSAGES, MESSAGES } from './generated/protobufMessages';

/** The Kubernetes protobuf envelope's media type. */
export const PROTOBUF_TYPE = 'application/vnd.kubernetes.protobuf';

const MAGIC = [0x6b, 0x38, 0x73, 0x00];
const META = 'k8s.io.apimachinery.pkg.apis.meta.v1.';

interface Field { readonly name: string; readonly type: string; readonly repeated: boolean; readonly pointer: boolean; readonly map?: readonly [string, string] }

const parsed = new Map<string, Map<number, Field>>();

function fieldsOf(message: string): Map<number, Field> | undefined {
  let fields = parsed.get(message);
  if (fields) return fields;
  const text = MESSAGES[message];
  if (text === undefined) return undefined;
  fields = new Map();
  for (const f of text.split(' ').filter(Boolean)) {
    const [no, name, type, flags = ''] = f.split(':');
    const map = type.includes('>') ? (type.split('>') as [string, string]) : undefined;
    fields.set(Number(no), { name, type: map ? 'map' : type, repeated: flags.includes('r'), pointer: flags.includes('p'), ...(map ? { map } : {}) });
  }
  parsed.set(message, fields);
  return fields;
}

class ProtobufError extends Error {}

/** A cursor over protobuf wire data. */
class Reader {
  pos = 0;
  constructor(readonly buf: Uint8Array, readonly end = buf.length) {}

  varint(): bigint {
    let result = BigInt(0);
    let shift = BigInt(0);
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new ProtobufError('unexpected end of data in a varint');
      const b = this.buf[this.pos++];
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
      shift += BigInt(7);
    }
    throw new ProtobufError('a varint longer than 10 bytes');
  }

  bytes(): Uint8Array {
    const n = Number(this.varint());
    if (n < 0 || this.pos + n > this.end) throw new ProtobufError('a length beyond the end of the data');
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  fixed(n: 4 | 8): DataView {
    if (this.pos + n > this.end) throw new ProtobufError('unexpected end of data in a fixed-size field');
    const view = new DataView(this.buf.buffer, this.buf.byteOffset + this.pos, n);
    this.pos += n;
    return view;
  }

  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 1) this.fixed(8);
    else if (wire === 2) this.bytes();
    else if (wire === 5) this.fixed(4);
    else throw new ProtobufError(`unsupported wire type ${wire}`);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

/** One scalar of `type` from the wire. */
function scalar(r: Reader, type: string, wire: number): unknown {
  if (type === 'string') return utf8.decode(r.bytes());
  if (type === 'bytes') return base64(r.bytes());
  if (type === 'double') return r.fixed(8).getFloat64(0, true);
  if (type === 'float') return r.fixed(4).getFloat32(0, true);
  if (wire !== 0) throw new ProtobufError(`a ${type} with wire type ${wire}`);
  const v = r.varint();
  if (type === 'bool') return v !== BigInt(0);
  if (type === 'int32') return Number(BigInt.asIntN(32, v));
  if (type === 'int64') return Number(BigInt.asIntN(64, v));
  return Number(v); // uint32, uint64
}

function isZero(v: unknown): boolean {
  return v === '' || v === 0 || v === false || v === undefined || (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0);
}

/** A message of `type` as JSON: the well-known apimachinery types as their JSON forms, the rest field by field. */
function message(bytes: Uint8Array, type: string, depth: number): unknown {
  if (depth > 100) throw new ProtobufError('messages nested deeper than 100 levels');
  const special = wellKnown(bytes, type, depth);
  if (special !== NOT_SPECIAL) return special;
  const fields = fieldsOf(type);
  if (!fields) throw new ProtobufError(`no message ${type}`);
  const r = new Reader(bytes);
  const out: Record<string, unknown> = {};
  while (r.pos < r.end) {
    const key = Number(r.varint());
    const no = Math.floor(key / 8);
    const wire = key % 8;
    const f = fields.get(no);
    if (!f) { r.skip(wire); continue; }
    if (f.map) {
      const [k, v] = entry(r.bytes(), f.map, depth);
      const m = (out[f.name] ??= {}) as Record<string, unknown>;
      m[String(k)] = v;
      continue;
    }
    const isScalar = !f.type.includes('.');
    if (f.repeated && isScalar && wire === 2 && f.type !== 'string' && f.type !== 'bytes') {
      const packed = new Reader(r.bytes());
      const list = (out[f.name] ??= []) as unknown[];
      while (packed.pos < packed.end) list.push(scalar(packed, f.type, f.type === 'double' ? 1 : f.type === 'float' ? 5 : 0));
      continue;
    }
    const value = isScalar ? scalar(r, f.type, wire) : message(r.bytes(), f.type, depth + 1);
    if (f.repeated) ((out[f.name] ??= []) as unknown[]).push(value);
    else out[f.name] = value;
  }
  // A non-pointer Go field is written even at its zero value: drop it, as omitempty JSON would.
  for (const f of fields.values()) if (!f.repeated && !f.map && !f.pointer && f.name in out && isZero(out[f.name])) delete out[f.name];
  return out;
}

/** One map entry (key = 1, value = 2), with the zero value for a missing one (a label's value may be ""). */
function entry(bytes: Uint8Array, [keyType, valueType]: readonly [string, string], depth: number): [unknown, unknown] {
  const r = new Reader(bytes);
  let k: unknown = keyType === 'string' ? '' : 0;
  let v: unknown = valueType === 'string' || valueType === 'bytes' ? '' : valueType.includes('.') ? undefined : 0;
  while (r.pos < r.end) {
    const key = Number(r.varint());
    const no = Math.floor(key / 8);
    const wire = key % 8;
    if (no === 1) k = scalar(r, keyType, wire);
    else if (no === 2) v = valueType.includes('.') ? message(r.bytes(), valueType, depth + 1) : scalar(r, valueType, wire);
    else r.skip(wire);
  }
  return [k, v ?? {}];
}

const NOT_SPECIAL = Symbol('not special');

/** apimachinery types whose JSON is not their protobuf shape (each type's MarshalJSON). */
function wellKnown(bytes: Uint8Array, type: string, depth: number): unknown {
  switch (type) {
    case `${META}Time`:
    case `${META}MicroTime`: {
      const t = message(bytes, 'k8s.io.apimachinery.pkg.runtime.TimeFields', depth);
      const { seconds = 0, nanos = 0 } = t as { seconds?: number; nanos?: number };
      if (seconds === 0 && nanos === 0) return undefined; // the zero time: null in JSON
      const iso = new Date(seconds * 1000 + Math.floor(nanos / 1e6)).toISOString();
      return type.endsWith('MicroTime') ? iso.replace(/\.(\d{3})Z$/, `.${String(Math.floor(nanos / 1000)).padStart(6, '0')}Z`) : iso.replace(/\.\d{3}Z$/, 'Z');
    }
    case `${META}Duration`: {
      const ns = (message(bytes, 'k8s.io.apimachinery.pkg.runtime.DurationFields', depth) as { duration?: number }).duration ?? 0;
      return goDuration(ns);
    }
    case 'k8s.io.apimachinery.pkg.api.resource.Quantity':
    case 'k8s.io.apimachinery.pkg.api.resource.QuantityValue':
      return (message(bytes, 'k8s.io.apimachinery.pkg.runtime.QuantityFields', depth) as { string?: string }).string ?? '0';
    case 'k8s.io.apimachinery.pkg.util.intstr.IntOrString': {
      const v = message(bytes, 'k8s.io.apimachinery.pkg.runtime.IntOrStringFields', depth) as { type?: number; intVal?: number; strVal?: string };
      return v.type === 1 ? v.strVal ?? '' : v.intVal ?? 0;
    }
    case 'k8s.io.apimachinery.pkg.runtime.RawExtension':
    case `${META}FieldsV1`: {
      const raw = new Reader(bytes);
      while (raw.pos < raw.end) {
        const key = Number(raw.varint());
        if (key === (1 << 3 | 2)) {
          const text = utf8.decode(raw.bytes());
          try {
            return text ? JSON.parse(text) as unknown : undefined;
          } catch {
            throw new ProtobufError(`${type.split('.').at(-1)} holds no JSON`);
          }
        }
        raw.skip(key % 8);
      }
      return undefined;
    }
    default:
      return NOT_SPECIAL;
  }
}

/** Go's time.Duration String(): `1h2m3s`, `1.5s`, `300ms`. */
function goDuration(ns: number): string {
  if (ns === 0) return '0s';
  const sign = ns < 0 ? '-' : '';
  let rest = Math.abs(ns);
  if (rest < 1e9) return `${sign}${rest >= 1e6 ? `${rest / 1e6}ms` : rest >= 1e3 ? `${rest / 1e3}µs` : `${rest}ns`}`;
  const h = Math.floor(rest / 3.6e12);
  rest -= h * 3.6e12;
  const m = Math.floor(rest / 6e10);
  rest -= m * 6e10;
  const s = rest / 1e9;
  return `${sign}${h ? `${h}h` : ''}${h || m ? `${m}m` : ''}${s}s`;
}

// The shapes behind the well-known types (their generated.proto fields), decoded with the same reader.
const HELPERS: Record<string, string> = {
  'k8s.io.apimachinery.pkg.runtime.TimeFields': '1:seconds:int64 2:nanos:int32',
  'k8s.io.apimachinery.pkg.runtime.DurationFields': '1:duration:int64',
  'k8s.io.apimachinery.pkg.runtime.QuantityFields': '1:string:string',
  'k8s.io.apimachinery.pkg.runtime.IntOrStringFields': '1:type:int64 2:intVal:int32 3:strVal:string',
};
for (const [name, text] of Object.entries(HELPERS)) {
  parsed.set(name, new Map(text.split(' ').map((f) => {
    const [no, n, t] = f.split(':');
    return [Number(no), { name: n, type: t, repeated: false, pointer: true }];
  })));
}

/**
 * A protobuf request body as the JSON object it stands for, or why it cannot be read (the caller answers
 * 400 with it, as kube-apiserver does for a body it cannot decode).
 */
export function decodeProtobuf(body: Uint8Array): { object: Record<string, unknown> } | { error: string } {
  try {
    if (body.length < 4 || MAGIC.some((b, i) => body[i] !== b)) throw new ProtobufError('provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]');
    const unknown = message(body.subarray(4), 'k8s.io.apimachinery.pkg.runtime.Unknown', 0) as { typeMeta?: { apiVersion?: string; kind?: string }; raw?: string; contentEncoding?: string };
    const apiVersion = unknown.typeMeta?.apiVersion ?? '';
    const kind = unknown.typeMeta?.kind ?? '';
    if (unknown.contentEncoding) throw new ProtobufError(`content encoding ${unknown.contentEncoding} is not supported`);
    const type = KIND_MESSAGES[`${apiVersion}/${kind}`];
    if (!type) throw new ProtobufError(`no kind "${kind}" is registered for version "${apiVersion}" in the protobuf decoder`);
    const raw = Uint8Array.from(atob(unknown.raw ?? ''), (c) => c.charCodeAt(0));
    const object = message(raw, type, 0) as Record<string, unknown>;
    return { object: { apiVersion, kind, ...object } };
  } catch (err) {
    if (err instanceof ProtobufError) return { error: err.message };
    throw err;
  }
}

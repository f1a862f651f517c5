import type { SessionRequest, SessionSource, SourcedInput } from '../../shared/session';

/** Most objects one apply request may carry (a workspace's worth). */
export const MAX_APPLY_OBJECTS = 10_000;
/** Longest step one request may ask for: a simulated week. */
export const MAX_SECONDS = 7 * 24 * 3600;
const MAX_STRING = 253;

type Raw = Record<string, unknown>;

/**
 * Checks an untrusted session request (from a worker message or a lesson script): exactly the
 * known fields with the right types and bounds. Returns the typed request or why it is refused.
 */
export function parseSessionRequest(raw: unknown): SessionRequest.Any | string {
  if (!isRecord(raw)) return 'a request must be an object';
  const r = raw;
  switch (r.type) {
    case 'apply': return fields(r, ['objects']) ?? applyRequest(r);
    case 'delete': return fields(r, ['kind', 'namespace', 'name']) ?? (text(r.kind) && text(r.name) && (r.namespace === undefined || text(r.namespace))
      ? { type: 'delete', kind: r.kind as string, name: r.name as string, ...(r.namespace === undefined ? {} : { namespace: r.namespace as string }) } : 'delete needs kind and name (strings)');
    case 'fail':
    case 'heal': return fields(r, ['target']) ?? (text(r.target) ? { type: r.type, target: r.target as string } : `${r.type} needs a target such as "worker-1" or "worker-1/kubelet"`);
    case 'advance': return fields(r, ['seconds']) ?? (seconds(r.seconds) ? { type: 'advance', seconds: r.seconds as number } : `advance needs seconds between 0 and ${MAX_SECONDS}`);
    case 'runUntil': return fields(r, ['time']) ?? (time(r.time) ? { type: 'runUntil', time: r.time as number } : 'runUntil needs a time (seconds, >= 0)');
    case 'runUntilSettled': return fields(r, ['maxSeconds']) ?? (r.maxSeconds === undefined || seconds(r.maxSeconds) ? { type: 'runUntilSettled', ...(r.maxSeconds === undefined ? {} : { maxSeconds: r.maxSeconds as number }) } : `maxSeconds must be between 0 and ${MAX_SECONDS}`);
    case 'seek': return fields(r, ['time']) ?? (time(r.time) ? { type: 'seek', time: r.time as number } : 'seek needs a time (seconds, >= 0)');
    case 'snapshotAt': return fields(r, ['time']) ?? (r.time === undefined || time(r.time) ? { type: 'snapshotAt', ...(r.time === undefined ? {} : { time: r.time as number }) } : 'snapshotAt takes a time (seconds, >= 0)');
    case 'journalSince': return fields(r, ['seq', 'limit']) ?? (count(r.seq) && (r.limit === undefined || count(r.limit)) ? { type: 'journalSince', seq: r.seq as number, ...(r.limit === undefined ? {} : { limit: r.limit as number }) } : 'journalSince needs seq (and optionally limit) as whole numbers >= 0');
    case 'status': return fields(r, []) ?? { type: 'status' };
    case 'nodes': return fields(r, ['offset', 'limit']) ?? (count(r.offset) && count(r.limit) ? { type: 'nodes', offset: r.offset as number, limit: r.limit as number } : 'nodes needs offset and limit as whole numbers >= 0');
    case 'pods': return fields(r, ['offset', 'limit', 'node']) ?? (count(r.offset) && count(r.limit) && (r.node === undefined || text(r.node))
      ? { type: 'pods', offset: r.offset as number, limit: r.limit as number, ...(r.node === undefined ? {} : { node: r.node as string }) } : 'pods needs offset and limit as whole numbers >= 0 (and optionally a node name)');
    default: return `unknown request type ${JSON.stringify(String(r.type)).slice(0, 80)}`;
  }
}

function applyRequest(r: Raw): SessionRequest.Apply | string {
  if (!Array.isArray(r.objects) || r.objects.length > MAX_APPLY_OBJECTS) return `apply needs objects: a list of at most ${MAX_APPLY_OBJECTS}`;
  const objects: SourcedInput[] = [];
  for (const [i, o] of r.objects.entries()) {
    if (!isRecord(o) || Object.keys(o).some((k) => k !== 'object' && k !== 'source')) return `objects[${i}] must be { object, source? }`;
    const source = o.source === undefined ? undefined : sourceOf(o.source);
    if (source === null) return `objects[${i}].source must be { file, line, column }`;
    objects.push(source ? { object: o.object, source } : { object: o.object });
  }
  return { type: 'apply', objects };
}

function sourceOf(v: unknown): SessionSource | null {
  if (!isRecord(v) || typeof v.file !== 'string' || v.file.length > 4096 || !count(v.line) || !count(v.column)) return null;
  return { file: v.file, line: v.line as number, column: v.column as number };
}

/** Refuses fields other than `type` and the allowed ones. */
function fields(r: Raw, allowed: readonly string[]): string | undefined {
  const extra = Object.keys(r).find((k) => k !== 'type' && !allowed.includes(k));
  return extra === undefined ? undefined : `${String(r.type)} does not take "${extra.slice(0, 40)}"`;
}

function isRecord(v: unknown): v is Raw {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function text(v: unknown): boolean {
  return typeof v === 'string' && v.length > 0 && v.length <= MAX_STRING;
}

function seconds(v: unknown): boolean {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= MAX_SECONDS;
}

function time(v: unknown): boolean {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0;
}

function count(v: unknown): boolean {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

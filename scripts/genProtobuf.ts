/**
 * Generates src/core/kubeapi/generated/protobufMessages.ts, the table the served API decodes
 * `application/vnd.kubernetes.protobuf` request bodies with (src/core/kubeapi/protobuf.ts): for every
 * message reachable from the served kinds, its fields by number, with their JSON name, type, and whether
 * the Go field is a pointer (go-to-protobuf writes a non-pointer field even at its zero value, so the
 * decoder drops zero values except where the Go field is a pointer, as `omitempty` JSON would).
 *
 * Read from checkouts of kubernetes/api and kubernetes/apimachinery (their generated.proto files for the
 * numbers, their Go types for the pointers):
 *   npx tsx scripts/genProtobuf.ts PATH/TO/kubernetes/api PATH/TO/kubernetes/apimachinery
 * Field numbers are never reused in Kubernetes' protobuf, so a newer checkout decodes older clients too.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RESOURCES } from '../src/core/kubeapi/resources';

interface Field { no: number; name: string; type: string; repeated: boolean; map?: [string, string] }

const [apiDir, machineryDir] = process.argv.slice(2);
if (!apiDir || !machineryDir) {
  console.error('usage: tsx scripts/genProtobuf.ts KUBERNETES_API_DIR APIMACHINERY_DIR');
  process.exit(2);
}

const SCALARS = new Set(['string', 'bytes', 'bool', 'int32', 'int64', 'uint32', 'uint64', 'double', 'float']);
const messages = new Map<string, Field[]>();
const pointers = new Set<string>(); // "package.Message#fieldNo"

/** Parses one generated.proto (proto2 as go-to-protobuf writes it: no nesting, map<> fields). */
function readProto(file: string): void {
  const text = fs.readFileSync(file, 'utf8').replace(/\/\/.*$/gm, '');
  const pkg = /^package ([\w.]+);/m.exec(text)?.[1];
  if (!pkg) return;
  const resolve = (t: string): string => (SCALARS.has(t) ? t : t.startsWith('.') ? t.slice(1) : `${pkg}.${t}`);
  for (const m of text.matchAll(/^message (\w+) \{([^}]*)\}/gm)) {
    const fields: Field[] = [];
    for (const f of m[2].matchAll(/^\s*(?:(optional|repeated) )?(map<\s*([\w.]+)\s*,\s*([\w.]+)\s*>|[\w.]+) (\w+) = (\d+);/gm)) {
      const [, label, type, key, value, name, no] = f;
      if (key && value) fields.push({ no: Number(no), name, type: 'map', repeated: false, map: [resolve(key), resolve(value)] });
      else fields.push({ no: Number(no), name, type: resolve(type), repeated: label === 'repeated' });
    }
    messages.set(`${pkg}.${m[1]}`, fields);
  }
}

/** Records which fields are Go pointers, from the `protobuf:"…,N,…"` struct tags of the package's Go files. */
function readGo(dir: string, pkg: string): void {
  for (const file of fs.readdirSync(dir)) {
    if (!file.endsWith('.go') || file.endsWith('_test.go') || file.startsWith('zz_') || file.startsWith('generated')) continue;
    let struct = '';
    for (const line of fs.readFileSync(path.join(dir, file), 'utf8').split('\n')) {
      const start = /^type (\w+) struct \{/.exec(line);
      if (start) { struct = start[1]; continue; }
      if (/^\}/.test(line)) { struct = ''; continue; }
      const field = struct ? /^\s+\w+\s+(\*?)[\w.[\]*]+\s+`[^`]*protobuf:"\w+,(\d+),/.exec(line) : null;
      if (field?.[1] === '*') pointers.add(`${pkg}.${struct}#${field[2]}`);
    }
  }
}

function walk(dir: string, visit: (dir: string) => void): void {
  visit(dir);
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) if (e.isDirectory() && !e.name.startsWith('.')) walk(path.join(dir, e.name), visit);
}

for (const [root, prefix] of [[apiDir, 'k8s.io.api'], [machineryDir, 'k8s.io.apimachinery']] as const) {
  walk(root, (dir) => {
    const proto = path.join(dir, 'generated.proto');
    if (!fs.existsSync(proto)) return;
    readProto(proto);
    const rel = path.relative(root, dir).split(path.sep).join('.');
    readGo(dir, `${prefix}.${rel}`);
  });
}

/** The protobuf package of a served group/version (`apps` → k8s.io.api.apps.v1, core → k8s.io.api.core.v1). */
function packageOf(group: string, version: string): string {
  return `k8s.io.api.${group === '' ? 'core' : group.replace(/\.k8s\.io$/, '').replace(/\.authorization$/, '')}.${version}`;
}

// Every message reachable from a served kind (and the envelope's runtime.Unknown).
const roots = RESOURCES.map((r) => `${packageOf(r.group, r.version)}.${r.kind}`).filter((m) => messages.has(m));
const keep = new Set<string>();
const queue = [...roots, 'k8s.io.apimachinery.pkg.runtime.Unknown'];
while (queue.length > 0) {
  const m = queue.pop() as string;
  if (keep.has(m) || !messages.has(m)) continue;
  keep.add(m);
  for (const f of messages.get(m) ?? []) for (const t of f.map ?? [f.type]) if (!SCALARS.has(t)) queue.push(t);
}

/** A field as one string: `no:name:type[:flags]` (flags: r repeated, p pointer; a map's type is `key>value`). */
const table: Record<string, string> = {};
for (const m of [...keep].sort()) {
  table[m] = (messages.get(m) ?? []).map((f) => {
    const flags = `${f.repeated ? 'r' : ''}${pointers.has(`${m}#${f.no}`) ? 'p' : ''}`;
    return `${f.no}:${f.name}:${f.map ? f.map.join('>') : f.type}${flags ? ':' + flags : ''}`;
  }).join(' ');
}
const kinds: Record<string, string> = {};
for (const r of RESOURCES) {
  const m = `${packageOf(r.group, r.version)}.${r.kind}`;
  if (keep.has(m)) kinds[`${r.group ? r.group + '/' : ''}${r.version}/${r.kind}`] = m;
}

const out = `// Generated by scripts/genProtobuf.ts from kubernetes/api and kubernetes/apimachinery (generated.proto
// field numbers, Go struct tags for pointers). Do not edit.

/** Each message's fields: \`number:jsonName:type[:flags]\` separated by spaces (flags: r repeated, p pointer; maps \`key>value\`). */
export const MESSAGES: Readonly<Record<string, string>> = ${JSON.stringify(table, null, 2)};

/** The message of each served kind, by \`apiVersion/kind\`. */
export const KIND_MESSAGES: Readonly<Record<string, string>> = ${JSON.stringify(kinds, null, 2)};
`;
const target = path.join(__dirname, '..', 'src', 'core', 'kubeapi', 'generated', 'protobufMessages.ts');
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.writeFileSync(target, out);
console.log(`${keep.size} messages, ${Object.keys(kinds).length} kinds → ${path.relative(process.cwd(), target)}`);

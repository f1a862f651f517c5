/**
 * Generates the Kubernetes API table of src/core/api from `@kubernetes/client-node` (generated from
 * the v1.33 OpenAPI): `npm run gen:api` writes
 *   - src/core/api/generated/apiTypes.ts: every model reachable from the served kinds (JSON name, type,
 *     format, required, enum values) and discovery (the group/versions that serve each kind);
 *   - src/core/api/generated/apiDocs.json: the API's descriptions per model and field, shortened, apart
 *     so the extension loads them only on the first field hover.
 * client-node drops the descriptions of fields that refer to another model; those come from `kubernetes-models`
 * (the same OpenAPI, v1.33, as JSDoc). Both packages are build-time dev dependencies: only these files ship. `generateApiTable()` is also
 * run by test/unit/api/generated.test.ts, which fails when the committed files differ from it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { API_ENUMS, GO_NAMED_TYPES } from './apiEnums';

const PACKAGE = '@kubernetes/client-node';
const PACKAGE_VERSION = '1.3.0';
/** Field descriptions client-node lacks (see fieldDocsFromModels): the release generated from Kubernetes v1.33. */
const MODELS_PACKAGE = 'kubernetes-models';
const MODELS_VERSION = '4.5.1';
const OUT_DIR = path.resolve(__dirname, '../src/core/api/generated');

/**
 * Fields whose OpenAPI type is `resource.Quantity` (a string in client-node, which loses the $ref):
 * every `resource.Quantity` and `ResourceList` field of the v1.33 Go types
 * (staging/src/k8s.io/api/{core,node,storage,autoscaling,resource}/*\/types.go).
 */
const QUANTITY_FIELDS: Readonly<Record<string, readonly string[]>> = {
  V1ResourceRequirements: ['limits', 'requests'],
  V1VolumeResourceRequirements: ['limits', 'requests'],
  V1PodSpec: ['overhead'],
  V1EmptyDirVolumeSource: ['sizeLimit'],
  V1ResourceFieldSelector: ['divisor'],
  V1NodeStatus: ['allocatable', 'capacity'],
  V1PersistentVolumeSpec: ['capacity'],
  V1PersistentVolumeClaimStatus: ['allocatedResources', 'capacity'],
  V1ResourceQuotaSpec: ['hard'],
  V1ResourceQuotaStatus: ['hard', 'used'],
  V1LimitRangeItem: ['default', 'defaultRequest', 'max', 'maxLimitRequestRatio', 'min'],
  V1ContainerStatus: ['allocatedResources'],
  V1Overhead: ['podFixed'],
  V1CSIStorageCapacity: ['capacity', 'maximumVolumeSize'],
  V2MetricTarget: ['averageValue', 'value'],
  V2MetricValueStatus: ['averageValue', 'value'],
  V1beta1DeviceCapacity: ['value'],
  V1beta2DeviceCapacity: ['value'],
};

interface Attribute { readonly name: string; readonly baseName: string; readonly type: string; readonly format: string }
interface ParsedModel { readonly attributes: readonly Attribute[]; readonly optional: ReadonlySet<string>; readonly docs: Record<string, string> }
interface ServedKind { readonly kind: string; readonly apiVersion: string; readonly model: string; readonly namespaced: boolean; readonly resource: string }

export interface GeneratedFiles { readonly typesTs: string; readonly docsJson: string; readonly modelsTs: string }

/** The package's root directory (resolved through node_modules like any import). */
function packageRoot(): string {
  return path.dirname(require.resolve(`${PACKAGE}/package.json`));
}

/** Reads the package and returns the two files' contents (deterministic: sorted, no timestamps). */
export function generateApiTable(): GeneratedFiles {
  const root = packageRoot();
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  if (pkg.version !== PACKAGE_VERSION) throw new Error(`${PACKAGE} ${pkg.version} is installed; the table is generated from ${PACKAGE_VERSION}`);
  const gen = path.join(root, 'dist/gen');
  const apiVersion = /OpenAPI spec version: (v[\d.]+)/.exec(fs.readFileSync(path.join(gen, 'models/V1Pod.js'), 'utf8'))?.[1];
  if (!apiVersion) throw new Error('cannot find the OpenAPI spec version in V1Pod.js');

  // Only the models and API classes the package exports: dist/gen also holds stale files of removed versions.
  const modelNames = [...fs.readFileSync(path.join(gen, 'models/all.js'), 'utf8').matchAll(/models\/(\w+)\.js/g)].map((m) => m[1]);
  const models = new Map(modelNames.map((n) => [n, readModel(gen, n)]));
  const kinds = servedKinds(gen, models);

  const reachable = new Set<string>();
  const visit = (name: string): void => {
    if (reachable.has(name)) return;
    const model = models.get(name);
    if (!model) throw new Error(`model ${name} is referenced but not exported`);
    reachable.add(name);
    for (const a of model.attributes) for (const ref of modelRefs(a.type)) visit(ref);
  };
  for (const k of kinds) visit(k.model);
  checkHandLists(models);

  const sortedModels = [...reachable].sort();
  const typesTs = renderTypes(apiVersion, sortedModels, models, kinds);
  const docs: Record<string, Record<string, string>> = {};
  const fill = fieldDocsFromModels();
  for (const name of sortedModels) {
    // client-node drops the description of a field that refers to another model (`lifecycle.postStart`, a
    // Deployment's `template`, a container's `livenessProbe`): those come from kubernetes-models' JSDoc.
    const model = models.get(name)!;
    const d = { ...fill(name, model.attributes.map((a) => a.baseName)), ...model.docs };
    const shortened: Record<string, string> = {};
    for (const key of Object.keys(d).sort()) {
      const s = shorten(d[key]);
      if (s) shortened[key] = s;
    }
    if (Object.keys(shortened).length > 0) docs[name] = shortened;
  }
  const docsJson = JSON.stringify({ apiVersion, source: `${PACKAGE}@${PACKAGE_VERSION}, ${MODELS_PACKAGE}@${MODELS_VERSION}`, models: docs }) + '\n';
  return { typesTs, docsJson, modelsTs: renderModels(apiVersion, sortedModels, models) };
}

/**
 * The field descriptions of the Kubernetes OpenAPI (the same v1.33 source, as JSDoc in kubernetes-models' and
 * @kubernetes-models/apimachinery's .d.ts files), found for a client-node model name: `V1Lifecycle` is core/v1
 * Lifecycle, `V1DeploymentSpec` apps/v1 DeploymentSpec, `CoreV1Event` and `EventsV1Event` the two Events; a name two
 * groups share without client-node's group prefix is left out rather than guessed.
 */
function fieldDocsFromModels(): (name: string, fields: readonly string[]) => Record<string, string> {
  const pkg = path.dirname(require.resolve(`${MODELS_PACKAGE}/package.json`));
  const version = (JSON.parse(fs.readFileSync(path.join(pkg, 'package.json'), 'utf8')) as { version: string }).version;
  if (version !== MODELS_VERSION) throw new Error(`${MODELS_PACKAGE} ${version} is installed; the descriptions are taken from ${MODELS_VERSION} (Kubernetes v1.33)`);
  const meta = path.join(path.dirname(require.resolve('@kubernetes-models/apimachinery/package.json')), 'apis/meta/v1');
  const byName = new Map<string, string | null>();
  const add = (key: string, file: string): void => {
    byName.set(key, byName.has(key) && byName.get(key) !== file ? null : file);
  };
  const visit = (dir: string, group: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory() && e.name !== '_schemas') visit(full, group === '' && !/^v\d/.test(e.name) ? e.name : group);
      else if (e.name.endsWith('.d.ts') && e.name !== 'index.d.ts') {
        const version = path.basename(dir);
        const key = `${version[0].toUpperCase()}${version.slice(1)}${e.name.slice(0, -'.d.ts'.length)}`;
        const prefix = (group === '' ? 'core' : group.split('.')[0]).replace(/^./, (c) => c.toUpperCase());
        add(key, full);
        add(`${prefix}${key}`, full);
      }
    }
  };
  visit(pkg, '');
  visit(meta, 'meta');
  return (name, fields) => {
    const file = byName.get(name);
    if (!file) return {};
    const out: Record<string, string> = {};
    const field = /\/\*\*\n((?:(?!\*\/)[\s\S])*?)\*\/\n\s*"([^"]+)"\??:/g;
    const text = fs.readFileSync(file, 'utf8');
    for (let m = field.exec(text); m; m = field.exec(text)) if (fields.includes(m[2])) out[m[2]] = jsdocText(m[1]).replace(/\n\nPossible enum values:[\s\S]*$/, '');
    return out;
  };
}

function readModel(gen: string, name: string): ParsedModel {
  const js = fs.readFileSync(path.join(gen, 'models', `${name}.js`), 'utf8');
  const m = /attributeTypeMap = (\[[\s\S]*?\]);/.exec(js);
  if (!m) throw new Error(`${name}.js has no attributeTypeMap`);
  const attributes = JSON.parse(m[1]) as Attribute[];
  const dts = fs.readFileSync(path.join(gen, 'models', `${name}.d.ts`), 'utf8');
  return { attributes, ...readDts(dts) };
}

/** Optional fields (`'x'?:`) and the JSDoc of the class ('') and of each field. */
function readDts(dts: string): { optional: Set<string>; docs: Record<string, string> } {
  const optional = new Set<string>();
  const docs: Record<string, string> = {};
  const classDoc = /\/\*\*\n((?:(?!\/\*\*)[\s\S])*?)\*\/\nexport declare class/.exec(dts);
  if (classDoc) docs[''] = jsdocText(classDoc[1]);
  const field = /(?:\/\*\*\n((?:(?!\*\/)[\s\S])*?)\*\/\n\s*)?'([^']+)'(\?)?:/g;
  for (let m = field.exec(dts); m; m = field.exec(dts)) {
    if (m[3]) optional.add(m[2]);
    if (m[1]) docs[m[2]] = jsdocText(m[1]);
  }
  return { optional, docs };
}

function jsdocText(body: string): string {
  return body.split('\n').map((l) => l.replace(/^\s*\* ?/, '')).join('\n').trim().replace(/\\(.)/g, '$1');
}

/** First sentences up to ~320 characters, plus the "More info" link when there is one. */
export function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const moreInfo = /More info: (https?:\/\/\S+?)\.?(?:\s|$)/.exec(flat)?.[1];
  const body = flat.replace(/\s*More info: \S+/g, '').trim();
  // A sentence ends at . ! or ? before a space or the end; a dot inside a word (`metadata.deletionTimestamp`,
  // `batch.kubernetes.io/…`) or an abbreviation (`e.g.`, `i.e.`) does not end it, nor lose the text before it.
  const sentences = body.match(/(?:\b(?:e\.g|i\.e|etc|vs)\.|[^.!?]|[.!?](?!\s|$))+(?:[.!?]+(?=\s|$))?[)"']*/g) ?? [body];
  let out = '';
  for (const s of sentences) {
    const next = (out + ' ' + s.trim()).trim();
    if (out && next.length > 320) break;
    out = next;
  }
  if (out.length > 400) out = out.slice(0, 399).replace(/\s+\S*$/, '') + '…';
  return moreInfo ? `${out} More info: ${moreInfo}` : out;
}

/** Model names inside a client-node type string (`Array<V1Container>`, `{ [key: string]: V1X; }`). */
function modelRefs(type: string): string[] {
  return (type.match(/\b[A-Z]\w*V\d\w*|\bV\d\w*/g) ?? []).filter((t) => t !== 'V1MicroTime');
}

/** Kinds served by the exported API classes: each `create` (POST) of a collection, with its body's model. */
function servedKinds(gen: string, models: Map<string, ParsedModel>): ServedKind[] {
  const index = fs.readFileSync(path.join(gen, 'index.js'), 'utf8');
  const classes = [...index.matchAll(/Object(\w+Api) as \1/g)].map((m) => m[1]).sort();
  const out = new Map<string, ServedKind>();
  for (const cls of classes) {
    const js = fs.readFileSync(path.join(gen, 'apis', `${cls}.js`), 'utf8');
    for (const chunk of js.split(/\n {4}async /)) {
      const p = /const localVarPath = '([^']+)'/.exec(chunk)?.[1];
      const body = /ObjectSerializer\.serialize\(body, "(\w+)", ""\)/.exec(chunk)?.[1];
      if (!p || !body || !chunk.includes('HttpMethod.POST')) continue;
      const m = /^\/api\/(v1)(\/namespaces\/\{namespace\})?\/([a-z0-9]+)$/.exec(p) ?? /^\/apis\/([^/]+\/[^/]+)(\/namespaces\/\{namespace\})?\/([a-z0-9]+)$/.exec(p);
      if (!m) continue; // subresources (binding, eviction…) and non-resource paths
      const model = models.get(body);
      if (!model) throw new Error(`${cls}: ${p} takes ${body}, which is not exported`);
      const kind = kindOf(body);
      const key = `${m[1]} ${kind}`;
      const prev = out.get(key);
      // `/namespaces` is both the Namespace collection and the prefix of namespaced ones: the first match wins.
      if (!prev) out.set(key, { kind, apiVersion: m[1], model: body, namespaced: m[2] !== undefined, resource: m[3] });
      else if (prev.model !== body) throw new Error(`${key} is served with two models: ${prev.model} and ${body}`);
    }
  }
  return [...out.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.apiVersion.localeCompare(b.apiVersion));
}

/** `V1Deployment` → `Deployment`, `CoreV1Event` → `Event`, `V1beta2DeviceClass` → `DeviceClass`. */
function kindOf(model: string): string {
  return model.replace(/^[A-Za-z]*?V\d+(?:alpha\d+|beta\d+)?(?=[A-Z])/, '');
}

function checkHandLists(models: Map<string, ParsedModel>): void {
  const check = (list: Readonly<Record<string, readonly string[] | Readonly<Record<string, unknown>>>>, what: string): void => {
    for (const [model, fields] of Object.entries(list)) {
      const m = models.get(model);
      if (!m) throw new Error(`${what}: no model ${model}`);
      for (const f of Array.isArray(fields) ? fields : Object.keys(fields)) {
        const a = m.attributes.find((x) => x.baseName === f);
        if (!a) throw new Error(`${what}: ${model} has no field ${f}`);
        if (!/^(string|Array<string>|\{ \[key: string\]: string; \})$/.test(a.type)) throw new Error(`${what}: ${model}.${f} is ${a.type}, not a string`);
      }
    }
  };
  check(QUANTITY_FIELDS, 'QUANTITY_FIELDS');
  check(API_ENUMS, 'API_ENUMS');
  check(GO_NAMED_TYPES, 'GO_NAMED_TYPES');
}

const SEPARATORS = /[;:|=!]/;

/** Encodes a client-node type with its format into the table's type grammar (see src/core/api/table.ts). */
function encodeType(model: string, a: Attribute): string {
  const quantity = QUANTITY_FIELDS[model]?.includes(a.baseName) ?? false;
  const prim = (t: string): string => {
    if (t === 'string') return quantity ? 'q' : a.format === 'byte' ? 'y' : a.format === 'int-or-string' ? 'x' : 's';
    if (t === 'boolean') return 'b';
    if (t === 'number') return a.format === 'int32' ? 'i' : a.format === 'int64' ? 'l' : 'd';
    if (t === 'Date') return a.format === 'date-time-micro' ? 'u' : 't';
    if (t === 'V1MicroTime') return 'u'; // metav1.MicroTime: client-node names it but exports no model
    if (t === 'IntOrString') return 'x';
    if (t === 'any' || t === 'object') return '*';
    if (/^\w+$/.test(t)) return t;
    throw new Error(`${model}.${a.baseName}: unknown type ${t}`);
  };
  const enc = (t: string): string => {
    const arr = /^Array<(.+)>$/.exec(t);
    if (arr) return '[' + enc(arr[1]);
    const map = /^\{ \[key: string\]: (.+); \}$/.exec(t);
    if (map) return '{' + enc(map[1]);
    return prim(t);
  };
  return enc(a.type);
}

function renderTypes(apiVersion: string, names: readonly string[], models: Map<string, ParsedModel>, kinds: readonly ServedKind[]): string {
  const lines: string[] = [];
  for (const name of names) {
    const m = models.get(name)!;
    const fields = m.attributes.map((a) => {
      if (a.baseName !== a.name && SEPARATORS.test(a.baseName)) throw new Error(`${name}.${a.baseName}: separator in name`);
      const req = m.optional.has(a.name) ? '' : '!';
      const enumField = API_ENUMS[name]?.[a.baseName];
      const values = enumField?.values;
      if (values?.some((v) => SEPARATORS.test(v) || v.includes(';') || v.includes('~'))) throw new Error(`${name}.${a.baseName}: separator in an enum value`);
      const goType = enumField?.goType ?? GO_NAMED_TYPES[name]?.[a.baseName];
      return `${a.baseName}${req}:${encodeType(name, a)}${goType ? '~' + goType : ''}${values ? '=' + values.join('|') : ''}`;
    });
    lines.push(`  ${name}: ${JSON.stringify(fields.join(';'))},`);
  }
  const byKind = new Map<string, string[]>();
  for (const k of kinds) {
    const list = byKind.get(k.kind) ?? [];
    list.push(`${k.apiVersion}=${k.model}${k.namespaced ? '' : '!'}=${k.resource}`);
    byKind.set(k.kind, list);
  }
  const kindLines = [...byKind.keys()].sort().map((k) => `  ${k}: ${JSON.stringify(byKind.get(k)!.join(';'))},`);
  return `// Generated by scripts/genApiTable.ts from ${PACKAGE}@${PACKAGE_VERSION} (Kubernetes ${apiVersion} OpenAPI). Do not edit: run \`npm run gen:api\`.
// The grammar is documented in src/core/api/table.ts, which decodes it.

/** The Kubernetes API release the table was generated from. */
export const API_VERSION = ${JSON.stringify(apiVersion)};

/** Model name → its fields: \`jsonName[!]:type[~GoType][=enum|values]\` joined by \`;\` (\`!\`: required). */
export const MODELS: Readonly<Record<string, string>> = {
${lines.join('\n')}
};

/** Kind → \`apiVersion=Model[!]=resource\` for each group/version serving it, joined by \`;\` (\`!\`: cluster-scoped). */
export const KINDS: Readonly<Record<string, string>> = {
${kindLines.join('\n')}
};
`;
}

/**
 * TypeScript interfaces of the models (types only: nothing of them reaches a bundle), for code that
 * reads decoded objects. Every field is optional: decoding checks types, not presence (validation does).
 */
function renderModels(apiVersion: string, names: readonly string[], models: Map<string, ParsedModel>): string {
  const tsType = (model: string, a: Attribute): string => {
    const code = encodeType(model, a);
    const values = API_ENUMS[model]?.[a.baseName]?.values;
    const conv = (c: string): string => {
      if (c.startsWith('[')) {
        const inner = conv(c.slice(1));
        return inner.includes('|') ? `Array<${inner}>` : `${inner}[]`;
      }
      if (c.startsWith('{')) return `Record<string, ${conv(c.slice(1))}>`;
      switch (c) {
        case 's': return values ? [...values, ''].map((v) => JSON.stringify(v)).join(' | ') : 'string';
        case 'b': return 'boolean';
        case 'i': case 'l': case 'd': return 'number';
        case 'x': case 'q': return 'number | string';
        case 't': case 'u': case 'y': return 'string';
        case '*': return 'unknown';
        default: return c;
      }
    };
    return conv(code);
  };
  const blocks = names.map((name) => {
    const fields = models.get(name)!.attributes.map((a) => `  ${/^[A-Za-z_$][\w$]*$/.test(a.baseName) ? a.baseName : JSON.stringify(a.baseName)}?: ${tsType(name, a)};`);
    return `export interface ${name} {\n${fields.join('\n')}\n}`;
  });
  return `// Generated by scripts/genApiTable.ts from ${PACKAGE}@${PACKAGE_VERSION} (Kubernetes ${apiVersion} OpenAPI). Do not edit: run \`npm run gen:api\`.
// The API's models as TypeScript types, for code that reads objects after src/core/api has decoded them:
// every value has its declared type (enum fields hold a listed value or ''), but any field may be absent.

${blocks.join('\n\n')}
`;
}

/** Writes the files (the npm script). */
function main(): void {
  const files = generateApiTable();
  fs.mkdirSync(OUT_DIR, { recursive: true });
  fs.writeFileSync(path.join(OUT_DIR, 'apiTypes.ts'), files.typesTs);
  fs.writeFileSync(path.join(OUT_DIR, 'apiDocs.json'), files.docsJson);
  fs.writeFileSync(path.join(OUT_DIR, 'apiModels.ts'), files.modelsTs);
  console.log(`apiTypes.ts ${files.typesTs.length} bytes, apiDocs.json ${files.docsJson.length} bytes, apiModels.ts ${files.modelsTs.length} bytes (types only)`);
}

if (require.main === module) main();

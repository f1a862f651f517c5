/**
 * Scenario file → Scenario, with a diagnostic at the exact line and column of every problem. Never throws.
 * The format is described in the README ("Lessons and scenario files") and in schemas/lesson.schema.json.
 */
import { isMap, isScalar, isSeq, parseDocument, type Node, type Pair } from 'yaml';
import { isPresetName } from '../sim/topology/presets';
import { parseCheck } from './parseChecks';
import { parseObjectRef } from './refs';
import type { Action, LessonTopology, ManifestSource, Question, Scenario, ScenarioDiagnostic, Step } from './types';
import { Reader } from './yamlReader';

/** Scenario files are small; a larger one is refused before parsing. */
export const MAX_SCENARIO_BYTES = 1024 * 1024;
/** Longest `wait` or `settle` of one step: a simulated day. */
export const MAX_STEP_SECONDS = 86_400;

const TOP_KEYS = ['title', 'summary', 'topology', 'manifests', 'steps'] as const;
const ACTIONS = ['apply', 'edit', 'delete', 'scale', 'fail', 'heal', 'wait', 'settle'] as const;
const STEP_KEYS = ['title', 'narration', 'ask', 'expect', ...ACTIONS] as const;

/** The result of parsing: the scenario when it is usable (no errors), and every diagnostic. */
export interface ParsedScenario {
  readonly scenario?: Scenario;
  readonly diagnostics: readonly ScenarioDiagnostic[];
}

/** Parses a scenario file. */
export function parseScenario(text: string, file: string): ParsedScenario {
  const r = new Reader(file, text);
  if (text.length > MAX_SCENARIO_BYTES) {
    r.error(undefined, `scenario file is too large: ${text.length} characters, the limit is ${MAX_SCENARIO_BYTES}`);
    return { diagnostics: r.diagnostics };
  }
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  for (const e of doc.errors) r.diagnostics.push({ file, range: r.rangeAt(e.pos[0], e.pos[1]), severity: 'error', message: `YAML: ${e.message.split('\n')[0]}` });
  if (doc.errors.length > 0) return { diagnostics: r.diagnostics };
  try {
    doc.toJS({ maxAliasCount: 100 }); // a billion-laughs bomb fails here, before any inline manifest is expanded
  } catch (err) {
    r.error(undefined, `YAML: ${err instanceof Error ? err.message : String(err)}`);
    return { diagnostics: r.diagnostics };
  }
  const scenario = readScenario(r, doc.contents);
  return { scenario: r.diagnostics.some((d) => d.severity === 'error') ? undefined : scenario, diagnostics: r.diagnostics };
}

function readScenario(r: Reader, root: unknown): Scenario | undefined {
  const top = r.entries(root, 'scenario', TOP_KEYS);
  if (!top) return undefined;
  const title = need(r, root, top, 'title', (n) => r.string(n, 'title'));
  const topology = need(r, root, top, 'topology', (n) => readTopology(r, n));
  const manifests = top.has('manifests') ? readManifests(r, top.get('manifests')?.value, 'manifests') : [];
  const steps = need(r, root, top, 'steps', (n) => readSteps(r, n));
  const summaryNode = top.get('summary')?.value;
  const summary = summaryNode ? r.string(summaryNode, 'summary') : undefined;
  if (title === undefined || topology === undefined || steps === undefined) return undefined;
  return { file: r.file, title, summary, topology, manifests, steps };
}

function need<T>(r: Reader, at: unknown, map: Map<string, Pair<Node, Node | null>>, key: string, read: (n: Node | null) => T | undefined): T | undefined {
  const pair = map.get(key);
  if (!pair) return r.error(at, `scenario: "${key}" is required`);
  return read(pair.value);
}

function readTopology(r: Reader, node: unknown): LessonTopology | undefined {
  if (isScalar(node)) {
    const name = r.string(node, 'topology');
    if (name === undefined) return undefined;
    if (isPresetName(name)) return { preset: name };
    return r.error(node, `topology: unknown preset "${name}"; expected docker-server, single-node, multi-worker, ha, or {kindConfig: FILE}`);
  }
  const map = r.entries(node, 'topology', ['kindConfig']);
  const file = map?.get('kindConfig');
  if (!file) return map ? r.error(node, 'topology: expected a preset name or {kindConfig: FILE}') : undefined;
  const path = r.string(file.value, 'topology.kindConfig');
  return path === undefined ? undefined : { file: path, range: r.range(file.value) };
}

function readManifests(r: Reader, node: unknown, what: string): ManifestSource[] {
  const out: ManifestSource[] = [];
  for (const item of r.list(node)) {
    if (isScalar(item)) {
      const path = r.string(item, what);
      if (path !== undefined) out.push({ path, range: r.range(item) });
    } else if (isMap(item) && item.has('apiVersion') && item.has('kind')) {
      out.push({ inline: item.toJSON() as Record<string, unknown>, range: r.range(item) });
    } else {
      r.error(item, `${what}: expected a file path (relative to the scenario) or an inline object with apiVersion and kind`);
    }
  }
  return out;
}

function readSteps(r: Reader, node: unknown): Step[] | undefined {
  if (!isSeq(node)) return r.error(node, 'steps: expected a list of steps');
  if (node.items.length === 0) return r.error(node, 'steps: a scenario needs at least one step');
  return node.items.map((item, i) => readStep(r, item, i)).filter((s): s is Step => s !== undefined);
}

function readStep(r: Reader, node: unknown, i: number): Step | undefined {
  const what = `steps[${i}]`;
  const map = r.entries(node, what, STEP_KEYS);
  if (!map) return undefined;
  const actions = ACTIONS.filter((a) => map.has(a));
  if (actions.length !== 1) {
    return r.error(node, actions.length === 0
      ? `${what}: a step needs one action: ${ACTIONS.join(', ')}`
      : `${what}: a step has one action, this one has ${actions.join(' and ')}: split it into steps`);
  }
  const pair = map.get(actions[0]) as Pair<Node, Node | null>;
  const action = readAction(r, actions[0], pair.value, `${what}.${actions[0]}`);
  const str = (key: string): string | undefined => (map.has(key) ? r.string(map.get(key)?.value, `${what}.${key}`) : undefined);
  const question = map.has('ask') ? readQuestion(r, map.get('ask')?.value, `${what}.ask`) : undefined;
  const checks = r.list(map.get('expect')?.value).map((c, j) => parseCheck(r, c, `${what}.expect[${j}]`)).filter((c) => c !== undefined);
  if (!action) return undefined;
  return { range: r.range(node), title: str('title'), narration: str('narration'), action, question, checks };
}

function readAction(r: Reader, type: (typeof ACTIONS)[number], node: Node | null, what: string): Action | undefined {
  switch (type) {
    case 'apply': {
      const manifests = readManifests(r, node, what);
      return manifests.length > 0 ? { type, manifests } : r.error(node, `${what}: nothing to apply`);
    }
    case 'delete': {
      const object = parseObjectRef(r, node, what);
      return object && { type, object };
    }
    case 'fail':
    case 'heal': {
      const target = r.string(node, what);
      return target === undefined ? undefined : { type, target };
    }
    case 'wait': {
      const seconds = r.seconds(node, what, 0, MAX_STEP_SECONDS);
      return seconds === undefined ? undefined : { type, seconds };
    }
    case 'settle': return readSettle(r, node, what);
    case 'edit': return readEdit(r, node, what);
    case 'scale': return readScale(r, node, what);
  }
}

function readSettle(r: Reader, node: Node | null, what: string): Action | undefined {
  if (isScalar(node) && node.value === true) return { type: 'settle', maxSeconds: 3600 };
  const maxSeconds = r.seconds(node, `${what} (true, or the most time to run)`, 1, MAX_STEP_SECONDS);
  return maxSeconds === undefined ? undefined : { type: 'settle', maxSeconds };
}

function readEdit(r: Reader, node: Node | null, what: string): Action | undefined {
  const map = r.entries(node, what, ['object', 'patch']);
  if (!map) return undefined;
  const object = map.has('object') ? parseObjectRef(r, map.get('object')?.value, `${what}.object`) : r.error(node, `${what}: "object" is required (e.g. deployment/shop)`);
  const patch = map.get('patch')?.value;
  if (!isMap(patch)) return r.error(patch ?? node, `${what}.patch: expected a mapping merged into the applied manifest (JSON merge patch)`);
  return object && { type: 'edit', object, patch: patch.toJSON() as Record<string, unknown> };
}

function readScale(r: Reader, node: Node | null, what: string): Action | undefined {
  const map = r.entries(node, what, ['object', 'replicas']);
  if (!map) return undefined;
  const object = map.has('object') ? parseObjectRef(r, map.get('object')?.value, `${what}.object`) : r.error(node, `${what}: "object" is required (e.g. deployment/shop)`);
  const replicas = map.has('replicas') ? r.integer(map.get('replicas')?.value, `${what}.replicas`, 0, 10_000) : r.error(node, `${what}: "replicas" is required`);
  return object && replicas !== undefined ? { type: 'scale', object, replicas } : undefined;
}

function readQuestion(r: Reader, node: unknown, what: string): Question | undefined {
  const map = r.entries(node, what, ['question', 'choices', 'answer', 'explanation']);
  if (!map) return undefined;
  const prompt = map.has('question') ? r.string(map.get('question')?.value, `${what}.question`) : r.error(node, `${what}: "question" is required`);
  const choicesNode = map.get('choices')?.value;
  if (!isSeq(choicesNode) || choicesNode.items.length < 2) return r.error(choicesNode ?? node, `${what}.choices: expected a list of at least two answers`);
  const choices = choicesNode.items.map((c, i) => r.string(c, `${what}.choices[${i}]`) ?? '');
  const answerNode = map.get('answer')?.value;
  const answerText = answerNode ? r.string(answerNode, `${what}.answer`) : r.error(node, `${what}: "answer" is required (the text of the right choice)`);
  const answer = answerText === undefined ? -1 : choices.indexOf(answerText);
  if (answerText !== undefined && answer < 0) r.error(answerNode, `${what}.answer: "${answerText}" is not one of the choices`);
  const explanation = map.has('explanation') ? r.string(map.get('explanation')?.value, `${what}.explanation`) : r.error(node, `${what}: "explanation" is required: say why, whatever the learner answered`);
  return prompt !== undefined && explanation !== undefined && answer >= 0 ? { prompt, choices, answer, explanation } : undefined;
}

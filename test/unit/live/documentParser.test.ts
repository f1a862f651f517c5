import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DocumentParser, splitDocuments } from '../../../src/core/live/documentParser';
import { parseManifests, type ParseResult } from '../../../src/core/manifests';

const root = path.resolve(__dirname, '../../..');
// The kubernetes/examples corpus sits in ../shared next to the repo checkout when present (corpus.test.ts).
const CORPUS = path.resolve(root, '../shared/corpus/kubernetes-examples');

/** The .yaml/.yml files under `dir` (none when it is absent), sorted. */
const yamlFiles = (dir: string): string[] => (fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }) : [])
  .filter((f) => /\.ya?ml$/.test(f)).map((f) => path.join(dir, f)).sort();

/**
 * What the live cluster reads of a parse: objects with their ranges (and a key range), diagnostics, skip
 * reason. One known difference is allowed: a syntax error running to the end of its document may end on
 * the next `---` (whole file) or just before it (per document); both start at the same place.
 */
function comparable(r: ParseResult, text: string): unknown {
  const boundary = (offset: number): number => (text.startsWith('---', offset) ? offset - 0.5 : text.startsWith('---', offset - 1) ? offset - 1.5 : offset);
  return {
    objects: r.objects.map((o) => ({ object: o.object, documentIndex: o.documentIndex, range: o.range, name: o.keyRange(['metadata', 'name']) })),
    diagnostics: r.diagnostics.map((d) => ({ ...d, range: { start: d.range.start, startOffset: d.range.startOffset, end: boundary(d.range.endOffset) } })),
    skipped: r.skipped,
  };
}

const web = (name: string, replicas = 2): string => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  replicas: ${replicas}\n  selector: {matchLabels: {app: ${name}}}\n  template:\n    metadata: {labels: {app: ${name}}}\n    spec:\n      containers: [{name: c, image: nginx}]\n`;

const TRICKY: Record<string, string> = {
  'leading marker and comments': `# header\n---\n${web('a')}---\n${web('b')}`,
  'trailing empty document': `${web('a')}---\n`,
  'broken middle document': `${web('a')}---\nkind: [unclosed\n---\n${web('b')}`,
  'marker with a comment': `${web('a')}--- # next\n${web('b')}`,
  'CRLF line ends': `${web('a')}---\n${web('b')}`.replace(/\n/g, '\r\n'),
  'document end marker': `${web('a')}...\n---\n${web('b')}`,
  'directive': `%YAML 1.2\n---\n${web('a')}`,
  'a foreign document beside objects': `${web('a')}---\nfoo: bar\n`,
  'only foreign documents': 'foo: 1\n---\nbar: 2\n',
  'empty file': '# nothing\n',
  'a List': `apiVersion: v1\nkind: List\nitems:\n  - ${web('a').replace(/\n/g, '\n    ')}`,
  'template': `${web('a')}---\nmetadata:\n  name: {{ .Values.name }}\n`,
  'block scalar with dashes': `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  x: |\n    ---not a marker\n    text\n---\n${web('b')}`,
  'duplicate key': `${web('a')}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\nmetadata: {name: d}\n`,
};

describe('DocumentParser (per-document parsing for the live cluster)', () => {
  const files = [...yamlFiles(path.join(root, 'test')), ...yamlFiles(path.join(root, 'samples')), ...yamlFiles(CORPUS)];

  it(`gives what parseManifests gives for the whole file: ${files.length} files and the tricky cases`, () => {
    const cases: [string, string][] = [...files.map((f): [string, string] => [path.relative(root, f), fs.readFileSync(f, 'utf8')]), ...Object.entries(TRICKY)];
    for (const [name, text] of cases) {
      const got = new DocumentParser().parse('file:///x.yaml', text);
      assert.deepStrictEqual(comparable(got, text), comparable(parseManifests(text, 'file:///x.yaml'), text), name);
    }
  });

  it('re-parses only the edited document, and still gives the whole file\'s result', () => {
    const parser = new DocumentParser();
    const before = [web('a'), web('b'), web('c')].join('---\n');
    const first = parser.parse('file:///w.yaml', before);
    parser.commit();
    const after = [web('a'), web('b', 5), web('c')].join('---\n');
    const second = parser.parse('file:///w.yaml', after);
    parser.commit();
    assert.strictEqual(second.objects[0]?.object, first.objects[0]?.object, 'the unchanged first document is reused');
    assert.strictEqual(second.objects[2]?.object, first.objects[2]?.object, 'the unchanged last document is reused');
    assert.notStrictEqual(second.objects[1]?.object, first.objects[1]?.object, 'the edited document is parsed again');
    assert.deepStrictEqual(comparable(second, after), comparable(parseManifests(after, 'file:///w.yaml'), after));
  });

  it('forgets the documents of files no longer parsed', () => {
    const parser = new DocumentParser();
    const a = parser.parse('file:///w.yaml', web('a'));
    parser.commit();
    parser.commit();
    assert.notStrictEqual(parser.parse('file:///w.yaml', web('a')).objects[0]?.object, a.objects[0]?.object);
  });

  it('cuts at `---` lines only, with each document\'s offset and first line', () => {
    const chunks = splitDocuments('a: 1\n---\nb: 2\n--- # c\nc: 3\n') ?? [];
    assert.deepStrictEqual(chunks.map((c) => [c.offset, c.line]), [[0, 0], [5, 1], [14, 3]]);
    assert.strictEqual(splitDocuments('%YAML 1.2\n---\na: 1\n'), undefined);
  });
});

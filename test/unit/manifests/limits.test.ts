import * as assert from 'assert';
import { parseManifests, DiagnosticCode } from '../../../src/core/manifests';
import { at, timed, withCode } from './helpers';

/** The classic "billion laughs": 9 levels of 9 aliases, 9^9 = 387,420,489 strings if expanded. */
const BOMB = `apiVersion: v1
kind: ConfigMap
metadata: {name: lol}
data:
  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
  b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
  c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
  d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
  e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
  f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
  g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
  h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
  i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
`;

const OK_DOC = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: fine}\n';

describe('manifests: resource limits', () => {
  it('refuses a billion-laughs alias bomb quickly, with a position, and keeps other documents', () => {
    const { ms, value: r } = timed(() => parseManifests(`${BOMB}---\n${OK_DOC}`, 'bomb.yaml'));
    assert.ok(ms < 500, `took ${ms} ms`);
    assert.deepStrictEqual(r.objects.map((o) => o.object.metadata.name), ['fine']);
    const [d] = withCode(r, DiagnosticCode.aliasBomb);
    assert.strictEqual(d.severity, 'error');
    assert.strictEqual(at(d), '6:10');
    assert.match(d.message, /alias/i);
  });

  it('refuses aliases that would expand beyond maxNodes even within the alias budget', () => {
    const r = parseManifests(BOMB.split('\n').slice(0, 7).join('\n'), 'b.yaml', { maxAliasCount: 1000, maxNodes: 50 });
    assert.strictEqual(withCode(r, DiagnosticCode.tooManyNodes).length, 1);
    assert.strictEqual(r.objects.length, 0);
  });

  it('copies aliased values so objects do not share mutable parts', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: s, labels: &l {a: b}, annotations: *l}\n';
    const [o] = parseManifests(text, 's.yaml').objects;
    assert.deepStrictEqual(o.object.metadata.annotations, { a: 'b' });
    assert.notStrictEqual(o.object.metadata.annotations, o.object.metadata.labels);
  });

  it('rejects 100,000 nested [ without a stack overflow, in well under a second', () => {
    const { ms, value: r } = timed(() => parseManifests('['.repeat(100_000), 'deep.yaml'));
    assert.ok(ms < 1000, `took ${ms} ms`);
    const [d] = withCode(r, DiagnosticCode.tooDeep);
    assert.match(d.message, /deeper than 200 levels/);
    assert.strictEqual(d.range.start.line, 1);
  });

  it('rejects 100,000 nested flow maps and compact sequences', () => {
    for (const text of ['{a: '.repeat(100_000), `${'- '.repeat(100_000)}x`]) {
      const { ms, value: r } = timed(() => parseManifests(text, 'deep.yaml'));
      assert.ok(ms < 1000, `took ${ms} ms`);
      assert.strictEqual(withCode(r, DiagnosticCode.tooDeep).length, 1);
    }
  });

  it('rejects deep block nesting in one document and keeps the documents around it', () => {
    const deep = Array.from({ length: 1500 }, (_, i) => `${' '.repeat(i)}a:`).join('\n');
    const text = `${OK_DOC}---\n${deep}\n---\n${OK_DOC.replace('fine', 'after')}`;
    const r = parseManifests(text, 'deep.yaml');
    assert.deepStrictEqual(r.objects.map((o) => [o.object.metadata.name, o.documentIndex]), [['fine', 0], ['after', 2]]);
    const [d] = withCode(r, DiagnosticCode.tooDeep);
    assert.ok(d.range.start.line > 4 && d.range.start.line < 1500, at(d));
  });

  it('honours a custom maxDepth', () => {
    const r = parseManifests('a: {b: {c: {d: 1}}}\n', 'x.yaml', { maxDepth: 2 });
    assert.strictEqual(withCode(r, DiagnosticCode.tooDeep).length, 1);
  });

  it('rejects a file over maxBytes with a single diagnostic', () => {
    const r = parseManifests(`${OK_DOC}data: {x: "${'y'.repeat(2000)}"}\n`, 'big.yaml', { maxBytes: 1024 });
    assert.deepStrictEqual(r.diagnostics.map((d) => d.code), [DiagnosticCode.fileTooLarge]);
    assert.strictEqual(r.objects.length, 0);
  });

  it('counts maxBytes in UTF-8 bytes', () => {
    const r = parseManifests(`${OK_DOC}data: {x: "${'é'.repeat(600)}"}\n`, 'u.yaml', { maxBytes: 1024 });
    assert.deepStrictEqual(r.diagnostics.map((d) => d.code), [DiagnosticCode.fileTooLarge]);
  });

  it('stops after maxDocuments documents', () => {
    const text = Array.from({ length: 5 }, (_, i) => OK_DOC.replace('fine', `n${i}`)).join('---\n');
    const r = parseManifests(text, 'many.yaml', { maxDocuments: 3 });
    assert.strictEqual(r.objects.length, 3);
    assert.strictEqual(withCode(r, DiagnosticCode.tooManyDocuments).length, 1);
  });

  it('parses a map of 100,000 keys in linear time and reports its duplicate key', function () {
    this.timeout(120_000);
    const wide = (n: number): string => {
      let text = `${OK_DOC}data:\n`;
      for (let i = 0; i < n; i++) text += `  k${i}: v\n`;
      return text + '  k42: again\n';
    };
    // yaml's own uniqueKeys check is quadratic (~66 s at 100,000 keys); ours is one Set per map. Ten times
    // the keys must cost about ten times as much, not a hundred: a ratio, which a busy machine does not skew
    // the way it skews a wall-clock bound (the best of two runs of each size).
    const best = (text: string): number => Math.min(timed(() => parseManifests(text, 'w.yaml')).ms, timed(() => parseManifests(text, 'w.yaml')).ms);
    const small = best(wide(10_000));
    const text = wide(100_000);
    const { ms, value: r } = timed(() => parseManifests(text, 'wide.yaml'));
    const large = Math.min(ms, best(text));
    assert.ok(large < 40 * small, `10,000 keys: ${small.toFixed(0)} ms; 100,000 keys: ${large.toFixed(0)} ms (not linear)`);
    const dups = withCode(r, DiagnosticCode.duplicateKey);
    assert.deepStrictEqual(dups.map((d) => [at(d), d.message.slice(0, 16)]), [['100005:3', 'duplicate key "k']]);
    assert.match(dups[0].message, /^duplicate key "k42"/);
  });
});

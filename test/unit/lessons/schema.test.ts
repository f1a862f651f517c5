import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';

const root = path.join(__dirname, '..', '..', '..');
const schema = JSON.parse(fs.readFileSync(path.join(root, 'schemas', 'lesson.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

describe('lessons: the JSON schema contributed for scenario files', () => {
  const dir = path.join(root, 'samples', 'lessons');
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.lesson.yaml'))) {
    it(`accepts ${f}`, () => {
      const ok = validate(parse(fs.readFileSync(path.join(dir, f), 'utf8')));
      assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 3)));
    });
  }

  it('refuses what the parser refuses: an unknown step, two actions, a check with no leading key', () => {
    for (const bad of [
      { title: 'T', topology: 'multi-worker', steps: [{ fial: 'worker-1' }] },
      { title: 'T', topology: 'multi-worker', steps: [{ fail: 'worker-1', wait: 3 }] },
      { title: 'T', topology: 'huge', steps: [{ wait: 1 }] },
      { title: 'T', topology: 'ha', steps: [{ wait: 1, expect: { colour: 'red' } }] },
      { title: 'T', topology: 'ha', steps: [{ wait: 1, expect: { pods: { selector: 'app=a' } } }] },
      { title: 'T', topology: 'ha', steps: [{ wait: '10 minutes' }] },
      { title: 'T', topology: 'ha', steps: [{ settle: '2d' }] },
    ]) assert.strictEqual(validate(bad), false, JSON.stringify(bad));
  });

  it('takes the durations the parser takes', () => {
    const ok = validate({ title: 'T', topology: 'ha', steps: [{ wait: '90s' }, { wait: '1h30m' }, { settle: '5m' }, { wait: 30 }, { settle: true }] });
    assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 3)));
  });
});

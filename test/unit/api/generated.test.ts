import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { generateApiTable, shorten } from '../../../scripts/genApiTable';

const GENERATED = path.resolve(__dirname, '../../../src/core/api/generated');

describe('api: the generated table', () => {
  it('is byte-identical to what scripts/genApiTable.ts makes from @kubernetes/client-node (npm run gen:api)', function () {
    this.timeout(30_000);
    const files = generateApiTable();
    assert.strictEqual(fs.readFileSync(path.join(GENERATED, 'apiTypes.ts'), 'utf8'), files.typesTs, 'apiTypes.ts drifted: run npm run gen:api');
    assert.strictEqual(fs.readFileSync(path.join(GENERATED, 'apiDocs.json'), 'utf8'), files.docsJson, 'apiDocs.json drifted: run npm run gen:api');
    assert.strictEqual(fs.readFileSync(path.join(GENERATED, 'apiModels.ts'), 'utf8'), files.modelsTs, 'apiModels.ts drifted: run npm run gen:api');
  });

  it('stays within its size budget (issue 7: the table adds at most 300 KB to the .vsix)', () => {
    const types = fs.statSync(path.join(GENERATED, 'apiTypes.ts')).size;
    const docs = fs.statSync(path.join(GENERATED, 'apiDocs.json')).size;
    assert.ok(types < 100_000, `apiTypes.ts is ${types} bytes`);
    assert.ok(docs < 600_000, `apiDocs.json is ${docs} bytes`);
  });
});

describe('api: the descriptions, shortened', () => {
  it('keeps the text around dots inside words and abbreviations (it used to drop it: "e. when the work left…")', () => {
    const text = 'Possible values are: - TerminatingOrFailed means that we recreate pods when they are terminating (has a metadata.deletionTimestamp) or failed. - Failed means to wait.';
    assert.strictEqual(shorten(text), text);
    assert.strictEqual(shorten('Specifies the maximum desired number of pods (i.e. when the work left to do is less than max parallelism). More info: https://kubernetes.io/docs/x'),
      'Specifies the maximum desired number of pods (i.e. when the work left to do is less than max parallelism). More info: https://kubernetes.io/docs/x');
  });

  it('cuts at a sentence end after about 320 characters', () => {
    const sentence = `${'word '.repeat(30).trim()}.`; // 150 characters: two fit in 320, three do not
    assert.strictEqual(shorten(`${sentence} ${sentence} ${sentence}`), `${sentence} ${sentence}`);
  });
});

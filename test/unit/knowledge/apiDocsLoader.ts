import * as fs from 'fs';
import * as path from 'path';
import { loadApiDocs, setApiDocsLoader, type ApiDocs } from '../../../src/core/api';

/** Loads the generated API descriptions as the extension does on the first field hover. */
export async function loadDocsForTests(): Promise<void> {
  setApiDocsLoader(() => JSON.parse(fs.readFileSync(path.join(__dirname, '../../../src/core/api/generated/apiDocs.json'), 'utf8')) as ApiDocs);
  await loadApiDocs();
}

/** The simulation worker as tests start it: a real worker thread running the TypeScript sources through tsx. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** A worker entry that runs the TypeScript worker through tsx (the shipped one is dist/simWorker.js). */
export function workerScript(): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ka-worker-')), 'worker.js');
  const entry = path.resolve(__dirname, '../../../src/worker/simWorker.ts');
  fs.writeFileSync(file, `require(${JSON.stringify(require.resolve('tsx/cjs'))});\nrequire(${JSON.stringify(entry)});\n`);
  return file;
}

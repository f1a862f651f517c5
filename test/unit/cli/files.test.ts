import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main, nodeIO } from '../../../src/cli/main';
import { MAX_FILE_BYTES, readManifestFile } from '../../../src/cli/readFile';
import { runCli, WEB } from './helpers';

function runReal(files: string[]): { code: number; out: string; err: string; ms: number } {
  let out = '';
  let err = '';
  const t0 = performance.now();
  const code = main(['simulate', ...files], { ...nodeIO, stdout: (t) => { out += t; }, stderr: (t) => { err += t; } });
  return { code, out, err, ms: performance.now() - t0 };
}

describe('CLI: files are checked by type and size before they are read', () => {
  let dir = '';
  before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ka-files-')); });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a 2 GB sparse file is refused at once, by its size', () => {
    const f = path.join(dir, 'huge.yaml');
    fs.writeFileSync(f, '');
    fs.truncateSync(f, 2 * 1024 ** 3);
    const t0 = performance.now();
    assert.throws(() => readManifestFile(f), /file is too large to parse: 2147483648 bytes, the limit is 5242880 \(checked before reading\)/);
    assert.ok(performance.now() - t0 < 100, 'no read');
    const r = runReal([f]);
    assert.equal(r.code, 1);
    assert.match(r.err, /huge\.yaml:1:1: cannot read file: file is too large/);
  });

  it('/dev/zero is refused as a character device, a directory as a directory', function () {
    if (!fs.existsSync('/dev/zero')) this.skip();
    assert.throws(() => readManifestFile('/dev/zero'), /is a character device, not a regular file/);
    assert.throws(() => readManifestFile(dir), /is a directory/);
  });

  it('a FIFO is refused by its type and never blocks', function () {
    const fifo = path.join(dir, 'pipe.yaml');
    if (spawnSync('mkfifo', [fifo]).status !== 0) this.skip();
    assert.throws(() => readManifestFile(fifo), /is a FIFO \(named pipe\), not a regular file/);
  });

  it('a regular file within the limit is read whole, one over it is refused', () => {
    const ok = path.join(dir, 'web.yaml');
    fs.writeFileSync(ok, WEB);
    assert.equal(readManifestFile(ok), WEB);
    const big = path.join(dir, 'big.yaml');
    fs.writeFileSync(big, Buffer.alloc(MAX_FILE_BYTES + 1, 0x20));
    assert.throws(() => readManifestFile(big), /5242881 bytes/);
    const r = runReal([ok, big]);
    assert.match(r.out, /pod\/web-/, 'the readable file is still simulated');
  });

  it('an empty input says no objects passed to apply and exits 1, as kubectl', () => {
    const r = runCli(['simulate', 'e.yaml'], { 'e.yaml': '# nothing\n' });
    assert.equal(r.code, 1);
    assert.match(r.err, /^error: no objects passed to apply$/m);
  });
});

import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import { rewriteZipEntry, zipEntries } from '../../../scripts/lib/zipEntry';

interface Entry { name: string; data: Buffer; deflate: boolean; descriptor: boolean }

/** A zip written by hand, as vsce's yazl writes one: local header, data, an optional data descriptor, then the central directory. */
function zip(entries: readonly Entry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const body = e.deflate ? zlib.deflateRawSync(e.data) : e.data;
    const name = Buffer.from(e.name);
    const crc = zlib.crc32(e.data) >>> 0;
    const flags = e.descriptor ? 0x08 : 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(e.deflate ? 8 : 0, 8);
    if (!e.descriptor) {
      local.writeUInt32LE(crc, 14);
      local.writeUInt32LE(body.length, 18);
      local.writeUInt32LE(e.data.length, 22);
    }
    local.writeUInt16LE(name.length, 26);
    const descriptor = Buffer.alloc(e.descriptor ? 16 : 0);
    if (e.descriptor) {
      descriptor.writeUInt32LE(0x08074b50, 0);
      descriptor.writeUInt32LE(crc, 4);
      descriptor.writeUInt32LE(body.length, 8);
      descriptor.writeUInt32LE(e.data.length, 12);
    }
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(flags, 8);
    c.writeUInt16LE(e.deflate ? 8 : 0, 10);
    c.writeUInt32LE(crc, 16);
    c.writeUInt32LE(body.length, 20);
    c.writeUInt32LE(e.data.length, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, name);
    parts.push(local, name, body, descriptor);
    offset += local.length + name.length + body.length + descriptor.length;
  }
  const size = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...central, end]);
}

/** Reads every entry back through its local header, checking the CRC: what an unzip does. */
function unzip(buf: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  for (let at = 0; buf.readUInt32LE(at) === 0x04034b50;) {
    assert.strictEqual(buf.readUInt16LE(at + 6) & 0x08, 0, 'sizes in the local header');
    const method = buf.readUInt16LE(at + 8);
    const crc = buf.readUInt32LE(at + 14);
    const size = buf.readUInt32LE(at + 18);
    const nameLen = buf.readUInt16LE(at + 26);
    const start = at + 30 + nameLen + buf.readUInt16LE(at + 28);
    const body = buf.subarray(start, start + size);
    const data = method === 8 ? zlib.inflateRawSync(body) : body;
    assert.strictEqual(zlib.crc32(data) >>> 0, crc, 'CRC');
    out.set(buf.toString('utf8', at + 30, at + 30 + nameLen), data.toString('utf8'));
    at = start + size;
  }
  return out;
}

describe('scripts/lib/zipEntry: the web test copy of the .vsix (package.json without main)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ka-zip-'));
  const from = path.join(dir, 'in.vsix');
  const to = path.join(dir, 'out.vsix');
  const manifest = JSON.stringify({ name: 'kube-anatomy', main: './dist/extension.js', browser: './dist/web/extension.js' });
  fs.writeFileSync(from, zip([
    { name: 'extension.vsixmanifest', data: Buffer.from('<PackageManifest/>'), deflate: false, descriptor: false },
    { name: 'extension/package.json', data: Buffer.from(manifest), deflate: true, descriptor: true },
    { name: 'extension/dist/extension.js', data: Buffer.from('x'.repeat(5000)), deflate: true, descriptor: true },
  ]));

  it('replaces the one entry and keeps every other entry, in order, readable', () => {
    rewriteZipEntry(from, to, 'extension/package.json', (text) => {
      const m = JSON.parse(text) as Record<string, string>;
      delete m.main;
      return JSON.stringify(m);
    });
    assert.deepStrictEqual(zipEntries(to), ['extension.vsixmanifest', 'extension/package.json', 'extension/dist/extension.js']);
    const files = unzip(fs.readFileSync(to));
    assert.deepStrictEqual(JSON.parse(files.get('extension/package.json') ?? ''), { name: 'kube-anatomy', browser: './dist/web/extension.js' });
    assert.strictEqual(files.get('extension.vsixmanifest'), '<PackageManifest/>');
    assert.strictEqual(files.get('extension/dist/extension.js'), 'x'.repeat(5000));
  });

  it('refuses a file that is not a zip, and an entry it does not have', () => {
    const notZip = path.join(dir, 'not.vsix');
    fs.writeFileSync(notZip, 'hello');
    assert.throws(() => rewriteZipEntry(notZip, to, 'extension/package.json', (t) => t), /not a zip/);
    assert.throws(() => rewriteZipEntry(from, to, 'extension/missing.json', (t) => t), /has no extension\/missing\.json/);
  });
});

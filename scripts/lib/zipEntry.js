// Rewrites one file inside a zip (a .vsix), copying every other entry's compressed bytes as they are.
// Enough of the zip format (APPNOTE.TXT 4.3) for what vsce writes: no zip64, no encryption, one disk.
const fs = require('fs');
const zlib = require('zlib');

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;

/** Reads the central directory: each entry's header bytes and where its data sits. */
function entries(buf) {
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0 || buf.readUInt32LE(end) !== END) throw new Error('not a zip file (no end of central directory)');
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  const out = [];
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(at) !== CENTRAL) throw new Error(`bad central directory entry ${i}`);
    const nameLen = buf.readUInt16LE(at + 28);
    const size = 46 + nameLen + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    const header = Buffer.from(buf.subarray(at, at + size));
    const local = header.readUInt32LE(42);
    if (buf.readUInt32LE(local) !== LOCAL) throw new Error(`bad local header for entry ${i}`);
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    out.push({ name: header.toString('utf8', 46, 46 + nameLen), header, data: buf.subarray(dataStart, dataStart + header.readUInt32LE(20)) });
    at += size;
  }
  return out;
}

/**
 * Writes `to`: the zip `from` with the text of entry `name` replaced by `transform(text)`. Every entry is
 * written again from its central directory record (so no data descriptors are needed).
 */
function rewriteZipEntry(from, to, name, transform) {
  const list = entries(fs.readFileSync(from));
  const target = list.find((e) => e.name === name);
  if (!target) throw new Error(`${from} has no ${name}`);
  const method = target.header.readUInt16LE(10);
  const text = (method === 8 ? zlib.inflateRawSync(target.data) : target.data).toString('utf8');
  const bytes = Buffer.from(transform(text), 'utf8');
  target.data = zlib.deflateRawSync(bytes);
  target.header.writeUInt16LE(8, 10);
  target.header.writeUInt32LE(zlib.crc32(bytes) >>> 0, 16);
  target.header.writeUInt32LE(target.data.length, 20);
  target.header.writeUInt32LE(bytes.length, 24);
  const parts = [];
  let offset = 0;
  for (const e of list) {
    const nameBytes = e.header.subarray(46, 46 + e.header.readUInt16LE(28));
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0);
    e.header.copy(local, 4, 6, 28); // version needed, flags, method, time, date, crc, sizes
    local.writeUInt16LE(e.header.readUInt16LE(8) & ~0x08, 6); // sizes are in this header: no data descriptor
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    e.header.writeUInt16LE(e.header.readUInt16LE(8) & ~0x08, 8);
    e.header.writeUInt32LE(offset, 42);
    parts.push(local, nameBytes, e.data);
    offset += local.length + nameBytes.length + e.data.length;
  }
  const centralStart = offset;
  for (const e of list) parts.push(e.header);
  const centralSize = list.reduce((n, e) => n + e.header.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END, 0);
  end.writeUInt16LE(list.length, 8);
  end.writeUInt16LE(list.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(centralStart, 16);
  parts.push(end);
  fs.writeFileSync(to, Buffer.concat(parts));
}

module.exports = { rewriteZipEntry, zipEntries: (file) => entries(fs.readFileSync(file)).map((e) => e.name) };

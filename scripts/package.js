// npm run package: production build, then `vsce package`, then a check of what the .vsix holds.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const { name, version } = require(path.join(root, 'package.json'));
const vsix = path.join(root, `${name}-${version}.vsix`);
const MAX_BYTES = 1024 * 1024;
const REQUIRED = ['extension/dist/extension.js', 'extension/dist/language.js', 'extension/dist/simWorker.js', 'extension/dist/apiDocs.json'];
const FORBIDDEN = [/^extension\/src\//, /^extension\/test\//, /^extension\/node_modules\//, /\.map$/, /^extension\/samples\/.*\.ts$/];

function run(cmd, args) {
  execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });
}

function listVsix(file) {
  // A .vsix is a zip; list it with the `yauzl` that vsce already depends on would mean async code,
  // so read the central directory directly: entries end with a 46-byte header + name.
  const buf = fs.readFileSync(file);
  const names = [];
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    const nameLen = buf.readUInt16LE(at + 28);
    const extra = buf.readUInt16LE(at + 30);
    const comment = buf.readUInt16LE(at + 32);
    names.push(buf.toString('utf8', at + 46, at + 46 + nameLen));
    at += 46 + nameLen + extra + comment;
  }
  return names;
}

function main() {
  fs.rmSync(path.join(root, 'dist'), { recursive: true, force: true });
  run(process.execPath, ['esbuild.js', '--production']);
  run(process.execPath, [require.resolve('@vscode/vsce/vsce'), 'package', '--no-dependencies', '--out', vsix]);
  const entries = listVsix(vsix);
  const bad = entries.filter((e) => FORBIDDEN.some((re) => re.test(e)));
  const size = fs.statSync(vsix).size;
  const files = entries.filter((e) => e.startsWith('extension/'));
  console.log(`${path.basename(vsix)}: ${(size / 1024).toFixed(1)} KiB, ${entries.length} entries (${files.length} extension files)`);
  const missing = REQUIRED.filter((e) => !entries.includes(e));
  if (missing.length > 0) throw new Error(`the .vsix must contain: ${missing.join(', ')}`);
  if (bad.length > 0) throw new Error(`the .vsix must not contain: ${bad.join(', ')}`);
  if (size > MAX_BYTES) throw new Error(`the .vsix is ${size} bytes, over the 1 MB budget`);
}

try {
  main();
} catch (err) {
  console.error(`package: ${err.message}`);
  process.exit(1);
}

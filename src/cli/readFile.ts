/**
 * How the CLI reads a manifest file: the type and size are checked with fs.stat BEFORE anything is
 * read, so a 2 GB sparse file is refused at once, `/dev/zero` (a character device) is never read, a
 * FIFO never blocks the process and a directory gets a clear message. The read itself is bounded too
 * (a file that grows between the stat and the read is still cut off at the limit).
 */
import { closeSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { DEFAULT_PARSE_OPTIONS } from '../core/manifests/types';

/** The largest file read (bytes): the manifest layer's limit, 5 MiB. */
export const MAX_FILE_BYTES = DEFAULT_PARSE_OPTIONS.maxBytes;

/** Why a file of this type is not read, or null for a regular file. */
function typeProblem(st: Stats): string | null {
  if (st.isFile()) return null;
  if (st.isDirectory()) return 'is a directory: give the manifest files in it';
  const type = st.isFIFO() ? 'a FIFO (named pipe)' : st.isCharacterDevice() ? 'a character device' : st.isBlockDevice() ? 'a block device' : st.isSocket() ? 'a socket' : 'not a regular file';
  return `is ${type}, not a regular file: only regular files are read`;
}

/** Reads a regular file of at most `maxBytes` as UTF-8; throws an Error with a clear message otherwise. */
export function readManifestFile(path: string, maxBytes = MAX_FILE_BYTES): string {
  const st = statSync(path);
  const bad = typeProblem(st);
  if (bad) throw new Error(bad);
  if (st.size > maxBytes) throw new Error(tooLarge(st.size, maxBytes));
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(Math.min(maxBytes + 1, Math.max(st.size + 1, 64 * 1024)));
    let n = 0;
    for (;;) {
      if (n === buf.length) break;
      const got = readSync(fd, buf, n, buf.length - n, null);
      if (got === 0) break;
      n += got;
    }
    if (n > maxBytes) throw new Error(tooLarge(n, maxBytes, true));
    return buf.toString('utf8', 0, n);
  } finally {
    closeSync(fd);
  }
}

function tooLarge(size: number, max: number, grew = false): string {
  return `file is too large to parse: ${grew ? 'more than ' : ''}${size} bytes, the limit is ${max} (checked before reading)`;
}

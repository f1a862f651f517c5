/**
 * The JSON output, written row by row: byte for byte what `JSON.stringify(value, null, 2)` prints, but
 * each element of a top-level array (150,000 pods, 10,000 events) is stringified on its own and handed
 * to a buffered writer, so the output never exists as one string (68 MB at 5,000 nodes / 150,000 pods);
 * the pods come from the store one at a time (snapshot.ts streamSnapshotOf), so their rows never exist at once either.
 */

/** Collects small writes into chunks of about `size` characters before passing them on. */
export class BufferedWriter {
  private parts: string[] = [];
  private length = 0;
  constructor(private readonly write: (text: string) => void, private readonly size = 1 << 16) {}

  add(text: string): void {
    this.parts.push(text);
    this.length += text.length;
    if (this.length >= this.size) this.flush();
  }

  flush(): void {
    if (this.length === 0) return;
    this.write(this.parts.join(''));
    this.parts = [];
    this.length = 0;
  }
}

/**
 * Writes `JSON.stringify(value, null, 2) + '\n'` for a plain object, its top-level arrays element by element;
 * a top-level sequence of rows built as they are read is written as the array it stands for.
 */
export function writeJson(value: Readonly<Record<string, unknown>>, write: (text: string) => void): void {
  const out = new BufferedWriter(write);
  const keys = Object.keys(value).filter((k) => serializable(value[k]));
  if (keys.length === 0) {
    out.add('{}\n');
    return out.flush();
  }
  out.add('{\n');
  keys.forEach((k, i) => {
    const v = value[k];
    out.add(`  ${JSON.stringify(k)}: `);
    const rows = rowsOf(v);
    if (rows && rows.length > 0) {
      out.add('[\n');
      let j = 0;
      for (const row of rows) {
        // JSON.stringify turns undefined and functions inside arrays into null; so does this.
        const el = serializable(row) ? indent(JSON.stringify(row, null, 2), '    ') : 'null';
        out.add(`    ${el}${++j < rows.length ? ',' : ''}\n`);
      }
      out.add('  ]');
    } else out.add(rows ? '[]' : indent(JSON.stringify(v, null, 2), '  '));
    out.add(i < keys.length - 1 ? ',\n' : '\n');
  });
  out.add('}\n');
  out.flush();
}

/** An array, or rows built as they are read (a RowSequence of core/sim/snapshot.ts, printed as the array it stands for). */
function rowsOf(v: unknown): (Iterable<unknown> & { readonly length: number }) | undefined {
  if (Array.isArray(v)) return v;
  if (typeof v !== 'object' || v === null) return undefined;
  const r = v as { readonly length?: unknown; [Symbol.iterator]?: unknown };
  return typeof r.length === 'number' && typeof r[Symbol.iterator] === 'function' ? (v as Iterable<unknown> & { readonly length: number }) : undefined;
}

function serializable(v: unknown): boolean {
  return v !== undefined && typeof v !== 'function' && typeof v !== 'symbol';
}

/** Indents every line after the first (JSON strings hold no raw newlines, so every newline is structure). */
function indent(json: string, pad: string): string {
  return json.includes('\n') ? json.replace(/\n/g, '\n' + pad) : json;
}

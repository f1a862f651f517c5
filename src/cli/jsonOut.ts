/**
 * The JSON output, written row by row: byte for byte what `JSON.stringify(value, null, 2)` prints, but
 * each element of a top-level array (150,000 pods, 10,000 events) is stringified on its own and handed
 * to a buffered writer, so the output never exists as one string (68 MB at 5,000 nodes / 150,000 pods).
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

/** Writes `JSON.stringify(value, null, 2) + '\n'` for a plain object, its top-level arrays element by element. */
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
    if (Array.isArray(v) && v.length > 0) {
      out.add('[\n');
      for (let j = 0; j < v.length; j++) {
        // JSON.stringify turns undefined and functions inside arrays into null; so does this.
        const el = serializable(v[j]) ? indent(JSON.stringify(v[j], null, 2), '    ') : 'null';
        out.add(`    ${el}${j < v.length - 1 ? ',' : ''}\n`);
      }
      out.add('  ]');
    } else out.add(indent(JSON.stringify(v, null, 2), '  '));
    out.add(i < keys.length - 1 ? ',\n' : '\n');
  });
  out.add('}\n');
  out.flush();
}

function serializable(v: unknown): boolean {
  return v !== undefined && typeof v !== 'function' && typeof v !== 'symbol';
}

/** Indents every line after the first (JSON strings hold no raw newlines, so every newline is structure). */
function indent(json: string, pad: string): string {
  return json.includes('\n') ? json.replace(/\n/g, '\n' + pad) : json;
}

import type { Document } from 'yaml';
import { keyNodeAtPath, nodeAtPath, nodeSpan } from './astPath';
import type { LineIndex } from './lines';
import type { ObjectPath, Range } from './types';

/** Locates paths of one object (a document, or an item of a List) in the file text. */
export class SourceLocator {
  constructor(
    private readonly doc: Document.Parsed,
    private readonly root: unknown,
    private readonly base: number,
    private readonly lines: LineIndex,
  ) {}

  /** Range of the value at `path`, or undefined when the path is not written in the source. */
  readonly keyRange = (path: ObjectPath): Range | undefined => {
    const span = nodeSpan(nodeAtPath(this.doc, this.root, path));
    return span ? this.lines.range(this.base + span[0], this.base + span[1]) : undefined;
  };

  /**
   * Where to report a problem with the field at `path`: its key for `onKey` (an unknown field) or when
   * its value spans lines (a whole block), else its value; else the nearest written ancestor.
   */
  anchor(path: ObjectPath, onKey: boolean): Range {
    const value = this.keyRange(path);
    if (value && !onKey && value.start.line === value.end.line) return value;
    const key = nodeSpan(keyNodeAtPath(this.doc, this.root, path));
    return key ? this.lines.range(this.base + key[0], this.base + key[1]) : value ?? this.nearest(path);
  }

  /** Range of the value at `path`, else of its nearest written ancestor, else the first line of the object. */
  nearest(path: ObjectPath): Range {
    for (let n = path.length; n > 0; n--) {
      const r = this.keyRange(path.slice(0, n));
      if (r) return r;
    }
    return this.lines.lineRange(this.base + (nodeSpan(this.root)?.[0] ?? 0));
  }

  /** The whole object, from `start` (absolute; the document start) or the root node. */
  whole(start?: number): Range {
    const span = nodeSpan(this.root) ?? [0, 0];
    return this.lines.range(start ?? this.base + span[0], this.base + span[1]);
  }
}

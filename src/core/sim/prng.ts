/**
 * Deterministic randomness: the engine never calls Math.random. Names that Kubernetes
 * generates randomly (pod suffixes) come from a seeded PRNG, so the same inputs always
 * give the same names.
 */

/** k8s.io/apimachinery/pkg/util/rand: the alphabet without vowels and confusable characters. */
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** mulberry32: a small, fast, seeded 32-bit PRNG. */
export class Prng {
  /** The alphabet of rand.String and SafeEncodeString. */
  static readonly ALPHANUMS = ALPHANUMS;
  private state: number;
  constructor(seed = 0x6b756265) {
    this.state = seed >>> 0;
  }
  /** Next float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** A random suffix as generateName uses (apiserver names.SimpleNameGenerator: utilrand.String(5) over the same alphabet). */
  suffix(n = 5): string {
    if (n === 5) { // one string instead of five intermediate ones (a pod is created per suffix)
      const a = this.pick(), b = this.pick(), c = this.pick(), d = this.pick(), e = this.pick();
      return String.fromCharCode(a, b, c, d, e);
    }
    let s = '';
    for (let i = 0; i < n; i++) s += String.fromCharCode(this.pick());
    return s;
  }

  /** A version 4 UUID as k8s.io/apimachinery/pkg/util/uuid NewUUID (google/uuid New) makes: 36 characters. */
  uuid(): string {
    const hex = (n: number): string => { let s = ''; for (let i = 0; i < n; i++) s += Math.floor(this.next() * 16).toString(16); return s; };
    return `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[Math.floor(this.next() * 4)]}${hex(3)}-${hex(12)}`;
  }

  private pick(): number {
    return ALPHANUMS.charCodeAt(Math.floor(this.next() * ALPHANUMS.length));
  }
}

/** FNV-1a 32-bit hash of a string. */
export function fnv32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * pkg/controller/controller_utils.go ComputeHash: `rand.SafeEncodeString(fmt.Sprint(hasher.Sum32()))`, i.e. the
 * decimal digits of the 32-bit hash, each rune mapped to alphanums[rune % 27] (k8s.io/apimachinery/pkg/util/rand/rand.go
 * SafeEncodeString): '0'..'9' → "4","5","6","7","8","9","b","c","d","f", up to 10 characters, e.g. `7d9c6b8b4f`.
 */
export function templateHash(template: unknown): string {
  return safeEncodeString(String(fnv32(stableStringify(template))));
}

/** k8s.io/apimachinery/pkg/util/rand/rand.go SafeEncodeString: each character's code modulo the alphabet's length. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += ALPHANUMS[s.charCodeAt(i) % ALPHANUMS.length];
  return out;
}

/** JSON with sorted keys, for hashing and comparing specs. */
export function stableStringify(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return '[' + v.map(stableStringify).join(',') + ']';
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
  return '{' + keys.map((k) => JSON.stringify(k) + ':' + stableStringify(o[k])).join(',') + '}';
}

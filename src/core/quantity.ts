/**
 * Kubernetes resource quantities ("500m", "1.5", "128Mi", "1G", "2e3").
 *
 * The grammar is the one of apimachinery's `resource.Quantity`
 * (https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/):
 *   <quantity> ::= <signedNumber><suffix>
 *   <suffix>   ::= <binarySI> (Ki Mi Gi Ti Pi Ei) | <decimalSI> (n u m "" k M G T P E) | <decimalExponent> (e/E<signedNumber>)
 */

const BINARY: Readonly<Record<string, number>> = {
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};
const DECIMAL: Readonly<Record<string, number>> = {
  n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
};
const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?)$/;

/** A parsed quantity, or the reason it is not one. */
export type QuantityResult =
  | { readonly ok: true; readonly value: number }
  | { readonly ok: false; readonly error: string };

/** Parses a quantity to its numeric value in base units (cores, bytes, count). */
export function parseQuantity(input: unknown): QuantityResult {
  if (typeof input === 'number') {
    return Number.isFinite(input) ? { ok: true, value: input } : { ok: false, error: `invalid quantity ${String(input)}` };
  }
  if (typeof input !== 'string') {
    return { ok: false, error: `quantity must be a string or a number, got ${input === null ? 'null' : typeof input}` };
  }
  const m = QUANTITY.exec(input.trim());
  if (!m) {
    return { ok: false, error: `invalid quantity "${input}": expected a number with an optional suffix such as 500m, 2, 128Mi or 1G` };
  }
  const base = Number(m[1]);
  const value = m[2] !== undefined ? base * 10 ** Number(m[2].slice(1)) : base * (BINARY[m[3] ?? ''] ?? DECIMAL[m[3] ?? '']);
  return Number.isFinite(value) ? { ok: true, value } : { ok: false, error: `quantity "${input}" is out of range` };
}

/** CPU in millicores, rounded up as the API server does for sub-milli values. */
export function cpuMillis(input: unknown): QuantityResult {
  const q = parseQuantity(input);
  return q.ok ? { ok: true, value: Math.ceil(q.value * 1000 - 1e-9) } : q;
}

/** Memory (or any byte quantity) in bytes, rounded up. */
export function bytes(input: unknown): QuantityResult {
  const q = parseQuantity(input);
  return q.ok ? { ok: true, value: Math.ceil(q.value - 1e-9) } : q;
}

/** resource.Quantity's serialisation formats (apimachinery pkg/api/resource/quantity.go). */
type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

const DECIMAL_EXPONENTS: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const DECIMAL_SUFFIXES = new Map(Object.entries(DECIMAL_EXPONENTS).map(([s, e]) => [e, s]));
const BINARY_EXPONENTS: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const BINARY_SUFFIXES = new Map(Object.entries(BINARY_EXPONENTS).map(([s, e]) => [e, s]));
/** A bound on a written exponent (`1e400`): beyond it the value is left as written rather than expanded. */
const MAX_EXPONENT = 400;
const MAX_INT64 = 2n ** 63n - 1n;

/** parseQuantityString: the sign, the digits before and after the point, and the suffix (leading zeros dropped). */
function splitQuantity(str: string): { positive: boolean; num: string; denom: string; suffix: string } | undefined {
  const m = /^([+-]?)0*(\d*)(?:\.(\d*))?([eEinumkKMGTP]*[-+]?\d*)$/.exec(str);
  return m ? { positive: m[1] !== '-', num: m[2] || '0', denom: m[3] ?? '', suffix: m[4] } : undefined;
}

/** quantitySuffixer.interpret: the base, the exponent and the format a suffix stands for. */
function interpretSuffix(suffix: string): { base: 2 | 10; exponent: number; format: QuantityFormat } | undefined {
  if (suffix in DECIMAL_EXPONENTS) return { base: 10, exponent: DECIMAL_EXPONENTS[suffix], format: 'DecimalSI' };
  if (suffix in BINARY_EXPONENTS) return { base: 2, exponent: BINARY_EXPONENTS[suffix], format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?\d+$/.test(suffix.slice(1))) {
    return { base: 10, exponent: Number(suffix.slice(1)), format: 'DecimalExponent' };
  }
  return undefined;
}

/**
 * How kube-apiserver writes a quantity back (`kubectl get -o yaml` shows it so): resource.Quantity's canonical
 * form, "the exponent (or suffix) as large as possible" without a fractional digit or a loss of precision
 * (Quantity's doc comment, ParseQuantity and CanonicalizeBytes in apimachinery pkg/api/resource/quantity.go;
 * AsCanonicalBytes and AsCanonicalBase1024Bytes in amount.go). So `0.5` is `500m`, `1000m` is `1`, `1024Mi`
 * is `1Gi`, `1.5Gi` is `1536Mi`, `2000` is `2k`, `1e4` is `10e3`, and a binary amount under 1Ki or with a
 * fraction is written in decimal (`0.5Ki` is `512`). A value already written canonically keeps its text, as
 * ParseQuantity keeps it (so `+1` stays `+1`). A JSON number is read as its text. Undefined when the value is
 * not a quantity (validation refuses it) or its exponent is out of the simulator's range.
 */
export function canonicalQuantity(input: unknown): string | undefined {
  if (typeof input === 'number' && !Number.isFinite(input)) return undefined;
  if (typeof input !== 'string' && typeof input !== 'number') return undefined;
  const str = String(input).trim();
  if (str === '0') return str;
  const parts = splitQuantity(str);
  const suffix = parts && interpretSuffix(parts.suffix);
  if (!parts || !suffix || Math.abs(suffix.exponent) > MAX_EXPONENT) return undefined;
  const { positive, num, denom } = parts;
  let { format } = suffix;
  const { base, exponent } = suffix;
  // ParseQuantity's int64 fast path keeps the written text when it is already canonical.
  const binary = base === 2;
  const precision = binary ? (denom === '' ? 15 - num.length - Math.trunc((exponent * 3) / 10) - 1 : -1) : 18 - (num.length + denom.length);
  const scale = (binary ? 0 : exponent) - denom.length;
  if (precision >= 0 && scale >= -9) {
    const shifted = num + denom;
    const value = BigInt(shifted);
    const fits = value * (binary ? 1n << BigInt(exponent) : 1n) <= MAX_INT64;
    if (fits && (binary ? exponent % 10 === 0 && (value & 7n) !== 0n : scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0')) return str;
  }
  // The exact amount: unscaled × 10^exp10.
  let unscaled = BigInt(num + denom) * (binary ? 1n << BigInt(exponent) : 1n);
  let exp10 = -denom.length + (binary ? 0 : exponent);
  if (unscaled === 0n) return '0';
  if (exp10 < -9) {
    // Rounded up to the nanounit: "if you want some resources, you should get some resources".
    const drop = -9 - exp10;
    unscaled = drop > (num + denom).length + 20 ? 1n : (unscaled + 10n ** BigInt(drop) - 1n) / 10n ** BigInt(drop);
    exp10 = -9;
  }
  if (binary && exp10 >= 0 && unscaled * 10n ** BigInt(exp10) > MAX_INT64) [unscaled, exp10] = [MAX_INT64, 0];
  const sign = positive ? '' : '-';
  if (binary) {
    // Under 1024, or with a fraction, a binary amount is written in decimal (it would round otherwise).
    const scaleDown = exp10 < 0 ? 10n ** BigInt(-exp10) : 1n;
    const whole = exp10 >= 0 ? unscaled * 10n ** BigInt(exp10) : undefined;
    if (unscaled < 1024n * scaleDown || (whole === undefined && unscaled % scaleDown !== 0n)) format = 'DecimalSI';
    else {
      let v = whole ?? unscaled / scaleDown;
      let e = 0;
      while (v % 1024n === 0n && e < 60) [v, e] = [v / 1024n, e + 10];
      return `${sign}${v}${BINARY_SUFFIXES.get(e) ?? ''}`;
    }
  }
  while (unscaled % 10n === 0n) [unscaled, exp10] = [unscaled / 10n, exp10 + 1];
  const down = ((exp10 % 3) + 3) % 3;
  unscaled *= 10n ** BigInt(down);
  exp10 -= down;
  // constructBytes: an SI suffix (none past E, as in apimachinery), or `e<n>` for the exponent format.
  const text = format === 'DecimalExponent' ? (exp10 === 0 ? '' : `e${exp10}`) : DECIMAL_SUFFIXES.get(exp10) ?? '';
  return `${sign}${unscaled}${text}`;
}

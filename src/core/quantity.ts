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

/** Resource quantities as admission plugins read and print them (resource.Quantity's String() for the common forms). */
import { parseQuantity } from '../../../quantity';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A quantity's value (cores, bytes, count), or undefined when it is not one. */
export function quantity(v: unknown): number | undefined {
  const q = parseQuantity(v);
  return q.ok ? q.value : undefined;
}

/** Prints a value as resource.Quantity does: "500m", "2", "512Mi", "1Gi", "3". */
export function formatQuantity(value: number, resource: string): string {
  const isBytes = /memory|storage/.test(resource);
  if (isBytes && Number.isInteger(value) && value > 0) {
    for (const [suffix, size] of [['Ei', 2 ** 60], ['Pi', 2 ** 50], ['Ti', 2 ** 40], ['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]] as const) {
      if (value % size === 0) return `${value / size}${suffix}`;
    }
    return String(value);
  }
  const milli = Math.round(value * 1000);
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

/** A container's requests or limits as resource → value. */
export function resourceList(container: unknown, bucket: 'requests' | 'limits'): Map<string, number> {
  const out = new Map<string, number>();
  const m = isObj(container) && isObj(container.resources) ? container.resources[bucket] : undefined;
  if (!isObj(m)) return out;
  for (const [k, v] of Object.entries(m)) {
    const q = quantity(v);
    if (q !== undefined) out.set(k, q);
  }
  return out;
}

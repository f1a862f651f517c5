/**
 * What the manifest layer asks of the API before an object may reach the engine: discovery of its
 * apiVersion and kind, then decoding against the API's types. One call, findings with paths; the
 * caller turns them into diagnostics at their source ranges.
 */
import { decodeObject } from './decode';
import { discover } from './discovery';

/** A problem at a path of the object. */
export interface ApiFinding {
  readonly path: readonly (string | number)[];
  readonly severity: 'error' | 'warning';
  readonly code: string;
  readonly message: string;
}

/** Stable codes of discovery findings. */
export const DiscoveryCode = {
  noMatch: 'api-no-match',
  disabledByDefault: 'api-disabled-by-default',
} as const;

/**
 * Discovers and decodes an object (normalising its nulls in place). Objects without a string
 * apiVersion and kind, and kinds of groups v1.33 does not have (CRDs, tool configs), give nothing.
 */
export function admitToApi(obj: Record<string, unknown>): ApiFinding[] {
  const { apiVersion, kind } = obj;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || apiVersion === '' || kind === '') return [];
  const d = discover(apiVersion, kind);
  switch (d.status) {
    case 'custom': return [];
    case 'no-match': return [{ path: ['apiVersion'], severity: 'error', code: DiscoveryCode.noMatch, message: d.message }];
    case 'disabled-by-default':
      return [{ path: ['apiVersion'], severity: 'warning', code: DiscoveryCode.disabledByDefault, message: d.message }, ...decodeObject(obj)];
    case 'served': return decodeObject(obj);
  }
}

/**
 * `Status` errors as kube-apiserver returns them (k8s.io/apimachinery/pkg/api/errors): the HTTP code, the
 * reason kubectl prints in parentheses, the message and the details (with field causes for 422 Invalid).
 */
import type { Resource } from './resources';

/** The body of a Status response. */
export interface StatusBody {
  readonly kind: 'Status';
  readonly apiVersion: 'v1';
  readonly metadata: Record<string, never>;
  readonly status: 'Failure' | 'Success';
  readonly message: string;
  readonly reason?: string;
  readonly details?: Record<string, unknown>;
  readonly code: number;
}

/** A failure Status (an empty reason is left out, as for etcd timeouts, which kubectl prints as "Error from server: …"). */
export function status(code: number, reason: string, message: string, details?: Record<string, unknown>): StatusBody {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, ...(reason ? { reason } : {}), ...(details ? { details } : {}), code };
}

/** The simulated API server's error text → the HTTP code and Status kube-apiserver would send. */
export function fromWriteError(error: string, res: Resource, name: string | undefined): [number, StatusBody] {
  const details = { name, group: res.group, kind: res.plural };
  const invalid = /^(?:The )?\S+ "([^"]*)" is invalid: (.*)$/s.exec(error);
  if (invalid) {
    const causes = splitCauses(invalid[2]).map((c) => {
      const m = /^([A-Za-z0-9_.[\]-]+): (.*)$/s.exec(c);
      return m ? { reason: causeReason(m[2]), message: m[2], field: m[1] } : { reason: 'FieldValueInvalid', message: c };
    });
    const qualified = `${res.kind}${res.group ? '.' + res.group : ''} "${invalid[1]}" is invalid: ${invalid[2]}`;
    return [422, status(422, 'Invalid', qualified, { name: invalid[1], group: res.group, kind: res.kind, causes })];
  }
  if (/ not found$/.test(error)) return [404, status(404, 'NotFound', error, details)];
  if (/ already exists$/.test(error)) return [409, status(409, 'AlreadyExists', error, details)];
  if (/is forbidden/.test(error)) return [403, status(403, 'Forbidden', error, details)];
  if (/^etcdserver:/.test(error)) return [500, status(500, '', error)];
  if (/^The connection to the server/.test(error)) return [503, status(503, 'ServiceUnavailable', error)];
  return [400, status(400, 'BadRequest', error, details)];
}

/** Causes are joined with ", " by the validators; a comma inside a cause's message is kept. */
function splitCauses(text: string): string[] {
  return text.replace(/^\[(.*)\]$/s, '$1').split(/, (?=[A-Za-z][A-Za-z0-9_.[\]-]*: )/);
}

function causeReason(message: string): string {
  if (message.startsWith('Required value')) return 'FieldValueRequired';
  if (message.startsWith('Unsupported value')) return 'FieldValueNotSupported';
  if (message.startsWith('Duplicate value')) return 'FieldValueDuplicate';
  if (message.startsWith('Forbidden')) return 'FieldValueForbidden';
  if (message.startsWith('Too long')) return 'FieldValueTooLong';
  return 'FieldValueInvalid';
}

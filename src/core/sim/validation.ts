/**
 * What kube-apiserver's validation would reject, as one StatusError message
 * (`Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0`).
 * The rules live in `apiserver/validation/` and run in the API server's write path (apiServer.ts); this
 * entry point checks an object outside it (the docker-server picture, which has no API server).
 */
import { withDefaults } from './apiserver/defaults';
import { invalidError } from './apiserver/fieldErrors';
import { validateCreate } from './apiserver/validation';
import { str } from './objects';
import type { KubeObject } from './types';

export { NODE_PORT_MAX, NODE_PORT_MIN } from './apiserver/validation/service';

/** Returns kube-apiserver's error for an invalid object, or null. A generateName stands in for the name it will get. */
export function validate(o: KubeObject): string | null {
  const name = str(o.metadata.name) || (str(o.metadata.generateName) ? `${str(o.metadata.generateName)}x` : '');
  const errs = validateCreate(withDefaults({ ...o, metadata: { ...o.metadata, name } }));
  return errs.length ? invalidError(o.kind, o.apiVersion, name, errs) : null;
}

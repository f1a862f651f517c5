/**
 * Shared types of the simulation engine. Objects are the real Kubernetes JSON shapes;
 * the engine treats every object it receives as untrusted input.
 */

/** A Kubernetes object as parsed from a manifest: the manifest layer's type, so the two cannot drift. */
export type { KubeObject } from '../manifests/types';

/** A loose view of any JSON object, for reading untrusted fields. */
export type Json = Record<string, unknown>;

/** A reference to an object, as printed in events (the shared snapshot's type). */
export type { ObjectRef } from '../../shared/snapshot';

/** Where an object came from, so errors can point at the editor. */
export interface SourcePosition {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** One recorded action: who did what, to which object, over which network path. */
export type { SimEvent } from '../../shared/snapshot';

/** An input problem attached to a position (file may be '' for API-only calls). */
export interface SimError {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

/** Outcome of `Simulation.apply` / `Simulation.delete`. */
export interface ApplyResult {
  readonly ok: boolean;
  /** 'created' | 'configured' | 'unchanged' | 'deleted' | 'stored' (kinds that are not simulated). */
  readonly action?: 'created' | 'configured' | 'unchanged' | 'deleted' | 'stored';
  readonly error?: string;
  /** A non-fatal note, e.g. "Ingress is stored but not simulated". */
  readonly warning?: string;
  /** The API server's warnings for the write (kubectl prints each as `Warning: …`), e.g. PodSecurity's `would violate PodSecurity "restricted:latest": …`. */
  readonly apiWarnings?: readonly string[];
  /** The created object's name (the one the API server generated, for an object with only a generateName). */
  readonly name?: string;
  /** The fields present that the simulation does not model (src/core/sim/notSimulatedFields.ts), each with its path. */
  readonly notModelled?: readonly { readonly path: readonly (string | number)[]; readonly message: string }[];
}

/** Names of the processes the engine models on a host. */
export type ComponentName =
  | 'etcd' | 'kube-apiserver' | 'kube-controller-manager' | 'kube-scheduler'
  | 'kubelet' | 'containerd' | 'kube-proxy' | 'dockerd';

/**
 * Typed views of the objects the engine holds. Every object reaches the engine decoded against the Kubernetes
 * API's own types (src/core/api: a wrong type, an unknown enum value or an out-of-range number is refused at its
 * line before the object is applied), so a reader can follow the API's model types (`Api.V1Pod`, generated from
 * the v1.33 OpenAPI) instead of untyped `at(obj, 'spec', …)` paths; field names are then checked by the compiler.
 * Every field of the models is optional, and reads use optional chaining, which is as forgiving as the path
 * reads were.
 */
import type { Api } from '../api';
import type { Json, KubeObject } from './types';

type Source = KubeObject | Json;

export const asPod = (o: Source): Api.V1Pod => o as unknown as Api.V1Pod;
export const asPodSpec = (o: Source): Api.V1PodSpec => o as unknown as Api.V1PodSpec;
export const asNode = (o: Source): Api.V1Node => o as unknown as Api.V1Node;
export const asDeployment = (o: Source): Api.V1Deployment => o as unknown as Api.V1Deployment;
export const asReplicaSet = (o: Source): Api.V1ReplicaSet => o as unknown as Api.V1ReplicaSet;
export const asStatefulSet = (o: Source): Api.V1StatefulSet => o as unknown as Api.V1StatefulSet;
export const asDaemonSet = (o: Source): Api.V1DaemonSet => o as unknown as Api.V1DaemonSet;
export const asJob = (o: Source): Api.V1Job => o as unknown as Api.V1Job;
export const asCronJob = (o: Source): Api.V1CronJob => o as unknown as Api.V1CronJob;
export const asService = (o: Source): Api.V1Service => o as unknown as Api.V1Service;
export const asClaim = (o: Source): Api.V1PersistentVolumeClaim => o as unknown as Api.V1PersistentVolumeClaim;
export const asVolume = (o: Source): Api.V1PersistentVolume => o as unknown as Api.V1PersistentVolume;

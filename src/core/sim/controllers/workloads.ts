import type { ControllerFactory } from './controllerManager';
import { EndpointSliceController } from './endpointSlice';

/** The controllers beyond Deployment/ReplicaSet, in kube-controller-manager's order. */
export const WORKLOAD_CONTROLLERS: readonly ControllerFactory[] = [
  (ctx, client) => new EndpointSliceController(ctx, client),
];

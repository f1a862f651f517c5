import type { ControllerFactory } from './controllerManager';
import { CronJobController } from './cronjob';
import { DaemonSetController } from './daemonset';
import { DisruptionController } from './disruption';
import { EndpointSliceController } from './endpointSlice';
import { HorizontalPodAutoscalerController } from './horizontalPodAutoscaler';
import { JobController } from './job';
import { TtlAfterFinishedController } from './ttlAfterFinished';
import { PersistentVolumeController } from './persistentVolume';
import { ReplicationControllerController } from './replicaset';
import { ResourceQuotaController } from './resourceQuota';
import { StatefulSetController } from './statefulset';

/** The controllers beyond Deployment/ReplicaSet, in kube-controller-manager's order. */
export const WORKLOAD_CONTROLLERS: readonly ControllerFactory[] = [
  (ctx, client) => new ReplicationControllerController(ctx, client),
  (ctx, client) => new EndpointSliceController(ctx, client),
  (ctx, client) => new DaemonSetController(ctx, client),
  (ctx, client) => new StatefulSetController(ctx, client),
  (ctx, client) => new JobController(ctx, client),
  (ctx, client) => new TtlAfterFinishedController(ctx, client),
  (ctx, client) => new CronJobController(ctx, client),
  (ctx, client) => new PersistentVolumeController(ctx, client),
  (ctx, client) => new DisruptionController(ctx, client),
  (ctx, client) => new HorizontalPodAutoscalerController(ctx, client),
  (ctx, client) => new ResourceQuotaController(ctx, client),
];

import { timestamp } from '../clock';
import { arr, num, obj, str } from '../objects';
import type { Stored } from '../store';
import type { Json } from '../types';
import { BaseController, keyOf } from './base';

/** kube-controller-manager --horizontal-pod-autoscaler-sync-period, 15 s (https://kubernetes.io/docs/reference/command-line-tools-reference/kube-controller-manager/). */
export const HPA_SYNC_SECONDS = 15;

/** The kinds an HPA can scale here, with their resource names for messages. */
const SCALABLE: Readonly<Record<string, string>> = { Deployment: 'deployments.apps', ReplicaSet: 'replicasets.apps', StatefulSet: 'statefulsets.apps', ReplicationController: 'replicationcontrollers' };

/**
 * What the metrics APIs answer in a kind cluster, which installs no metrics-server and no custom or external metrics
 * adapter: the resource metrics API (`metrics.k8s.io`) is not served, so a CPU or memory target cannot be read.
 */
const NO_RESOURCE_METRICS = 'unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)';
const NO_CUSTOM_METRICS = 'unable to fetch metrics from custom metrics API: no custom metrics API (custom.metrics.k8s.io) registered';
const NO_EXTERNAL_METRICS = 'unable to fetch metrics from external metrics API: no external metrics API (external.metrics.k8s.io) registered';

/**
 * HorizontalPodAutoscaler controller (pkg/controller/podautoscaler/horizontal.go), every 15 s. It keeps the target's
 * replicas between minReplicas (default 1) and maxReplicas (`SuccessfulRescale`, "Current number of replicas below
 * Spec.MinReplicas"); within them it would scale from the metrics, but the simulated cluster, like a kind cluster,
 * serves no metrics API: each sync reports FailedGetResourceMetric and FailedComputeMetricsReplicas, the condition
 * ScalingActive is False, and `kubectl get hpa` shows the target as `<unknown>`
 * (https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#support-for-resource-metrics).
 */
export class HorizontalPodAutoscalerController extends BaseController {
  readonly name = 'horizontal-pod-autoscaler';
  protected readonly kind = 'HorizontalPodAutoscaler';
  /** The last warning recorded per HPA and reason: the event recorder folds a repeat into the earlier event's count. */
  private readonly warned = new Map<string, string>();

  /** Watches HPAs (each syncs every 15 s). */
  start(): this {
    this.ctx.store.watch(this.kind, (t, o) => {
      if (t !== 'DELETED') return this.queue.add(keyOf(o));
      for (const k of this.warned.keys()) if (k.startsWith(`${keyOf(o)}\u0000`)) this.warned.delete(k);
    });
    return this;
  }

  reconcile(k: string): void {
    const hpa = this.get(k);
    if (!hpa || hpa.metadata.deletionTimestamp) return;
    // The next sync, 15 s on: a status re-check that does not keep the cluster from settling.
    this.requeueAt(k, Math.floor(this.ctx.clock.now() / HPA_SYNC_SECONDS) * HPA_SYNC_SECONDS + HPA_SYNC_SECONDS, true);
    const spec = obj(hpa.spec) ?? {};
    const ref = obj(spec.scaleTargetRef) ?? {};
    const kind = str(ref.kind) ?? '';
    const name = str(ref.name) ?? '';
    const target = SCALABLE[kind] ? this.ctx.store.get(kind, hpa.metadata.namespace, name) : undefined;
    const now = timestamp(this.ctx.clock.now());
    if (!target) {
      const why = SCALABLE[kind] ? `${SCALABLE[kind]} "${name}" not found` : `no matches for kind "${kind}" that the simulation scales`;
      this.warn(hpa, 'FailedGetScale', why);
      return this.writeHpa(hpa, { currentReplicas: 0, desiredReplicas: 0 }, [
        condition('AbleToScale', 'False', 'FailedGetScale', `the HPA controller was unable to get the target's current scale: ${why}`, now),
      ]);
    }
    const current = num(obj(target.spec)?.replicas) ?? 1;
    const min = num(spec.minReplicas) ?? 1;
    const max = num(spec.maxReplicas) ?? current;
    const able = condition('AbleToScale', 'True', 'SucceededGetScale', 'the HPA controller was able to get the target\'s current scale', now);
    let desired = current;
    let reason: string | null = null;
    let active: Json;
    if (current === 0 && min !== 0) {
      active = condition('ScalingActive', 'False', 'ScalingDisabled', 'scaling is disabled since the replica count of the target is zero', now);
    } else if (current > max) {
      desired = max;
      reason = 'Current number of replicas above Spec.MaxReplicas';
      active = condition('ScalingActive', 'True', 'ValidMetricFound', 'the HPA was able to successfully calculate a replica count', now);
    } else if (current < min) {
      desired = min;
      reason = 'Current number of replicas below Spec.MinReplicas';
      active = condition('ScalingActive', 'True', 'ValidMetricFound', 'the HPA was able to successfully calculate a replica count', now);
    } else {
      const failure = metricFailure(hpa);
      this.warn(hpa, failure.reason, failure.message);
      this.warn(hpa, 'FailedComputeMetricsReplicas', `invalid metrics (${failure.count} invalid out of ${failure.count}), first error is: ${failure.valueError}`);
      active = condition('ScalingActive', 'False', failure.reason, `the HPA was unable to compute the replica count: ${failure.message}`, now);
    }
    let lastScaleTime = str(obj(hpa.status)?.lastScaleTime);
    if (reason !== null && this.rescale(target, desired)) {
      this.emit('SuccessfulRescale', hpa, `New size: ${desired}; reason: ${reason}`);
      lastScaleTime = now;
    }
    this.writeHpa(hpa, { currentReplicas: current, desiredReplicas: desired, ...(lastScaleTime ? { lastScaleTime } : {}) }, [able, active]);
  }

  /** The scale subresource: the target's spec.replicas. */
  private rescale(target: Stored, replicas: number): boolean {
    return this.ctx.api.update(this.client(), { ...target, spec: { ...obj(target.spec), replicas } }).ok;
  }

  /** A Warning event, unless it repeats the HPA's last one of that reason (the recorder would count the repeat). */
  private warn(hpa: Stored, reason: string, message: string): void {
    const k = `${keyOf(hpa)}\u0000${reason}`;
    if (this.warned.get(k) === message) return;
    this.warned.set(k, message);
    this.emit(reason, hpa, message, 'Warning');
  }

  /** The status, keeping the conditions' transition times while their status holds (as setCondition does). */
  private writeHpa(hpa: Stored, fields: Json, conditions: Json[]): void {
    const before = arr(obj(hpa.status)?.conditions).map(obj);
    const kept = conditions.map((c) => {
      const old = before.find((b) => b?.type === c.type);
      return old && old.status === c.status ? { ...c, lastTransitionTime: old.lastTransitionTime } : c;
    });
    const status: Json = { ...fields, conditions: kept };
    const metrics = currentMetrics(hpa);
    if (metrics.length > 0) status.currentMetrics = metrics;
    this.writeStatus(hpa, status);
  }
}

function condition(type: string, status: string, reason: string, message: string, now: string): Json {
  return { type, status, lastTransitionTime: now, reason, message };
}

/** The HPA's metrics: autoscaling/v2 `metrics`, v1 `targetCPUUtilizationPercentage`, or the default 80 % CPU. */
function metricsOf(hpa: Stored): Json[] {
  const spec = obj(hpa.spec) ?? {};
  const list = arr(spec.metrics).map(obj).filter((m): m is Json => m !== undefined);
  if (list.length > 0) return list;
  const cpu = num(spec.targetCPUUtilizationPercentage) ?? 80;
  return [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: cpu } } }];
}

/** Why the first metric cannot be read, as horizontal.go's computeStatusFor… functions report it. */
function metricFailure(hpa: Stored): { reason: string; message: string; valueError: string; count: number } {
  const metrics = metricsOf(hpa);
  const m = metrics[0] ?? {};
  const type = str(m.type) ?? 'Resource';
  const count = metrics.length;
  if (type === 'Resource' || type === 'ContainerResource') {
    const resource = str(obj(m.resource ?? m.containerResource)?.name) ?? 'cpu';
    const utilization = str(obj(obj(m.resource ?? m.containerResource)?.target)?.type) !== 'AverageValue';
    const message = `failed to get ${resource} ${utilization ? 'utilization' : 'usage'}: unable to get metrics for resource ${resource}: ${NO_RESOURCE_METRICS}`;
    return { reason: type === 'Resource' ? 'FailedGetResourceMetric' : 'FailedGetContainerResourceMetric', message, valueError: `failed to get ${resource} resource metric value: ${message}`, count };
  }
  const metric = str(obj(obj(m.pods ?? m.object ?? m.external)?.metric)?.name) ?? '';
  const external = type === 'External';
  const message = `unable to get ${external ? 'external ' : ''}metric ${metric}: ${external ? NO_EXTERNAL_METRICS : NO_CUSTOM_METRICS}`;
  const reason = type === 'Pods' ? 'FailedGetPodsMetric' : type === 'Object' ? 'FailedGetObjectMetric' : 'FailedGetExternalMetric';
  return { reason, message, valueError: `failed to get ${type.toLowerCase()} metric value: ${message}`, count };
}

/** status.currentMetrics: each metric with an empty current value (`kubectl get hpa` prints `<unknown>`). */
function currentMetrics(hpa: Stored): Json[] {
  return metricsOf(hpa).map((m) => {
    const type = str(m.type) ?? 'Resource';
    const key = type === 'Resource' ? 'resource' : type === 'ContainerResource' ? 'containerResource' : type.toLowerCase();
    const inner = obj(m[key]) ?? {};
    const { target: _target, ...rest } = inner;
    return { type, [key]: { ...rest, current: {} } };
  });
}

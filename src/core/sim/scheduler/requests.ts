/**
 * A pod's effective resource requests, as kube-scheduler computes them.
 *
 * Formula of k8s.io/component-helpers/resource `PodRequests` (used by the
 * NodeResourcesFit plugin, pkg/scheduler/framework/plugins/noderesources/fit.go):
 *   requests = max(sum(containers) + sum(sidecars), max over init containers of
 *              (init container + sidecars started before it)) + overhead
 * where sidecars are init containers with `restartPolicy: Always`.
 * https://kubernetes.io/docs/concepts/workloads/pods/init-containers/#resource-sharing-within-containers
 */
import { bytes, cpuMillis } from '../../quantity';
import { items, record } from './safe';
import type { ResourceList, SchedContainer, SchedPod } from './types';

/** CPU in millicores and memory in bytes. */
export interface CpuMem {
  cpu: number;
  mem: number;
}

/**
 * Defaults used only for scoring containers that request nothing, so that many
 * zero-request pods do not pile onto one node (pkg/scheduler/util/pod_resources.go:
 * DefaultMilliCPURequest = 100, DefaultMemoryRequest = 200 MiB).
 */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

function quantityOr0(parse: typeof cpuMillis, value: unknown): number {
  if (value === undefined) {
    return 0;
  }
  const q = parse(value);
  return q.ok && q.value > 0 ? q.value : 0;
}

function listCpuMem(list: ResourceList | undefined): CpuMem {
  const l = record<ResourceList>(list);
  return { cpu: quantityOr0(cpuMillis, l?.cpu), mem: quantityOr0(bytes, l?.memory) };
}

/** One container's requests; with `nonZero`, unset cpu/memory count as the scheduler's scoring defaults. */
function containerRequests(c: SchedContainer, nonZero: boolean): CpuMem {
  const req = record<ResourceList>(record<{ requests?: unknown }>(c.resources)?.requests);
  const r = listCpuMem(req);
  if (nonZero) {
    if (req?.cpu === undefined) r.cpu = DEFAULT_MILLI_CPU_REQUEST;
    if (req?.memory === undefined) r.mem = DEFAULT_MEMORY_REQUEST;
  }
  return r;
}

/**
 * The pod's requests. With `nonZero`, containers without a cpu/memory request
 * count the scheduler's defaults (the "NonZeroRequested" used by scoring).
 */
export function podRequests(pod: SchedPod, nonZero = false): CpuMem {
  const spec = pod.spec;
  const total: CpuMem = { cpu: 0, mem: 0 };
  for (const c of items<SchedContainer>(spec?.containers)) {
    const r = containerRequests(c, nonZero);
    total.cpu += r.cpu;
    total.mem += r.mem;
  }
  const sidecars: CpuMem = { cpu: 0, mem: 0 };
  const initMax: CpuMem = { cpu: 0, mem: 0 };
  for (const c of items<SchedContainer>(spec?.initContainers)) {
    const r = containerRequests(c, nonZero);
    let during: CpuMem;
    if (c.restartPolicy === 'Always') {
      // A sidecar keeps running next to the app containers.
      total.cpu += r.cpu;
      total.mem += r.mem;
      sidecars.cpu += r.cpu;
      sidecars.mem += r.mem;
      during = { ...sidecars };
    } else {
      during = { cpu: r.cpu + sidecars.cpu, mem: r.mem + sidecars.mem };
    }
    initMax.cpu = Math.max(initMax.cpu, during.cpu);
    initMax.mem = Math.max(initMax.mem, during.mem);
  }
  const overhead = listCpuMem(spec?.overhead);
  return {
    cpu: Math.max(total.cpu, initMax.cpu) + overhead.cpu,
    mem: Math.max(total.mem, initMax.mem) + overhead.mem,
  };
}

/** A node's allocatable cpu (millicores), memory (bytes) and pod count. */
export function nodeAllocatable(list: ResourceList | undefined): { cpu: number; mem: number; pods: number } {
  const { cpu, mem } = listCpuMem(list);
  const pods = list?.pods === undefined ? 0 : Math.floor(quantityOr0(bytes, list.pods));
  return { cpu, mem, pods };
}

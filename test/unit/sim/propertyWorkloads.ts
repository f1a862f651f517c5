/**
 * DaemonSets, StatefulSets and node joins for the property test, and the DaemonSet invariant:
 * once settled, exactly one DaemonSet pod on every eligible Ready node, none elsewhere.
 */
import assert from 'node:assert/strict';
import type { KubeObject, Simulation } from '../../../src/core/sim';
import { nodeShouldRun } from '../../../src/core/sim/controllers/daemonPods';
import { readyStatus } from '../../../src/core/sim/controllers/nodeLifecycle';
import { isFinished, isTerminating, nodeName } from '../../../src/core/sim/pods';
import type { Json } from '../../../src/core/sim/types';

const CONTAINERS = [{ name: 'c', image: 'busybox:1.36' }];
const CP_TOLERATION = { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' };

/** A DaemonSet, optionally tolerating the control plane or limited to `disk: ssd` nodes. */
export function daemonSet(name: string, tolerateCp: boolean, ssdOnly: boolean): KubeObject {
  const spec: Json = { containers: CONTAINERS };
  if (tolerateCp) spec.tolerations = [CP_TOLERATION];
  if (ssdOnly) spec.nodeSelector = { disk: 'ssd' };
  return { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name }, spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec } } };
}

/** A StatefulSet with OrderedReady or Parallel pod management. */
export function statefulSet(name: string, replicas: number, parallel: boolean): KubeObject {
  return {
    apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name },
    spec: {
      replicas, serviceName: name, podManagementPolicy: parallel ? 'Parallel' : 'OrderedReady', selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ ...CONTAINERS[0], resources: { requests: { cpu: '500m' } } }] } },
    },
  };
}

/** The Node that joins and leaves during a run. */
export const EXTRA_NODE: KubeObject = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'worker-3', labels: { disk: 'ssd' } } };

/** Exactly one live DaemonSet pod on each eligible Ready node, and none on nodes it must leave. */
export function checkDaemonSets(sim: Simulation): void {
  const store = sim.internals.store;
  for (const ds of store.list('DaemonSet')) {
    const spec = ((ds.spec as Json).template as Json).spec as Json;
    const pods = store.children(String(ds.metadata.uid)).filter((p) => p.kind === 'Pod' && !isTerminating(p) && !isFinished(p));
    for (const node of store.list('Node')) {
      const here = pods.filter((p) => nodeName(p) === node.metadata.name).length;
      const place = nodeShouldRun(node, spec);
      if (place.shouldRun && readyStatus(node) === 'True') assert.equal(here, 1, `${ds.metadata.name} has ${here} pods on eligible ${node.metadata.name}`);
      if (!place.shouldContinueRunning) assert.equal(here, 0, `${ds.metadata.name} runs on ineligible ${node.metadata.name}`);
    }
    assert.ok(pods.every((p) => nodeName(p) === null || store.get('Node', undefined, nodeName(p) ?? '')), 'no daemon pod on a missing node');
  }
}

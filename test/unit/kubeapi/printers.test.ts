import * as assert from 'node:assert';
import { hpaTargets, printedColumns, toTable } from '../../../src/core/kubeapi/tables';
import { presetTopology, Simulation, type KubeObject } from '../../../src/core/sim';

/** An hour after the simulation's epoch: an object created at second 0 is 60m old. */
const NOW = 3600;
const T0 = '2025-01-01T00:00:00Z';

const meta = (name: string, extra: Record<string, unknown> = {}): KubeObject['metadata'] => ({ name, namespace: 'default', creationTimestamp: T0, ...extra });
const object = (kind: string, name: string, fields: Record<string, unknown>, extra: Record<string, unknown> = {}): KubeObject =>
  ({ apiVersion: 'v1', kind, metadata: meta(name, extra), ...fields });

/** What `kubectl get KIND` prints (priority-0 columns). */
const printed = (kind: string, items: readonly KubeObject[]): { headers: string[]; rows: string[][] } => printedColumns(kind, items, NOW);
const row = (o: KubeObject): string[] => printed(o.kind, [o]).rows[0];

interface Table { columnDefinitions: { name: string; type: string; priority: number }[]; rows: { cells: unknown[] }[] }
const table = (kind: string, items: readonly KubeObject[]): Table => toTable(kind, items, NOW, '1') as Table;

describe('kubeapi: server-side printing of the storage, config and policy kinds (printers.go)', () => {
  let sim: Simulation;
  const list = (kind: string): KubeObject[] => [...sim.internals.store.list(kind)].sort((a, b) => String(a.metadata.name).localeCompare(String(b.metadata.name)));

  before(() => {
    sim = new Simulation({ topology: presetTopology('multi-worker') });
    sim.apply({
      apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'default' },
      spec: {
        serviceName: 'db', replicas: 2, selector: { matchLabels: { app: 'db' } },
        template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'postgres:16', ports: [{ containerPort: 5432 }] }] } },
        volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { storageClassName: 'standard', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      },
    });
    sim.apply({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'db', namespace: 'default' }, spec: { selector: { app: 'db' }, ports: [{ port: 5432 }] } });
    // No pod uses it: a WaitForFirstConsumer claim stays Pending with no volume.
    sim.apply({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'spare', namespace: 'default' }, spec: { storageClassName: 'standard', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '2Gi' } } } });
    sim.apply({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'db', namespace: 'default' }, spec: { minAvailable: 1, selector: { matchLabels: { app: 'db' } } } });
    sim.apply({
      apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'db', namespace: 'default' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db' }, maxReplicas: 3, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }] },
    });
    sim.runUntilSettled();
  });

  it('prints a provisioned claim and its volume as kubectl get pvc,pv shows them', () => {
    const pvcs = printed('PersistentVolumeClaim', list('PersistentVolumeClaim'));
    assert.deepStrictEqual(pvcs.headers, ['NAME', 'STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'AGE']);
    const [db0, , spare] = list('PersistentVolumeClaim');
    const volume = String((db0.spec as { volumeName: string }).volumeName);
    assert.match(volume, /^pvc-/);
    assert.deepStrictEqual(pvcs.rows[0], ['data-db-0', 'Bound', volume, '1Gi', 'RWO', 'standard', '<unset>', '60m']);
    assert.strictEqual(pvcs.rows[1][0], 'data-db-1');
    assert.deepStrictEqual(row(spare), ['spare', 'Pending', '', '', '', 'standard', '<unset>', '60m']);

    const pvs = printed('PersistentVolume', list('PersistentVolume').filter((v) => v.metadata.name === volume));
    assert.deepStrictEqual(pvs.headers, ['NAME', 'CAPACITY', 'ACCESS MODES', 'RECLAIM POLICY', 'STATUS', 'CLAIM', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'REASON', 'AGE']);
    assert.deepStrictEqual(pvs.rows, [[volume, '1Gi', 'RWO', 'Delete', 'Bound', 'default/data-db-0', 'standard', '<unset>', '', '60m']]);
  });

  it('sends the wide-only VolumeMode column with priority 1', () => {
    const t = table('PersistentVolumeClaim', list('PersistentVolumeClaim').slice(0, 1));
    assert.deepStrictEqual(t.columnDefinitions.map((c) => `${c.name}:${c.type}:${c.priority}`), ['Name:string:0', 'Status:string:0', 'Volume:string:0', 'Capacity:string:0',
      'Access Modes:string:0', 'StorageClass:string:0', 'VolumeAttributesClass:string:0', 'Age:string:0', 'VolumeMode:string:1']);
    assert.strictEqual(t.rows[0].cells[8], 'Filesystem');
    assert.deepStrictEqual(table('PersistentVolume', list('PersistentVolume').slice(0, 1)).columnDefinitions.map((c) => `${c.name}:${c.priority}`).slice(-2), ['Age:0', 'VolumeMode:1']);
  });

  it('prints the cluster\'s StorageClass, PriorityClasses, ServiceAccounts and EndpointSlices', () => {
    assert.deepStrictEqual(printed('StorageClass', list('StorageClass')), {
      headers: ['NAME', 'PROVISIONER', 'RECLAIMPOLICY', 'VOLUMEBINDINGMODE', 'ALLOWVOLUMEEXPANSION', 'AGE'],
      rows: [['standard (default)', 'rancher.io/local-path', 'Delete', 'WaitForFirstConsumer', 'false', '60m']],
    });
    assert.deepStrictEqual(printed('PriorityClass', list('PriorityClass')), {
      headers: ['NAME', 'VALUE', 'GLOBAL-DEFAULT', 'AGE', 'PREEMPTIONPOLICY'],
      rows: [['system-cluster-critical', '2000000000', 'false', '60m', 'PreemptLowerPriority'], ['system-node-critical', '2000001000', 'false', '60m', 'PreemptLowerPriority']],
    });
    const sa = printed('ServiceAccount', list('ServiceAccount').filter((a) => a.metadata.namespace === 'default'));
    assert.deepStrictEqual(sa, { headers: ['NAME', 'SECRETS', 'AGE'], rows: [['default', '0', '60m']] });
    const slice = list('EndpointSlice').find((e) => e.metadata.labels?.['kubernetes.io/service-name'] === 'db');
    assert.ok(slice);
    const ips = ['db-0', 'db-1'].map((n) => String((sim.internals.store.get('Pod', 'default', n)?.status as { podIP: string }).podIP));
    const slices = printed('EndpointSlice', [slice]);
    assert.deepStrictEqual(slices.headers, ['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE']);
    assert.deepStrictEqual(slices.rows[0].slice(1), ['IPv4', '5432', ips.join(','), '60m']);
  });

  it('prints a PodDisruptionBudget and a HorizontalPodAutoscaler with the controllers\' status', () => {
    assert.deepStrictEqual(printed('PodDisruptionBudget', list('PodDisruptionBudget')), {
      headers: ['NAME', 'MIN AVAILABLE', 'MAX UNAVAILABLE', 'ALLOWED DISRUPTIONS', 'AGE'], rows: [['db', '1', 'N/A', '1', '60m']],
    });
    // No metrics API (as in kind): the current CPU is <unknown>; minReplicas defaults to 1.
    assert.deepStrictEqual(printed('HorizontalPodAutoscaler', list('HorizontalPodAutoscaler')), {
      headers: ['NAME', 'REFERENCE', 'TARGETS', 'MINPODS', 'MAXPODS', 'REPLICAS', 'AGE'], rows: [['db', 'StatefulSet/db', 'cpu: <unknown>/50%', '1', '3', '2', '60m']],
    });
  });
});

describe('kubeapi: printers.go cell rules', () => {
  it('claims: the beta class annotation wins, capacity and modes only once a volume is named, Terminating when deleted', () => {
    const pvc = (fields: Record<string, unknown>, extra: Record<string, unknown> = {}): KubeObject => object('PersistentVolumeClaim', 'c', fields, extra);
    assert.deepStrictEqual(row(pvc({ spec: { storageClassName: 'fast' }, status: { phase: 'Lost' } }, { annotations: { 'volume.beta.kubernetes.io/storage-class': '' } })),
      ['c', 'Lost', '', '', '', '', '<unset>', '60m']);
    assert.deepStrictEqual(row(pvc({ spec: { storageClassName: 'fast' } }, { annotations: { 'volume.beta.kubernetes.io/storage-class': 'slow' } })),
      ['c', 'Pending', '', '', '', 'slow', '<unset>', '60m']);
    assert.deepStrictEqual(row(pvc({ spec: { volumeName: 'v', volumeAttributesClassName: 'gold' }, status: { phase: 'Bound', accessModes: ['ReadWriteOncePod', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOnce'] } },
      { deletionTimestamp: T0 })), ['c', 'Terminating', 'v', '0', 'RWO,RWX,RWOP', '', 'gold', '60m']);
  });

  it('volumes: no claim, a reason, the class from the annotation and a Block volume mode', () => {
    const pv: KubeObject = {
      apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'v', creationTimestamp: T0, annotations: { 'volume.beta.kubernetes.io/storage-class': 'old' } },
      spec: { capacity: { storage: '5Gi' }, accessModes: ['ReadOnlyMany'], persistentVolumeReclaimPolicy: 'Retain', storageClassName: 'new', volumeMode: 'Block' },
      status: { phase: 'Failed', reason: 'VolumeFailedRecycle' },
    };
    assert.deepStrictEqual(table('PersistentVolume', [pv]).rows[0].cells, ['v', '5Gi', 'ROX', 'Retain', 'Failed', '', 'old', '<unset>', 'VolumeFailedRecycle', '60m', 'Block']);
  });

  it('config: keys of data and binaryData, a Secret\'s type, a ServiceAccount\'s secrets', () => {
    assert.deepStrictEqual(printed('ConfigMap', [object('ConfigMap', 'cm', { data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } })]),
      { headers: ['NAME', 'DATA', 'AGE'], rows: [['cm', '3', '60m']] });
    assert.deepStrictEqual(printed('Secret', [object('Secret', 's', { type: 'kubernetes.io/tls', data: { 'tls.crt': '', 'tls.key': '' } })]),
      { headers: ['NAME', 'TYPE', 'DATA', 'AGE'], rows: [['s', 'kubernetes.io/tls', '2', '60m']] });
    assert.deepStrictEqual(row(object('ServiceAccount', 'sa', { secrets: [{ name: 'x' }] })), ['sa', '1', '60m']);
    assert.deepStrictEqual(table('ConfigMap', [object('ConfigMap', 'e', {})]).rows[0].cells, ['e', 0, '60m']);
  });

  it('storage classes: the defaults printed for unset fields, and the beta default annotation', () => {
    const sc = (name: string, annotations: Record<string, string>, fields: Record<string, unknown> = {}): KubeObject =>
      ({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name, creationTimestamp: T0, annotations }, provisioner: 'example.com/x', ...fields });
    assert.deepStrictEqual(printed('StorageClass', [sc('a', { 'storageclass.beta.kubernetes.io/is-default-class': 'true' }), sc('b', { 'storageclass.kubernetes.io/is-default-class': 'false' }, { allowVolumeExpansion: true, reclaimPolicy: 'Retain' })]).rows,
      [['a (default)', 'example.com/x', 'Delete', 'Immediate', 'false', '60m'], ['b', 'example.com/x', 'Retain', 'Immediate', 'true', '60m']]);
    assert.strictEqual(table('StorageClass', [sc('a', {})]).rows[0].cells[4], false);
  });

  it('disruption budgets: a percentage, N/A for the unset bound', () => {
    assert.deepStrictEqual(row(object('PodDisruptionBudget', 'p', { spec: { maxUnavailable: '25%' }, status: { disruptionsAllowed: 0 } })), ['p', 'N/A', '25%', '0', '60m']);
  });

  it('autoscalers: formatHPAMetrics for each metric type, the default metric, at most two targets', () => {
    const hpa = (spec: Record<string, unknown>, status: Record<string, unknown> = {}): KubeObject =>
      ({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: meta('h'), spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, maxReplicas: 5, ...spec }, status });
    const resource = (name: string, target: Record<string, unknown>): Record<string, unknown> => ({ type: 'Resource', resource: { name, target } });
    assert.strictEqual(hpaTargets(hpa({})), 'cpu: <unknown>/80%');
    assert.strictEqual(hpaTargets(hpa({ targetCPUUtilizationPercentage: 65 })), 'cpu: <unknown>/65%');
    assert.strictEqual(hpaTargets(hpa({ metrics: [resource('memory', { type: 'AverageValue', averageValue: '500Mi' })] })), 'memory: <unknown>/500Mi');
    assert.strictEqual(hpaTargets(hpa({ metrics: [resource('cpu', { type: 'Utilization', averageUtilization: 50 })] }, { currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 30, averageValue: '30m' } } }] })),
      'cpu: 30%/50%');
    // The simulator's status keeps each metric with an empty current: still <unknown>.
    assert.strictEqual(hpaTargets(hpa({ metrics: [resource('cpu', { type: 'AverageValue', averageValue: '200m' })] }, { currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: {} } }] })),
      'cpu: <unknown>/200m');
    assert.strictEqual(hpaTargets(hpa({ metrics: [{ type: 'ContainerResource', containerResource: { name: 'cpu', container: 'app', target: { type: 'Utilization' } } }] })), 'cpu: <unknown>/<auto>');
    const four = [
      { type: 'Pods', pods: { metric: { name: 'rps' }, target: { type: 'AverageValue', averageValue: '1k' } } },
      { type: 'Object', object: { metric: { name: 'hits' }, target: { type: 'Value', value: '10' } } },
      { type: 'External', external: { metric: { name: 'queue' }, target: { type: 'AverageValue', averageValue: '30' } } },
      resource('cpu', { type: 'Utilization', averageUtilization: 50 }),
    ];
    assert.strictEqual(hpaTargets(hpa({ metrics: four })), '<unknown>/1k, <unknown>/10 + 2 more...');
    assert.strictEqual(hpaTargets(hpa({ metrics: four.slice(2, 3) })), '<unknown>/30 (avg)');
    const t = table('HorizontalPodAutoscaler', [hpa({ minReplicas: 2 }, { currentReplicas: 4 })]);
    assert.deepStrictEqual(t.rows[0].cells, ['h', 'Deployment/web', 'cpu: <unknown>/80%', '2', 5, 4, '60m']);
  });

  it('endpoints: ip:port pairs, three then "+ N more...", <none> without subsets', () => {
    const ep = (subsets: unknown[]): string[] => row(object('Endpoints', 'e', { subsets }));
    assert.deepStrictEqual(printed('Endpoints', [object('Endpoints', 'e', {})]), { headers: ['NAME', 'ENDPOINTS', 'AGE'], rows: [['e', '<none>', '60m']] });
    const addresses = ['10.0.0.1', '10.0.0.2'].map((ip) => ({ ip }));
    assert.deepStrictEqual(ep([{ addresses, ports: [{ name: 'http', port: 80 }, { name: 'https', port: 443 }] }]), ['e', '10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 1 more...', '60m']);
    assert.deepStrictEqual(ep([{ addresses: [{ ip: 'fd00::1' }], ports: [{ port: 8080 }] }, { addresses: [{ ip: '10.0.0.9' }] }]), ['e', '[fd00::1]:8080,10.0.0.9', '60m']);
  });

  it('endpoint slices: port numbers or names, <unset> when empty, three addresses then more', () => {
    const slice = (fields: Record<string, unknown>): KubeObject => ({ apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: meta('s'), addressType: 'IPv4', ...fields });
    assert.deepStrictEqual(row(slice({})), ['s', 'IPv4', '<unset>', '<unset>', '60m']);
    assert.deepStrictEqual(row(slice({ ports: [{ name: 'http' }, {}, { port: 53 }], endpoints: [{ addresses: ['10.0.0.1', '10.0.0.2'] }, { addresses: ['10.0.0.3'] }, { addresses: ['10.0.0.4'] }] })),
      ['s', 'IPv4', 'http,*,53', '10.0.0.1,10.0.0.2,10.0.0.3 + 1 more...', '60m']);
  });

  it('priority classes: integer and boolean cells, PreemptionPolicy printed without -o wide', () => {
    const t = table('PriorityClass', [{ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high', creationTimestamp: T0 }, value: 1000, globalDefault: true }]);
    assert.deepStrictEqual(t.columnDefinitions.map((c) => `${c.name}:${c.type}:${c.priority}`), ['Name:string:0', 'Value:integer:0', 'Global-Default:boolean:0', 'Age:string:0', 'PreemptionPolicy:string:0']);
    assert.deepStrictEqual(t.rows[0].cells, ['high', 1000, true, '60m', 'PreemptLowerPriority']);
  });

  it('leases, resource quotas and controller revisions', () => {
    assert.deepStrictEqual(printed('Lease', [object('Lease', 'kube-scheduler', { spec: { holderIdentity: 'control-plane_1234' } })]),
      { headers: ['NAME', 'HOLDER', 'AGE'], rows: [['kube-scheduler', 'control-plane_1234', '60m']] });
    const quota = object('ResourceQuota', 'q', {
      spec: { hard: { 'limits.memory': '2Gi', pods: '10', 'requests.cpu': '1', 'limits.cpu': '2' } },
      status: { hard: { 'limits.memory': '2Gi', pods: '10', 'requests.cpu': '1', 'limits.cpu': '2' }, used: { 'requests.cpu': '500m', pods: '3' } },
    });
    assert.deepStrictEqual(printed('ResourceQuota', [quota]), {
      headers: ['NAME', 'REQUEST', 'LIMIT', 'AGE'], rows: [['q', 'pods: 3/10, requests.cpu: 500m/1', 'limits.cpu: 0/2, limits.memory: 0/2Gi', '60m']],
    });
    // Until the quota controller writes status.hard, both columns are empty.
    assert.deepStrictEqual(row(object('ResourceQuota', 'new', { spec: { hard: { pods: '1' } } })), ['new', '', '', '60m']);
    const revision = (owners: unknown[]): unknown[] => table('ControllerRevision', [object('ControllerRevision', 'web-7d9f', { revision: 3 }, { ownerReferences: owners })]).rows[0].cells;
    assert.deepStrictEqual(printed('ControllerRevision', []).headers, ['NAME', 'CONTROLLER', 'REVISION', 'AGE']);
    assert.deepStrictEqual(revision([{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'u', controller: true }]), ['web-7d9f', 'statefulset.apps/web', 3, '60m']);
    assert.deepStrictEqual(revision([{ apiVersion: 'v1', kind: 'Pod', name: 'p', uid: 'u', controller: true }]), ['web-7d9f', 'pod/p', 3, '60m']);
    assert.deepStrictEqual(revision([{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'd', uid: 'u' }]), ['web-7d9f', '<none>', 3, '60m']);
  });

  it('leaves LimitRange (no printer in printers.go) on the default Name and Created At', () => {
    assert.deepStrictEqual(printed('LimitRange', [object('LimitRange', 'limits', { spec: { limits: [] } })]), { headers: ['NAME', 'CREATED AT'], rows: [['limits', T0]] });
  });
});

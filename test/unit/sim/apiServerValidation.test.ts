/** kube-apiserver's validation, defaulting and admission messages (src/core/sim/apiserver), one per rule. */
import assert from 'node:assert/strict';
import { Simulation, type KubeObject } from '../../../src/core/sim';
import { withDefaults } from '../../../src/core/sim/apiserver/defaults';
import { fieldErrorString } from '../../../src/core/sim/apiserver/fieldErrors';
import { validateSecret } from '../../../src/core/sim/apiserver/validation/service';

const pod = (spec: Record<string, unknown>, name = 'p'): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec });
const c = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ name: 'app', image: 'nginx:1.27', ...extra });
const deploy = (spec: Record<string, unknown>, name = 'web'): KubeObject => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name },
  spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [c()] } }, ...spec },
});
function error(o: KubeObject, before: KubeObject[] = []): string | undefined {
  const sim = Simulation.preset('multi-worker');
  for (const b of before) assert.ok(sim.apply(b).ok, JSON.stringify(sim.applyErrors()));
  return sim.apply(o).error;
}

describe('API server validation messages (v1.33)', () => {
  it('an immutable ConfigMap or Secret refuses changes to its data and to immutable itself; a Secret\'s type never changes', () => {
    const sim = Simulation.preset('multi-worker');
    const cm = (v: string, immutable: boolean): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, immutable, data: { k: v } } as KubeObject);
    assert.ok(sim.apply(cm('a', false)).ok);
    assert.ok(sim.apply(cm('b', true)).ok, 'a mutable one changes, and may become immutable');
    assert.equal(sim.apply(cm('c', true)).error, 'ConfigMap "c" is invalid: data: Forbidden: field is immutable when `immutable` is set');
    assert.equal(sim.apply(cm('b', false)).error, 'ConfigMap "c" is invalid: immutable: Forbidden: field is immutable when `immutable` is set');
    const secret = (stringData: Record<string, string>, type?: string): KubeObject => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, immutable: true, ...(type ? { type } : {}), stringData } as KubeObject);
    assert.ok(sim.apply(secret({ password: 'v1' })).ok);
    assert.equal(sim.apply(secret({ password: 'v2' })).error, 'Secret "s" is invalid: data: Forbidden: field is immutable when `immutable` is set');
    assert.equal(sim.apply(secret({ password: 'v1' }, 'kubernetes.io/basic-auth')).error, 'Secret "s" is invalid: type: Invalid value: "kubernetes.io/basic-auth": field is immutable');
    assert.ok(sim.delete('ConfigMap', 'default', 'c').ok);
    assert.ok(sim.apply(cm('c', true)).ok, 'deleted and created again: the way to change it');
  });

  it('a Secret\'s stringData is stored in data (UTF-8 in base64, over a data key of the same name), never as stringData; its keys are validated there', () => {
    const sim = Simulation.preset('multi-worker');
    const secret = (extra: Record<string, unknown>): KubeObject => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, ...extra } as KubeObject);
    assert.ok(sim.apply(secret({ data: { user: 'YWRtaW4=', password: 'b2xk' }, stringData: { password: 'pässword' } })).ok);
    const stored = sim.internals.store.get('Secret', 'default', 'db') as Record<string, unknown>;
    assert.deepEqual(stored.data, { user: 'YWRtaW4=', password: Buffer.from('pässword', 'utf8').toString('base64') });
    assert.equal(stored.stringData, undefined, 'never stored (the Secret API reference: "never output when reading from the API")');
    assert.equal(stored.type, 'Opaque');
    // Re-applied, kubectl patches stringData again and says `configured` (kubernetes/kubernetes#87736); the API server
    // folds it into the same data and writes nothing.
    assert.equal(sim.apply(secret({ data: { user: 'YWRtaW4=', password: 'b2xk' }, stringData: { password: 'pässword' } })).action, 'configured');
    assert.equal(sim.internals.store.get('Secret', 'default', 'db'), stored, 're-applied, it compares as stored: nothing written');
    assert.equal(sim.apply(secret({ data: { user: 'YWRtaW4=' }, stringData: { password: 'new' } })).action, 'configured');
    assert.equal((sim.internals.store.get('Secret', 'default', 'db') as Record<string, Record<string, string>>).data!.password, 'bmV3');
    assert.equal(error(secret({ stringData: { 'bad key': 'x' } })), 'Secret "db" is invalid: data[bad key]: Invalid value: "bad key": a valid config key must consist of alphanumeric characters, \'-\', \'_\' or \'.\' (e.g. \'key.name\',  or \'KEY_NAME\',  or \'key-name\', regex used for validation is \'[-._a-zA-Z0-9]+\')');
  });

  it('a Secret of a built-in type needs its keys (from data or stringData); its data holds at most 1 MiB', () => {
    const secret = (type: string, extra: Record<string, unknown> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, type, ...extra } as KubeObject);
    assert.equal(error(secret('kubernetes.io/tls', { data: { 'tls.crt': 'Y2VydA==' } })), 'Secret "s" is invalid: data[tls.key]: Required value');
    assert.equal(error(secret('kubernetes.io/tls', { stringData: { 'tls.crt': 'cert', 'tls.key': 'key' } })), undefined, 'stringData counts, as it is stored in data');
    assert.equal(error(secret('kubernetes.io/basic-auth', { stringData: { user: 'admin' } })), 'Secret "s" is invalid: [data[username]: Required value, data[password]: Required value]');
    assert.equal(error(secret('kubernetes.io/basic-auth', { stringData: { password: '' } })), undefined, 'an empty password is there');
    assert.equal(error(secret('kubernetes.io/ssh-auth', { data: { 'ssh-privatekey': '' } })), 'Secret "s" is invalid: data[ssh-privatekey]: Required value');
    assert.equal(error(secret('kubernetes.io/dockerconfigjson')), 'Secret "s" is invalid: data[.dockerconfigjson]: Required value');
    assert.equal(error(secret('kubernetes.io/service-account-token')), 'Secret "s" is invalid: metadata.annotations[kubernetes.io/service-account.name]: Required value');
    assert.equal(error(secret('example.com/anything')), undefined, 'other types are not checked');
    // (Applied from a manifest, a Secret this big first overflows kubectl's last-applied-configuration annotation.)
    const size = (data: Record<string, string>): string[] => validateSecret({ ...secret('Opaque'), data } as Record<string, unknown>).map(fieldErrorString);
    const mib = btoa('x'.repeat(1024 * 1024));
    assert.deepEqual(size({ a: mib }), [], 'exactly 1 MiB (decoded) fits');
    assert.deepEqual(size({ a: mib, b: 'eQ==' }), ['data: Too long: may not be more than 1048576 bytes']);
  });

  it('names: RFC 1123 subdomain for most kinds, RFC 1035 label for Services', () => {
    assert.equal(error(pod({ containers: [c()] }, 'Web')), 'Pod "Web" is invalid: metadata.name: Invalid value: "Web": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character (e.g. \'example.com\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\')');
    assert.match(error({ apiVersion: 'v1', kind: 'Service', metadata: { name: '1svc' }, spec: { ports: [{ port: 80 }] } }) ?? '', /^Service "1svc" is invalid: metadata\.name: Invalid value: "1svc": a DNS-1035 label must consist of/);
  });
  it('tolerations: an empty key needs operator Exists (a half-typed lone `-` is an empty toleration)', () => {
    assert.equal(error(pod({ containers: [c()], tolerations: [{}] })), 'Pod "p" is invalid: spec.tolerations[0].operator: Invalid value: "": operator must be Exists when `key` is empty, which means "match all values and all keys"');
    assert.equal(error(pod({ containers: [c()], tolerations: [{ operator: 'Exists' }, { key: 'a', operator: 'Equal', value: 'b', effect: 'NoSchedule' }] })), undefined);
    assert.match(error(deploy({ template: { metadata: { labels: { app: 'web' } }, spec: { containers: [c()], tolerations: [{ key: 'k', operator: 'Exists', value: 'v' }] } } })) ?? '', /spec\.template\.spec\.tolerations\[0\]\.operator: Invalid value: "v": value must be empty when `operator` is 'Exists'/);
  });
  it('affinity: preferred weights 1-100 (a half-typed lone `-` has weight 0), a required node affinity needs a term', () => {
    const aff = (affinity: Record<string, unknown>): KubeObject => pod({ containers: [c()], affinity });
    assert.equal(error(aff({ nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [null] } })), 'Pod "p" is invalid: spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100');
    assert.match(error(aff({ podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 101, podAffinityTerm: { topologyKey: 'zone' } }] } })) ?? '', /spec\.affinity\.podAntiAffinity\.preferredDuringSchedulingIgnoredDuringExecution\[0\]\.weight: Invalid value: 101: must be in the range 1-100$/);
    assert.equal(error(aff({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } })), 'Pod "p" is invalid: spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms: Required value: must have at least one node selector term');
    assert.equal(error(aff({ nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: {} }, { weight: 100, preference: {} }] }, podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, podAffinityTerm: { topologyKey: 'zone' } }] } })), undefined);
  });
  it('label keys and values', () => {
    const o = pod({ containers: [c()] });
    o.metadata.labels = { 'my key': 'ok', app: 'bad value' };
    assert.match(error(o) ?? '', /^Pod "p" is invalid: \[metadata\.labels: Invalid value: "my key": name part must consist of alphanumeric characters, '-', '_' or '\.', and must start and end with an alphanumeric character \(e\.g\. 'MyName', {2}or 'my\.name', {2}or '123-abc', regex used for validation is '\(\[A-Za-z0-9\]\[-A-Za-z0-9_\.\]\*\)\?\[A-Za-z0-9\]'\), metadata\.labels: Invalid value: "bad value": a valid label must be an empty string/);
  });
  it('unique container names across init containers, and port names and ranges', () => {
    assert.equal(error(pod({ initContainers: [c()], containers: [c()] })), 'Pod "p" is invalid: spec.initContainers[0].name: Duplicate value: "app"');
    assert.equal(error(pod({ containers: [c({ ports: [{ containerPort: 70000 }] })] })), 'Pod "p" is invalid: spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive');
    assert.equal(error(pod({ containers: [c({ ports: [{ name: 'http', containerPort: 80 }, { name: 'http', containerPort: 81 }] })] })), 'Pod "p" is invalid: spec.containers[0].ports[1].name: Duplicate value: "http"');
  });
  it('requests not above limits', () => {
    assert.equal(error(pod({ containers: [c({ resources: { requests: { cpu: '2' }, limits: { cpu: '1' } } })] })), 'Pod "p" is invalid: spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1');
  });
  it('Services: multi-port names, targetPort, nodePort range', () => {
    const svc = (spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc' }, spec });
    assert.equal(error(svc({ ports: [{ port: 80 }, { name: 'b', port: 81 }] })), 'Service "svc" is invalid: spec.ports[0].name: Required value');
    assert.equal(error(svc({ ports: [{ port: 80, targetPort: 'Http_Port' }] })), 'Service "svc" is invalid: spec.ports[0].targetPort: Invalid value: "Http_Port": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
    assert.equal(error(svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] })), 'Service "svc" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767');
  });
  it('Deployments: maxSurge and maxUnavailable not both 0; restartPolicy Always only', () => {
    assert.equal(error(deploy({ strategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } })), 'Deployment.apps "web" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0');
    assert.equal(error(deploy({ strategy: { rollingUpdate: { maxSurge: '200%', maxUnavailable: '150%' } } })), 'Deployment.apps "web" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"150%"}: must not be greater than 100%', 'only maxUnavailable is capped');
    assert.equal(error(deploy({ strategy: { rollingUpdate: { maxSurge: 'half' } } })), 'Deployment.apps "web" is invalid: spec.strategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"half"}: a valid percent string must be a numeric string followed by an ending \'%\' (e.g. \'1%\',  or \'93%\', regex used for validation is \'[0-9]+%\')');
    const d = deploy({});
    (((d.spec as Record<string, unknown>).template as Record<string, unknown>).spec as Record<string, unknown>).restartPolicy = 'Never';
    assert.equal(error(d), 'Deployment.apps "web" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"');
  });
  it('DaemonSets: exactly one of maxUnavailable and maxSurge is non-zero', () => {
    const ds = (rollingUpdate: Record<string, unknown>): KubeObject => ({
      apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent' },
      spec: { selector: { matchLabels: { app: 'a' } }, updateStrategy: { type: 'RollingUpdate', rollingUpdate }, template: { metadata: { labels: { app: 'a' } }, spec: { containers: [c()] } } },
    });
    assert.equal(error(ds({ maxUnavailable: 1, maxSurge: 1 })), 'DaemonSet.apps "agent" is invalid: spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:0, IntVal:1, StrVal:""}: may not be set when maxUnavailable is non-zero');
    assert.equal(error(ds({ maxUnavailable: 0, maxSurge: 0 })), 'DaemonSet.apps "agent" is invalid: spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0');
    assert.equal(error(ds({ maxUnavailable: 0, maxSurge: 1 })), undefined);
  });
  it('PodDisruptionBudgets: minAvailable and maxUnavailable not both set; non-negative ints or percentages up to 100%', () => {
    const pdb = (spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web' }, spec: { selector: { matchLabels: { app: 'web' } }, ...spec } });
    assert.equal(error(pdb({ minAvailable: 1, maxUnavailable: 1 })), 'PodDisruptionBudget.policy "web" is invalid: spec: Invalid value: policy.PodDisruptionBudgetSpec{MinAvailable:(*intstr.IntOrString)(0xc000…), Selector:(*v1.LabelSelector)(0xc000…), MaxUnavailable:(*intstr.IntOrString)(0xc000…), UnhealthyPodEvictionPolicy:(*policy.UnhealthyPodEvictionPolicy)(nil)}: minAvailable and maxUnavailable cannot be both set');
    assert.equal(error(pdb({ minAvailable: -1 })), 'PodDisruptionBudget.policy "web" is invalid: spec.minAvailable: Invalid value: -1: must be greater than or equal to 0');
    assert.equal(error(pdb({ maxUnavailable: '120%' })), 'PodDisruptionBudget.policy "web" is invalid: spec.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"120%"}: must not be greater than 100%');
    assert.match(error(pdb({ minAvailable: 'most' })) ?? '', /^PodDisruptionBudget\.policy "web" is invalid: spec\.minAvailable: Invalid value: intstr\.IntOrString\{Type:1, IntVal:0, StrVal:"most"\}: a valid percent string must be/);
    assert.equal(error(pdb({ minAvailable: '50%' })), undefined);
    assert.equal(error(pdb({ maxUnavailable: 0 })), undefined, 'zero is allowed: no voluntary disruption at all');
  });
  it('a Job without restartPolicy is refused for the defaulted Always', () => {
    const job: KubeObject = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { template: { spec: { containers: [c()] } } } };
    assert.equal(error(job), 'Job.batch "j" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"');
  });
  it('ownerReferences need apiVersion, kind, name and uid', () => {
    const o = pod({ containers: [c()] });
    o.metadata.ownerReferences = [{ kind: 'ReplicaSet', name: 'rs' }];
    assert.equal(error(o), 'Pod "p" is invalid: [metadata.ownerReferences.apiVersion: Invalid value: "": version must not be empty, metadata.ownerReferences.uid: Invalid value: "": uid must not be empty]');
  });
  it('immutable fields on re-apply: a Pod\'s containers except the image', () => {
    assert.equal(error(pod({ containers: [c({ ports: [{ containerPort: 81 }] })] }), [pod({ containers: [c()] })]), 'Pod "p" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)');
    assert.equal(error(pod({ containers: [c({ image: 'nginx:1.28' })] }), [pod({ containers: [c()] })]), undefined);
  });
});

describe('API server defaulting (v1.33)', () => {
  it('fills pod, container, workload and Service defaults', () => {
    const p = withDefaults(pod({ containers: [{ name: 'a', image: 'nginx', resources: { limits: { cpu: '1' } } }, { name: 'b', image: 'nginx:1.27' }] }));
    const spec = p.spec as Record<string, unknown>;
    assert.equal(spec.restartPolicy, 'Always');
    assert.equal(spec.dnsPolicy, 'ClusterFirst');
    assert.equal(spec.schedulerName, 'default-scheduler');
    assert.equal(spec.terminationGracePeriodSeconds, 30);
    const [a, b] = spec.containers as Record<string, Record<string, unknown>>[];
    assert.equal(a.imagePullPolicy, 'Always');
    assert.equal(b.imagePullPolicy, 'IfNotPresent');
    assert.deepEqual((a.resources as Record<string, unknown>).requests, { cpu: '1' }, 'requests default to limits');
    const d = withDefaults(deploy({})).spec as Record<string, unknown>;
    assert.deepEqual([d.replicas, d.revisionHistoryLimit, d.progressDeadlineSeconds, d.strategy], [1, 10, 600, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } }]);
    const s = withDefaults({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80 }] } }).spec as Record<string, unknown>;
    assert.deepEqual([s.type, s.sessionAffinity, s.ports], ['ClusterIP', 'None', [{ port: 80, protocol: 'TCP', targetPort: 80 }]]);
  });
});

describe('API server admission (v1.33)', () => {
  it('ServiceAccount: pods get the namespace\'s default account; a missing one is forbidden', () => {
    const sim = Simulation.preset('multi-worker');
    assert.ok(sim.apply(pod({ containers: [c()] })).ok);
    assert.equal((sim.internals.store.get('Pod', 'default', 'p')?.spec as Record<string, unknown>).serviceAccountName, 'default');
    assert.equal(sim.apply(pod({ serviceAccountName: 'robot', containers: [c()] }, 'q')).error, 'pods "q" is forbidden: error looking up service account default/robot: serviceaccount "robot" not found');
  });
  it('Priority: pods get spec.priority from their class, 0 without one; system classes exist', () => {
    const sim = Simulation.preset('multi-worker');
    assert.ok(sim.apply(pod({ priorityClassName: 'system-cluster-critical', containers: [c()] })).ok);
    assert.ok(sim.apply(pod({ containers: [c()] }, 'q')).ok);
    const prio = (n: string): unknown => (sim.internals.store.get('Pod', 'default', n)?.spec as Record<string, unknown>).priority;
    assert.deepEqual([prio('p'), prio('q')], [2_000_000_000, 0]);
  });
  it('LimitRange: max refused with LimitRanger\'s message', () => {
    const lr: KubeObject = { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'lr' }, spec: { limits: [{ type: 'Container', max: { cpu: '1' } }] } };
    assert.equal(error(pod({ containers: [c({ resources: { limits: { cpu: '2' } } })] }), [lr]), 'pods "p" is forbidden: maximum cpu usage per Container is 1, but limit is 2');
  });
  it('ResourceQuota: must specify tracked requests', () => {
    const q: KubeObject = { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q' }, spec: { hard: { 'requests.cpu': '1' } } };
    assert.equal(error(pod({ containers: [c()] }), [q]), 'pods "p" is forbidden: failed quota: q: must specify requests.cpu');
  });
});

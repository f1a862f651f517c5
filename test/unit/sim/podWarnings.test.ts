/** kube-apiserver's warnings for pods and pod templates (pkg/api/pod/warnings.go): apiserver/podWarnings.ts. */
import assert from 'node:assert/strict';
import { Simulation, presetTopology, type KubeObject } from '../../../src/core/sim';
import { podSpecWarnings } from '../../../src/core/sim/apiserver/podWarnings';
import { warningFieldPath } from '../../../src/core/sim/errorField';

const apply = (o: KubeObject) => new Simulation({ topology: presetTopology('multi-worker') }).apply(o);

describe('kube-apiserver warnings for pods and pod templates', () => {
  it('two containers defining the same port: kubectl prints "duplicate port definition" (the pod is still created)', () => {
    const r = apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'two-nginx' }, spec: { containers: [
      { name: 'a', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }, { name: 'b', image: 'nginx:1.27', ports: [{ containerPort: 80 }] },
    ] } });
    assert.equal(r.ok, true);
    assert.deepEqual(r.apiWarnings, ['spec.containers[1].ports[0]: duplicate port definition with spec.containers[0].ports[0]']);
  });

  it('a Deployment\'s template is warned about under spec.template, a CronJob\'s under spec.jobTemplate.spec.template', () => {
    const template = { metadata: { labels: { app: 'w' } }, spec: { nodeSelector: { 'node-role.kubernetes.io/master': '' }, containers: [{ name: 'w', image: 'nginx:1.27' }] } };
    const d = apply({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'w' }, spec: { selector: { matchLabels: { app: 'w' } }, template } });
    assert.deepEqual(d.apiWarnings, ['spec.template.spec.nodeSelector[node-role.kubernetes.io/master]: use "node-role.kubernetes.io/control-plane" instead']);
    const c = apply({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' }, spec: { schedule: '* * * * *', jobTemplate: { spec: { template: {
      spec: { restartPolicy: 'OnFailure', nodeSelector: { 'beta.kubernetes.io/os': 'linux' }, containers: [{ name: 'c', image: 'busybox:1.36' }] },
    } } } } });
    assert.deepEqual(c.apiWarnings, ['spec.jobTemplate.spec.template.spec.nodeSelector[beta.kubernetes.io/os]: deprecated since v1.14; use "kubernetes.io/os" instead']);
  });

  it('each check in warnings.go\'s order, with its message', () => {
    const spec = {
      affinity: {
        nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'failure-domain.beta.kubernetes.io/zone', operator: 'In', values: ['a'] }] }] } },
        podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname' }] },
      },
      topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' }],
      volumes: [{ name: 'src', gitRepo: { repository: 'https://example.com/r.git' } }],
      imagePullSecrets: [{ name: 'reg' }, { name: 'reg' }],
      initContainers: [{ name: 'i', image: 'busybox:1.36', resources: { requests: { memory: '100m' } } }],
      containers: [{ name: 'a', image: 'nginx:1.27', env: [{ name: 'MODE', value: 'a' }, { name: 'MODE', value: 'b' }], ports: [{ containerPort: 80, hostIP: '10.0.0.1' }] }],
      terminationGracePeriodSeconds: -1,
    };
    assert.deepEqual(podSpecWarnings(spec, { 'scheduler.alpha.kubernetes.io/critical-pod': '' }, ''), [
      'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].key: failure-domain.beta.kubernetes.io/zone is deprecated since v1.17; use "topology.kubernetes.io/zone" instead',
      'spec.topologySpreadConstraints[0].labelSelector: a null labelSelector results in matching no pod',
      'metadata.annotations[scheduler.alpha.kubernetes.io/critical-pod]: non-functional in v1.16+; use the "priorityClassName" field instead',
      'spec.volumes[0].gitRepo: deprecated in v1.11',
      'spec.imagePullSecrets[1].name: duplicate name "reg"',
      'spec.initContainers[0].resources.requests[memory]: fractional byte value "100m" is invalid, must be an integer',
      'spec.containers[0].env[1]: hides previous definition of "MODE", which may be dropped when using apply',
      'spec.containers[0].ports[0]: hostIP set without hostPort: {Name: HostPort:0 ContainerPort:80 Protocol:TCP HostIP:10.0.0.1}',
      'spec.terminationGracePeriodSeconds: must be >= 0; negative values are invalid and will be treated as 1',
      'spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector: a null labelSelector results in matching no pod',
    ]);
  });

  it('an env var may refer to the one it redefines ($(X)), and ports differing in hostPort only overlap', () => {
    assert.deepEqual(podSpecWarnings({ containers: [{ name: 'a', env: [{ name: 'P', value: '/a' }, { name: 'P', value: '$(P):/b' }],
      ports: [{ containerPort: 80, hostPort: 8080 }, { containerPort: 80 }] }] }, {}, ''), ['spec.containers[0].ports[1]: overlapping port definition with spec.containers[0].ports[0]']);
  });

  it('the CLI and the editor put a warning on the field it names', () => {
    assert.deepEqual(warningFieldPath('spec.template.spec.containers[1].ports[0]: duplicate port definition with spec.template.spec.containers[0].ports[0]'),
      ['spec', 'template', 'spec', 'containers', 1, 'ports', 0]);
    assert.deepEqual(warningFieldPath('spec.nodeSelector[node-role.kubernetes.io/master]: use "node-role.kubernetes.io/control-plane" instead'), ['spec', 'nodeSelector', 'node-role.kubernetes.io/master']);
    assert.equal(warningFieldPath('would violate PodSecurity "restricted:latest": …'), undefined);
  });
});

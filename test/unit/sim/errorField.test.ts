import * as assert from 'node:assert/strict';
import { errorFieldPath, refusedFieldPath } from '../../../src/core/sim/errorField';

const pod = {
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'example' },
  spec: {
    initContainers: [{ name: 'setup', image: 'busybox' }],
    containers: [{ name: 'app', image: 'nginx' }, { name: 'sidecar', image: 'busybox', securityContext: { privileged: true } }],
    volumes: [{ name: 'cache', emptyDir: {} }, { name: 'host', hostPath: { path: '/var' } }],
  },
};

describe('errorField: the field an API error is about', () => {
  it('reads the field path a validation error names', () => {
    assert.deepEqual(errorFieldPath('Pod "p" is invalid: spec.containers[0].image: Required value'), ['spec', 'containers', 0, 'image']);
    assert.equal(errorFieldPath('pods "p" is forbidden: no PriorityClass with name x was found'), undefined);
  });

  it('maps each admission plugin refusal to the field the plugin read', () => {
    const cases: [string, (string | number)[]][] = [
      ['pods "p" is forbidden: no PriorityClass with name high was found', ['spec', 'priorityClassName']],
      ['pods "p" is forbidden: the integer value of priority (10) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name', ['spec', 'priority']],
      ['pods "p" is forbidden: pod rejected: RuntimeClass "gvisor" not found', ['spec', 'runtimeClassName']],
      ['pods "p" is forbidden: pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead', ['spec', 'overhead']],
      ['pods "p" is forbidden: conflict: runtimeClass.scheduling.nodeSelector[disk] = ssd; pod.spec.nodeSelector[disk] = hdd', ['spec', 'nodeSelector', 'disk']],
      ['pods "p" is forbidden: error looking up service account example/robot: serviceaccount "robot" not found', ['spec', 'serviceAccountName']],
      ['pods "p" is forbidden: exceeded quota: compute, requested: requests.cpu=2, used: requests.cpu=0, limited: requests.cpu=1', ['spec', 'containers', 0, 'resources']],
      ['pods "p" is forbidden: maximum cpu usage per Container is 1, but limit is 2', ['spec', 'containers', 0, 'resources']],
      ['namespaces "nowhere" not found', ['metadata', 'namespace']],
    ];
    for (const [message, path] of cases) assert.deepEqual(refusedFieldPath(message, pod), path, message);
  });

  it('maps a PodSecurity refusal to its first check: host namespaces, a container by name, a volume by name', () => {
    const refused = (reasons: string): unknown => refusedFieldPath(`pods "p" is forbidden: violates PodSecurity "baseline:latest": ${reasons}`, pod);
    assert.deepEqual(refused('host namespaces (hostNetwork=true, hostPID=true), privileged (container "sidecar" must not set securityContext.privileged=true)'), ['spec', 'hostNetwork']);
    assert.deepEqual(refused('privileged (container "sidecar" must not set securityContext.privileged=true)'), ['spec', 'containers', 1, 'securityContext', 'privileged']);
    assert.deepEqual(refused('allowPrivilegeEscalation != false (container "setup" must set securityContext.allowPrivilegeEscalation=false)'), ['spec', 'initContainers', 0, 'securityContext', 'allowPrivilegeEscalation']);
    assert.deepEqual(refused('hostPort (container "app" uses hostPort 8080)'), ['spec', 'containers', 0, 'ports']);
    assert.deepEqual(refused('hostPath volumes (volume "host")'), ['spec', 'volumes', 1]);
    assert.deepEqual(refused('seLinuxOptions (pod set forbidden securityContext.seLinuxOptions: type "spc_t")'), ['spec', 'securityContext', 'seLinuxOptions']);
    assert.deepEqual(refused('forbidden sysctls (kernel.msgmax)'), ['spec', 'securityContext', 'sysctls']);
    assert.deepEqual(refused('runAsUser=0 (pod must not set runAsUser=0)'), ['spec', 'securityContext', 'runAsUser']);
    assert.equal(refused('forbidden AppArmor profile (pod must not set AppArmor profile type to "Unconfined")'), undefined, 'no field named: the caller\'s fallback (the kind)');
  });

  it('knows nothing of other errors, and never throws on odd objects', () => {
    assert.equal(refusedFieldPath('etcdserver: request timed out', pod), undefined);
    assert.equal(refusedFieldPath(undefined, pod), undefined);
    for (const odd of [null, 5, 'x', { spec: 7 }, { spec: { containers: 'no' } }]) {
      assert.deepEqual(refusedFieldPath('pods "p" is forbidden: violates PodSecurity "baseline:latest": privileged (container "x" must not set securityContext.privileged=true)', odd), ['spec', 'containers']);
    }
  });
});

/** The CLI names each field the simulation does not model, at its line, from the table the editor reads. */
import assert from 'node:assert/strict';
import { main } from '../../../src/cli/main';

const POD = `apiVersion: v1
kind: Pod
metadata: { name: agent }
spec:
  hostPID: true
  hostIPC: true
  serviceAccount: default
  dnsPolicy: ClusterFirst
  containers:
    - name: a
      image: nginx:1.27
      securityContext: { privileged: true }
---
apiVersion: v1
kind: PersistentVolume
metadata: { name: vol }
spec:
  capacity: { storage: 1Gi }
  accessModes: [ReadWriteOnce]
  persistentVolumeReclaimPolicy: Retain
  mountOptions: [hard]
  nfs: { server: nfs.example, path: /exports }
`;

describe('kube-anatomy simulate: fields the simulation does not model', () => {
  it('prints a warning at each such field (file:line:column of its value, as API errors are placed), none for modelled ones (serviceAccount, the reclaim policy)', () => {
    let err = '';
    const code = main(['simulate', 'agent.yaml'], { stdout: () => undefined, stderr: (t) => { err += t; }, readFile: () => POD });
    assert.equal(code, 0, 'warnings do not fail the run');
    const lines = err.trim().split('\n');
    assert.deepEqual(lines.map((l) => l.replace(/: The simulation does not model ([^:]+)(:.*|\.)$/, ' $1')), [
      'agent.yaml:5:12: warning: Pod "agent" spec.hostPID',
      'agent.yaml:6:12: warning: Pod "agent" spec.hostIPC',
      'agent.yaml:8:14: warning: Pod "agent" spec.dnsPolicy',
      'agent.yaml:12:24: warning: Pod "agent" spec.containers[0].securityContext',
      'agent.yaml:21:17: warning: PersistentVolume "vol" spec.mountOptions',
      'agent.yaml:22:8: warning: PersistentVolume "vol" spec.nfs',
    ]);
  });
});

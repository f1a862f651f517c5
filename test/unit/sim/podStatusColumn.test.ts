/**
 * kubectl's STATUS column (printPod, pkg/printers/internalversion/printers.go): the first container with a waiting or
 * a terminated reason gives it; Completed beside a container running Ready reads Running, or NotReady.
 */
import { strict as assert } from 'node:assert';
import { displayStatus } from '../../../src/core/sim/snapshot';
import type { Stored } from '../../../src/core/sim/store';

const pod = (statuses: unknown[], ready = false): Stored => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { nodeName: 'worker-1', containers: [] },
  status: { phase: 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }], containerStatuses: statuses },
} as unknown as Stored);
const running = { name: 'a', ready: true, state: { running: {} } };

describe("kubectl's STATUS column for a pod", () => {
  it('a container that just exited reads its terminated reason, not Running', () => {
    assert.equal(displayStatus(pod([{ name: 'a', ready: false, state: { terminated: { exitCode: 1, reason: 'Error' } } }])), 'Error');
  });
  it('the first container with a reason wins, waiting or terminated', () => {
    const oom = { name: 'a', ready: false, state: { terminated: { exitCode: 137, reason: 'OOMKilled' } } };
    const loop = { name: 'b', ready: false, state: { waiting: { reason: 'CrashLoopBackOff' } } };
    assert.equal(displayStatus(pod([oom, loop])), 'OOMKilled');
    assert.equal(displayStatus(pod([loop, oom])), 'CrashLoopBackOff');
    assert.equal(displayStatus(pod([running, loop])), 'CrashLoopBackOff');
  });
  it('Completed beside a running container reads Running when the pod is Ready, else NotReady', () => {
    const done = { name: 'b', ready: false, state: { terminated: { exitCode: 0, reason: 'Completed' } } };
    assert.equal(displayStatus(pod([running, done], true)), 'Running');
    assert.equal(displayStatus(pod([running, done], false)), 'NotReady');
    assert.equal(displayStatus(pod([{ ...running, ready: false }, done])), 'Completed', 'no container running Ready');
  });
  it('a terminated state without a reason reads ExitCode:N or Signal:N', () => {
    assert.equal(displayStatus(pod([{ name: 'a', ready: false, state: { terminated: { exitCode: 2 } } }])), 'ExitCode:2');
    assert.equal(displayStatus(pod([{ name: 'a', ready: false, state: { terminated: { exitCode: 0, signal: 9 } } }])), 'Signal:9');
  });
  it('with every container running, the phase', () => {
    assert.equal(displayStatus(pod([running], true)), 'Running');
  });
});

import { strict as assert } from 'node:assert';
import { Simulation, type KubeObject } from '../../../src/core/sim';
import { containerLifetime, fileChanges, partialEnds, probedFile, scriptLifetime, serviceWait, terminationMessage } from '../../../src/core/sim/kubelet/lifetime';

describe('container lifetimes read from the command', () => {
  const of = (command: string[], args?: string[]) => containerLifetime({ name: 'c', image: 'busybox', command, ...(args ? { args } : {}) });
  it('recognises commands that plainly end, with their exit codes', () => {
    assert.deepEqual(of(['sleep', '5']), { seconds: 5, code: 0 });
    assert.deepEqual(of(['sleep', '2m']), { seconds: 120, code: 0 });
    assert.deepEqual(of(['true']), { seconds: 0, code: 0 });
    assert.deepEqual(of(['/bin/false']), { seconds: 0, code: 1 });
    assert.deepEqual(of(['echo', 'hello']), { seconds: 0, code: 0 });
    assert.deepEqual(of(['sh', '-c'], ['echo start; sleep 3 && exit 2']), { seconds: 3, code: 2 });
    assert.deepEqual(scriptLifetime('echo a\nsleep 1\nsleep 2'), { seconds: 3, code: 0 });
  });
  it('treats servers, loops and unknown programs as running until stopped', () => {
    assert.equal(of(['sleep', 'infinity']), 'forever');
    assert.equal(of(['tail', '-f', '/dev/null']), 'forever');
    assert.equal(of(['sh', '-c', 'while true; do echo hi; sleep 1; done']), 'forever');
    assert.equal(of(['sh', '-c', 'while :; do date; sleep 5; done']), 'forever');
    assert.equal(of(['sh', '-c', 'while true; do [ -f /done ] && break; sleep 1; done']), 'unknown', 'a loop with a break may end');
    assert.equal(of(['sh', '-c', 'for i in 1 2 3; do echo $i; done']), 'unknown');
    assert.equal(of(['sh', '-c', 'echo hi; nginx -g "daemon off;"']), 'unknown');
    assert.equal(of(['nginx']), 'unknown');
    assert.equal(containerLifetime({ name: 'c', image: 'nginx' }), 'unknown');
  });

  it('reads polinux/stress\'s memory workers against the memory limit: over it, OOM-killed at once (exit 137)', () => {
    const stress = (args: string[], memory?: string) => containerLifetime({ name: 'c', image: 'polinux/stress', command: ['stress'], args, ...(memory ? { resources: { limits: { memory } } } : {}) });
    assert.deepEqual(stress(['--vm', '1', '--vm-bytes', '250M', '--vm-hang', '1'], '100Mi'), { seconds: 0, code: 137 });
    assert.equal(stress(['--vm', '1', '--vm-bytes', '150M', '--vm-hang', '1'], '200Mi'), 'forever');
    assert.deepEqual(stress(['--vm', '2', '--vm-bytes', '60M'], '100Mi'), { seconds: 0, code: 137 }, 'two workers of 60 MiB');
    assert.deepEqual(stress(['-m', '1'], '200Mi'), { seconds: 0, code: 137 }, 'the default 256 MB per worker');
    assert.deepEqual(stress(['--vm', '1', '--vm-bytes=50m', '--timeout', '30s'], '100Mi'), { seconds: 30, code: 0 });
    assert.equal(stress(['--vm', '1', '--vm-bytes', '250M']), 'forever', 'no limit: nothing to exceed');
    assert.equal(stress(['--cpu', '2']), 'unknown', 'CPU workers only: no memory to read');
  });

  it('reads words such as `for` in a message as words, not as a loop', () => {
    assert.deepEqual(of(['sh', '-c', 'echo waiting for db; sleep 5']), { seconds: 5, code: 0 });
  });
});

describe('serviceWait: init containers that loop until a Service answers', () => {
  const wait = (script: string): ReturnType<typeof serviceWait> => serviceWait({ name: 'c', command: ['sh', '-c', script] });
  it('reads the Init Containers page\'s example (the pod\'s namespace from the service-account file)', () => {
    assert.deepEqual(wait('until nslookup myservice.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for myservice; sleep 2; done'),
      { service: 'myservice', namespace: null, maybeExternal: false, needs: 'dns', period: 2 });
  });
  it('reads names in every form the pod\'s DNS search list resolves', () => {
    assert.deepEqual(wait('until nslookup mydb; do sleep 2; done')?.service, 'mydb');
    assert.deepEqual(wait('until getent hosts db.prod.svc; do sleep 1; done'), { service: 'db', namespace: 'prod', maybeExternal: false, needs: 'dns', period: 1 });
    assert.deepEqual(wait('until host db.prod > /dev/null 2>&1; do sleep 3; done'), { service: 'db', namespace: 'prod', maybeExternal: true, needs: 'dns', period: 3 });
    assert.equal(wait('until nslookup www.example.com; do sleep 2; done'), null, 'an outside name is not a Service');
  });
  it('reads connection checks as waiting for a ready endpoint', () => {
    assert.deepEqual(wait('until nc -z -w 1 db 5432; do echo waiting; sleep 5; done; echo ready'), { service: 'db', namespace: null, maybeExternal: false, needs: 'endpoint', period: 5 });
    assert.equal(wait('while ! wget -q -O- http://api.shop:8080/healthz; do sleep 1; done')?.service, 'api');
    assert.equal(wait('until curl -fs http://web/; do sleep 1; done')?.needs, 'endpoint');
  });
  it('reads nothing else as a wait', () => {
    assert.equal(wait('until false; do sleep 1; done'), null);
    assert.equal(wait('until nslookup db; do sleep 2; done; nginx -g "daemon off;"'), null, 'what follows the loop does not plainly end');
    assert.equal(serviceWait({ name: 'c', command: ['nslookup', 'db'] }), null);
  });
});

describe('files a container\'s script creates and removes, and the file an exec probe checks', () => {
  it('follows touch, rm and redirections through the sleeps (the liveness task\'s example)', () => {
    assert.deepEqual(fileChanges({ name: 'c', args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'] }), [
      { at: 0, path: '/tmp/healthy', exists: true }, { at: 30, path: '/tmp/healthy', exists: false },
    ]);
    assert.deepEqual(fileChanges({ name: 'c', command: ['sh', '-c', 'sleep 5 && echo ok > /tmp/ready; sleep 3600'] }), [{ at: 5, path: '/tmp/ready', exists: true }]);
    assert.deepEqual(fileChanges({ name: 'c', command: ['sh', '-c', 'while true; do touch /tmp/x; sleep 1; done'] }), [], 'a loop is not followed');
    assert.deepEqual(fileChanges({ name: 'c', command: ['nginx'] }), []);
  });
  it('reads cat, test -f, [ -f ], ls and stat, also under sh -c', () => {
    assert.equal(probedFile(['cat', '/tmp/healthy']), '/tmp/healthy');
    assert.equal(probedFile(['test', '-f', '/tmp/ready']), '/tmp/ready');
    assert.equal(probedFile(['sh', '-c', '[ -f /tmp/ready ]']), '/tmp/ready');
    assert.equal(probedFile(['sh', '-c', 'cat /tmp/a && cat /tmp/b']), null);
    assert.equal(probedFile(['pg_isready']), null);
  });
});

describe('termination messages (Determine the Reason for Pod Failure)', () => {
  const c = (script: string, extra: Record<string, unknown> = {}) => ({ name: 'c', image: 'debian', command: ['/bin/sh'], args: ['-c', script], ...extra });

  it('reads what the script writes to its terminationMessagePath with echo or printf', () => {
    assert.equal(terminationMessage(c('sleep 10 && echo Sleep expired > /dev/termination-log'), 0), 'Sleep expired\n');
    assert.equal(terminationMessage(c('echo "one" > /dev/termination-log; echo two >>/dev/termination-log; exit 3'), 3), 'one\ntwo\n');
    assert.equal(terminationMessage(c('printf done > /tmp/msg', { terminationMessagePath: '/tmp/msg' }), 0), 'done');
    assert.equal(terminationMessage(c('echo elsewhere > /tmp/other'), 0), undefined, 'another file is not the message');
    assert.equal(terminationMessage(c('exit 1; echo never > /dev/termination-log'), 1), undefined, 'nothing after exit runs');
  });

  it('with FallbackToLogsOnError, a failed container without a message gets the end of its log', () => {
    const script = 'echo connecting; echo connection refused; exit 1';
    assert.equal(terminationMessage(c(script, { terminationMessagePolicy: 'FallbackToLogsOnError' }), 1), 'connecting\nconnection refused\n');
    assert.equal(terminationMessage(c(script), 1), undefined, 'the default policy File reads only the file');
    assert.equal(terminationMessage(c('echo fine', { terminationMessagePolicy: 'FallbackToLogsOnError' }), 0), undefined, 'only on error');
  });

  it('the page\'s termination-demo pod: lastState.terminated.message is "Sleep expired"', () => {
    const sim = Simulation.preset('multi-worker');
    sim.apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'termination-demo' }, spec: { containers: [{ name: 'termination-demo-container', image: 'debian', command: ['/bin/sh'], args: ['-c', 'sleep 10 && echo Sleep expired > /dev/termination-log'] }] } } as KubeObject);
    sim.advance(30);
    const status = (sim.internals.store.get('Pod', 'default', 'termination-demo')?.status ?? {}) as { containerStatuses?: { lastState?: { terminated?: { message?: string; exitCode?: number } } }[] };
    assert.deepEqual(status.containerStatuses?.[0]?.lastState?.terminated, { exitCode: 0, reason: 'Completed', message: 'Sleep expired\n', finishedAt: '2025-01-01T00:00:29Z' });
  });
});

describe('a container that ends beside one that runs on (partialEnds)', () => {
  const ends = (script: string) => ({ name: 'writer', image: 'debian', command: ['/bin/sh'], args: ['-c', script] });
  const server = { name: 'web', image: 'nginx' };
  const noEnv = () => () => undefined;
  const pod = (restartPolicy: string, script = 'echo hi > /data/index.html'): KubeObject =>
    ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'two' }, spec: { restartPolicy, containers: [server, ends(script)] } } as KubeObject);
  type Status = { containerStatuses?: { name: string; ready: boolean; restartCount?: number; lastState?: { terminated?: { exitCode: number } }; state: Record<string, { exitCode?: number; reason?: string }> }[]; conditions?: { type: string; status: string; message?: string }[]; phase?: string };

  it('with Never (or OnFailure and exit 0) the ended container stays terminated; with Always (or OnFailure and a failure) it restarts alone', () => {
    assert.deepEqual([...(partialEnds([server, ends('sleep 5; exit 3')], noEnv, 'Never', false) ?? [])], [['writer', { seconds: 5, code: 3, restarts: false }]]);
    assert.deepEqual([...(partialEnds([server, ends('sleep 5')], noEnv, 'OnFailure', false) ?? [])], [['writer', { seconds: 5, code: 0, restarts: false }]]);
    assert.deepEqual([...(partialEnds([server, ends('exit 3')], noEnv, 'OnFailure', false) ?? [])], [['writer', { seconds: 0, code: 3, restarts: true }]]);
    assert.deepEqual([...(partialEnds([server, ends('exit 0')], noEnv, undefined, false) ?? [])], [['writer', { seconds: 0, code: 0, restarts: true }]], 'Always (the default) restarts even a clean exit');
    assert.equal(partialEnds([server, ends('exit 0')], noEnv, 'Never', true), null, 'a Job pod\'s unread container is taken to end');
    assert.equal(partialEnds([ends('exit 0')], noEnv, 'Never', false), null, 'one container: the pod ends with it');
    assert.equal(partialEnds([ends('sleep 1'), { ...ends('sleep 1'), name: 'b' }], noEnv, 'Always', false), null, 'all end alike: one lifecycle');
    assert.deepEqual([...(partialEnds([ends('sleep 1'), { ...ends('sleep 9'), name: 'b' }], noEnv, 'Never', false) ?? [])].map(([n, e]) => [n, e.seconds, e.restarts]), [['writer', 1, false], ['b', 9, false]], 'all end for good, not alike: each on its own, the pod with the last');
    assert.deepEqual([...(partialEnds([ends('sleep 1'), { ...ends('sleep 9'), name: 'b' }], noEnv, 'Always', false) ?? [])].map(([n, e]) => [n, e.seconds]), [['writer', 1], ['b', 9]], 'each restarts on its own');
  });

  it('with Never, a pod whose containers end at different times runs until the last ends, then fails if one failed', () => {
    const sim = Simulation.preset('multi-worker');
    const p = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'two' }, spec: { restartPolicy: 'Never', containers: [ends('sleep 5'), { ...ends('sleep 30; exit 2'), name: 'slow' }] } } as KubeObject;
    sim.apply(p);
    sim.advance(25);
    const at25 = sim.snapshot().pods.find((x) => x.name === 'two');
    assert.deepEqual([at25?.phase, at25?.containersReady, at25?.reason], ['Running', '1/2', 'NotReady'], 'the first ended (Completed), the second runs');
    sim.advance(60);
    const status = (sim.internals.store.get('Pod', 'default', 'two')?.status ?? {}) as Status;
    assert.equal(status.phase, 'Failed', 'the last one exited 2');
    assert.deepEqual(status.containerStatuses?.map((c) => [c.name, Object.keys(c.state)[0], c.state.terminated?.exitCode, c.state.terminated?.reason]),
      [['writer', 'terminated', 0, 'Completed'], ['slow', 'terminated', 2, 'Error']]);
  });

  it('under Always a failing container crash-loops alone: its own back-off and restartCount, the other running Ready with none', () => {
    const sim = Simulation.preset('multi-worker');
    sim.apply(pod('Always', 'sleep 5; exit 1'));
    sim.advance(120);
    const status = (sim.internals.store.get('Pod', 'default', 'two')?.status ?? {}) as Status;
    assert.equal(status.phase, 'Running');
    // Started at 6 s, it ends 5 s later each time, restarted at once, then after 10, 20 and 40 s (each +1 s to create).
    assert.deepEqual(status.containerStatuses?.map((c) => [c.name, c.ready, Object.keys(c.state)[0], c.restartCount, c.lastState?.terminated?.exitCode]),
      [['web', true, 'running', 0, undefined], ['writer', false, 'waiting', 4, 1]]);
    assert.equal((status.containerStatuses?.[1].state.waiting as { reason?: string } | undefined)?.reason, 'CrashLoopBackOff');
    const ready = status.conditions?.find((c) => c.type === 'Ready');
    assert.deepEqual([ready?.status, ready?.message], ['False', 'containers with unready status: [writer]']);
    const view = sim.snapshot().pods.find((p) => p.name === 'two');
    assert.deepEqual([view?.reason, view?.containersReady, view?.restarts], ['CrashLoopBackOff', '1/2', 4]);
    sim.delete('Pod', 'default', 'two');
    sim.advance(60);
    assert.deepEqual(sim.snapshot().events.filter((e) => e.reason === 'Killing').map((e) => e.message), ['Stopping container web'], 'only the running container is killed');
    assert.equal(sim.internals.store.get('Pod', 'default', 'two'), undefined);
  });

  it('the pod runs on, NotReady, the ended container terminated with its code, the other running', () => {
    const sim = Simulation.preset('multi-worker');
    sim.apply(pod('Never', 'sleep 3; exit 2'));
    sim.advance(30);
    const status = (sim.internals.store.get('Pod', 'default', 'two')?.status ?? {}) as Status;
    assert.equal(status.phase, 'Running');
    assert.deepEqual(status.containerStatuses?.map((c) => [c.name, c.ready, Object.keys(c.state)[0], c.state.terminated?.exitCode, c.state.terminated?.reason]),
      [['web', true, 'running', undefined, undefined], ['writer', false, 'terminated', 2, 'Error']]);
    const ready = status.conditions?.find((c) => c.type === 'Ready');
    assert.deepEqual([ready?.status, ready?.message], ['False', 'containers with unready status: [writer]']);
    assert.equal(sim.snapshot().pods.find((p) => p.name === 'two')?.reason, 'Error', 'kubectl shows the ended container\'s reason (Completed would read NotReady)');
    sim.delete('Pod', 'default', 'two');
    sim.advance(60);
    assert.equal(sim.internals.store.get('Pod', 'default', 'two'), undefined, 'deleted as usual');
  });
});

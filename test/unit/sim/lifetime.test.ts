import { strict as assert } from 'node:assert';
import { containerLifetime, scriptLifetime } from '../../../src/core/sim/kubelet/lifetime';

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
    assert.equal(of(['sh', '-c', 'while true; do echo hi; sleep 1; done']), 'unknown');
    assert.equal(of(['sh', '-c', 'echo hi; nginx -g "daemon off;"']), 'unknown');
    assert.equal(of(['nginx']), 'unknown');
    assert.equal(containerLifetime({ name: 'c', image: 'nginx' }), 'unknown');
  });
});

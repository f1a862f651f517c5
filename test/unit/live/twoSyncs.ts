/** The worker loop in-process, driven to the end of each request: the two states it posts for two syncs. */
import type { FromWorker, ToWorker } from '../../../src/shared/workerProtocol';
import { WorkerLoop } from '../../../src/worker/workerLoop';

export function twoSyncs(first: ToWorker.Sync['documents'], second: ToWorker.Sync['documents']): [FromWorker.State, FromWorker.State] {
  const posted: FromWorker.Message[] = [];
  const turns: (() => void)[] = [];
  const loop = new WorkerLoop({ post: (m) => posted.push(m), now: () => 0, defer: (run) => turns.push(run) });
  const settle = (): void => { for (let t = turns.shift(); t; t = turns.shift()) t(); };
  loop.receive({ type: 'sync', id: 1, documents: first });
  settle();
  loop.receive({ type: 'sync', id: 2, documents: second });
  settle();
  const states = posted.filter((m): m is FromWorker.State => m.type === 'state');
  if (states.length !== 2) throw new Error(`expected two states, got ${states.length}`);
  return states as [FromWorker.State, FromWorker.State];
}

/**
 * The simulation's worker thread: the extension host posts documents and commands, this thread
 * parses and simulates, and posts the resulting state back, so that even a large run never blocks
 * the extension host. No vscode import: it runs in plain Node.
 */
import { parentPort } from 'worker_threads';
import { WorkspaceCluster } from '../core/live/workspaceCluster';
import { assertNever } from '../shared/protocol';
import type { FromWorker, ToWorker } from '../shared/workerProtocol';

const cluster = new WorkspaceCluster();
let documents: ToWorker.Sync['documents'] = [];

function handle(msg: ToWorker.Message): FromWorker.Message {
  const started = performance.now();
  const state = (): FromWorker.Message => ({ type: 'state', id: msg.id, state: cluster.state(documents.map((d) => d.uri)), millis: performance.now() - started });
  switch (msg.type) {
    case 'sync':
      documents = msg.documents;
      return { type: 'state', id: msg.id, state: cluster.sync(documents), millis: performance.now() - started };
    case 'fault': {
      const error = cluster.fault(msg.target, msg.failed);
      return error ? { type: 'failed', id: msg.id, message: error } : state();
    }
    case 'setTopology':
      cluster.setTopology(msg.choice);
      return { type: 'state', id: msg.id, state: cluster.sync(documents), millis: performance.now() - started };
    case 'targets':
      return { type: 'targets', id: msg.id, targets: cluster.targets() };
    case 'viewAction': { // the Cluster View's requests (src/shared/viewActions.ts)
      if (msg.action.kind === 'seek') {
        const view = cluster.viewAt(msg.action.time);
        return typeof view === 'string' ? { type: 'failed', id: msg.id, message: view } : { type: 'viewAt', id: msg.id, view };
      }
      const error = cluster.viewAction(msg.action);
      return error ? { type: 'failed', id: msg.id, message: error } : state();
    }
    default:
      return assertNever(msg);
  }
}

parentPort?.on('message', (msg: ToWorker.Message) => {
  let reply: FromWorker.Message;
  try {
    reply = handle(msg);
  } catch (err) {
    reply = { type: 'failed', id: msg.id, message: err instanceof Error ? err.message : String(err) };
  }
  parentPort?.postMessage(reply);
});

/**
 * The live cluster's Kubernetes API, for the extension's kubectl terminal: the same server as
 * `kube-anatomy serve` (src/core/kubeapi over src/cli/serveHttp.ts, HTTPS on 127.0.0.1 with a certificate
 * made at start and a bearer token), over the worker's WorkspaceCluster, so kubectl's writes land in the
 * cluster the open manifests feed. After each write the worker settles the cluster and posts its state, so
 * the Cluster View and the timeline follow. Node only (the web build has no sockets): the worker loop
 * reaches it through its host (simWorker.ts), never imports it.
 */
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { KubeApi } from '../core/kubeapi/api';
import type { Simulation } from '../core/sim';
import { readApiDocs, serveRequest } from '../cli/serveHttp';
import { kubeconfig, makeTlsIdentity, makeToken } from '../cli/serveTls';
import type { ApiIdentity } from '../shared/workerProtocol';

/** Where the API is served, the kubeconfig that reaches it, and what serving it the same way again needs. */
export interface ServedApi {
  readonly url: string;
  readonly kubeconfig: string;
  readonly identity: ApiIdentity;
}

/** Serves the simulation `simulation()` returns now (the cluster is rebuilt when the topology changes). */
export class WorkerApiServer {
  private server: https.Server | undefined;
  private served: ServedApi | undefined;
  private starting: Promise<ServedApi> | undefined;
  private readonly watches = new Set<() => void>();
  private api: { sim: Simulation; api: KubeApi } | undefined;

  constructor(private readonly simulation: () => Simulation, private readonly afterWrite: () => void) {}

  /**
   * Starts serving (once: later calls get the same address). With `identity` (a worker restarted after a
   * crash), the same token and certificate on the same port, so the terminal's kubeconfig keeps working; on
   * another free port if that one was taken meanwhile (the host then rewrites the kubeconfig).
   */
  start(identity?: ApiIdentity): Promise<ServedApi> {
    if (this.served) return Promise.resolve(this.served);
    this.starting ??= this.listen(identity).finally(() => { this.starting = undefined; });
    return this.starting;
  }

  private async listen(identity: ApiIdentity | undefined): Promise<ServedApi> {
    const tls = identity ?? await makeTlsIdentity();
    const token = identity?.token ?? makeToken();
    const server = https.createServer({ cert: tls.cert, key: tls.key }, (req, res) => serveRequest(this.current(), token, this.watches, req, res, this.afterWrite));
    const listen = (port: number): Promise<number> => new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve((server.address() as AddressInfo).port);
      });
    });
    const port = identity ? await listen(identity.port).catch(() => listen(0)) : await listen(0);
    this.server = server;
    const url = `https://127.0.0.1:${port}`;
    this.served = { url, kubeconfig: kubeconfig(url, tls.cert, token), identity: { port, token, cert: tls.cert, key: tls.key } };
    return this.served;
  }

  /** The API over the current simulation; a rebuilt cluster ends the open watches (kubectl lists again). */
  private current(): KubeApi {
    const sim = this.simulation();
    if (this.api?.sim !== sim) {
      for (const stop of [...this.watches]) stop();
      const address = this.served?.url.replace(/^https:\/\//, '') ?? '127.0.0.1';
      this.api = { sim, api: new KubeApi(sim, address, () => Date.now(), readApiDocs) };
    }
    return this.api.api;
  }

  /** Stops serving: open watches end, the port closes. */
  async stop(): Promise<void> {
    await this.starting?.catch(() => undefined);
    const server = this.server;
    this.server = undefined;
    this.served = undefined;
    this.api = undefined;
    for (const stop of [...this.watches]) stop();
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

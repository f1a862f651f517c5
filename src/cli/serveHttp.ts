/**
 * The HTTP side of serving the simulated cluster's API, shared by `kube-anatomy serve` and the extension's
 * kubectl terminal (src/worker/apiServer.ts): the bearer-token check, the request-body limit, plain
 * responses, and watch streams (headers flushed at once, bookmarks, `timeoutSeconds`, a cap on open watches).
 */
import * as fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as path from 'node:path';
import type { ApiDocs } from '../core/api';
import type { ApiResponse, KubeApi, WatchStream } from '../core/kubeapi/api';

/** kube-apiserver refuses request bodies over 3 MiB (apiserver's MaxRequestBodyBytes). */
const MAX_BODY_BYTES = 3 * 1024 * 1024;
/** Open watches at once; more are refused with 429. */
const MAX_WATCHES = 200;
/** kube-apiserver sends a watch bookmark about once a minute. */
const BOOKMARK_MS = 60_000;

/**
 * Answers one HTTP request with `api`. `watches` holds a stop function per open watch (stop them all to
 * close the server). `afterWrite`, when given, runs after each request that may have changed the cluster.
 */
export function serveRequest(api: KubeApi, token: string, watches: Set<() => void>, req: IncomingMessage, res: ServerResponse, afterWrite?: () => void): void {
  if (req.headers.authorization !== `Bearer ${token}`) {
    res.writeHead(401, { 'Content-Type': 'application/json' }).end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 }));
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (c: Buffer) => {
    size += c.length;
    if (size > MAX_BODY_BYTES) {
      res.writeHead(413, { 'Content-Type': 'application/json' }).end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the request body is larger than the 3 MiB the API server accepts', reason: 'RequestEntityTooLarge', code: 413 }));
      req.destroy();
      return;
    }
    chunks.push(c);
  });
  req.on('end', () => {
    if (res.writableEnded) return;
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    const bytes = Buffer.concat(chunks); // a protobuf body (client-go's typed clients) is decoded from its bytes
    const out = api.handle({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, accept: req.headers.accept, contentType: req.headers['content-type'], body: bytes.toString('utf8'), bodyBytes: bytes, userAgent: req.headers['user-agent'] });
    if ('initial' in out) streamWatch(out, url.searchParams, watches, res);
    else send(res, out);
    if (afterWrite && req.method !== 'GET' && out.status < 300) afterWrite();
  });
}

function send(res: ServerResponse, out: ApiResponse): void {
  const headers: Record<string, string | string[]> = { 'Content-Type': out.contentType, 'Content-Length': String(Buffer.byteLength(out.body)) };
  if (out.warnings?.length) headers.Warning = out.warnings.map(warningHeader);
  res.writeHead(out.status, headers).end(out.body);
}

/**
 * An API warning as kube-apiserver sends it (RFC 7234 warn-code 299, agent "-", the text quoted with `"` and `\`
 * escaped; non-ASCII left out of a header), which kubectl prints as `Warning: <text>`.
 */
export function warningHeader(text: string): string {
  return `299 - "${text.replace(/[^\x20-\x7e]/g, '?').replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

function streamWatch(w: WatchStream, q: URLSearchParams, watches: Set<() => void>, res: ServerResponse): void {
  if (watches.size >= MAX_WATCHES) {
    send(res, { status: 429, contentType: 'application/json', body: JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `too many open watches (${MAX_WATCHES})`, reason: 'TooManyRequests', code: 429 }) });
    return;
  }
  res.writeHead(200, { 'Content-Type': w.contentType, 'Transfer-Encoding': 'chunked' });
  res.flushHeaders(); // a client waits for the headers before it reads events: send them before the first event
  for (const line of w.initial) res.write(line);
  if (w.end) {
    res.end();
    return;
  }
  const unsubscribe = w.subscribe((line) => res.write(line));
  const bookmarks = w.bookmark ? setInterval(() => res.write((w.bookmark as () => string)()), BOOKMARK_MS) : undefined;
  const timeout = Number(q.get('timeoutSeconds') ?? '0');
  const timer = timeout > 0 ? setTimeout(() => stop(), timeout * 1000) : undefined;
  const stop = (): void => {
    if (!watches.delete(stop)) return;
    unsubscribe();
    clearInterval(bookmarks);
    clearTimeout(timer);
    res.end();
  };
  watches.add(stop);
  res.on('close', stop);
}

/**
 * The API's descriptions for `kubectl explain`: dist/apiDocs.json beside the bundle (esbuild.js copies it
 * there; the CLI and the worker are both bundled into dist), or the generated source file when run from
 * the sources. Undefined when neither can be read (the schemas are then served without descriptions).
 */
export function readApiDocs(): ApiDocs | undefined {
  for (const file of [path.join(__dirname, 'apiDocs.json'), path.join(__dirname, '..', 'core', 'api', 'generated', 'apiDocs.json')]) {
    try {
      return JSON.parse(fs.readFileSync(file, 'utf8')) as ApiDocs;
    } catch {
      // try the next place
    }
  }
  return undefined;
}

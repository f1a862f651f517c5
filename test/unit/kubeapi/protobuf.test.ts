/**
 * The protobuf request bodies of client-go's typed clients (kubectl create deployment, …), decoded into the
 * JSON object they stand for. The bodies are built here with a small wire encoder and the field numbers of
 * kubernetes/api's generated.proto written out by hand, so the test checks the generated table too.
 */
import * as assert from 'node:assert';
import { KubeApi, type ApiResponse } from '../../../src/core/kubeapi/api';
import { decodeProtobuf, PROTOBUF_TYPE } from '../../../src/core/kubeapi/protobuf';
import { Simulation } from '../../../src/core/sim';

type Part = number[];

function varint(n: bigint): number[] {
  let v = BigInt.asUintN(64, n);
  const out: number[] = [];
  do {
    let b = Number(v & BigInt(0x7f));
    v >>= BigInt(7);
    if (v > BigInt(0)) b |= 0x80;
    out.push(b);
  } while (v > BigInt(0));
  return out;
}
const int = (no: number, n: number): Part => [...varint(BigInt(no * 8)), ...varint(BigInt(n))];
const bytes = (no: number, data: number[]): Part => [...varint(BigInt(no * 8 + 2)), ...varint(BigInt(data.length)), ...data];
const str = (no: number, s: string): Part => bytes(no, [...new TextEncoder().encode(s)]);
const msg = (no: number, ...parts: Part[]): Part => bytes(no, parts.flat());
const entry = (no: number, k: string, v: string): Part => msg(no, str(1, k), str(2, v));

/** The envelope: `k8s\0`, then runtime.Unknown{typeMeta: 1 {apiVersion: 1, kind: 2}, raw: 2}. */
function envelope(apiVersion: string, kind: string, ...object: Part[]): Uint8Array {
  return Uint8Array.from([0x6b, 0x38, 0x73, 0x00, ...msg(1, str(1, apiVersion), str(2, kind)), ...bytes(2, object.flat())]);
}

/** `kubectl create deployment web --image=nginx:1.27 --port=80 --replicas=0`, with go-to-protobuf's zero values. */
const DEPLOYMENT = envelope('apps/v1', 'Deployment',
  msg(1, str(1, 'web'), str(2, ''), str(3, ''), int(7, 0), msg(8), entry(11, 'app', 'web'), entry(11, 'empty', '')), // ObjectMeta; creationTimestamp zero
  msg(2,
    int(1, 0), // replicas: a pointer, so 0 is kept
    msg(2, entry(1, 'app', 'web')), // selector.matchLabels
    msg(3, msg(1, str(1, ''), entry(11, 'app', 'web')), msg(2, // template: metadata, spec
      msg(2, str(1, 'nginx'), str(2, 'nginx:1.27'), str(3, 'sh'), str(3, '-c'), msg(6, str(1, ''), int(2, 0), int(3, 80), str(4, 'TCP')), msg(8)), // a container
      str(3, ''), // restartPolicy "" (not a pointer: dropped)
      int(99, 7), // a field this table does not know: skipped
    )),
    msg(4, str(1, '')), // strategy {} (not a pointer: dropped)
    int(5, 0), int(7, 0), // minReadySeconds 0, paused false: dropped
  ));

describe('kubeapi protobuf: client-go\'s typed request bodies', () => {
  it('decodes a Deployment as kubectl would have sent it in JSON: zero values dropped unless the Go field is a pointer', () => {
    const r = decodeProtobuf(DEPLOYMENT);
    assert.ok('object' in r, JSON.stringify(r));
    assert.deepStrictEqual(r.object, {
      apiVersion: 'apps/v1', kind: 'Deployment',
      metadata: { name: 'web', labels: { app: 'web', empty: '' } },
      spec: {
        replicas: 0, selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', command: ['sh', '-c'], ports: [{ containerPort: 80, protocol: 'TCP' }] }] } },
      },
    });
  });

  it('decodes bytes as base64, IntOrString as a number or a string, a Time, and a negative int32', () => {
    const secret = decodeProtobuf(envelope('v1', 'Secret', msg(1, str(1, 's'), msg(8, int(1, 1_735_689_600))), msg(2, str(1, 'a'), bytes(2, [0x62])), str(3, 'Opaque')));
    assert.deepStrictEqual('object' in secret && secret.object, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', creationTimestamp: '2025-01-01T00:00:00Z' }, data: { a: 'Yg==' }, type: 'Opaque' });
    const pdb = decodeProtobuf(envelope('policy/v1', 'PodDisruptionBudget', msg(1, str(1, 'p')), msg(2, msg(1, int(1, 0), int(2, 1)), msg(3, int(1, 1), str(3, '25%')))));
    assert.deepStrictEqual('object' in pdb && pdb.object.spec, { minAvailable: 1, maxUnavailable: '25%' });
    const pod = decodeProtobuf(envelope('v1', 'Pod', msg(1, str(1, 'p')), msg(2, msg(2, str(1, 'c'), msg(6, int(2, -1))))));
    assert.deepStrictEqual('object' in pod && (pod.object.spec as { containers: { ports: unknown[] }[] }).containers[0].ports, [{ hostPort: -1 }]);
  });

  it('refuses what is not a Kubernetes protobuf message, with a reason and without throwing', () => {
    assert.deepStrictEqual(decodeProtobuf(new TextEncoder().encode('{"kind":"Pod"}')), { error: 'provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]' });
    assert.match((decodeProtobuf(DEPLOYMENT.subarray(0, 40)) as { error: string }).error, /end of/);
    assert.match((decodeProtobuf(envelope('example.com/v1', 'Widget')) as { error: string }).error, /no kind "Widget" is registered for version "example.com\/v1"/);
    for (let cut = 4; cut < DEPLOYMENT.length; cut += 7) decodeProtobuf(DEPLOYMENT.subarray(0, cut)); // never throws
  });

  it('creates the object through the API like a JSON body (kubectl create deployment)', () => {
    const sim = Simulation.preset('single-node');
    const api = new KubeApi(sim, '127.0.0.1:6443');
    const created = api.handle({ method: 'POST', path: '/apis/apps/v1/namespaces/default/deployments', query: new URLSearchParams('fieldManager=kubectl-create'), contentType: PROTOBUF_TYPE, bodyBytes: DEPLOYMENT, userAgent: 'kubectl/v1.32.4' }) as ApiResponse;
    assert.strictEqual(created.status, 201, created.body);
    const stored = sim.internals.store.get('Deployment', 'default', 'web');
    assert.strictEqual((stored?.spec as { replicas: number }).replicas, 0);
    assert.ok(Array.isArray(stored?.metadata.managedFields), 'recorded as kubectl-create\'s');
    const bad = api.handle({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', query: new URLSearchParams(), contentType: PROTOBUF_TYPE, bodyBytes: new Uint8Array([1, 2, 3]) }) as ApiResponse;
    assert.strictEqual(bad.status, 400);
  });
});

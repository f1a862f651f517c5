/**
 * The cost of decoding against the API's types (src/core/api), part of `npm run bench`: parsing
 * includes it, so both are printed, with decoding timed alone on the parsed objects (decoding a
 * decoded object walks the same fields: nulls are already gone).
 *   1. the 150,000-pod benchmark's input shape: 150 Deployments in one file;
 *   2. a file just under the 5 MiB parse limit of varied kinds (Deployments with probes, env and
 *      resources, Services, ConfigMaps).
 */
import { admitToApi } from '../src/core/api';
import { parseManifests } from '../src/core/manifests';

function deploymentYaml(name: string, replicas: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: default
  labels: {app: ${name}, tier: web}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: ${name}}
  strategy:
    rollingUpdate: {maxSurge: 25%, maxUnavailable: 0}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
      - name: app
        image: registry.example/${name}:1.0
        ports:
        - {containerPort: 8080, name: http}
        env:
        - {name: MODE, value: production}
        - name: POD_IP
          valueFrom: {fieldRef: {fieldPath: status.podIP}}
        resources:
          requests: {cpu: 100m, memory: 64Mi}
          limits: {memory: 128Mi}
        readinessProbe:
          httpGet: {path: /healthz, port: http}
          periodSeconds: 5
`;
}

function serviceYaml(name: string): string {
  return `apiVersion: v1
kind: Service
metadata: {name: ${name}}
spec:
  type: NodePort
  selector: {app: ${name}}
  ports:
  - {port: 80, targetPort: http, protocol: TCP}
`;
}

function configMapYaml(name: string): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}}\ndata:\n  a: "1"\n  b: two\n  c: |\n    three\n    lines\n`;
}

function fiveMiB(): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < 5 * 1024 * 1024 - 4096; i++) {
    const doc = i % 3 === 0 ? deploymentYaml(`web-${i}`, 3) : i % 3 === 1 ? serviceYaml(`web-${i - 1}`) : configMapYaml(`cfg-${i}`);
    parts.push(doc);
    size += doc.length + 4;
  }
  return parts.join('---\n');
}

function measure(label: string, text: string, runs: number, median: (xs: number[]) => number): void {
  const parse: number[] = [];
  const decode: number[] = [];
  let objects = 0;
  for (let r = -1; r < runs; r++) { // run -1 warms the JIT and is not counted
    const t0 = performance.now();
    const result = parseManifests(text, 'bench.yaml');
    if (r >= 0) parse.push(performance.now() - t0);
    objects = result.objects.length;
    const t1 = performance.now();
    let findings = 0;
    for (const o of result.objects) findings += admitToApi(o.object).length;
    if (r >= 0) decode.push(performance.now() - t1);
    if (findings > 0) throw new Error(`${label}: the benchmark input should decode cleanly, got ${findings} findings`);
  }
  const p = median(parse);
  const d = median(decode);
  console.log(`decode: ${label} (${(text.length / 2 ** 20).toFixed(2)} MiB, ${objects} objects): parse with decoding median ${p.toFixed(1)} ms, decoding alone ${d.toFixed(1)} ms (${((100 * d) / p).toFixed(1)}% of parsing, ${((1000 * d) / objects).toFixed(1)} µs/object) over ${runs} runs`);
}

/** Prints the decode benchmark's lines. */
export function benchDecode(runs: number, median: (xs: number[]) => number): void {
  const deployments = Array.from({ length: 150 }, (_, i) => deploymentYaml(`app-${i}`, 1000)).join('---\n');
  measure('150 Deployments (the 150,000-pod input)', deployments, Math.max(runs, 5), median);
  measure('a 5 MiB file of Deployments, Services and ConfigMaps', fiveMiB(), Math.max(runs, 3), median);
}

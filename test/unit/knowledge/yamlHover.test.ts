import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { computeYamlHover, YamlOutline, teachingKey } from '../../../src/core/knowledge';
import type { EditorLive } from '../../../src/core/view/facts';
import { loadDocsForTests } from './apiDocsLoader';
import { MAX_TREE_KEYS } from '../../../src/core/knowledge/largeFiles';

/** The offset of the first `|` in `marked`, and the text without it. */
function at(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('|');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

const DEPLOYMENT = `# web tier, scheduled by kube-scheduler
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata:
      labels: {app: web}
    spec:
      nodeSelector:
        kubernetes.io/hostname: worker-1
      containers:
        - name: app
          image: nginx:1.27
          resources:
            requests: {cpu: 100m, memory: 64Mi}
        - name: side
          image: busybox
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  type: NodePort
  selector: {app: web}
  ports: [{port: 80}]
`;

function pathAt(marked: string): unknown {
  const { text, offset } = at(marked);
  const hit = new YamlOutline(text).pathAt(offset);
  return hit && { path: hit.path, isKey: hit.isKey, text: hit.text, doc: hit.document.index };
}

describe('YamlOutline: the path under the cursor', () => {
  it('finds keys and values in block maps and nested sequences', () => {
    assert.deepStrictEqual(pathAt('spec:\n  rep|licas: 3\n'), { path: ['spec', 'replicas'], isKey: true, text: 'replicas', doc: 0 });
    assert.deepStrictEqual(pathAt('spec:\n  replicas: |3\n'), { path: ['spec', 'replicas'], isKey: false, text: '3', doc: 0 });
    assert.deepStrictEqual(pathAt('a:\n  - - x\n    - y|y\n'), { path: ['a', 0, 1], isKey: false, text: 'yy', doc: 0 });
    assert.deepStrictEqual(pathAt('c:\n  - name: a\n  - name: b\n    ima|ge: x\n'), { path: ['c', 1, 'image'], isKey: true, text: 'image', doc: 0 });
  });

  it('finds keys and values in flow collections', () => {
    assert.deepStrictEqual(pathAt('r: {requests: {cpu: 1|00m}}'), { path: ['r', 'requests', 'cpu'], isKey: false, text: '100m', doc: 0 });
    assert.deepStrictEqual(pathAt('p: [{port: 80}, {na|me: x}]'), { path: ['p', 1, 'name'], isKey: true, text: 'name', doc: 0 });
  });

  it('finds nothing in comments and whitespace', () => {
    assert.strictEqual(pathAt('# kube-sch|eduler\na: 1'), undefined);
    assert.strictEqual(pathAt('a: 1   | # x'), undefined);
  });

  it('tells documents of a stream apart', () => {
    assert.deepStrictEqual(pathAt('a: 1\n---\nb: 2\n---\nc: |3\n'), { path: ['c'], isKey: false, text: '3', doc: 2 });
    const o = new YamlOutline(DEPLOYMENT);
    assert.deepStrictEqual(o.documents.map((d) => [d.kind, d.name]), [['Deployment', 'web'], ['Service', 'web']]);
  });

  it('keeps working on a half-typed document', () => {
    const { text, offset } = at('spec:\n  tolerations:\n  -\n  repl|icas: [\n');
    assert.doesNotThrow(() => new YamlOutline(text).pathAt(offset));
  });
});

describe('teachingKey', () => {
  it('maps every PodSpec to pod: and the rest to its kind', () => {
    assert.strictEqual(teachingKey('Deployment', ['spec', 'template', 'spec', 'containers', 0, 'image']), 'pod:containers[].image');
    assert.strictEqual(teachingKey('Pod', ['spec', 'nodeSelector']), 'pod:nodeSelector');
    assert.strictEqual(teachingKey('CronJob', ['spec', 'jobTemplate', 'spec', 'template', 'spec', 'tolerations']), 'pod:tolerations');
    assert.strictEqual(teachingKey('Deployment', ['spec', 'template', 'metadata', 'labels', 'app']), 'podmeta:labels.app');
    assert.strictEqual(teachingKey('Service', ['spec', 'ports', 0, 'nodePort']), 'Service:spec.ports[].nodePort');
    assert.strictEqual(teachingKey('Service', ['metadata', 'name']), 'meta:name');
  });
});

const LIVE: EditorLive = {
  time: 12, topology: 'multi-worker',
  objects: {
    'Deployment/default/web': {
      kind: 'Deployment', namespace: 'default', name: 'web', desired: 3, total: 3, running: 2, pending: 1, restarts: 0,
      pods: [
        { name: 'web-a', phase: 'Running', status: 'Running', node: 'worker-1', message: '', waiting: null },
        { name: 'web-b', phase: 'Running', status: 'Running', node: 'worker-2', message: '', waiting: null },
        { name: 'web-c', phase: 'Pending', status: 'Pending', node: null, message: '0/3 nodes are available: 3 Insufficient cpu.', waiting: null },
      ],
      verdicts: { 'worker-1': 'Insufficient cpu', 'worker-2': 'Insufficient cpu' },
    },
  },
  nodes: [
    { name: 'worker-1', allocatable: { cpu: 4000, memory: 8 * 2 ** 30, pods: 110 }, requested: { cpu: 1100, memory: 2 ** 30, pods: 2 }, images: ['nginx:1.27'] },
    { name: 'worker-2', allocatable: { cpu: 4000, memory: 8 * 2 ** 30, pods: 110 }, requested: { cpu: 100, memory: 0, pods: 1 }, images: [] },
  ],
  services: { 'Service/default/web': { type: 'NodePort', clusterIP: '10.96.100.1', nodePort: 31000, endpoints: 2, notReady: 0 } },
  pods: { running: 2, total: 3 }, etcd: { healthy: 1, members: 1, hasQuorum: true }, taints: {},
};

/** Markdown with backslash escapes removed, to compare with the plain text. */
const plain = (md: string): string => md.replace(/\\(.)/g, '$1');

function hover(marked: string, live?: EditorLive): ReturnType<typeof computeYamlHover> {
  const { text, offset } = at(marked);
  return computeYamlHover(new YamlOutline(text), offset, { live });
}

function mark(needle: string, plus = 1): string {
  const i = DEPLOYMENT.indexOf(needle);
  assert.ok(i >= 0, needle);
  return DEPLOYMENT.slice(0, i + plus) + '|' + DEPLOYMENT.slice(i + plus);
}

describe('computeYamlHover: field hovers', () => {
  it('explains replicas: who acts on it, whether it is simulated, and what it does now', () => {
    const h = hover(mark('replicas'), LIVE);
    assert.strictEqual(h?.field, 'Deployment:spec.replicas');
    const md = h?.markdown ?? '';
    assert.match(md, /ReplicaSet controller\*\* in \*\*kube-controller-manager\*\*/);
    assert.match(md, /etcd/);
    assert.match(md, /\*\*In the simulation:\*\* Modelled: change it and the controllers create or delete pods/);
    assert.doesNotMatch(md, /modelled\. Modelled/i);
    assert.ok(plain(md).includes('- 3 desired · 2 Running on worker-1, worker-2 · 1 Pending: 0/3 nodes are available: 3 Insufficient cpu.'));
    assert.match(md, /\[Show in Cluster View\]\(command:kubeAnatomy\.showClusterView\?/);
    assert.match(md, /\[Open docs\]\(command:kubeAnatomy\.openDocs\?/);
  });

  it('explains a cpu request with how much of each node is requested', () => {
    const h = hover(mark('cpu: 100m', 6), LIVE);
    assert.strictEqual(h?.field, 'pod:containers[].resources.requests.cpu');
    assert.match(h?.markdown ?? '', /kube-scheduler\*\*'s filters/);
    assert.match(h?.markdown ?? '', /worker\\-1\\: 1100m of 4 allocatable cpu requested \\\(28\\%\\\)/);
  });

  it('explains an image with the nodes that pulled it, on the key and on the value', () => {
    for (const m of [mark('image: nginx'), mark('nginx:1.27', 2)]) {
      const md = hover(m, LIVE)?.markdown ?? '';
      assert.match(md, /containerd/);
      assert.match(md, /image present on worker\\-1/, m);
    }
    assert.match(hover(mark('busybox'), LIVE)?.markdown ?? '', /not pulled on any node yet/);
  });

  it('explains type: NodePort by its value', () => {
    const h = hover(mark('NodePort'), LIVE);
    assert.strictEqual(h?.field, 'Service:spec.type');
    assert.match(h?.markdown ?? '', /30000\\?-32767/);
    assert.match(h?.markdown ?? '', /NodePort 31000 open on every node · 2 endpoint\\\(s\\\)/);
  });

  it('keeps component and label hovers: comments, kind values, well-known labels', () => {
    assert.strictEqual(hover(mark('kube-scheduler', 3))?.entryId, 'kube-scheduler');
    assert.strictEqual(hover(mark('Deployment', 2))?.entryId, 'Deployment');
    assert.strictEqual(hover(mark('kubernetes.io/hostname', 3))?.entryId, 'kubernetes.io/hostname');
  });

  it('gives non-Kubernetes YAML and templates component hovers only', () => {
    assert.strictEqual(hover('jobs:\n  build:\n    rep|licas: 3\n')?.entryId, 'replicas');
    assert.strictEqual(hover('apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Values.name }}\nspec:\n  nodeSel|ector: {}\n')?.entryId, 'nodeSelector');
  });

  it('escapes names from the manifest in the hover', () => {
    const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: "x\\n===\\n[a](http://evil.example:8080/login)"\nspec:\n  rep|licas: 1\n';
    const md = hover(text)?.markdown ?? '';
    assert.doesNotMatch(md, /\n===/);
    assert.ok(md.includes('`x === [a](http://evil.example:8080/login)`'), 'the name stays inside one code span');
    assert.strictEqual(md.split('](http').length, 2, 'the only "](http" is inside the code span');
  });
});

describe('computeYamlHover: what the API says (generated v1.33 table)', () => {
  before(loadDocsForTests);

  it('opens with the API description, type and stamp, then the teaching layer, then the live state', () => {
    const md = hover(mark('replicas'), LIVE)?.markdown ?? '';
    const p = plain(md);
    assert.match(p, /\*\*What it means\*\* \(\*Kubernetes v1.33 API\*\): Number of desired pods/);
    assert.match(p, /Type: `int32`/);
    assert.match(p, /Default: `1`/);
    const order = ['What it means', 'Who acts on it', 'In the simulated cluster now', 'Show in Cluster View'].map((s) => p.indexOf(s));
    assert.deepStrictEqual([...order].sort((a, b) => a - b), order);
    assert.ok(order[0] >= 0);
  });

  it('explains fields the teaching layer does not list, from the API alone', () => {
    const p = plain(hover(mark('name: app', 2))?.markdown ?? '');
    assert.match(p, /Field of Deployment/);
    assert.match(p, /Name of the container/);
  });

  it('gives the enum values of a field', () => {
    assert.match(plain(hover(mark('type: NodePort'))?.markdown ?? ''), /One of: .*`NodePort`/);
  });
});

describe('computeYamlHover over the kubernetes/examples corpus', () => {
  before(loadDocsForTests);

  it('hovers every key of every manifest without an exception', function () {
    this.timeout(120_000);
    const root = path.join(__dirname, '../../../../shared/corpus/kubernetes-examples');
    if (!fs.existsSync(root)) this.skip();
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.ya?ml$/.test(e.name)) files.push(p);
      }
    };
    walk(root);
    let keys = 0;
    let answered = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const outline = new YamlOutline(text);
      for (const m of text.matchAll(/^[ \t-]*([A-Za-z_][\w.\-/]*):/gm)) {
        const offset = (m.index ?? 0) + m[0].length - 2;
        keys++;
        if (computeYamlHover(outline, offset, { live: LIVE })) answered++;
      }
    }
    assert.ok(files.length > 100, `${files.length} files`);
    assert.ok(answered / keys > 0.9, `${answered} of ${keys} keys answered`);
  });
});

describe('YamlOutline: positions between tokens and new versions', () => {
  it('answers where a language server does: indentation, `- `, `: ` and `---` belong to the key after or before them', () => {
    assert.deepStrictEqual((pathAt('a:\n|  b: 1\n') as { path: unknown }).path, ['a', 'b']);
    assert.deepStrictEqual((pathAt('a:\n  -| b: 1\n') as { path: unknown }).path, ['a', 0, 'b']);
    assert.deepStrictEqual((pathAt('a:| 1\n') as { path: unknown }).path, ['a']);
    assert.deepStrictEqual((pathAt('a: 1\n--|-\nb: 2\n') as { path: unknown }).path, ['b']);
    assert.strictEqual(pathAt('a: 1    #| note\n'), undefined);
    assert.strictEqual(pathAt('a: 1\n|\nb: 2\n'), undefined);
  });

  it('parses only the document under the cursor, and re-uses unchanged documents in the next version', () => {
    const v1 = new YamlOutline('a: 1\n---\nb: 2\n---\nc: 3\n');
    assert.deepStrictEqual(v1.pathAt(v1.text.indexOf('c'))?.path, ['c']);
    assert.deepStrictEqual(v1.slices.map((s) => s.parsed.docs !== undefined), [false, false, true]);
    void v1.documents;
    const v2 = new YamlOutline('a: 11\n---\nb: 2\n---\nc: 3\n', v1);
    assert.notStrictEqual(v2.slices[0].parsed, v1.slices[0].parsed, 'the edited document is parsed again');
    assert.strictEqual(v2.slices[2].parsed, v1.slices[2].parsed, 'a document below the edit keeps its tree, shifted');
    assert.deepStrictEqual(v2.pathAt(v2.text.indexOf('c: 3') + 3)?.text, '3');
    assert.deepStrictEqual(v2.pathAt(v2.text.indexOf('11'))?.text, '11');
    assert.deepStrictEqual(v2.documents.map((d) => [d.start, d.end]), [[0, 6], [6, 15], [15, 24]]);
  });

  it('builds no tree for a document with more keys than MAX_TREE_KEYS: its terms still hover, the other documents keep their fields', () => {
    const kind = (n: number): string => `kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n${'- role: worker\n'.repeat(n - 1)}`;
    const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 3\n';
    const huge = new YamlOutline(`${kind(MAX_TREE_KEYS)}---\n${deployment}`);
    const t = performance.now();
    const term = computeYamlHover(huge, huge.text.indexOf('worker') + 2);
    const ms = performance.now() - t;
    assert.match(term?.markdown ?? '', /Worker node/, 'the term under the cursor');
    assert.strictEqual(huge.pathAt(huge.text.indexOf('worker')), undefined, 'no tree for the kind config');
    assert.ok(ms < 200, `answered in ${ms.toFixed(0)} ms without parsing ${MAX_TREE_KEYS + 3} keys`);
    assert.deepStrictEqual(huge.pathAt(huge.text.indexOf('replicas'))?.path, ['spec', 'replicas'], 'the Deployment after it has its tree');
    const under = new YamlOutline(kind(MAX_TREE_KEYS - 10));
    assert.deepStrictEqual(under.pathAt(under.text.indexOf('worker'))?.path, ['nodes', 1, 'role'], 'at the limit the tree is built');
  });
});

describe('computeYamlHover: component names in values keep their glossary hover', () => {
  it('explains etcd in `name: etcd` and in a command list, but NodePort in `type: NodePort` as the field value', () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: etcd\nspec:\n  containers:\n  - name: etcd\n    command:\n    - kube-scheduler\n';
    const at = (needle: string, plus: number): number => pod.indexOf(needle) + plus;
    const o = new YamlOutline(pod);
    assert.strictEqual(computeYamlHover(o, at('name: etcd', 8))?.entryId, 'etcd');
    assert.strictEqual(computeYamlHover(o, at('- kube-scheduler', 4))?.entryId, 'kube-scheduler');
    assert.strictEqual(computeYamlHover(o, at('name: etcd', 2))?.field, 'meta:name');
    assert.strictEqual(hover(mark('NodePort'))?.field, 'Service:spec.type');
  });
});

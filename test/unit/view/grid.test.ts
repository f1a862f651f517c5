import * as assert from 'assert';
import { locateManifest, objectAtLine } from '../../../src/core/view/manifestLocator';
import { cellAt, gridGeometry, visibleCells } from '../../../src/webview/gridLayout';
import { escapeMarkdown } from '../../../src/webview/markdown';

describe('Cluster View grid', () => {
  it('holds every node of 5,000 in rows about as wide as the panel', () => {
    const g = gridGeometry(5000, 1.5);
    assert.ok(g.cols * g.rows >= 5000 && (g.rows - 1) * g.cols < 5000);
    const ratio = g.width / g.height;
    assert.ok(ratio > 1 && ratio < 2.2, `aspect ${ratio}`);
  });

  it('finds the node under a point and the cells in a window', () => {
    const g = gridGeometry(10, 1);
    assert.strictEqual(cellAt(g, 10, g.gap + 1, g.gap + 1), 0);
    assert.strictEqual(cellAt(g, 10, g.gap + g.cellW + g.gap + 1, g.gap + 1), 1);
    assert.strictEqual(cellAt(g, 10, -5, 5), -1);
    assert.strictEqual(cellAt(g, 10, g.width * 3, 5), -1);
    const v = visibleCells(gridGeometry(5000), 0, 0, 500, 300);
    assert.ok((v.c1 - v.c0 + 1) * (v.r1 - v.r0 + 1) < 200, 'only what the window shows is drawn');
  });
});

describe('Cluster View manifests and exports', () => {
  const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: shop\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop\n  namespace: default\nspec:\n  replicas: 2\n';

  it('finds the line of an object\'s manifest, and the object under the cursor', () => {
    assert.deepStrictEqual(locateManifest(text, 'f.yaml', { kind: 'Deployment', namespace: 'default', name: 'shop' }), { line: 9, column: 9 });
    assert.strictEqual(locateManifest(text, 'f.yaml', { kind: 'Deployment', namespace: 'other', name: 'shop' }), undefined);
    assert.deepStrictEqual(objectAtLine(text, 'f.yaml', 12), { kind: 'Deployment', namespace: 'default', name: 'shop' });
    assert.deepStrictEqual(objectAtLine(text, 'f.yaml', 2), { kind: 'Service', namespace: 'default', name: 'shop' });
    assert.strictEqual(objectAtLine('not: [yaml', 'f.yaml', 1), undefined);
  });

  it('keeps names from manifests as text in the Markdown export', () => {
    assert.strictEqual(escapeMarkdown('[x](javascript:alert(1)) <b>*'), '\\[x\\]\\(javascript:alert\\(1\\)\\) \\<b\\>\\*');
    assert.strictEqual(escapeMarkdown('a\nb'), 'a b');
  });
});

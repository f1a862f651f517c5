/**
 * In a real VS Code (code-server + Chromium): "Kube Anatomy: Show Cluster View" from the command
 * palette opens the Cluster View webview, whose script draws the simulated cluster's nodes.
 */
import * as assert from 'node:assert/strict';
import { assertNoExtensionErrors } from './flavour';
import { useWorkbench } from './session';
import { attributesOf, findFrame, poll, runCommandFromPalette, screenshot } from './workbench';

const COMMAND_TITLE = 'Kube Anatomy: Show Cluster View';
const PANEL_TITLE = 'Kube Anatomy: Cluster View';
const NODES = ['control-plane', 'worker-1', 'worker-2'];

describe('Cluster View webview (code-server)', function () {
  const workbench = useWorkbench('cluster.yaml');

  it(`"${COMMAND_TITLE}" from the command palette draws the control plane and two workers`, async function () {
    const { page } = workbench();
    await runCommandFromPalette(page, COMMAND_TITLE);
    await page.locator(`.tabs-container .tab[aria-label*="${PANEL_TITLE}"]`).first().waitFor({ timeout: 30_000 });

    // The webview's document sits in nested iframes; the svg is marked ready once drawn.
    const frame = await findFrame(page, 'svg#cluster[data-ready="true"]');
    const nodes = await attributesOf(frame.locator('svg#cluster g.node'), ['data-node-name', 'data-role']);
    assert.deepEqual(
      nodes.map((n) => `${n['data-node-name']}:${n['data-role']}`).sort(),
      ['control-plane:control-plane', 'worker-1:worker', 'worker-2:worker'],
    );
    const apiServer = frame.locator('g.node[data-node-name="control-plane"] g.component[data-component="kube-apiserver"]');
    assert.equal(await apiServer.count(), 1, 'the control-plane node draws kube-apiserver');
    for (const name of NODES) {
      const components = await frame.locator(`g.node[data-node-name="${name}"] g.component`).count();
      assert.ok(components > 0, `node ${name} draws its components`);
    }
    await poll('the svg to have a size on screen', async () => (await frame.locator('svg#cluster').boundingBox())?.width);
    await screenshot(page, '3-cluster-view');
  });

  it('logged no error from the extension', async function () {
    await assertNoExtensionErrors(workbench());
  });
});

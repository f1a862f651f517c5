/**
 * In a real VS Code (code-server + Chromium): the clock in the editor. While the Cluster View is open,
 * simulated time runs on its own at the learner's speed: at 60× a worker failed from the view turns
 * NotReady after its grace period and its pods come back on the other worker after their toleration,
 * with no further edit. Scrubbing back shows the past in the status bar and the hovers; paused, an
 * edit waits ("settling…") until "Settle the Cluster"; a code lens's "Show in Cluster View" selects
 * the Deployment's pods.
 */
import * as assert from 'node:assert/strict';
import type { Frame, Page } from 'playwright-core';
import { assertNoErrorsFrom } from './extHostLog';
import { useWorkbench } from './session';
import { editLine, findFrame, hoverWord, openFile, poll, runCommandFromPalette, screenshot } from './workbench';

const FIXTURE = 'shop.yaml';

const running = (view: Frame, node?: string): Promise<number> =>
  view.locator(`svg#cluster g.node${node ? `[data-node-name="${node}"]` : '[data-role="worker"]'} g.pod.pod-running`).count();

/** The Kube Anatomy status bar items' texts. */
async function statusTexts(page: Page): Promise<string> {
  return (await page.locator('.statusbar-item').allInnerTexts()).join(' | ');
}

describe('the clock in the editor (code-server)', function () {
  const workbench = useWorkbench(FIXTURE);
  let view: Frame;

  it('runs simulated time while the Cluster View is open, shown in the status bar', async function () {
    const { page } = workbench();
    await openFile(page, FIXTURE, 'apiVersion: apps/v1');
    await runCommandFromPalette(page, 'Kube Anatomy: Show Cluster View');
    view = await findFrame(page, 'svg#cluster[data-ready="true"]');
    await poll('three running pods on the workers', async () => (await running(view)) === 3, 30_000);
    await poll('the clock in the status bar', async () => / · 1×/.test(await statusTexts(page)));
    await poll('the clock in the view', async () => /clock \d+:\d\d/.test(await view.locator('.head-clock').innerText()));
  });

  it('at 60×, a worker failed from the view turns NotReady after its grace period and its pods come back on worker-2, with no further edit', async function () {
    const { page } = workbench();
    await view.locator('#strip select').selectOption('60');
    await poll('the speed in the status bar', async () => / · 60×/.test(await statusTexts(page)));
    await view.locator('g.node[data-node-name="worker-1"] .node-title').click();
    await view.locator('#details button', { hasText: 'Fail node' }).click();
    await poll('the top of the view to say worker-1 is down', async () => /worker-1 is NotReady/.test(await view.locator('#attention').innerText()), 30_000);
    await poll('three running pods on worker-2 (the 300 s toleration ran out)', async () => (await running(view, 'worker-2')) === 3, 60_000);
    await screenshot(page, 'clock-worker-failed-60x');
  });

  it('scrubbing back shows that moment in the status bar and the hovers, and says so', async function () {
    const { page } = workbench();
    const back = view.locator('#strip button', { hasText: 'Step back' });
    await back.click();
    await back.press('Home');
    await poll('the status bar at a past moment', async () => /at \d+:\d\d of \d+:\d\d \(past\)/.test(await statusTexts(page)), 30_000);
    const text = await hoverWord(page, { line: /^\s*replicas: 3$/, lineNumber: 7, word: 'replicas', expect: 'a past moment' });
    assert.match(text, /Simulated cluster at \d+:\d\d of \d+:\d\d/);
    await back.press('End');
    await poll('the status bar back at now', async () => !/\(past\)/.test(await statusTexts(page)), 30_000);
  });

  it('paused, an edit waits ("settling…") until "Settle the Cluster" runs it to rest', async function () {
    const { page } = workbench();
    await view.locator('#strip select').selectOption('0');
    await poll('paused in the status bar', async () => / · paused/.test(await statusTexts(page)));
    // Pausing also stops the view's playback where it is (the 60× backlog may be mid-way): look at now.
    await view.locator('#strip button', { hasText: 'Step back' }).press('End');
    await poll('three running pods on worker-2 at now', async () => (await running(view, 'worker-2')) === 3, 30_000);
    await editLine(page, 'replicas: 3', 'replicas: 4');
    await poll('settling… in the status bar', async () => /settling…/.test(await statusTexts(page)), 30_000);
    assert.equal(await running(view, 'worker-2'), 3, 'the fourth pod does not start while the clock is paused');
    await runCommandFromPalette(page, 'Kube Anatomy: Settle the Cluster');
    await poll('four running pods on worker-2', async () => (await running(view, 'worker-2')) === 4, 30_000);
    await poll('settled in the status bar', async () => !/settling…/.test(await statusTexts(page)));
  });

  it('"Show in Cluster View" from the Deployment\'s code lens selects its pods', async function () {
    const { page } = workbench();
    const lens = page.locator('.monaco-editor .codelens-decoration a').filter({ hasText: /Running/ }).first(); // the Deployment's lens: "4/4 Running · worker-2"
    await lens.waitFor({ timeout: 30_000 });
    await lens.click();
    await poll('the Deployment\'s pods highlighted', async () => (await view.locator('svg#cluster g.pod.highlight').count()) >= 3, 30_000); // its replicas (3, or 4 after the paused test)
    await poll('one of them selected in the details panel', async () => /Pod default\/shop-/.test(await view.locator('#details').innerText()), 30_000);
    await screenshot(page, 'clock-show-in-cluster-view');
  });

  it('logged no error from the extension', async function () {
    assertNoErrorsFrom(workbench().server.logsDir);
  });
});

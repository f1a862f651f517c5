/**
 * In a real VS Code (code-server + Chromium): the Cluster View beside the editor is legible (every
 * label at least the editor's font size), rewinds to an earlier moment from its timeline, fails a
 * worker from its details panel, and exports its drawing as SVG through the save dialog. Screenshots
 * in the dark and the light theme.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { assertNoExtensionErrors } from './flavour';
import { useWorkbench } from './session';
import { findFrame, openFile, poll, runCommandFromPalette, screenshot } from './workbench';

const FIXTURE = 'shop.yaml';

const running = (view: Frame, node?: string): Promise<number> =>
  view.locator(`svg#cluster g.node${node ? `[data-node-name="${node}"]` : '[data-role="worker"]'} g.pod.pod-running`).count();

/** The simulated second the caption shows ("… · t=6s"). */
async function shownTime(view: Frame): Promise<number> {
  const caption = await view.locator('#caption').innerText();
  return Number(/t=(\d+(?:\.\d+)?)s$/.exec(caption)?.[1] ?? NaN);
}

/** code-server starts in the light theme; VS Code's own command switches to the dark one. */
async function toggleTheme(page: import('playwright-core').Page, to: 'dark' | 'light'): Promise<void> {
  await runCommandFromPalette(page, 'Preferences: Toggle between Light/Dark Themes');
  await poll(`the ${to} theme`, async () => (await page.locator(to === 'dark' ? '.monaco-workbench.vs-dark' : '.monaco-workbench.vs').count()) > 0);
}

describe('Cluster View: watching the process (code-server)', function () {
  const workbench = useWorkbench(FIXTURE);
  let view: Frame;

  it('opens legibly beside the editor: every label at least the editor\'s font size, and what matters in words', async function () {
    const { page } = workbench();
    await openFile(page, FIXTURE, 'apiVersion: apps/v1');
    await runCommandFromPalette(page, 'Kube Anatomy: Show Cluster View');
    view = await findFrame(page, 'svg#cluster[data-ready="true"]');
    await poll('three running pods on the workers', async () => (await running(view)) === 3, 30_000);
    const sizes = await view.evaluate(() => {
      const svg = document.getElementById('cluster') as unknown as SVGSVGElement;
      const zoom = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      const labels = Array.from(svg.querySelectorAll('text')).map((t) => parseFloat(getComputedStyle(t).fontSize) * zoom);
      return { editor: parseFloat(getComputedStyle(document.body).getPropertyValue('--vscode-editor-font-size')), smallest: Math.min(...labels), labels: labels.length, panel: document.body.clientWidth };
    });
    assert.ok(sizes.labels > 20, `labels drawn: ${sizes.labels}`);
    assert.ok(sizes.editor > 0 && sizes.smallest >= sizes.editor - 0.01, `smallest label ${sizes.smallest}px, editor font ${sizes.editor}px, panel ${sizes.panel}px`);
    assert.match(await view.locator('#attention').innerText(), /All is well/);
    assert.ok(await view.evaluate(() => document.body.classList.contains('vscode-light')), 'the view follows the light theme');
    await screenshot(page, '6-cluster-view-light', 'cluster-view-light.png');
  });

  it('steps back to the start of the timeline and shows the cluster as it was, then returns to now', async function () {
    const now = await shownTime(view);
    assert.ok(now > 0, `the caption shows the time: ${now}`);
    const back = view.locator('#strip button', { hasText: 'Step back' });
    await back.click();
    await back.press('Home');
    await poll('an earlier moment', async () => (await shownTime(view)) < now);
    await poll('no pod running yet at the start', async () => (await running(view)) === 0);
    assert.match(await view.locator('#narration li.current').innerText(), /t=\d+s /);
    await back.press('End');
    await poll('back to now', async () => (await shownTime(view)) === now && (await running(view)) === 3);
  });

  it('fails worker-1 from its details panel; its pods come back on worker-2', async function () {
    const { page } = workbench();
    await view.locator('g.node[data-node-name="worker-1"] .node-title').click();
    await view.locator('#details button', { hasText: 'Fail node' }).click();
    // The view's clock runs at 1×: its Settle button runs the 50 s grace period and the 300 s toleration at once.
    await view.locator('#settle').click();
    await poll('the top of the view to say worker-1 is down', async () => /worker-1 is NotReady: its machine is down/.test(await view.locator('#attention').innerText()), 30_000);
    await poll('three running pods on worker-2', async () => (await running(view, 'worker-2')) === 3, 30_000);
    await screenshot(page, '7-cluster-view-worker-failed');
  });

  it('exports the drawing as SVG to the file picked in the save dialog', async function () {
    const { page, folder } = workbench();
    const file = path.join(folder, 'cluster-view.svg');
    await view.locator('#export-svg').click();
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await poll('the save dialog to offer cluster-view.svg', async () => (await input.inputValue()).endsWith('cluster-view.svg'));
    await page.keyboard.press('Enter');
    await poll('the export to be written', async () => fs.existsSync(file) && /Export to cluster-view\.svg: done/.test(await view.locator('#action-status').innerText()), 20_000);
    const svg = fs.readFileSync(file, 'utf8');
    assert.match(svg, /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    for (const name of ['control-plane', 'worker-1', 'worker-2', 'kube-apiserver']) assert.ok(svg.includes(name), `${name} in the SVG`);
    assert.doesNotMatch(svg, /var\(--/, 'theme colours resolved');
  });

  it('draws in the dark theme too', async function () {
    const { page } = workbench();
    await toggleTheme(page, 'dark');
    await poll('the view in dark colours', async () => view.evaluate(() => document.body.classList.contains('vscode-dark')));
    await screenshot(page, '8-cluster-view-dark', 'cluster-view-dark.png');
  });

  it('logged no error from the extension', async function () {
    await assertNoExtensionErrors(workbench());
  });
});

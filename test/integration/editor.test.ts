/**
 * In a real VS Code (code-server + Chromium): the editor features of issue 7. A field hover shows
 * the API's description, the component that acts on it and the live status; typing a change to
 * `replicas` moves the code lens and the status bar; a manifest that cannot schedule gets a warning
 * on its blocking line, and the quick fix makes it Running.
 */
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { assertNoExtensionErrors } from './flavour';
import { useWorkbench } from './session';
import { editLine, editorLineTexts, hoverWord, openFile, poll, screenshot } from './workbench';

async function lensTexts(page: Page): Promise<string[]> {
  return page.locator('.editor-instance .monaco-editor .contentWidgets .codelens-decoration, .editor-instance .monaco-editor .codelens-decoration').allInnerTexts();
}

async function statusBarText(page: Page): Promise<string> {
  const items = await page.locator('.statusbar-item').allInnerTexts();
  return items.find((t) => /pods Running/.test(t)) ?? '';
}

describe('editor intelligence: field hovers, code lenses, status bar (code-server)', function () {
  const workbench = useWorkbench('shop.yaml');

  it('hovering a field shows its API description, the component that acts on it and its live state', async function () {
    const { page } = workbench();
    await openFile(page, 'shop.yaml', 'apiVersion: apps/v1');
    await poll('the code lens of the Deployment', async () => (await lensTexts(page)).some((t) => t.includes('3/3 Running')), 30_000);
    const text = await hoverWord(page, { line: /^\s*image: nginx:1.27$/, lineNumber: 18, word: 'image', expect: 'In the simulated cluster now' });
    assert.match(text, /Kubernetes v1\.33 API/);
    assert.match(text, /Container image name/);
    assert.match(text, /containerd/);
    assert.match(text, /image present on worker-1, worker-2/);
    assert.match(text, /Show in Cluster View/);
    await screenshot(page, '6-field-hover');
  });

  it('typing replicas: 5 moves the code lens and the status bar', async function () {
    const { page } = workbench();
    assert.match(await poll('the status bar', async () => statusBarText(page)), /multi-worker · 3\/3 pods Running · etcd 1\/1/);
    await editLine(page, 'replicas: 3', 'replicas: 5');
    await poll('the code lens to say 5/5 Running', async () => (await lensTexts(page)).some((t) => t.includes('5/5 Running · worker-1, worker-2')), 30_000);
    await poll('the status bar to say 5/5', async () => /5\/5 pods Running/.test(await statusBarText(page)), 30_000);
  });

  it('logged no error from the extension', async function () {
    await assertNoExtensionErrors(workbench());
  });
});

describe('why Pending: a warning on the blocking line and a quick fix (code-server)', function () {
  const workbench = useWorkbench('unschedulable.yaml');

  it('warns on the nodeSelector no node matches, and removing it makes the pods Running', async function () {
    const { page } = workbench();
    await openFile(page, 'unschedulable.yaml', 'apiVersion: apps/v1');
    await poll('the code lens to say what is wrong', async () => (await lensTexts(page)).some((t) => /0\/2 Running · 2 Pending/.test(t)), 30_000);
    await poll('a warning squiggle', async () => (await page.locator('.monaco-editor .squiggly-warning').count()) > 0, 30_000);
    const text = await hoverWord(page, { line: /^\s*nodeSelector:$/, lineNumber: 16, word: 'nodeSelector', expect: 'cannot be scheduled' });
    assert.match(text, /2 node\(s\) lack the labels of its nodeSelector \(disktype=ssd\)/);
    await screenshot(page, '7-unschedulable-warning');
    const line = page.locator('.editor-instance .monaco-editor .view-lines .view-line').filter({ hasText: 'nodeSelector:' }).first();
    await line.click({ position: { x: 60, y: 4 } });
    await page.keyboard.press('Control+.');
    const fix = page.locator('.action-widget .monaco-list-row, .context-view .action-widget [role="option"]').filter({ hasText: 'Remove the nodeSelector' }).first();
    await fix.waitFor({ timeout: 15_000 });
    await page.keyboard.press('Enter'); // the only fix, focused
    await poll('the nodeSelector to be gone', async () => !(await editorLineTexts(page)).some((t) => t.includes('disktype')));
    await poll('the code lens to say 2/2 Running', async () => (await lensTexts(page)).some((t) => t.includes('2/2 Running')), 30_000);
    await screenshot(page, '8-quick-fix-running');
  });

  it('logged no error from the extension', async function () {
    await assertNoExtensionErrors(workbench());
  });
});

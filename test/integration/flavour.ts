/**
 * Which build of the extension the suite tests: `KUBE_ANATOMY_VSIX_FLAVOUR=web` installs the test copy
 * of the .vsix without `main` (scripts/package.js --web), so code-server runs the `browser` entry in its
 * web-worker extension host, as vscode.dev and github.dev do; anything else tests the Node build.
 *
 * The two hosts log to different places: the Node host's log and our output channel are files under
 * code-server's user-data dir; the web-worker host's live in the browser. Read through the workbench's
 * Output view (the text copied to the clipboard, since the editor renders only the lines on screen),
 * they are the same log lines, so the same checks apply to both.
 */
import * as fs from 'node:fs';
import type { Page } from 'playwright-core';
import { EXTENSION_ID, errorsFrom, ourLogFiles, parseLogEntries, readExtHostLog, summarize, type LogEntry } from './extHostLog';
import type { Workbench } from './session';
import { poll, runCommandFromPalette } from './workbench';

export type Flavour = 'desktop' | 'web';
export const FLAVOUR: Flavour = process.env.KUBE_ANATOMY_VSIX_FLAVOUR === 'web' ? 'web' : 'desktop';
/** The runtime our activation line names (src/vscode/platform/*.ts). */
export const RUNTIME = FLAVOUR === 'web' ? 'web worker' : 'Node';

/** The full text of an output channel: shown in the Output view, selected, copied, read from the clipboard. */
export async function outputChannelText(page: Page, channel: string): Promise<string> {
  const row = page.locator('.quick-input-list .monaco-list-row').filter({ hasText: new RegExp(`^${channel.replace(/[()]/g, '\\$&')}`) }).first();
  await poll(`the "${channel}" output channel`, async () => {
    await runCommandFromPalette(page, 'Output: Show Output Channels...');
    return row.waitFor({ timeout: 3000 }).then(() => true, () => false);
  }, 60_000, 0);
  await row.click();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  const lines = page.locator('.part.panel .monaco-editor .view-lines').first();
  const text = await poll(`the text of "${channel}"`, async () => {
    await lines.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Control+C');
    return page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText());
  });
  await page.keyboard.press('Control+J'); // hide the panel again
  await poll('the panel to close', async () => !(await page.locator('.part.panel').isVisible()));
  return text;
}

/** The log of the extension host that runs our extension: the Node host's files, or the web-worker host's channel. */
export async function extensionHostLog(w: Workbench): Promise<LogEntry[]> {
  return FLAVOUR === 'web' ? parseLogEntries(await outputChannelText(w.page, 'Extension Host (Worker)')) : readExtHostLog(w.server.logsDir);
}

/** Our own output channel ("Kube Anatomy"). */
export async function ourLog(w: Workbench): Promise<LogEntry[]> {
  if (FLAVOUR === 'web') return parseLogEntries(await outputChannelText(w.page, 'Kube Anatomy'));
  return parseLogEntries(ourLogFiles(w.server.logsDir).map((f) => fs.readFileSync(f, 'utf8')).join('\n'));
}

/** Fails, quoting them, if the extension host that runs our extension logged errors from it. */
export async function assertNoExtensionErrors(w: Workbench): Promise<void> {
  const errors = errorsFrom(await extensionHostLog(w));
  if (errors.length > 0) {
    throw new Error(`the ${FLAVOUR} extension host logged ${errors.length} error(s) from ${EXTENSION_ID}:\n${errors.map((e) => summarize(e)).join('\n')}`);
  }
}

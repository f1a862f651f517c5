/**
 * One code-server and one browser per test file: `useWorkbench()` registers the mocha hooks that
 * start them before the file's tests and stop them after, whether the tests pass or fail.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startCodeServer, type CodeServer } from './codeServer';
import { eagerActivationDone, errorsFrom, readExtHostLog, summarize } from './extHostLog';
import { extensionVsix, fixturesDir } from './setup';
import { launchBrowser, openWorkbench, poll, screenshot } from './workbench';

export interface Workbench {
  readonly server: CodeServer;
  /** The workspace folder (a temporary copy of test/fixtures). */
  readonly folder: string;
  readonly browser: Browser;
  readonly page: Page;
}

/**
 * Tests edit files: each workbench opens its own copy of test/fixtures, so the fixtures never change.
 * `extraFiles` (name → text) are written into the copy first: Quick Open only finds files that exist
 * when the workbench starts (a file written later is not in its index at once).
 */
function copyOfFixtures(extraFiles: Readonly<Record<string, string>>): string {
  const folder = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ka-fixtures-')), 'fixtures');
  fs.cpSync(fixturesDir, folder, { recursive: true });
  for (const [name, text] of Object.entries(extraFiles)) fs.writeFileSync(path.join(folder, name), text);
  return folder;
}

/** Call inside `describe`; the returned function gives the running workbench inside tests. */
export function useWorkbench(firstFile: string, extraFiles: Readonly<Record<string, string>> = {}): () => Workbench {
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  let folder = '';

  before(async function () {
    // Starting code-server and opening the workbench took over 2 minutes at load average 40 (2 cores).
    this.timeout(5 * 60_000);
    folder = copyOfFixtures(extraFiles);
    server = await startCodeServer({ vsix: extensionVsix(), folder });
    browser = await launchBrowser();
    page = await openWorkbench(browser, server.url, firstFile);
    const { logsDir } = server;
    await poll('the extension host to start', async () => eagerActivationDone(readExtHostLog(logsDir)), 60_000);
  });

  afterEach(async function () {
    if (this.currentTest?.state !== 'failed') return;
    if (page) {
      const file = await screenshot(page, `failed-${this.currentTest.title.replace(/\W+/g, '-')}`).catch(() => undefined);
      if (file) console.log(`    screenshot of the failure: ${file}`);
    }
    // A hover or a command that never comes is often an activation error: show it right here.
    const errors = server ? errorsFrom(readExtHostLog(server.logsDir)) : [];
    for (const error of errors) console.log(`    extension host: ${summarize(error).replace(/\n/g, '\n      ')}`);
  });

  after(async function () {
    await browser?.close().catch(() => undefined);
    await server?.stop();
  });

  return () => {
    if (!server || !browser || !page) throw new Error('the workbench did not start (see the before hook)');
    return { server, browser, page, folder };
  };
}

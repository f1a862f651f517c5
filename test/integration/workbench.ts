/**
 * Drives the code-server workbench in Debian's Chromium through playwright-core, the way a person
 * would: quick open, command palette, mouse hovers. Every wait polls for a condition with a
 * deadline; nothing sleeps blindly.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Frame, type Locator, type Page } from 'playwright-core';
import { repoRoot } from './codeServer';

export const CHROMIUM = process.env.KA_E2E_CHROMIUM ?? '/usr/bin/chromium';
export const screenshotsDir = path.join(repoRoot, 'test-results', 'screenshots');
export const VIEWPORT = { width: 1280, height: 800 } as const;

/** Headless, as root, and without Chromium's own calls home (they only fill the log with refusals). */
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage',
];

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: apt-get install -y chromium (or set KA_E2E_CHROMIUM)`);
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** Polls `check` until it returns a truthy value, or fails with `what` after `timeoutMs`. */
export async function poll<T>(what: string, check: () => Promise<T | undefined | null | false>, timeoutMs = 20_000, intervalMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Opens the workbench and waits until the explorer shows the workspace's files. */
export async function openWorkbench(browser: Browser, url: string, firstFile: string, viewport: { width: number; height: number } = VIEWPORT): Promise<Page> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  const page = await context.newPage();
  // Not the `load` event (every script, font and the extension host iframe): on a loaded machine it comes
  // after the default 30 s; the workbench's own elements are waited for below.
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 120_000 });
  await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
  await page.locator(`.explorer-folders-view .monaco-list-row[aria-label*="${firstFile}"]`).first().waitFor({ timeout: 60_000 });
  return page;
}

/** Opens a workspace file through Quick Open (Ctrl+P), and waits for its editor to render text. */
export async function openFile(page: Page, fileName: string, firstLineText: string): Promise<void> {
  await page.locator('.monaco-workbench').click({ position: { x: 5, y: (page.viewportSize() ?? VIEWPORT).height - 5 } });
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(fileName);
  await page.locator(`.quick-input-list .monaco-list-row[aria-label*="${fileName}"]`).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator(`.tabs-container .tab[aria-label*="${fileName}"]`).first().waitFor();
  await poll(`the editor to show "${firstLineText}"`, async () => (await editorLineTexts(page)).some((t) => t.includes(firstLineText)));
}

/** The rendered editor lines, with the non-breaking spaces Monaco draws turned back into spaces. */
export async function editorLineTexts(page: Page): Promise<string[]> {
  const texts = await page.locator('.editor-instance .monaco-editor .view-lines .view-line').allTextContents();
  return texts.map((t) => t.replace(/\u00a0/g, ' '));
}

/**
 * Replaces the text of the editor line containing `from` with `to` by typing, as a person would. The cursor
 * gets there with Find, not a click on the text: a scrolled editor, a code lens or a tooltip can lie over it.
 */
export async function editLine(page: Page, from: string, to: string): Promise<void> {
  await page.keyboard.press('Escape'); // a hover or a quick pick left open
  await page.keyboard.press('Control+1'); // the first editor group (the Cluster View opens beside it)
  await page.keyboard.press('Control+F');
  const find = page.locator('.editor-instance .find-widget.visible textarea, .editor-instance .find-widget.visible input').first();
  await find.waitFor();
  await find.fill(from);
  await poll(`Find to match "${from}"`, async () => !/No results/.test(await page.locator('.editor-instance .find-widget.visible .matchesCount').innerText().catch(() => 'No results')));
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape'); // back in the editor, the match selected
  // As a person changes `replicas: 3` to `5`: select only what differs and type over it. Retyping the whole
  // line would pass through `replicas:` (null, so 1 replica), which the live cluster faithfully applies.
  let same = 0;
  while (same < from.length && same < to.length && from[same] === to[same]) same++;
  await page.keyboard.press('End');
  for (let i = same; i < from.length; i++) await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.type(to.slice(same));
  await page.keyboard.press('Home');
  await poll(`the editor to show "${to}"`, async () => (await editorLineTexts(page)).some((t) => t.includes(to)));
}

/** Moves the cursor to line `lineNumber` (1-based) with Go to Line, so Monaco renders it. */
export async function revealLine(page: Page, lineNumber: number): Promise<void> {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`:${lineNumber}`);
  await page.keyboard.press('Enter');
  await poll('Go to Line to close', async () => !(await input.isVisible()));
}

interface Box { x: number; y: number; width: number; height: number }

/** The on-screen box of `word` inside the first rendered editor line whose text matches `line`. */
async function wordBox(page: Page, line: RegExp, word: string): Promise<Box | undefined> {
  const lines = page.locator('.editor-instance .monaco-editor .view-lines .view-line');
  const texts = (await lines.allTextContents()).map((t) => t.replace(/\u00a0/g, ' '));
  const index = texts.findIndex((t) => line.test(t));
  if (index < 0) return undefined;
  return (await lines.nth(index).evaluate(boxOfWord, word)) ?? undefined;
}

/** Runs in the page: maps the word's character range in the line onto its text nodes. */
function boxOfWord(lineElement: unknown, word: string): Box | null {
  // Typed loosely: the test project compiles without the DOM lib.
  const el = lineElement as any; // eslint-disable-line @typescript-eslint/no-explicit-any
  const doc = el.ownerDocument;
  const walker = doc.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */);
  const nodes: { node: unknown; start: number; text: string }[] = [];
  let all = '';
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = String(n.textContent).replace(/\u00a0/g, ' ');
    nodes.push({ node: n, start: all.length, text });
    all += text;
  }
  const at = new RegExp(`(^|[^\\w-])(${word.replace(/[-]/g, '\\-')})($|[^\\w-])`).exec(all);
  if (!at) return null;
  const from = at.index + at[1].length;
  const to = from + word.length;
  // No named inner functions: tsx wraps those in a `__name` helper that the page does not have.
  let a;
  let b;
  for (const n of nodes) {
    if (!a && from < n.start + n.text.length) a = n;
    if (!b && to <= n.start + n.text.length) b = n;
  }
  if (!a || !b) return null;
  const range = doc.createRange();
  range.setStart(a.node, from - a.start);
  range.setEnd(b.node, to - b.start);
  const r = range.getBoundingClientRect();
  return { x: r.x, y: r.y, width: r.width, height: r.height };
}

/**
 * Hovers `word` on the editor line matching `line` (revealing `lineNumber` first if it is not
 * rendered) and returns the hover's text once it contains `expect`. Moves the mouse onto the word
 * in steps, as a person does, and moves off and back if the hover does not come.
 */
export async function hoverWord(page: Page, opts: { line: RegExp; lineNumber: number; word: string; expect: string }): Promise<string> {
  if (!(await wordBox(page, opts.line, opts.word))) await revealLine(page, opts.lineNumber);
  const hover = page.locator('.monaco-editor .monaco-hover-content').filter({ hasText: opts.expect });
  for (let attempt = 1; ; attempt++) {
    // Measured again on each attempt: the editor may still be laying out or scrolling.
    const box = await poll(`line ${opts.lineNumber} (${opts.line}) to render`, () => wordBox(page, opts.line, opts.word));
    const target = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    if (attempt > 1) {
      // Close the last hover and leave the editor: a mouse that stays over the open hover keeps it, stale, on screen.
      await page.keyboard.press('Escape');
      await page.mouse.move(1, 1);
    }
    await page.mouse.move(target.x, target.y + 3 * box.height);
    await page.mouse.move(target.x, target.y, { steps: 6 });
    try {
      await hover.first().waitFor({ state: 'visible', timeout: 4000 });
      await poll('the hover to finish fading in', () => hover.first().evaluate(fullyOpaque), 5000, 50);
      return (await hover.first().innerText()).trim();
    } catch (err) {
      if (attempt >= 5) {
        const seen = await page.locator('.monaco-editor .monaco-hover-content').allInnerTexts().catch(() => []);
        throw new Error(`no hover containing "${opts.expect}" over "${opts.word}" at ${JSON.stringify(box)} (hovers seen: ${JSON.stringify(seen)}): ${String(err)}`);
      }
    }
  }
}

/** Runs in the page: whether the element and all its ancestors are fully opaque (fade-ins done). */
function fullyOpaque(element: unknown): boolean {
  let el = element as any; // eslint-disable-line @typescript-eslint/no-explicit-any
  const view = el.ownerDocument.defaultView;
  for (; el && el.nodeType === 1; el = el.parentElement) {
    if (Number(view.getComputedStyle(el).opacity) < 0.999) return false;
  }
  return true;
}

/**
 * Runs a command through the command palette (F1), picking the entry whose label is `title`.
 * The palette lists the commands known when it opens, so if the extension's contributions are not
 * registered yet it is closed and opened again until the entry shows.
 */
export async function runCommandFromPalette(page: Page, title: string, timeoutMs = 30_000): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  const row = page.locator('.quick-input-list .monaco-list-row').filter({ hasText: title }).first();
  let attempt = 0;
  await poll(`"${title}" in the command palette`, async () => {
    // A webview (an iframe) may hold the keyboard focus after a click in it, and the web workbench does not always
    // get F1 back from it: from the second attempt on, focus the workbench first, as openFile does.
    if (attempt++ > 0) await page.locator('.monaco-workbench').click({ position: { x: 5, y: (page.viewportSize() ?? VIEWPORT).height - 5 } });
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    await input.waitFor({ timeout: 5000 });
    // Bounded: focus moving to a webview can close the palette between waitFor and fill. An unbounded fill would
    // then wait out the action timeout (30 s, the whole budget) on a hidden input instead of opening it again.
    await input.fill(`>${title}`, { timeout: 3000 });
    return row.waitFor({ timeout: 2000 }).then(() => true, () => false);
  }, timeoutMs, 0);
  await page.keyboard.press('Enter');
}

/** Searches every frame, nested webview iframes included, for one where `selector` matches. */
export async function findFrame(page: Page, selector: string, timeoutMs = 30_000): Promise<Frame> {
  return poll(`a frame containing ${selector}`, async () => {
    for (const frame of page.frames()) {
      if ((await frame.locator(selector).count().catch(() => 0)) > 0) return frame;
    }
    return undefined;
  }, timeoutMs);
}

export async function attributesOf(locator: Locator, names: readonly string[]): Promise<Record<string, string | null>[]> {
  const out: Record<string, string | null>[] = [];
  for (let i = 0, n = await locator.count(); i < n; i++) {
    const entry: Record<string, string | null> = {};
    for (const name of names) entry[name] = await locator.nth(i).getAttribute(name);
    out.push(entry);
  }
  return out;
}

/** Saves `test-results/screenshots/<name>.png` (and, with UPDATE_README_IMAGES=1, `docs/images/<readmeName>`). */
export async function screenshot(page: Page, name: string, readmeName?: string): Promise<string> {
  fs.mkdirSync(screenshotsDir, { recursive: true });
  const file = path.join(screenshotsDir, `${name}.png`);
  await page.screenshot({ path: file, clip: { x: 0, y: 0, ...VIEWPORT } });
  if (readmeName && process.env.UPDATE_README_IMAGES === '1') {
    const target = path.join(repoRoot, 'docs', 'images', readmeName);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(file, target);
    console.log(`    updated ${path.relative(repoRoot, target)}`);
  }
  return file;
}

/**
 * `npm run media`: the README's pictures, made from the real extension in a real VS Code.
 *
 * Packages the extension if its .vsix is missing or stale, starts code-server with it installed on a
 * sample workspace (the test fixtures' shop and unschedulable Deployments, and the lessons), drives it
 * in headless Chromium as the integration tests do (test/integration/workbench.ts), and writes to
 * docs/media/:
 * - `cluster-view-<preset>-<light|dark>.png`: the Cluster View of each preset in both themes, cropped to the panel;
 * - `field-hover.png`, `why-pending.png`, `quick-fix.png`: the editor features;
 * - `change-playing.gif`: `replicas: 3` typed as `5`, and the steps playing with their narration;
 * - `lesson-playing.gif`: a lesson playing, once the `kubeAnatomy.playLesson` command exists (else a skip message).
 * Not part of `npm test`. `npm run media -- --only gif` (or hover, pending, presets, lesson) makes only some.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { startCodeServer, type CodeServer } from '../test/integration/codeServer';
import { ensureCodeServer, repoRoot } from '../test/integration/codeServerInstall';
import { eagerActivationDone, errorsFrom, readExtHostLog, summarize } from '../test/integration/extHostLog';
import { ensureVsix } from '../test/integration/setup';
import { editorLineTexts, findFrame, hoverWord, launchBrowser, openFile, openWorkbench, poll, revealLine, runCommandFromPalette } from '../test/integration/workbench';
import { crop, decodePng, downscale, encodeGif, encodePng, type Box, type GifFrame } from './lib/mediaImages';

const OUT = path.join(repoRoot, 'docs', 'media');
/** The editor pictures (hover, quick fix), cropped to the widget. */
const STILL_VIEWPORT = { width: 1060, height: 740 };
/** The presets: the Cluster View maximised (side bar hidden), then scaled down to PRESET_WIDTH. */
const PRESET_VIEWPORT = { width: 1440, height: 900 };
const PRESET_WIDTH = 1040;
/** The GIF: the manifest and the view side by side, then scaled down to GIF_WIDTH. */
const GIF_VIEWPORT = { width: 1600, height: 900 };
const GIF_WIDTH = 1000;
/** In the GIF the manifest's group is narrowed to this, so the view beside it has its narration at its side. */
const GIF_EDITOR_WIDTH = 500;
/** The README's budget for one GIF. */
const GIF_MAX_BYTES = 2 * 1024 * 1024;
const PRESETS = ['docker-server', 'single-node', 'multi-worker', 'ha'] as const;
type Theme = 'light' | 'dark';

interface Ctx {
  readonly server: CodeServer;
  readonly page: Page;
  readonly folder: string;
  /** Files written, for the summary. */
  readonly written: string[];
}

function say(message: string): void {
  console.log(`[media] ${message}`);
}

/** The sample workspace: shop.yaml and unschedulable.yaml from the fixtures, and the lessons. */
function sampleWorkspace(): string {
  const folder = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ka-media-')), 'shop');
  fs.mkdirSync(folder, { recursive: true });
  for (const file of ['shop.yaml', 'unschedulable.yaml']) fs.copyFileSync(path.join(repoRoot, 'test', 'fixtures', file), path.join(folder, file));
  fs.cpSync(path.join(repoRoot, 'samples', 'lessons'), path.join(folder, 'lessons'), { recursive: true });
  return folder;
}

/** Changes user settings by writing settings.json, as a person editing it would; VS Code picks the change up. */
function setSettings(server: CodeServer, patch: Record<string, unknown>): void {
  const file = path.join(server.userDataDir, 'User', 'settings.json');
  const settings = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  fs.writeFileSync(file, JSON.stringify({ ...settings, ...patch }, null, 2));
}

/**
 * Switches between VS Code's Default Light Modern (code-server's default) and Default Dark Modern
 * (the default preferred dark theme) with "Preferences: Toggle between Light/Dark Themes".
 */
async function setTheme(ctx: Ctx, theme: Theme, view?: Frame): Promise<void> {
  const { page } = ctx;
  const isDark = async (): Promise<boolean> => (await page.locator('.monaco-workbench.vs-dark').count()) > 0;
  if ((await isDark()) !== (theme === 'dark')) await runCommandFromPalette(page, 'Preferences: Toggle between Light/Dark Themes');
  await poll(`the ${theme} theme`, async () => (await ctx.page.locator(theme === 'dark' ? '.monaco-workbench.vs-dark' : '.monaco-workbench.vs').count()) > 0);
  if (view) await poll(`the view in ${theme} colours`, () => view.evaluate((t) => document.body.classList.contains(`vscode-${t}`), theme));
}

/** Saves a PNG screenshot of `box` (page pixels), scaled to at most `maxWidth`, as docs/media/`name`. */
async function still(ctx: Ctx, name: string, box: Box, maxWidth = 1000): Promise<void> {
  const shot = decodePng(await ctx.page.screenshot());
  const image = downscale(crop(shot, box), maxWidth);
  const file = path.join(OUT, name);
  fs.writeFileSync(file, encodePng(image));
  ctx.written.push(file);
  say(`${path.relative(repoRoot, file)}: ${image.width}×${image.height}, ${(fs.statSync(file).size / 1024).toFixed(0)} KiB`);
}

/** The Cluster View webview's box on the page (its outer iframe). */
async function panelBox(page: Page): Promise<Box> {
  return poll('the Cluster View panel on screen', async () => page.locator('iframe.webview').first().boundingBox());
}

/** The union of boxes, grown by `margin` on every side. */
function around(boxes: readonly Box[], margin: number): Box {
  const x = Math.min(...boxes.map((b) => b.x)) - margin;
  const y = Math.min(...boxes.map((b) => b.y)) - margin;
  const right = Math.max(...boxes.map((b) => b.x + b.width)) + margin;
  const bottom = Math.max(...boxes.map((b) => b.y + b.height)) + margin;
  return { x, y, width: right - x, height: bottom - y };
}

async function showClusterView(page: Page): Promise<Frame> {
  await runCommandFromPalette(page, 'Kube Anatomy: Show Cluster View');
  return findFrame(page, 'svg#cluster[data-ready="true"]', 60_000);
}

/** Sets the timeline's speed (0, 1, 10 or 60) from the view's own control. */
async function setSpeed(view: Frame, speed: 0 | 1 | 10 | 60): Promise<void> {
  await view.locator('#strip select').selectOption(String(speed));
}

/**
 * Waits until the view is at rest: the timeline live at its last step, and the caption (counts,
 * simulated time) and the top line unchanged for `quietMs`.
 */
async function settled(view: Frame, what: string, quietMs = 2500, timeoutMs = 90_000): Promise<void> {
  let last = '';
  let since = Date.now();
  await poll(`${what} to settle`, async () => {
    const now = [await view.locator('#caption').innerText(), await view.locator('#attention').innerText(), await view.locator('#strip .clock').innerText()].join('|');
    if (now !== last) {
      last = now;
      since = Date.now();
      return false;
    }
    return /\(live\)|no steps yet/.test(now) && Date.now() - since >= quietMs;
  }, timeoutMs, 250);
}

const runningOnWorkers = (view: Frame): Promise<number> => view.locator('svg#cluster g.node[data-role="worker"] g.pod.pod-running').count();

// ---------------------------------------------------------------------------------------------
// The pictures. Each starts from the shop manifest open beside the Cluster View, light theme.

async function fieldHover(ctx: Ctx): Promise<void> {
  const { page } = ctx;
  await page.keyboard.press('Control+1');
  const text = await hoverWord(page, { line: /^\s*replicas: \d+$/, lineNumber: 7, word: 'replicas', expect: 'In the simulated cluster now' });
  say(`hover over replicas: ${text.split('\n').length} lines`);
  const hover = await page.locator('.monaco-editor .monaco-hover').filter({ hasText: 'In the simulated cluster now' }).first().boundingBox();
  const line = await page.locator('.editor-instance .monaco-editor .view-line').filter({ hasText: 'replicas:' }).first().boundingBox();
  if (!hover || !line) throw new Error('the hover or its line has no box');
  await still(ctx, 'field-hover.png', around([hover, { ...line, width: Math.min(line.width, 260) }], 12));
  await page.mouse.move(5, 400);
}

async function whyPending(ctx: Ctx): Promise<void> {
  const { page } = ctx;
  await page.keyboard.press('Control+1');
  await openFile(page, 'unschedulable.yaml', 'apiVersion: apps/v1');
  await poll('a warning squiggle', async () => (await page.locator('.monaco-editor .squiggly-warning').count()) > 0, 60_000);
  const text = await hoverWord(page, { line: /^\s*nodeSelector:$/, lineNumber: 16, word: 'nodeSelector', expect: 'cannot be scheduled' });
  say(`why Pending: ${text.split('\n')[0]}`);
  const hover = await page.locator('.monaco-editor .monaco-hover').filter({ hasText: 'cannot be scheduled' }).first().boundingBox();
  const line = await page.locator('.editor-instance .monaco-editor .view-line').filter({ hasText: 'nodeSelector:' }).first().boundingBox();
  if (!hover || !line) throw new Error('the hover or its line has no box');
  await still(ctx, 'why-pending.png', around([hover, { ...line, width: Math.min(line.width, 300) }], 12));
  await page.mouse.move(5, 400);
  const lineEl = page.locator('.editor-instance .monaco-editor .view-lines .view-line').filter({ hasText: 'nodeSelector:' }).first();
  await lineEl.click({ position: { x: 60, y: 4 } });
  await page.keyboard.press('Control+.');
  const menu = page.locator('.action-widget').filter({ hasText: 'Remove the nodeSelector' }).first();
  await menu.waitFor({ timeout: 15_000 });
  const menuBox = await menu.boundingBox();
  const lines = await page.locator('.editor-instance .monaco-editor .view-lines').first().boundingBox();
  if (!menuBox || !lines) throw new Error('the quick fix menu has no box');
  const lineBox = (await lineEl.boundingBox())!;
  await still(ctx, 'quick-fix.png', around([menuBox, { x: lines.x, y: Math.max(lines.y, lineBox.y - 140), width: Math.min(560, lines.width), height: 200 }], 8));
  await page.keyboard.press('Escape');
  // Close it unchanged, so its pending pods leave the simulation.
  await page.keyboard.press('Control+W');
  await poll('unschedulable.yaml to close', async () => (await page.locator('.tabs-container .tab[aria-label*="unschedulable.yaml"]').count()) === 0);
}

/**
 * Each preset in each theme, the view maximised. After switching, the webview is reloaded so its
 * timeline starts from the new cluster's first step: the panel keeps the last step number it sent,
 * and a restarted simulation numbers its journal from the start again, so without the reload the old
 * cluster's narration would stay (a bug of the panel, reported; the reload is what a learner's window
 * reload does too). Returns the view's frame, which the reload replaces.
 */
async function presets(ctx: Ctx, first: Frame): Promise<Frame> {
  const { page } = ctx;
  let view = first;
  await page.setViewportSize(PRESET_VIEWPORT);
  await view.locator('#caption').click();
  await runCommandFromPalette(page, 'View: Toggle Maximize Editor Group');
  await setSpeed(view, 60);
  const switchTo = async (preset: string): Promise<void> => {
    await view.locator('#topology').selectOption(preset);
    await poll(`the ${preset} topology`, async () => (await view.locator('#action-status').innerText()).includes(`Topology ${preset}: done`), 60_000);
    await runCommandFromPalette(page, 'Developer: Reload Webviews');
    await poll('the old view to go', async () => (await view.locator('#caption').count().catch(() => 0)) === 0, 30_000).catch(() => undefined);
    view = await findFrame(page, '#caption', 60_000);
    await poll(`the reloaded view to draw ${preset}`, async () => (await view.locator('svg#cluster').getAttribute('data-topology')) === preset, 60_000);
    // The reloaded page restores the play head it had saved (mid-replay): End returns to now.
    await poll('the timeline to be live', async () => {
      if (/\(live\)/.test(await view.locator('#strip .clock').innerText())) return true;
      await view.locator('#strip button').first().press('End');
      return false;
    }, 60_000, 500);
    // A fresh page's picker says "From the manifests" whatever the cluster (it is not set from the view):
    // show the preset that was picked, without sending anything.
    await view.locator('#topology').evaluate((select, value) => ((select as HTMLSelectElement).value = value), preset);
  };
  for (const theme of ['light', 'dark'] as const) {
    await setTheme(ctx, theme, view);
    for (const preset of PRESETS) {
      await switchTo(preset);
      if (preset !== 'docker-server') await poll(`three pods running on ${preset}`, async () => (await view.locator('svg#cluster g.pod.pod-running').count()) >= 3, 60_000);
      await settled(view, preset);
      await view.locator('#zoom-fit').click();
      await page.mouse.move(5, 5);
      const panel = await panelBox(page);
      // The page ends under "Recent events": crop the empty panel below it.
      const end = await view.locator('body > details').last().boundingBox();
      const height = end ? Math.min(panel.height, end.y + end.height + 10 - panel.y) : panel.height;
      await still(ctx, `cluster-view-${preset}-${theme}.png`, { ...panel, height }, PRESET_WIDTH);
    }
  }
  await switchTo('multi-worker');
  await settled(view, 'multi-worker again');
  await setTheme(ctx, 'light', view);
  await view.locator('#caption').click();
  await runCommandFromPalette(page, 'View: Toggle Maximize Editor Group');
  await setSpeed(view, 1);
  await page.setViewportSize(STILL_VIEWPORT);
  return view;
}

/**
 * Records screenshots of the page for as long as `during` runs, then until `done()` holds and
 * the picture has been still for a moment (or `maxMs` passed); returns the frames with the time
 * each stayed on screen.
 */
async function record(page: Page, during: () => Promise<void>, done: () => Promise<boolean>, maxMs: number): Promise<{ png: Buffer; delayMs: number }[]> {
  const shots: { png: Buffer; at: number }[] = [];
  let stop = false;
  // Chromium's own capture with its fast PNG setting: about twice as many frames as page.screenshot() here.
  const cdp = await page.context().newCDPSession(page);
  const loop = (async () => {
    while (!stop) {
      const { data } = await cdp.send('Page.captureScreenshot', { format: 'png', optimizeForSpeed: true });
      shots.push({ png: Buffer.from(data, 'base64'), at: Date.now() });
    }
  })();
  const started = Date.now();
  try {
    await during();
    await poll('the change to finish playing', async () => (await done()) || Date.now() - started > maxMs, maxMs + 5000, 300);
    await new Promise((r) => setTimeout(r, 1500)); // the settled picture, held
  } finally {
    stop = true;
    await loop;
    await cdp.detach().catch(() => undefined);
  }
  return shots.map((s, i) => ({ png: s.png, delayMs: i + 1 < shots.length ? shots[i + 1]!.at - s.at : 2500 }));
}

/** Encodes the frames, narrower until the GIF fits the budget. */
function writeGif(ctx: Ctx, name: string, shots: readonly { png: Buffer; delayMs: number }[]): void {
  const decoded = shots.map((s) => ({ image: decodePng(s.png), delayMs: s.delayMs }));
  // A few frames as PNGs in the ignored test-results/, to look at without a GIF viewer.
  const framesDir = path.join(repoRoot, 'test-results', 'media-frames');
  fs.mkdirSync(framesDir, { recursive: true });
  for (const at of [0, 0.25, 0.5, 0.75, 1]) {
    const i = Math.round(at * (shots.length - 1));
    fs.writeFileSync(path.join(framesDir, `${path.basename(name, '.gif')}-${String(i).padStart(3, '0')}.png`), shots[i]!.png);
  }
  for (let width = GIF_WIDTH; ; width -= 120) {
    const frames: GifFrame[] = decoded.map((f) => ({ image: downscale(f.image, width), delayMs: f.delayMs }));
    const bytes = encodeGif(frames);
    if (bytes.length <= GIF_MAX_BYTES || width <= 600) {
      const file = path.join(OUT, name);
      fs.writeFileSync(file, bytes);
      ctx.written.push(file);
      const seconds = shots.reduce((t, s) => t + s.delayMs, 0) / 1000;
      say(`${path.relative(repoRoot, file)}: ${frames[0]!.image.width}×${frames[0]!.image.height}, ${shots.length} frames over ${seconds.toFixed(1)} s, ${(bytes.length / 1024).toFixed(0)} KiB`);
      return;
    }
    say(`${name} at ${width} px is ${(bytes.length / 1024 / 1024).toFixed(1)} MiB: narrower`);
  }
}

/** `replicas: 3` typed as `5` in the editor; the view plays the steps with their narration. */
async function changePlaying(ctx: Ctx, view: Frame): Promise<void> {
  const { page } = ctx;
  await page.setViewportSize(GIF_VIEWPORT);
  await view.locator('#zoom-fit').click();
  await settled(view, 'the shop');
  if ((await runningOnWorkers(view)) !== 3) throw new Error(`expected 3 running shop pods before the change, saw ${await runningOnWorkers(view)}`);
  await narrowEditorGroup(page, GIF_EDITOR_WIDTH);
  await view.locator('#zoom-fit').click();
  await page.keyboard.press('Control+1');
  await page.mouse.move(5, GIF_VIEWPORT.height / 2);
  const shots = await record(page, async () => {
    await new Promise((r) => setTimeout(r, 1200));
    await replaceLastChar(page, 'replicas: 3', '5');
  }, async () => (await runningOnWorkers(view)) === 5 && /\(live\)/.test(await view.locator('#strip .clock').innerText()), 60_000);
  writeGif(ctx, 'change-playing.gif', shots);
  await replaceLastChar(page, 'replicas: 5', '3');
  await page.setViewportSize(STILL_VIEWPORT);
}

/**
 * Replaces the last character of the editor line `line` with `by` in one edit (select it, type over
 * it), so the manifest goes from 3 to 5 replicas without passing through `replicas: ` (1, the default).
 */
async function replaceLastChar(page: Page, line: string, by: string): Promise<void> {
  await page.locator('.editor-instance .monaco-editor .view-lines .view-line').filter({ hasText: line }).first().click({ position: { x: 4, y: 4 } });
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.type(by);
  const edited = `${line.slice(0, -1)}${by}`;
  await poll(`the editor to show "${edited}"`, async () => (await editorLineTexts(page)).some((t) => t.includes(edited)));
}

/** Drags the sash between the manifest's group and the view's to leave the manifest `width` pixels. */
async function narrowEditorGroup(page: Page, width: number): Promise<void> {
  const panel = await panelBox(page);
  const sashes = page.locator('.monaco-sash.vertical');
  for (let i = 0, n = await sashes.count(); i < n; i++) {
    const box = await sashes.nth(i).boundingBox();
    if (!box || Math.abs(box.x + box.width / 2 - panel.x) > 12 || box.height < 200) continue;
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width / 2, y);
    await page.mouse.down();
    await page.mouse.move(48 + width, y, { steps: 8 }); // 48: the activity bar
    await page.mouse.up();
    return;
  }
  say('no sash found between the editor groups: the GIF keeps them even');
}

/**
 * A lesson playing in the Cluster View. Lessons are wired into the view by another change
 * (`kubeAnatomy.playLesson`); until the extension contributes that command, this says so and skips.
 */
async function lessonPlaying(ctx: Ctx, view: Frame): Promise<void> {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { contributes?: { commands?: { command: string; title: string; category?: string }[] } };
  const command = manifest.contributes?.commands?.find((c) => c.command === 'kubeAnatomy.playLesson');
  if (!command) {
    say('lesson-playing.gif: SKIPPED, the extension has no kubeAnatomy.playLesson command yet (lessons are not playable in the Cluster View)');
    return;
  }
  const { page } = ctx;
  await page.setViewportSize(GIF_VIEWPORT);
  await page.keyboard.press('Control+1');
  await openFile(page, '04-self-healing.lesson.yaml', 'title:');
  const title = `${command.category ? `${command.category}: ` : ''}${command.title}`;
  let lesson: Frame | undefined;
  const shots = await record(page, async () => {
    await runCommandFromPalette(page, title);
    // If the command asks which lesson, take the self-healing one.
    const pick = page.locator('.quick-input-list .monaco-list-row').filter({ hasText: 'elf-healing' }).first();
    if (await pick.waitFor({ timeout: 3000 }).then(() => true, () => false)) await pick.click();
    lesson = await findFrame(page, 'section.lesson');
    // Play the lesson as a learner would: answer each prediction (the first choice), then play the step.
    for (let i = 0; i < 12; i++) {
      if (await lesson.locator('.lesson-done').count()) break;
      const choices = lesson.locator('.lesson-choice:not([disabled])');
      if (await choices.count()) {
        await choices.first().click();
        await new Promise((r) => setTimeout(r, 2500)); // the verdict and its explanation, held
      }
      const next = lesson.locator('.lesson-moves button').filter({ hasText: /Play step/ }).first();
      if (!(await next.count()) || (await next.isDisabled())) break;
      await next.click();
      await new Promise((r) => setTimeout(r, 3500)); // the step's journal plays in the drawing
    }
  }, async () => (lesson ? (await lesson.locator('.lesson-done').count()) > 0 : false), 90_000);
  writeGif(ctx, 'lesson-playing.gif', shots);
  await page.setViewportSize(STILL_VIEWPORT);
  void view;
}

// ---------------------------------------------------------------------------------------------

const PARTS = ['hover', 'pending', 'presets', 'gif', 'lesson'] as const;
type Part = (typeof PARTS)[number];

function partsFromArgs(argv: readonly string[]): Set<Part> {
  const at = argv.indexOf('--only');
  if (at < 0) return new Set(PARTS);
  const chosen = (argv[at + 1] ?? '').split(',').filter(Boolean);
  const unknown = chosen.filter((p) => !(PARTS as readonly string[]).includes(p));
  if (chosen.length === 0 || unknown.length) throw new Error(`--only takes a comma-separated list of ${PARTS.join(', ')}`);
  return new Set(chosen as Part[]);
}

async function main(): Promise<void> {
  const parts = partsFromArgs(process.argv.slice(2));
  const started = Date.now();
  ensureCodeServer();
  const vsix = ensureVsix();
  fs.mkdirSync(OUT, { recursive: true });
  const folder = sampleWorkspace();
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  try {
    server = await startCodeServer({ vsix, folder });
    setSettings(server, { 'editor.minimap.enabled': false, 'breadcrumbs.enabled': false, 'workbench.layoutControl.enabled': false });
    browser = await launchBrowser();
    const page = await openWorkbench(browser, server.url, 'shop.yaml', STILL_VIEWPORT);
    const logsDir = server.logsDir;
    await poll('the extension host to start', async () => eagerActivationDone(readExtHostLog(logsDir)), 60_000);
    const ctx: Ctx = { server, page, folder, written: [] };
    await page.keyboard.press('Control+B'); // no side bar: room for the manifest and the view
    await poll('the side bar to close', async () => !(await page.locator('.part.sidebar').isVisible()));
    await openFile(page, 'shop.yaml', 'apiVersion: apps/v1');
    await revealLine(page, 1);
    let view = await showClusterView(page);
    await poll('three shop pods running', async () => (await runningOnWorkers(view)) === 3, 60_000);
    // The editor's pictures first: after the presets (maximised group, theme switches, webview reloads)
    // the editor's hover did not come back in this harness.
    if (parts.has('hover')) await fieldHover(ctx);
    if (parts.has('pending')) await whyPending(ctx);
    if (parts.has('gif')) await changePlaying(ctx, view);
    if (parts.has('presets')) view = await presets(ctx, view);
    if (parts.has('lesson')) await lessonPlaying(ctx, view);
    const errors = errorsFrom(readExtHostLog(logsDir));
    for (const e of errors) say(`extension host error: ${summarize(e)}`);
    say(`${ctx.written.length} file(s) in docs/media in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } catch (err) {
    const pages = browser?.contexts().flatMap((c) => c.pages()) ?? [];
    const shot = path.join(repoRoot, 'test-results', 'screenshots', 'media-failed.png');
    fs.mkdirSync(path.dirname(shot), { recursive: true });
    if (pages[0]) await pages[0].screenshot({ path: shot }).then(() => say(`the page at the failure: ${path.relative(repoRoot, shot)}`), () => undefined);
    throw err;
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    fs.rmSync(path.dirname(folder), { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(`[media] failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
  process.exit(1);
});

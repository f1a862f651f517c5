/**
 * In a real VS Code (code-server + Chromium): the walkthrough "Learn Kubernetes architecture" starts
 * lesson 1, which plays in the Cluster View: a prediction is answered (and judged), every step is
 * played to the end with its checks passing, and the learner leaves the lesson. Then a new lesson
 * file gets completion from the lesson schema without Red Hat's YAML extension. Then lessons 2 to 7 are
 * each picked from Open Lesson… and played to their end, every check passing.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { assertNoErrorsFrom } from './extHostLog';
import { useWorkbench } from './session';
import { findFrame, openFile, poll, revealLine, runCommandFromPalette, screenshot } from './workbench';

const WALKTHROUGH = 'Learn Kubernetes architecture';
const LESSON_1_STEPS = 5;
/** Lessons 2 to 7 by their titles, as Open Lesson… lists them. */
const OTHER_LESSONS: readonly (readonly [number, string])[] = [
  [2, 'Lesson 2: Anatomy of a cluster (minikube, one node)'],
  [3, 'Lesson 3: Horizontal scaling'],
  [4, 'Lesson 4: Self-healing'],
  [5, 'Lesson 5: The master is a single point of failure'],
  [6, 'Lesson 6: High availability'],
  [7, 'Lesson 7: Scheduling: requests, taints and selectors'],
];

describe('Lessons (code-server)', function () {
  const workbench = useWorkbench('cluster.yaml');

  it(`the walkthrough "${WALKTHROUGH}" starts lesson 1 in the Cluster View`, async function () {
    const { page } = workbench();
    await runCommandFromPalette(page, 'Welcome: Open Walkthrough...');
    await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: WALKTHROUGH }).first().click();
    const step = page.locator('.getting-started-step').filter({ hasText: 'Lesson 1: One Docker server' }).first();
    await step.waitFor({ timeout: 30_000 });
    await step.click();
    await screenshot(page, 'lessons-1-walkthrough');
    await page.locator('.getting-started-step .monaco-button, .getting-started-step a').filter({ hasText: 'Play lesson 1' }).first().click();
    const frame = await findFrame(page, '#lesson:not([hidden]) .lesson-title', 60_000);
    assert.match(await frame.locator('.lesson-title').innerText(), /Lesson 1: One Docker server/);
    await page.locator('.tabs-container .tab[aria-label*="01-one-docker-server.lesson.yaml"]').first().waitFor({ timeout: 30_000 });
    assert.equal(await frame.locator('svg#cluster g.node').count() > 0, true, 'the lesson cluster is drawn');
  });

  it('a prediction is answered in the view and judged, with the explanation', async function () {
    const { page } = workbench();
    const frame = await lessonFrame();
    await playStep(frame, 1);
    const choice = frame.locator('.lesson-choice').filter({ hasText: 'nothing, until someone rebuilds the server' });
    await choice.waitFor({ timeout: 20_000 });
    assert.equal(await frame.locator('#lesson-next').isDisabled(), true, 'the step waits for the answer');
    await choice.click();
    const verdict = frame.locator('.lesson-verdict.right');
    await verdict.waitFor({ timeout: 20_000 });
    assert.match(await verdict.innerText(), /Every container lived on this one host/);
    await screenshot(page, 'lessons-2-prediction', 'lesson-prediction.png');
  });

  it('steps through to the end with every check passing, then leaves the lesson', async function () {
    const { page } = workbench();
    const frame = await lessonFrame();
    for (let n = 2; n <= LESSON_1_STEPS; n++) {
      const choices = frame.locator('.lesson-choice:not([disabled])');
      if (await choices.count()) await choices.first().click();
      await playStep(frame, n);
      assert.equal(await frame.locator('.lesson-checks .failed').count(), 0, `step ${n}: ${await frame.locator('.lesson-played').innerText()}`);
    }
    const done = frame.locator('.lesson-done');
    await done.waitFor({ timeout: 20_000 });
    assert.match(await done.innerText(), /Lesson complete: (\d+) of \1 checks passed/);
    await screenshot(page, 'lessons-3-done', 'lesson-done.png');
    const lens = page.locator('.codelens-decoration');
    await poll('the code lens to show the saved progress', async () => (await lens.allInnerTexts()).some((t) => t.includes('done, 5 steps, 1/1 answers right')), 20_000)
      .catch(async (err: Error) => assert.fail(`${err.message}; code lenses: ${JSON.stringify(await lens.allInnerTexts())}; log: ${lessonLog(workbench().server.logsDir)}`));
    await frame.locator('#lesson-leave').click();
    await poll('the lesson pane to hide', async () => frame.locator('#lesson[hidden]').count());
  });

  it('a new lesson file completes keys and values from the lesson schema', async function () {
    const { page, folder } = workbench();
    fs.writeFileSync(path.join(folder, 'mine.lesson.yaml'), 'title: Mine\ntopology: \n');
    await openFile(page, 'mine.lesson.yaml', 'title: Mine');
    await revealLine(page, 2);
    await page.keyboard.press('End');
    await page.keyboard.press('Control+Space');
    const row = page.locator('.suggest-widget .monaco-list-row').filter({ hasText: 'multi-worker' });
    await row.first().waitFor({ timeout: 20_000 });
    assert.ok(await page.locator('.suggest-widget .monaco-list-row').filter({ hasText: 'docker-server' }).count());
    await screenshot(page, 'lessons-4-completion');
  });

  // The other six lessons, each picked from Open Lesson… and played to its end in the real view: every step
  // plays, every check passes (whatever was predicted: the first choice is taken, right or wrong).
  for (const [n, title] of OTHER_LESSONS) {
    it(`lesson ${n}, "${title}", plays to the end from Open Lesson… with every check passing`, async function () {
      this.timeout(240_000);
      const { page } = workbench();
      // The previous lesson's pane may take the focus back and close the pick: open it again until the row is clicked.
      const row = page.locator('.quick-input-list .monaco-list-row').filter({ hasText: title }).first();
      await poll(`"${title}" in Open Lesson…`, async () => {
        await runCommandFromPalette(page, 'Kube Anatomy: Open Lesson');
        await row.click({ timeout: 10_000 });
        return true;
      }, 60_000, 0);
      const frame = await findFrame(page, '#lesson:not([hidden]) .lesson-title', 60_000);
      await poll(`the pane to show ${title}`, async () => (await frame.locator('.lesson-title').innerText().catch(() => '')).includes(title), 60_000);
      for (let step = 1; !(await frame.locator('.lesson-done').count()); step++) {
        assert.ok(step <= 20, `${title}: still not done after 20 steps`);
        await poll(`step ${step} of ${title} to be offered`, async () => (await frame.locator('#lesson-next').innerText()).includes(`Play step ${step}`), 60_000);
        const choices = frame.locator('.lesson-choice:not([disabled])');
        if (await choices.count()) {
          await choices.first().click();
          await frame.locator('.lesson-verdict').first().waitFor({ timeout: 20_000 });
        }
        await playStep(frame, step);
        assert.equal(await frame.locator('.lesson-checks .failed').count(), 0, `${title}, step ${step}: ${await frame.locator('.lesson-played').innerText()}`);
      }
      assert.match(await frame.locator('.lesson-done').innerText(), /Lesson complete: (\d+) of \1 checks passed/);
      await screenshot(page, `lessons-5-lesson-${n}-done`);
      await frame.locator('#lesson-leave').click();
      await poll('the lesson pane to hide', async () => frame.locator('#lesson[hidden]').count());
    });
  }

  it('logged no error from the extension', async function () {
    assertNoErrorsFrom(workbench().server.logsDir);
  });

  async function lessonFrame(): Promise<Frame> {
    return findFrame(workbench().page, '#lesson:not([hidden]) .lesson-title');
  }
});

/** The extension's own log lines about lessons (its output channel's file under the logs folder). */
function lessonLog(dir: string): string {
  const lines: string[] = [];
  const visit = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) visit(p);
      else if (e.name.includes('Kube Anatomy')) lines.push(...fs.readFileSync(p, 'utf8').split('\n').filter((l) => l.includes('lesson')));
    }
  };
  try {
    visit(dir);
  } catch {
    // No logs folder: nothing to add.
  }
  return lines.join(' | ');
}

/** Plays step `n` (1-based) and waits until the pane shows it played. */
async function playStep(frame: Frame, n: number): Promise<void> {
  const next = frame.locator('#lesson-next');
  await poll(`"Play step ${n}" to be enabled`, async () => (await next.innerText()).includes(`Play step ${n}`) && !(await next.isDisabled()));
  await next.click();
  await poll(`step ${n} to be played`, async () => (await frame.locator('.lesson-played h3').innerText().catch(() => '')).match(new RegExp(`^Step ${n}\\b`)));
}

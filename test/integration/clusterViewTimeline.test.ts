/**
 * In a real VS Code (code-server + Chromium): applying a Deployment plays its steps in the Cluster
 * View's timeline, in the order the components act, each with its sentence of narration; pausing and
 * stepping back shows the cluster as it was at an earlier step, and End returns to now.
 */
import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { assertNoErrorsFrom } from './extHostLog';
import { useWorkbench } from './session';
import { findFrame, openFile, poll, runCommandFromPalette, screenshot } from './workbench';
import { webDeployment } from '../unit/fixtures/web';

/** Opened (so applied) while the Cluster View is open: two web pods. */
const WEB = `# Opened (so applied) while the Cluster View is open: two web pods.\n${webDeployment('      containers:\n        - name: web\n          image: nginx:1.27\n')}`;

/** What the components do for a new Deployment, in the order Kubernetes does it (narration of src/core/sim/journal/narrate.ts). */
const MILESTONES: readonly { what: string; text: RegExp }[] = [
  { what: 'kubectl creates the Deployment through the API server', text: /^kubectl created Deployment default\/web .*:6443.*etcd .*:2379/ },
  { what: 'the Deployment controller creates its ReplicaSet', text: /^kube-controller-manager \(deployment-controller\).* created ReplicaSet default\/web-/ },
  { what: 'the ReplicaSet controller creates a Pod', text: /^kube-controller-manager \(replicaset-controller\).* created Pod default\/web-/ },
  { what: 'kube-scheduler places the Pod', text: /^kube-scheduler placed Pod default\/web-\S+ on worker-\d/ },
  // nginx:1.27 is already on both workers (the shop runs it), so the kubelet pulls nothing (IfNotPresent).
  { what: 'the kubelet reports the Pod on its node (IPs, container waiting)', text: /^kubelet on worker-\d updated the status of Pod default\/web-\S+ \(.*status\.podIP, status\.startTime\)/ },
  { what: 'the kubelet asks containerd to start the container', text: /^kubelet on worker-\d asked containerd to start the container web for Pod default\/web-/ },
  { what: 'the kubelet reports the Pod Running', text: /^kubelet on worker-\d updated the status of Pod default\/web-\S+ \(.*status\.phase\)/ },
];

interface Head { index: number; total: number; live: boolean; time: number }

/** The strip's clock: "t=6s · step 12 of 40 (live)". */
async function head(view: Frame): Promise<Head | undefined> {
  const m = /t=(\d+)s · step (\d+) of (\d+)( \(live\))?/.exec(await view.locator('#strip .clock').innerText());
  return m ? { time: Number(m[1]), index: Number(m[2]) - 1, total: Number(m[3]), live: !!m[4] } : undefined;
}

/** The current narration sentence, without its "t=…s" prefix and its object link. */
async function currentSentence(view: Frame): Promise<string> {
  return view.locator('#narration li.current').evaluate((li) => Array.from(li.childNodes).filter((n) => n.nodeType === 3).map((n) => n.textContent ?? '').join('').trim());
}

/** Moves the scrubber to step `index` (0-based) as dragging it would, and waits for the play head there. */
async function scrubTo(view: Frame, index: number): Promise<void> {
  await view.locator('#strip input[type="range"]').evaluate((input, value) => {
    const range = input as HTMLInputElement;
    range.value = String(value);
    range.dispatchEvent(new Event('input', { bubbles: true }));
  }, index);
  await poll(`the play head at step ${index + 1}`, async () => (await head(view))?.index === index, 20_000, 100);
}

const webRunning = (view: Frame): Promise<number> => view.locator('svg#cluster g.pod.pod-running[data-pod*="web-"]').count();

describe('Cluster View timeline: a change plays step by step, and rewinds (code-server)', function () {
  const workbench = useWorkbench('shop.yaml', { 'web.yaml': WEB });
  let view: Frame;
  /** Step index → narration, as seen while the steps played. */
  const seen = new Map<number, string>();

  it('applying a Deployment plays its steps in order, each narrated', async function () {
    this.timeout(240_000);
    const { page } = workbench();
    await openFile(page, 'shop.yaml', 'apiVersion: apps/v1');
    await runCommandFromPalette(page, 'Kube Anatomy: Show Cluster View');
    view = await findFrame(page, 'svg#cluster[data-ready="true"]', 60_000);
    await poll('the shop to be running and the timeline live', async () => (await view.locator('svg#cluster g.pod.pod-running').count()) === 3 && (await head(view))?.live, 60_000);
    const before = (await head(view))!;

    await page.keyboard.press('Control+1'); // the manifest's group, so the view stays visible beside it
    await openFile(page, 'web.yaml', 'kind: Deployment');
    const heads: number[] = [];
    await poll('the web pods to run and the timeline to play up to now', async () => {
      const h = await head(view);
      if (h && h.index > before.index) {
        seen.set(h.index, await currentSentence(view));
        if (heads[heads.length - 1] !== h.index) heads.push(h.index);
      }
      return h?.live && h.index > before.index && (await webRunning(view)) === 2;
    }, 180_000, 50);
    await screenshot(page, 'timeline-web-applied');
    // Every step since the apply, read from the narration list (the 41 steps up to the play head,
    // newest first) with the scrubber at every 41st step: sampling while playing can miss some.
    const last = (await head(view))!;
    for (let upto = before.index + 41; ; upto += 41) {
      const i = Math.min(upto, last.index);
      await scrubTo(view, i);
      const listed = await view.locator('#narration li').evaluateAll((lis) => lis.map((li) => Array.from(li.childNodes).filter((n) => n.nodeType === 3).map((n) => n.textContent ?? '').join('').trim()));
      listed.forEach((text, j) => seen.set(i - j, text));
      if (i === last.index) break;
    }
    await view.locator('#strip button').first().press('End');
    await poll('the timeline live again', async () => (await head(view))?.live, 20_000);

    assert.ok(heads.length >= 5, `the play head moved through the steps one by one, not in one jump: saw ${heads.join(', ')}`);
    assert.deepEqual(heads, [...heads].sort((a, b) => a - b), 'the play head only moved forward');
    const at = MILESTONES.map((m) => {
      const found = [...seen].filter(([, text]) => m.text.test(text)).map(([i]) => i);
      assert.ok(found.length > 0, `a step where ${m.what}: no narration matched ${m.text} among\n${[...seen].sort((a, b) => a[0] - b[0]).map(([i, t]) => `  ${i}: ${t}`).join('\n')}`);
      return Math.min(...found);
    });
    for (let i = 1; i < at.length; i++) {
      assert.ok(at[i]! > at[i - 1]!, `${MILESTONES[i - 1]!.what} (step ${at[i - 1]}) before ${MILESTONES[i]!.what} (step ${at[i]})`);
    }
  });

  it('pausing and stepping back shows the cluster as it was when the pod was placed; End returns to now', async function () {
    this.timeout(180_000);
    const { page } = workbench();
    const placed = [...seen].filter(([, t]) => MILESTONES[3]!.text.test(t)).map(([i]) => i).sort((a, b) => a - b)[0];
    assert.ok(placed !== undefined, 'the first test saw the step where kube-scheduler placed a web pod');
    const back = view.locator('#strip button', { hasText: 'Step back' });
    await back.click();
    assert.equal(await view.locator('#strip button', { hasText: /^Play$/ }).count(), 1, 'stepping back pauses the timeline');
    for (let guard = 0; ; guard++) {
      const h = await poll('the play head', () => head(view));
      if (h.index <= placed) break;
      assert.ok(guard < 400, 'stepped back 400 times without reaching the scheduling step');
      await back.press(',');
      await poll('the play head to move back', async () => (await head(view))!.index < h.index, 10_000, 50);
    }
    const h = (await head(view))!;
    assert.equal(h.index, placed);
    assert.equal(h.live, false, 'the clock says the view is not live');
    assert.match(await currentSentence(view), MILESTONES[3]!.text);
    await poll('the drawing of that moment: no web pod running yet', async () => (await webRunning(view)) === 0, 20_000);
    assert.equal(await view.locator('svg#cluster g.pod.pod-running[data-pod*="shop-"]').count(), 3, 'the shop pods, already running then, are drawn');
    await screenshot(page, 'timeline-stepped-back');
    await back.press('End');
    await poll('back to now: both web pods running', async () => (await head(view))?.live && (await webRunning(view)) === 2, 20_000);
  });

  it('logged no error from the extension', async function () {
    assertNoErrorsFrom(workbench().server.logsDir);
  });
});

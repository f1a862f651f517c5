/**
 * In a real VS Code (code-server + Chromium): opening a YAML file activates the extension
 * (lazily, through `onLanguage:yaml`) and hovering a component's name shows its documentation.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { activationFrom, activations, eagerActivationDone } from './extHostLog';
import { assertNoExtensionErrors, extensionHostLog, ourLog, RUNTIME } from './flavour';
import { useWorkbench } from './session';
import { fixturesDir } from './setup';
import { hoverWord, openFile, poll, screenshot } from './workbench';

const FIXTURE = 'cluster.yaml';
const fixtureLines = fs.readFileSync(path.join(fixturesDir, FIXTURE), 'utf8').split('\n');

/** The 1-based number of the first fixture line matching `pattern`. */
function lineOf(pattern: RegExp): number {
  const index = fixtureLines.findIndex((l) => pattern.test(l));
  assert.ok(index >= 0, `${FIXTURE} has no line matching ${pattern}`);
  return index + 1;
}

describe('hover over Kubernetes components in a YAML file (code-server)', function () {
  const workbench = useWorkbench(FIXTURE);

  it('is not activated at startup, before any YAML file is open', async function () {
    const log = await poll('the extension host to activate its startup extensions', async () => {
      const entries = await extensionHostLog(workbench());
      return eagerActivationDone(entries) && entries;
    }, 60_000, 1000);
    assert.deepEqual(activations(log), []);
  });

  it('shows etcd and its client and peer ports when hovering "etcd"', async function () {
    const { page } = workbench();
    await openFile(page, FIXTURE, 'apiVersion: v1');
    const line = /^\s*name: etcd$/;
    const text = await hoverWord(page, { line, lineNumber: lineOf(line), word: 'etcd', expect: '2379' });
    assert.match(text, /etcd/);
    assert.match(text, /2379/);
    assert.match(text, /2380/);
    await screenshot(page, '1-hover-etcd', 'hover.png');
  });

  it('shows kube-scheduler and its port when hovering "kube-scheduler"', async function () {
    const { page } = workbench();
    const line = /^\s*name: kube-scheduler$/;
    const text = await hoverWord(page, { line, lineNumber: lineOf(line), word: 'kube-scheduler', expect: '10259' });
    assert.match(text, /kube-scheduler/);
    assert.match(text, /10259/);
    await screenshot(page, '2-hover-kube-scheduler');
  });

  it(`was activated once, by onLanguage:yaml (not at startup), in the ${RUNTIME} extension host, and logged no error`, async function () {
    const log = await extensionHostLog(workbench());
    assert.deepEqual(activations(log), [{ startup: false, event: 'onLanguage:yaml' }]);
    await assertNoExtensionErrors(workbench());
    const time = activationFrom(log, await ourLog(workbench()));
    assert.ok(time, 'the extension host log and our log both record the activation');
    // The runtime our activation line names: the web build really runs in the web-worker extension host.
    assert.match(time.line, new RegExp(`activated in [\\d.]+ ms \\(runtime: ${RUNTIME}\\)`));
    console.log(`      activation (${RUNTIME}): ${time.total} ms from the extension host's _doActivateExtension to the end of activate() (activate() itself ${time.activate} ms)`);
  });
});

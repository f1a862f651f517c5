// The code-server suite's checks (test/integration), made through the extension API inside a
// desktop VS Code: lazy activation on YAML, hovers, and the Cluster View webview.
/* global describe, it */
'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');

const EXTENSION_ID = 'kube-anatomy.kube-anatomy';
const VIEW_TYPE = 'kubeAnatomy.clusterView';
const FIXTURE = path.resolve(__dirname, '..', '..', 'fixtures', 'cluster.yaml');

/** Polls `check` until it returns a truthy value; fails after `timeoutMs`. */
async function waitFor(what, check, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The position of the middle of `word` on the first fixture line matching `line`. */
function positionOf(line, word) {
  const lines = fs.readFileSync(FIXTURE, 'utf8').split('\n');
  const index = lines.findIndex((l) => line.test(l));
  assert.ok(index >= 0, `fixture has no line matching ${line}`);
  return new vscode.Position(index, lines[index].indexOf(word) + Math.floor(word.length / 2));
}

function hoverText(hovers) {
  return (hovers || [])
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

async function hoverAt(uri, position, expected) {
  return waitFor(`a hover containing ${expected}`, async () => {
    const text = hoverText(await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, position));
    return text.includes(expected) && text;
  });
}

describe('Kube Anatomy in a desktop VS Code', function () {
  const extension = () => vscode.extensions.getExtension(EXTENSION_ID);
  let document;

  it('is installed and not active before a YAML file is open', function () {
    assert.ok(extension(), `${EXTENSION_ID} is not loaded`);
    assert.equal(extension().isActive, false, 'activated before any YAML file was opened (startup activation?)');
  });

  it('activates when a YAML file opens (onLanguage:yaml)', async function () {
    document = await vscode.workspace.openTextDocument(FIXTURE);
    await vscode.window.showTextDocument(document);
    assert.equal(document.languageId, 'yaml');
    await waitFor('the extension to activate', () => extension().isActive);
  });

  it('hovering "etcd" shows etcd and its ports 2379 and 2380', async function () {
    const text = await hoverAt(document.uri, positionOf(/^\s*name: etcd$/, 'etcd'), '2379');
    assert.match(text, /etcd/);
    assert.match(text, /2380/);
  });

  it('hovering "kube-scheduler" shows kube-scheduler and its port 10259', async function () {
    const text = await hoverAt(document.uri, positionOf(/^\s*name: kube-scheduler$/, 'kube-scheduler'), '10259');
    assert.match(text, /kube-scheduler/);
  });

  it('kubeAnatomy.showClusterView opens the Cluster View webview', async function () {
    await vscode.commands.executeCommand('kubeAnatomy.showClusterView');
    const tab = await waitFor('the Cluster View tab', () =>
      vscode.window.tabGroups.all
        .flatMap((group) => group.tabs)
        // VS Code prefixes webview view types (e.g. `mainThreadWebview-kubeAnatomy.clusterView`).
        .find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(VIEW_TYPE)));
    assert.equal(tab.label, 'Kube Anatomy: Cluster View');
  });
});

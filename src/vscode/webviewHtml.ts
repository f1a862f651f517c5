/** A fresh nonce per render, from the CSPRNG (not Math.random): Web Crypto, in Node 20 and in browsers alike. */
export function makeNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/** Escapes text for use inside a double-quoted HTML attribute. */
export function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** What the page needs from the host: URIs already converted with `asWebviewUri`. */
export interface PageInput {
  readonly cspSource: string;
  readonly nonce: string;
  readonly scriptUri: string;
  readonly styleUri: string;
  /** More stylesheets (the lesson pane's). */
  readonly extraStyleUris?: readonly string[];
  /** The first snapshot, JSON, embedded as an escaped data- attribute. */
  readonly initialJson: string;
}

/**
 * The Cluster View page. Strict CSP: nothing loads but our own script (by nonce) and stylesheet,
 * no inline style or script, no network. (https://code.visualstudio.com/api/extension-guides/webview#content-security-policy)
 */
export function clusterViewHtml(p: PageInput): string {
  const csp = `default-src 'none'; img-src ${p.cspSource} data:; style-src ${p.cspSource}; script-src 'nonce-${p.nonce}';`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttribute(p.styleUri)}">
${(p.extraStyleUris ?? []).map((u) => `<link rel="stylesheet" href="${escapeAttribute(u)}">\n`).join('')}<title>Kube Anatomy: Cluster View</title>
</head>
<body data-initial="${escapeAttribute(p.initialJson)}">
<div id="attention" class="attention" role="status" aria-live="polite"></div>
<header id="bar">
<p id="caption"></p>
<div class="toolbar" role="toolbar" aria-label="View">
<button type="button" id="zoom-out" title="Zoom out (-)" aria-label="Zoom out (-)">−</button>
<button type="button" id="zoom-fit" title="Fit (F)" aria-label="Fit the drawing (F)">Fit</button>
<button type="button" id="zoom-in" title="Zoom in (+)" aria-label="Zoom in (+)">+</button>
<label>Topology <select id="topology" aria-label="Cluster topology"><option value="auto">From the manifests</option><option value="docker-server">Docker server</option><option value="single-node">Single node (minikube)</option><option value="multi-worker">Multi-worker</option><option value="ha">Highly available</option></select></label>
<button type="button" id="add-worker">Add worker</button>
<span class="export">Export <button type="button" id="export-svg">SVG</button><button type="button" id="export-png">PNG</button><button type="button" id="export-md">Timeline (Markdown)</button></span>
<span id="search-box" hidden><input id="search" type="search" placeholder="Find a node" aria-label="Find a node by name"><span id="search-count" role="status"></span></span>
</div>
<details class="hint"><summary>Keys and shapes</summary>Pods: filled square running, hollow starting, dashed pending, crossed terminating, triangle failed, circle completed. Components: dot leader, ring standby, cross stopped. Drag or arrows pan, Ctrl+wheel or + and - zoom, F fits; Space plays, comma and period step, 0 to 3 set the speed, Home and End jump; Tab reaches nodes and components, Enter shows details, Escape closes them.</details>
<p id="action-status" class="hint" role="status"></p>
</header>
<div id="strip" class="strip" role="toolbar" aria-label="Timeline: Space play/pause, comma and period step, 0-3 speed"></div>
<p id="rewind-note" class="hint" hidden>The drawing shows the latest state: rewinding it needs the engine's journal. The narration shows the step at the play head.</p>
<div id="stage">
<main id="stage-main"><div id="world"><svg id="cluster" role="application" aria-label="Cluster diagram: Tab to a node or component, Enter for details, arrows pan, + and - zoom, F fits" tabindex="0" xmlns="http://www.w3.org/2000/svg"></svg></div><div id="overlay-world"><svg id="overlay" aria-hidden="true" xmlns="http://www.w3.org/2000/svg"></svg></div><canvas id="grid" class="hidden" role="img" aria-label="Grid of every node; click one for its details, search above"></canvas></main>
<aside id="side">
<section id="details" aria-label="Details" aria-live="polite"></section>
<section aria-label="Narration"><h2>What happened</h2><ol id="narration" aria-label="Steps, newest first"></ol></section>
</aside>
</div>
<details><summary>Recent events</summary><ol id="timeline"></ol></details>
<script nonce="${p.nonce}" src="${escapeAttribute(p.scriptUri)}"></script>
</body>
</html>`;
}

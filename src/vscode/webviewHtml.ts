import { randomBytes } from 'crypto';

/** A fresh nonce per render, from the OS CSPRNG (not Math.random). */
export function makeNonce(): string {
  return randomBytes(16).toString('base64');
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
<title>Kube Anatomy: Cluster View</title>
</head>
<body data-initial="${escapeAttribute(p.initialJson)}">
<header><p id="caption" role="status"></p><p class="hint">Click a component to select it; double-click (or Enter) opens its documentation.</p></header>
<main><svg id="cluster" role="img" aria-label="Cluster diagram" xmlns="http://www.w3.org/2000/svg"></svg></main>
<section aria-label="Recent events"><h2>Recent events</h2><ol id="timeline"></ol></section>
<script nonce="${p.nonce}" src="${escapeAttribute(p.scriptUri)}"></script>
</body>
</html>`;
}

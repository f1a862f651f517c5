import * as assert from 'assert';
import type { TopologyChoice } from '../../../src/shared/liveTypes';
import { TOPOLOGIES, type ViewTopology } from '../../../src/shared/protocol';
import { clusterViewHtml } from '../../../src/vscode/webviewHtml';
import { parseUiState, restoredHead } from '../../../src/webview/uiState';

describe('Cluster View state across a reload', () => {
  it('comes back live after a reload mid-replay, keeping selection, speed and zoom', () => {
    const saved = parseUiState({ selected: 'worker-1', transform: { k: 2, x: 10, y: -4 }, gridTransform: null, speed: 10, headSeq: 49 });
    assert.strictEqual(restoredHead(saved), null);
    assert.strictEqual(saved.selected, 'worker-1');
    assert.deepStrictEqual(saved.transform, { k: 2, x: 10, y: -4 });
    assert.strictEqual(saved.speed, 10);
  });

  it('returns to the moment the learner paused at, and only then', () => {
    assert.strictEqual(restoredHead(parseUiState({ speed: 0, headSeq: 49 })), 49);
    assert.strictEqual(restoredHead(parseUiState({ speed: 0, headSeq: null })), null);
  });

  it('drops a malformed saved state field by field', () => {
    const s = parseUiState({ selected: 7, transform: { k: 'big', x: 0, y: 0 }, speed: 5, headSeq: 1.5 });
    assert.deepStrictEqual(s, { selected: null, transform: null, gridTransform: null, speed: 1, headSeq: null });
    assert.deepStrictEqual(parseUiState(null), s);
  });
});

describe('Cluster View topology picker', () => {
  it('has an option for every choice the host can report, so the picker can always show the current one', () => {
    const html = clusterViewHtml({ cspSource: 'x', nonce: 'n', scriptUri: 's', styleUri: 'c', initialJson: '{}' });
    const select = /<select id="topology"[^>]*>(.*?)<\/select>/s.exec(html)?.[1] ?? '';
    const options = [...select.matchAll(/<option value="([^"]+)"/g)].map((m) => m[1]);
    assert.deepStrictEqual(options, [...TOPOLOGIES]);
    // The host's choice and the view's are one type: a new preset must be added to both.
    const host: TopologyChoice = 'auto' as ViewTopology;
    const view: ViewTopology = host;
    assert.strictEqual(view, 'auto');
  });
});

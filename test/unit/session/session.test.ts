/** The session protocol: validation, commands at the head, seek and the bounded view queries at the play head, journal paging. */
import assert from 'node:assert/strict';
import { ask, MAX_VIEW_PAGE, parseSessionRequest, Session } from '../../../src/core/session';
import { presetTopology } from '../../../src/core/sim';

const WEB = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } } } };

function session(maxRecords?: number): Session {
  return new Session({ topology: presetTopology('multi-worker'), journal: maxRecords ? { maxRecords } : undefined });
}

describe('session', () => {
  it('refuses malformed requests with an error response and changes nothing', () => {
    const s = session();
    const before = s.position();
    for (const bad of [null, 42, [], {}, { type: 'nope' }, { type: 'advance', seconds: -1 }, { type: 'advance', seconds: 1e12 }, { type: 'advance', seconds: '5' },
      { type: 'seek' }, { type: 'seek', time: NaN }, { type: 'status', extra: 1 }, { type: 'apply', objects: 'x' }, { type: 'apply', objects: [{ object: {}, source: { file: 1 } }] },
      { type: 'pods', offset: -1, limit: 5 }, { type: 'delete', kind: 'Pod' }, { type: 'fail', target: '' }, { type: 'journalSince', seq: 1.5 }]) {
      const r = s.handle(bad);
      assert.equal(r.type, 'error', JSON.stringify(bad));
    }
    assert.deepEqual(s.position(), before);
    const unknown = s.handle({ type: 'fail', target: 'worker-9' });
    assert.ok(unknown.type === 'error' && /unknown node "worker-9"/.test(unknown.message));
    assert.equal(typeof parseSessionRequest({ type: 'pods', offset: 0, limit: 10, node: 'worker-1' }), 'object');
  });

  it('applies at the head, reports kubectl results with positions, and settles', () => {
    const s = session();
    const r = ask(s, { type: 'apply', objects: [{ object: WEB, source: { file: 'web.yaml', line: 1, column: 1 } }, { object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'bad' }, spec: {} }, source: { file: 'bad.yaml', line: 3, column: 1 } }] });
    assert.ok(r.type === 'apply');
    assert.deepEqual(r.results.map((x) => x.ok), [true, false]);
    assert.equal(r.settled, false);
    const settled = ask(s, { type: 'runUntilSettled' });
    assert.ok(settled.type === 'runUntilSettled' && settled.settled && settled.elapsed > 0);
    const status = ask(s, { type: 'status' });
    assert.ok(status.type === 'status');
    assert.equal(status.pods, 3);
    assert.equal(status.errors[0].file, 'bad.yaml');
  });

  it('seek moves the play head back: the view queries read the past; a command returns to the head', () => {
    const s = session();
    ask(s, { type: 'apply', objects: [{ object: WEB }] });
    ask(s, { type: 'runUntilSettled' });
    const ready = s.position().head;
    ask(s, { type: 'advance', seconds: 1 });
    ask(s, { type: 'fail', target: 'worker-1' });
    ask(s, { type: 'advance', seconds: 400 });
    const seek = ask(s, { type: 'seek', time: ready });
    assert.ok(seek.type === 'seek' && seek.playHead === ready && seek.head > ready);
    const nodes = ask(s, { type: 'nodes', offset: 0, limit: 10 });
    assert.ok(nodes.type === 'nodes');
    assert.deepEqual(nodes.nodes.map((n) => [n.name, n.up]), [['control-plane', true], ['worker-1', true], ['worker-2', true]]);
    const pods = ask(s, { type: 'pods', offset: 0, limit: 10 });
    assert.ok(pods.type === 'pods' && pods.total === 3 && pods.pods.every((p) => p.phase === 'Running'));
    const snap = ask(s, { type: 'snapshotAt' });
    assert.ok(snap.type === 'snapshotAt' && snap.snapshot.time === ready);
    ask(s, { type: 'advance', seconds: 0 });
    const now = ask(s, { type: 'nodes', offset: 1, limit: 1 });
    assert.ok(now.type === 'nodes' && now.total === 3);
    assert.deepEqual(now.nodes.map((n) => [n.name, n.up]), [['worker-1', false]]);
    assert.equal(s.position().playHead, s.position().head);
  });

  it('pages are bounded and can be asked per node', () => {
    const s = session();
    ask(s, { type: 'apply', objects: [{ object: { ...WEB, spec: { ...WEB.spec, replicas: 7 } } }] });
    ask(s, { type: 'runUntilSettled' });
    const page = ask(s, { type: 'pods', offset: 5, limit: 5 });
    assert.ok(page.type === 'pods' && page.total === 7 && page.pods.length === 2);
    const w1 = ask(s, { type: 'pods', offset: 0, limit: 100, node: 'worker-1' });
    assert.ok(w1.type === 'pods' && w1.pods.every((p) => p.node === 'worker-1') && w1.total > 0);
    const big = ask(s, { type: 'nodes', offset: 0, limit: 5_000_000 });
    assert.ok(big.type === 'nodes' && big.nodes.length === 3 && MAX_VIEW_PAGE === 1000);
  });

  it('journalSince pages through every entry once, and says when history was compacted', () => {
    const s = session();
    ask(s, { type: 'apply', objects: [{ object: WEB }] });
    ask(s, { type: 'runUntilSettled' });
    const all = ask(s, { type: 'journalSince', seq: 0, limit: 10_000 });
    assert.ok(all.type === 'journalSince' && !all.more && !all.gap);
    const seen: number[] = [];
    for (let seq = 0, more = true; more;) {
      const p = ask(s, { type: 'journalSince', seq, limit: 7 });
      assert.ok(p.type === 'journalSince' && p.entries.length <= 7 + 5);
      seen.push(...p.entries.map((e) => e.seq));
      seq = p.next;
      more = p.more;
    }
    assert.deepEqual(seen, all.entries.map((e) => e.seq));
    const small = session(40);
    ask(small, { type: 'apply', objects: [{ object: WEB }] });
    ask(small, { type: 'runUntilSettled' });
    const gap = ask(small, { type: 'journalSince', seq: 0 });
    assert.ok(gap.type === 'journalSince' && gap.gap && gap.entries[0].seq === small.position().oldestSeq);
    const clamped = ask(small, { type: 'seek', time: 0 });
    assert.ok(clamped.type === 'seek' && clamped.playHead === clamped.oldestTime);
  });
});

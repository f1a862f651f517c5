import * as assert from 'assert';
import { clockTime, momentNote, momentText } from '../../../src/core/view/moment';

describe('the editor\'s moment in simulated time (status bar, hovers)', () => {
  it('writes simulated seconds as m:ss, and h:mm:ss from an hour on', () => {
    assert.deepStrictEqual([0, 9, 42, 130, 3599, 3600, 3725.7].map(clockTime), ['0:00', '0:09', '0:42', '2:10', '59:59', '1:00:00', '1:02:05']);
  });

  it('says when the facts are of a past moment or of a cluster still settling, and nothing for a settled head', () => {
    assert.strictEqual(momentText({ time: 42, moment: { head: 130, settled: true, past: true } }), 'at 0:42 of 2:10 (past)');
    assert.strictEqual(momentText({ time: 12, moment: { head: 12, settled: false, past: false } }), 'settling… 0:12');
    assert.strictEqual(momentText({ time: 12, moment: { head: 12, settled: true, past: false } }), '');
    assert.strictEqual(momentText({ time: 12 }), '');
    assert.match(momentNote({ time: 42, moment: { head: 130, settled: false, past: true } }), /at 0:42 of 2:10: a past moment/);
    assert.match(momentNote({ time: 5, moment: { head: 5, settled: false, past: false } }), /still settling/);
    assert.strictEqual(momentNote(undefined), '');
  });
});

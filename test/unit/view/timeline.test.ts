import * as assert from 'assert';
import type { ViewStep } from '../../../src/shared/protocol';
import { Timeline } from '../../../src/webview/timeline';

/** Just enough of the DOM for the timeline strip (src/webview/timeline.ts builds its controls itself). */
class FakeElement {
  className = '';
  textContent = '';
  id = '';
  type = '';
  title = '';
  value = '';
  min = '';
  max = '';
  step = '';
  readonly style: Record<string, string> = {};
  readonly children: unknown[] = [];
  setAttribute(): void {}
  addEventListener(): void {}
  append(...nodes: unknown[]): void {
    this.children.push(...nodes);
  }
  replaceChildren(...nodes: unknown[]): void {
    this.children.length = 0;
    this.children.push(...nodes);
  }
  add(): void {}
}

const step = (seq: number): ViewStep => ({ seq, time: seq, actor: 'kube-scheduler', verb: 'bind', hops: [], text: `step ${seq}`, mark: 'none' });
const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('Cluster View timeline (webview play head)', () => {
  // The module touches the DOM only when a timeline is built, so installing the fake before each build is enough.
  const saved = { document: (globalThis as Record<string, unknown>).document, Option: (globalThis as Record<string, unknown>).Option };

  before(() => {
    Object.assign(globalThis, {
      document: { createElement: () => new FakeElement(), createTextNode: (t: string) => t },
      Option: class { constructor(readonly text: string, readonly value: string) {} },
    });
  });
  after(() => Object.assign(globalThis, saved));

  /** A timeline whose animations end only when the test says so. */
  function timeline(): { t: Timeline; played: number[]; speeds: [number, number][]; finish: () => Promise<void> } {
    const played: number[] = [];
    const speeds: [number, number][] = [];
    let pending: (() => void) | undefined;
    const t = new Timeline(new FakeElement() as unknown as HTMLElement, new FakeElement() as unknown as HTMLOListElement, {
      play: (s) => {
        played.push(s.seq);
        return new Promise<void>((r) => { pending = r; });
      },
      moved: () => {},
      speed: (speed, seq) => speeds.push([speed, seq]),
      select: () => {},
      settle: () => {},
    });
    const finish = async (): Promise<void> => {
      const r = pending;
      pending = undefined;
      r?.();
      await tick();
    };
    return { t, played, speeds, finish };
  }

  it('leaves keys held with Ctrl, Alt or Meta to VS Code: Ctrl+1 (focus the editor) does not set the speed to 1×', () => {
    const { t, speeds } = timeline();
    t.add([step(0)], true);
    const key = (k: string, mods: Partial<KeyboardEvent> = {}): boolean => t.key({ key: k, ctrlKey: false, altKey: false, metaKey: false, ...mods } as KeyboardEvent);
    assert.strictEqual(key('0'), true);
    assert.deepStrictEqual(speeds, [[0, 1]]);
    assert.strictEqual(key('1', { ctrlKey: true }), false);
    assert.strictEqual(key('2', { metaKey: true }), false);
    assert.strictEqual(key('3', { altKey: true }), false);
    assert.strictEqual(key('End', { ctrlKey: true }), false);
    assert.deepStrictEqual(speeds, [[0, 1]], 'still paused');
    assert.strictEqual(key('1'), true);
    assert.deepStrictEqual(speeds, [[0, 1], [1, 2]]);
  });

  it('plays new steps one after another while live, each after the last animation ends', async () => {
    const { t, played, finish } = timeline();
    t.add([step(0)], true);
    t.add([step(1), step(2), step(3)], false);
    assert.deepStrictEqual(played, [1]);
    await finish();
    assert.deepStrictEqual(played, [1, 2]);
    await finish();
    await finish();
    assert.deepStrictEqual(played, [1, 2, 3]);
    assert.strictEqual(t.head, 3);
    assert.ok(t.isLive());
  });

  it('keeps the play head where a seek put it, even when the seek comes while the last step still animates', async () => {
    const { t, played, finish } = timeline();
    t.add([step(0)], true);
    t.add([step(1), step(2)], false);
    await finish();
    assert.strictEqual(t.head, 2, 'the head reached the last step; its animation still runs');
    t.seekIndex(0);
    await finish();
    await finish();
    assert.strictEqual(t.head, 0, 'the head stayed at the step the learner picked (it used to play on from there)');
    assert.deepStrictEqual(played, [1, 2]);
  });

  it('plays on from the sought step when Play is pressed, even before the interrupted animation ended', async () => {
    const { t, played, finish } = timeline();
    t.add([step(0)], true);
    t.add([step(1), step(2)], false);
    t.seekIndex(0);
    t.toggle(); // pause
    t.toggle(); // play again, while step 1 still animates
    await finish();
    assert.deepStrictEqual(played, [1, 1], 'the replay plays step 1 again from the sought step 0');
    await finish();
    await finish();
    assert.deepStrictEqual(played, [1, 1, 2]);
    assert.ok(t.isLive());
  });

  it('a pause holds against a clock the host sent before it had the pause; the host\'s acknowledged speed wins', async () => {
    const { t, played, speeds } = timeline();
    t.add([step(0), step(1), step(2)], true);
    t.stepBy(-1);
    assert.strictEqual(t.speed, 0, 'stepping back pauses');
    assert.deepStrictEqual(speeds, [[0, 1]], 'the pause went to the host as change 1');
    t.setClock({ speed: 1, head: 5, settled: true, ack: 0 }); // a tick already on its way
    await tick();
    assert.strictEqual(t.speed, 0, 'the stale clock did not undo the pause');
    assert.strictEqual(t.head, 1, 'nor play the head on');
    assert.deepStrictEqual(played, []);
    t.setClock({ speed: 0, head: 5, settled: true, ack: 1 });
    t.setClock({ speed: 10, head: 6, settled: true, ack: 1 }); // the setting changed in the editor after the pause
    assert.strictEqual(t.speed, 10, 'a clock that acknowledges the pause brings the host\'s speed');
    assert.deepStrictEqual(speeds, [[0, 1]], 'without sending it back');
  });
});

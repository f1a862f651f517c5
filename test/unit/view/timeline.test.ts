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
  function timeline(): { t: Timeline; played: number[]; finish: () => Promise<void> } {
    const played: number[] = [];
    let pending: (() => void) | undefined;
    const t = new Timeline(new FakeElement() as unknown as HTMLElement, new FakeElement() as unknown as HTMLOListElement, {
      play: (s) => {
        played.push(s.seq);
        return new Promise<void>((r) => { pending = r; });
      },
      moved: () => {},
      speed: () => {},
      select: () => {},
      settle: () => {},
    });
    const finish = async (): Promise<void> => {
      const r = pending;
      pending = undefined;
      r?.();
      await tick();
    };
    return { t, played, finish };
  }

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
});

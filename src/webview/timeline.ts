import { SPEEDS, type Speed, type ViewStep } from '../shared/protocol';

/** Steps kept in the webview (older ones fall off the front, and the scrubber says from when it starts). */
export const MAX_STEPS = 2000;
/** How long one hop of a step takes at 1× (ms); faster speeds divide it. */
const HOP_MS = 420;

export interface TimelineHooks {
  /** Animate and narrate one step; resolves when its animation ends. */
  play(step: ViewStep, hopMillis: number): Promise<void>;
  /**
   * The play head moved. `rewind`: the learner moved it (or is replaying from a past moment), so the
   * drawing should show that moment; while new steps play live, the drawing stays at now.
   */
  moved(step: ViewStep | undefined, live: boolean, rewind: boolean): void;
  /** The learner changed the speed (the host's clock follows); `seq` counts these changes, from 1. */
  speed(speed: Speed, seq: number): void;
  /** Selecting an object from a narration line. */
  select(key: string): void;
  /** "Settle now": the host runs the cluster until nothing pending would change it. */
  settle(): void;
}

const SPEED_WORDS: Readonly<Record<Speed, string>> = { 0: 'Paused', 1: '1×', 10: '10×', 60: '60×' };

function button(label: string, title: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.title = title;
  b.setAttribute('aria-label', title);
  b.addEventListener('click', onClick);
  return b;
}

/**
 * The timeline strip (play, pause, step back and forward, speed, a scrubber over simulated time
 * with markers for applies, faults and warnings) and the narration beside the drawing.
 */
export class Timeline {
  steps: ViewStep[] = [];
  /** Index of the step at the play head; steps.length - 1 (or -1) when live. */
  head = -1;
  speed: Speed = 1;
  private running = false;
  /** Playing on from a moment the learner rewound to: the drawing follows the play head. */
  private replaying = false;

  private readonly playBtn: HTMLButtonElement;
  private readonly scrubber: HTMLInputElement;
  private readonly markers: HTMLElement;
  private readonly clock: HTMLElement;
  private readonly speedSelect: HTMLSelectElement;
  /** The clock in the editor: the head's simulated time and whether the cluster has settled there. */
  private readonly headClock: HTMLElement;

  constructor(strip: HTMLElement, private readonly narration: HTMLOListElement, private readonly hooks: TimelineHooks) {
    this.playBtn = button('Play', 'Play (Space)', () => this.toggle());
    const back = button('Step back', 'Step back (,)', () => this.stepBy(-1));
    const fwd = button('Step forward', 'Step forward (.)', () => this.stepBy(1));
    this.speedSelect = document.createElement('select');
    this.speedSelect.setAttribute('aria-label', 'Speed (0 paused, 1, 2 for 10×, 3 for 60×)');
    for (const s of SPEEDS) this.speedSelect.add(new Option(SPEED_WORDS[s], String(s)));
    this.speedSelect.addEventListener('change', () => this.setSpeed(Number(this.speedSelect.value) as Speed));
    const track = document.createElement('div');
    track.className = 'scrub-track';
    this.scrubber = document.createElement('input');
    this.scrubber.type = 'range';
    this.scrubber.min = '0';
    this.scrubber.step = '1';
    this.scrubber.setAttribute('aria-label', 'Play head over simulated time (Home, End)');
    this.scrubber.addEventListener('input', () => this.seekIndex(Number(this.scrubber.value)));
    this.markers = document.createElement('div');
    this.markers.className = 'scrub-markers';
    this.markers.setAttribute('aria-hidden', 'true');
    track.append(this.markers, this.scrubber);
    this.clock = document.createElement('span');
    this.clock.className = 'clock';
    this.clock.setAttribute('role', 'status');
    const settle = button('Settle', 'Settle now: run the cluster until nothing pending would change it (S)', () => this.hooks.settle());
    settle.id = 'settle';
    this.headClock = document.createElement('span');
    this.headClock.className = 'head-clock';
    this.headClock.setAttribute('aria-live', 'polite');
    strip.append(back, this.playBtn, fwd, this.speedSelect, settle, track, this.clock, this.headClock);
    this.refresh();
  }

  /** Where the play head was before a reload (its step's seq), restored when the steps arrive. */
  restoreSeq: number | null = null;
  /** Called when the head was restored to a past moment (so the view can say so). */
  restored: ((step: ViewStep) => void) | undefined;

  /** The host brought the cluster back to now (a change at the head): the head goes to the last step, without asking for a seek. */
  goLive(): void {
    this.replaying = false;
    this.head = this.steps.length - 1;
    this.hooks.moved(this.steps[this.head], true, false);
    this.refresh();
  }

  /** Adds steps from the host; when the head was live, the new ones play in order. */
  add(steps: readonly ViewStep[], reset: boolean): void {
    const wasLive = this.isLive();
    if (reset) this.steps = [];
    const last = this.steps[this.steps.length - 1]?.seq ?? -1;
    this.steps.push(...steps.filter((s) => s.seq > last));
    const dropped = Math.max(0, this.steps.length - MAX_STEPS);
    if (dropped) this.steps.splice(0, dropped);
    this.head = reset ? this.steps.length - 1 : Math.max(-1, this.head - dropped);
    if (reset && this.restoreSeq !== null) {
      const at = this.steps.findIndex((s) => s.seq === this.restoreSeq);
      this.restoreSeq = null;
      if (at >= 0 && at < this.steps.length - 1) {
        this.seekIndex(at);
        this.restored?.(this.steps[at]!);
        return;
      }
    }
    if (!wasLive || reset) {
      this.refresh();
      return;
    }
    this.refresh();
    if (this.speed > 0) void this.run(false);
    else this.head = this.steps.length - 1;
  }

  isLive(): boolean {
    return this.head >= this.steps.length - 1;
  }

  toggle(): void {
    this.setSpeed(this.speed === 0 ? this.lastSpeed : 0);
  }

  private lastSpeed: Speed = 1;

  /** The learner's speed changes so far (SetSpeed's `seq`). */
  private speedSeq = 0;

  /**
   * The host's clock (the setting and this control share one speed): shows it without sending it back,
   * and the head's time, settled or still settling. A clock the host sent before it had the learner's
   * latest speed change (`ack` behind) carries the old speed: the control keeps the new one, so a
   * pause is never undone by a tick already on its way.
   */
  setClock({ speed, head, settled, ack }: { speed: Speed; head: number; settled: boolean; ack: number }): void {
    if (ack >= this.speedSeq && speed !== this.speed) {
      if (speed !== 0) this.lastSpeed = speed;
      this.speed = speed;
      this.refresh();
      if (speed > 0) void this.run(!this.isLive());
    }
    const m = Math.floor(head / 60);
    const time = `${m}:${String(Math.floor(head % 60)).padStart(2, '0')}`;
    this.headClock.textContent = `clock ${time}${settled ? '' : ' · settling…'}`;
  }

  setSpeed(speed: Speed): void {
    if (speed !== 0) this.lastSpeed = speed;
    this.speed = speed;
    this.hooks.speed(speed, ++this.speedSeq);
    this.refresh();
    if (speed > 0) void this.run(!this.isLive());
  }

  /** Moves the head one step and animates it (backwards: shows it without motion). */
  stepBy(delta: number): void {
    if (this.steps.length === 0) return;
    if (this.speed > 0) this.setSpeed(0);
    const next = Math.max(0, Math.min(this.steps.length - 1, this.head + delta));
    this.head = next;
    const step = this.steps[next];
    this.hooks.moved(step, this.isLive(), true);
    this.refresh();
    if (step && delta > 0) void this.hooks.play(step, HOP_MS);
  }

  seekIndex(i: number): void {
    this.seeks++;
    this.head = Math.max(0, Math.min(this.steps.length - 1, i));
    this.hooks.moved(this.steps[this.head], this.isLive(), true);
    this.refresh();
  }

  /** Counts the learner's seeks: a seek parks the play head where it was put, even mid-animation. */
  private seeks = 0;
  /** `seeks` when playing was last asked for: the loop plays on while no seek came after it. */
  private playFrom = 0;

  /**
   * Plays queued steps one after another at the chosen speed, until live or paused, or until the
   * learner seeks (the scrubber, Home, End) while a step animates: the head stays where it was put
   * (Play plays on from there), whether or not the last animation had ended.
   */
  private async run(replay: boolean): Promise<void> {
    this.replaying ||= replay;
    this.playFrom = this.seeks;
    if (this.running) return;
    this.running = true;
    try {
      while (this.speed > 0 && this.seeks === this.playFrom && this.head < this.steps.length - 1) {
        this.head++;
        const step = this.steps[this.head]!;
        this.hooks.moved(step, this.isLive(), this.replaying);
        this.refresh();
        // A long backlog plays faster, so the animation never lags far behind the cluster.
        const backlog = Math.max(1, (this.steps.length - 1 - this.head) / 25);
        const hop = this.speed >= 60 ? 0 : HOP_MS / this.speed / backlog;
        await this.hooks.play(step, hop);
        if (hop === 0) await new Promise((r) => setTimeout(r, 16));
      }
    } finally {
      this.running = false;
      if (this.isLive()) this.replaying = false;
    }
  }

  /**
   * Keyboard shortcuts: Space play/pause, `,` `.` step, 0-3 speed, Home/End, S settle. A key held with Ctrl, Alt or
   * Meta is VS Code's (Ctrl+1 focuses the first editor group: it must not set the speed to 1×).
   */
  key(e: KeyboardEvent): boolean {
    if (e.ctrlKey || e.altKey || e.metaKey) return false;
    const speedKeys: Record<string, Speed> = { 0: 0, 1: 1, 2: 10, 3: 60 };
    if (e.key === ' ') this.toggle();
    else if (e.key === ',') this.stepBy(-1);
    else if (e.key === '.') this.stepBy(1);
    else if (e.key in speedKeys) this.setSpeed(speedKeys[e.key]!);
    else if (e.key === 'Home') this.seekIndex(0);
    else if (e.key === 'End') this.seekIndex(this.steps.length - 1);
    else if (e.key === 's' || e.key === 'S') this.hooks.settle();
    else return false;
    return true;
  }

  private refresh(): void {
    this.playBtn.textContent = this.speed === 0 ? 'Play' : 'Pause';
    this.playBtn.setAttribute('aria-pressed', String(this.speed > 0));
    this.speedSelect.value = String(this.speed);
    this.scrubber.max = String(Math.max(0, this.steps.length - 1));
    this.scrubber.value = String(Math.max(0, this.head));
    const step = this.steps[this.head];
    const first = this.steps[0];
    const live = this.isLive() ? ' (live)' : '';
    this.clock.textContent = step ? `t=${step.time}s · step ${this.head + 1} of ${this.steps.length}${live}${first && first.seq > 0 ? ` · from t=${first.time}s` : ''}` : 'no steps yet';
    this.scrubber.setAttribute('aria-valuetext', this.clock.textContent);
    this.drawMarkers();
    this.drawNarration();
  }

  private markerSig = '';

  private drawMarkers(): void {
    const n = this.steps.length;
    const sig = `${n}|${this.steps[0]?.seq ?? ''}`;
    if (sig === this.markerSig) return;
    this.markerSig = sig;
    const marks = this.steps.map((s, i) => ({ s, i })).filter(({ s }) => s.mark !== 'none');
    this.markers.replaceChildren(...marks.map(({ s, i }) => {
      const m = document.createElement('span');
      m.className = `marker marker-${s.mark}`;
      m.style.left = `${n > 1 ? (i / (n - 1)) * 100 : 0}%`;
      return m;
    }));
  }

  /** The narration: the steps around the head, the head's step marked current; each links to its object. */
  private drawNarration(): void {
    const from = Math.max(0, this.head - 40);
    const shown = this.steps.slice(from, this.head + 1).reverse();
    this.narration.replaceChildren(...shown.map((s, j) => {
      const li = document.createElement('li');
      li.className = `narration narration-${s.mark}${j === 0 ? ' current' : ''}`;
      if (j === 0) li.setAttribute('aria-current', 'step');
      const time = document.createElement('span');
      time.className = 'narration-time';
      time.textContent = `t=${s.time}s`;
      li.append(time, document.createTextNode(` ${s.text} `));
      if (s.object) {
        const o = s.object;
        const link = button(`${o.kind} ${o.name}`, `Select ${o.kind} ${o.namespace}/${o.name}`, () => this.hooks.select(o.kind === 'Pod' ? `pod:${o.namespace}/${o.name}` : o.kind === 'Node' ? o.name : `object:${o.kind}/${o.namespace}/${o.name}`));
        link.className = 'link';
        li.append(link);
      }
      return li;
    }));
  }
}

/**
 * Words for where the editor's facts stand in simulated time: the status bar and the hovers say when
 * they show a past moment (the Cluster View's play head) or a cluster that has not settled yet.
 */
import type { EditorLive } from './facts';

/** Simulated seconds as m:ss (h:mm:ss from an hour on). */
export function clockTime(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const two = (n: number): string => String(n).padStart(2, '0');
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}:${two(m)}:${two(s % 60)}` : `${m}:${two(s % 60)}`;
}

/** `at 0:42 of 2:10 (past)`, `settling… 0:12`, or '' when the facts are of a settled head. */
export function momentText(live: Pick<EditorLive, 'time' | 'moment'>): string {
  const m = live.moment;
  if (!m) return '';
  if (m.past) return `at ${clockTime(live.time)} of ${clockTime(m.head)} (past)`;
  return m.settled ? '' : `settling… ${clockTime(live.time)}`;
}

/** One line for a hover (plain text; the caller escapes or italicises it), or '' when there is nothing to say. */
export function momentNote(live: Pick<EditorLive, 'time' | 'moment'> | undefined): string {
  const m = live?.moment;
  if (!live || !m) return '';
  if (m.past) return `Simulated cluster at ${clockTime(live.time)} of ${clockTime(m.head)}: a past moment picked in the Cluster View's timeline.`;
  return m.settled ? '' : `Simulated cluster at ${clockTime(live.time)}, still settling: the lines below change as the clock runs.`;
}

import type { ClusterView, ToWebview, ViewStep } from '../../shared/protocol';
import { diffView, withoutSteps } from './delta';

/**
 * What the Cluster View's host has sent the webview (src/vscode/clusterViewPanel.ts): the view it holds,
 * the last step, the cluster it came from, and whether the learner looks at a past moment.
 */
export interface FeedState {
  /** The view the webview holds (deltas are computed against it); undefined: send it whole. */
  readonly sent: ClusterView | undefined;
  /** Seq of the last step sent; -1: none (the next steps replace the webview's). */
  readonly lastSeq: number;
  /** The latest simulated second seen at the head (not the past moment shown). */
  readonly headTime: number;
  /** `ClusterView.clusterId` of the cluster the steps came from. */
  readonly clusterId: number | undefined;
  /** The learner looks at a past moment: live changes of the drawing are held back. */
  readonly seeking: boolean;
}

export const FRESH_FEED: FeedState = { sent: undefined, lastSeq: -1, headTime: 0, clusterId: undefined, seeking: false };

/** Messages to post, in order, and the state after them. */
export interface FeedResult {
  readonly state: FeedState;
  readonly messages: readonly ToWebview.Message[];
}

/** A step the learner caused (an apply from an edit, kubectl or a view action; a fault): the view comes back to now. */
const isChange = (s: ViewStep): boolean => s.mark === 'apply' || s.mark === 'fault';

/**
 * The messages for the source's view now (`full`, with its steps). The webview starts over (a whole
 * snapshot, the steps replaced) when the cluster is another one: it was rebuilt (another `clusterId`,
 * as after a topology switch, whose new journal counts from seq 0 again and may soon be longer than
 * the old), or it went back (a lesson restarted: an earlier time, a shorter journal). While the learner
 * looks at a past moment the drawing stays there, until a change the learner caused arrives (an
 * edit, a fault, an action): then it comes back to now, as the editor does.
 */
export function feed(state: FeedState, full: ClusterView): FeedResult {
  const messages: ToWebview.Message[] = [];
  const lastStep = full.steps?.[full.steps.length - 1]?.seq ?? -1;
  const rebuilt = state.clusterId !== full.clusterId;
  const wentBack = full.time < state.headTime || lastStep < state.lastSeq;
  let s: FeedState = state;
  if (rebuilt || wentBack) s = { ...FRESH_FEED };
  const steps = (full.steps ?? []).filter((x) => x.seq > s.lastSeq);
  if (steps.length) messages.push({ type: 'steps', steps, reset: s.lastSeq < 0 });
  const lastSeq = steps.length ? steps[steps.length - 1]!.seq : s.lastSeq;
  let seeking = s.seeking;
  if (seeking && steps.some(isChange)) {
    const cause = steps.filter(isChange).pop()!;
    messages.push({ type: 'now', reason: cause.text });
    seeking = false;
    s = { ...s, sent: undefined };
  }
  const base = { lastSeq, headTime: full.time, clusterId: full.clusterId, seeking };
  if (seeking) return { state: { ...s, ...base }, messages };
  const next = withoutSteps(full);
  if (!s.sent) messages.push({ type: 'updateState', view: next });
  else {
    const delta = diffView(s.sent, next);
    if (delta) messages.push({ type: 'delta', delta });
  }
  return { state: { ...base, sent: next }, messages };
}

/** After an action of the view (a fault, a scale, a topology, settle, a lesson move) while it showed a past moment: back to now. */
export function backToNow(state: FeedState, what: string, full: ClusterView): FeedResult {
  if (!state.seeking) return { state, messages: [] };
  const after = feed({ ...state, seeking: false, sent: undefined }, full);
  return { state: after.state, messages: [{ type: 'now', reason: what }, ...after.messages] };
}

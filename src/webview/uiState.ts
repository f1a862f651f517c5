import { SPEEDS, type Speed } from '../shared/protocol';
import type { ViewTransform } from './viewport';

/** Small UI state kept by VS Code across hide/show and reloads (not the cluster: the host owns that). */
export interface UiState {
  readonly selected: string | null;
  readonly transform: ViewTransform | null;
  readonly gridTransform: ViewTransform | null;
  readonly speed: Speed;
  /** Sequence number of the step at the play head, null when live. */
  readonly headSeq: number | null;
}

const transform = (v: unknown): ViewTransform | null => {
  const o = v as Partial<ViewTransform> | null | undefined;
  return o && [o.k, o.x, o.y].every((n) => typeof n === 'number' && Number.isFinite(n)) ? { k: o.k!, x: o.x!, y: o.y! } : null;
};

/** The saved state, validated (anything malformed falls back to its default). */
export function parseUiState(saved: unknown): UiState {
  const s = (typeof saved === 'object' && saved !== null ? saved : {}) as Partial<UiState>;
  return {
    selected: typeof s.selected === 'string' ? s.selected : null, transform: transform(s.transform), gridTransform: transform(s.gridTransform),
    speed: (SPEEDS as readonly unknown[]).includes(s.speed) ? s.speed! : 1, headSeq: typeof s.headSeq === 'number' && Number.isInteger(s.headSeq) ? s.headSeq : null,
  };
}

/**
 * Where the play head goes after a reload: back to now, unless the learner had paused at a past moment
 * (speed 0, the head on a past step): then that moment. A head saved while a replay played is not restored.
 */
export function restoredHead(ui: UiState): number | null {
  return ui.speed === 0 ? ui.headSeq : null;
}

/**
 * The editor's live facts crossing from the simulation worker to the extension host. Every state carries
 * each top-level object's facts and each Service's row (`LiveState.editor.objects` and `.services`): at
 * 2,000 objects that is 165 kB of a 290 kB state, cloned on both sides of the message on every edit, when
 * a one-line edit changes one or two entries. The engine keeps an entry the same object while its values
 * hold (src/core/view/facts.ts), so the worker sends only the entries that are not the ones it sent last
 * (`EditorSender`), and the host puts the maps back together (`EditorReceiver`). A sibling of
 * src/core/view/stepStream.ts, which does the same for the Cluster View's steps.
 */
import type { EditorLive } from '../view/facts';

/** A map's changes since the last one sent: entries new or not the same object, and keys gone. */
export interface MapDelta<T> {
  readonly changed: Readonly<Record<string, T>>;
  readonly removed: readonly string[];
}

/** The changes of the editor's two keyed maps; absent from a state that carries them whole. */
export interface EditorDelta {
  readonly objects: MapDelta<EditorLive['objects'][string]>;
  readonly services: MapDelta<EditorLive['services'][string]>;
}

type Keyed<T> = Readonly<Record<string, T>>;

function diff<T>(before: Keyed<T>, next: Keyed<T>): MapDelta<T> {
  const changed: Record<string, T> = {};
  const removed: string[] = [];
  for (const key in next) if (before[key] !== next[key]) changed[key] = next[key] as T;
  for (const key in before) if (!(key in next)) removed.push(key);
  return { changed, removed };
}

function patch<T>(held: Keyed<T>, delta: MapDelta<T>): Keyed<T> {
  const out: Record<string, T> = { ...held, ...delta.changed };
  for (const key of delta.removed) delete out[key];
  return out;
}

const EMPTY: Keyed<never> = Object.freeze({});

/** Worker side: the state's editor maps emptied and their changes since the last state sent. */
export class EditorSender {
  private sent: Pick<EditorLive, 'objects' | 'services'> | undefined;

  trim(editor: EditorLive): { editor: EditorLive; delta?: EditorDelta } {
    const before = this.sent;
    this.sent = { objects: editor.objects, services: editor.services };
    if (!before) return { editor };
    const delta = { objects: diff(before.objects, editor.objects), services: diff(before.services, editor.services) };
    return { editor: { ...editor, objects: EMPTY, services: EMPTY }, delta };
  }
}

/** Host side: the editor's maps put back together from the changes (a state without changes carries them whole). */
export class EditorReceiver {
  private held: Pick<EditorLive, 'objects' | 'services'> = { objects: EMPTY, services: EMPTY };

  merge(editor: EditorLive, delta: EditorDelta | undefined): EditorLive {
    const maps = delta ? { objects: patch(this.held.objects, delta.objects), services: patch(this.held.services, delta.services) } : { objects: editor.objects, services: editor.services };
    this.held = maps;
    return { ...editor, ...maps };
  }

  /** The worker was replaced: its first state carries the maps whole. */
  reset(): void {
    this.held = { objects: EMPTY, services: EMPTY };
  }
}

// The app's listeners: events delivered to each, a listener's own calls into the engine queued until
// the event is delivered, and the policies' notes reported once per cause.
import { KeepCallError } from '../errors';
import type { Note } from '../note';
import type { RuntimeEvent } from './contract';
import type { Engine } from './state';

/** Delivers `event` to every listener; a listener's exception is swallowed. */
export function emit(e: Engine, event: RuntimeEvent): void {
  // A listener that calls back into the engine (updateConfig on an error, say) is not run in the middle
  // of what the engine was doing: its call waits until the event is delivered (fromApp).
  e.delivering++;
  for (const listener of [...e.listeners]) {
    try {
      listener(event);
    } catch {
      // A listener's bug must not stop the engine.
    }
  }
  e.delivering--;
  if (e.delivering === 0) while (e.queued.length > 0) (e.queued.shift() as () => void)();
}

/** Runs a change the app asked for now, or, from inside a listener, once the event is delivered. */
export function fromApp(e: Engine, change: () => void): void {
  if (e.delivering > 0) e.queued.push(change);
  else change();
}

/** Reports an error event (to the console when nobody listens yet). */
export function report(e: Engine, error: KeepCallError): void {
  // Nobody listens yet (a second setPushConfig before any on()): say it where a developer looks
  // rather than lose it.
  if (e.listeners.size === 0) globalThis.console?.warn(`keepcall: ${error.code}: ${error.message}`);
  emit(e, { type: 'error', error });
}

/** Reports each note the first time it appears; one that went and comes back is reported again. */
export function surfaceNotes(e: Engine, notes: readonly Note[]): void {
  const reported = e.notes;
  if (notes.length === 0 && reported.size === 0) return;
  const current = new Set<string>();
  for (const note of notes) {
    const key = `${note.code}|${note.message}`;
    current.add(key);
    if (!reported.has(key)) {
      reported.add(key);
      report(
        e,
        new KeepCallError(note.code, note.message, note.callId ? { callId: note.callId } : undefined),
      );
    }
  }
  for (const key of [...reported]) if (!current.has(key)) reported.delete(key);
}

// The app's listeners: events delivered to each, a listener's own calls into the engine queued until
// the event is delivered, and the policies' notes reported once per cause.
import { KeepCallError } from '../errors';
import type { Note } from '../note';
import type { RuntimeEvent } from './contract';

/** The runtime's listeners and how events reach them. */
export interface Listeners {
  /** Adds a listener; returns the function that removes it. */
  on(listener: (event: RuntimeEvent) => void): () => void;
  /** Delivers `event` to every listener; a listener's exception is swallowed. */
  emit(event: RuntimeEvent): void;
  /** Runs a change the app asked for now, or, from inside a listener, once the event is delivered. */
  fromApp(change: () => void): void;
  /** Reports an error event (to the console when nobody listens yet). */
  report(error: KeepCallError): void;
  /** Reports each note the first time it appears; one that went and comes back is reported again. */
  surfaceNotes(notes: readonly Note[]): void;
  /** Whether anyone listens. */
  listening(): boolean;
  /** Removes every listener. */
  clear(): void;
}

/** An empty set of listeners. */
export function createListeners(): Listeners {
  const listeners = new Set<(event: RuntimeEvent) => void>();
  const reportedNotes = new Set<string>();
  // A listener that calls back into the engine (updateConfig on an error, say) is not run in the middle
  // of what the engine was doing: its call waits until the event is delivered.
  let delivering = 0;
  const queued: (() => void)[] = [];

  function emit(event: RuntimeEvent) {
    delivering++;
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch {
        // A listener's bug must not stop the engine.
      }
    }
    delivering--;
    if (delivering === 0) while (queued.length > 0) (queued.shift() as () => void)();
  }

  function report(error: KeepCallError) {
    // Nobody listens yet (a second setPushConfig before any on()): say it where a developer looks
    // rather than lose it.
    if (listeners.size === 0) globalThis.console?.warn(`keepcall: ${error.code}: ${error.message}`);
    emit({ type: 'error', error });
  }

  return {
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit,
    fromApp(change) {
      if (delivering > 0) queued.push(change);
      else change();
    },
    report,
    surfaceNotes(notes) {
      if (notes.length === 0 && reportedNotes.size === 0) return;
      const current = new Set<string>();
      for (const note of notes) {
        const key = `${note.code}|${note.message}`;
        current.add(key);
        if (!reportedNotes.has(key)) {
          reportedNotes.add(key);
          report(
            new KeepCallError(note.code, note.message, note.callId ? { callId: note.callId } : undefined),
          );
        }
      }
      for (const key of [...reportedNotes]) if (!current.has(key)) reportedNotes.delete(key);
    },
    listening: () => listeners.size > 0,
    clear: () => listeners.clear(),
  };
}

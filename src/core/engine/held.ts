// Commands that failed and wait for the next moment the platform allows a retry (the app visible again,
// a permission or media change, new config, a fresh snapshot). Held commands are data: what kind, for
// which call, and whether only the part the platform cannot refuse failed too.
import type { Command } from '../types';

/** A command waiting for a retry moment: its kind, its call for a CallKit one, `part` for a refused part. */
export interface HeldCommand {
  kind: Command['kind'];
  callId?: string;
  /** The part of a held command sent meanwhile (kit.allowedPart) was refused as well. */
  part?: true;
}

/** The commands held for a retry, by what they are about. */
export interface HeldCommands {
  /** Holds `held` until the next retry moment. */
  add(held: HeldCommand): void;
  /** Whether `held` waits. */
  has(held: HeldCommand): boolean;
  /** Lets every held command go again. */
  clear(): void;
  /** Lets go what was held for `callId` (a call back under the same id starts afresh). */
  forgetCall(callId: string): void;
  /** What waits now, as data. */
  list(): HeldCommand[];
}

/** What waits when `command` fails: its kind, and its call when it is about one. */
export function heldFor(command: Command, part?: boolean): HeldCommand {
  const held: HeldCommand = { kind: command.kind };
  if ('callId' in command) held.callId = command.callId;
  if (part) held.part = true;
  return held;
}

/** A map key for `held` (the map itself never leaves this file). */
export function heldKey({ kind, callId, part }: HeldCommand): string {
  return `${part ? '+' : ''}${kind}${callId === undefined ? '' : `:${callId}`}`;
}

/** An empty set of held commands. */
export function createHeldCommands(): HeldCommands {
  const held = new Map<string, HeldCommand>();
  return {
    add: (command) => void held.set(heldKey(command), command),
    has: (command) => held.size > 0 && held.has(heldKey(command)),
    clear: () => held.clear(),
    forgetCall(callId) {
      for (const [key, command] of held) if (command.callId === callId) held.delete(key);
    },
    list: () => [...held.values()],
  };
}

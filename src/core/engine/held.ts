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

/** What waits when `command` fails: its kind, and its call when it is about one. */
export function heldFor(command: Command, part?: boolean): HeldCommand {
  const held: HeldCommand = { kind: command.kind };
  if ('callId' in command) held.callId = command.callId;
  if (part) held.part = true;
  return held;
}

/** The key a held command is filed under in the engine's map. */
export function heldKey({ kind, callId, part }: HeldCommand): string {
  return `${part ? '+' : ''}${kind}${callId === undefined ? '' : `:${callId}`}`;
}

/** Whether `held` waits. */
export function isHeld(held: ReadonlyMap<string, HeldCommand>, command: HeldCommand): boolean {
  return held.size > 0 && held.has(heldKey(command));
}

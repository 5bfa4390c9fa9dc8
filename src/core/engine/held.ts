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

/** What waits when `command` (or, with `part`, its allowed part) fails: its kind, and its call when it is about one. */
export function heldFor(command: HeldCommand | Command, part = 'part' in command): HeldCommand {
  const held: HeldCommand = { kind: command.kind };
  if ('callId' in command) held.callId = command.callId;
  if (part) held.part = true;
  return held;
}

/** The key `command` is filed under in the engine's maps: its held form, written out. */
export function heldKey(command: HeldCommand | Command, part?: boolean): string {
  return JSON.stringify(heldFor(command, part));
}

/** Whether `command` (or, with `part`, its allowed part) waits. */
export function isHeld(
  held: ReadonlyMap<string, HeldCommand>,
  command: HeldCommand | Command,
  part?: boolean,
) {
  return held.size > 0 && held.has(heldKey(command, part));
}

/** Files `command` as held until the next retry moment. */
export function hold(held: Map<string, HeldCommand>, command: HeldCommand): void {
  held.set(heldKey(command), command);
}

// The device's reports, put in the device's order. Reports that arrive while a command runs wait for
// its result; then those that happened before its effect (by the port's numbers) go first, the rest
// after, in arrival order. Each report goes through the kit's one reducer.
import type { Command, Keeper, PortEvent } from '../types';
import { type Engine, setActual } from './state';

/** What a command or report is about, for ordering: a CallKit call by its id, else the keeper as a whole. */
function subjectOf(item: Command | PortEvent): string {
  return 'callId' in item ? item.callId : '';
}

/** A report from the device (or the app's dispatch): handled now, or after the running command. */
export function receive(e: Engine, event: PortEvent, seq?: number): void {
  if (e.disposed) return;
  if (e.inFlight) e.deferred.push({ event, seq });
  else handle(e, event, seq);
}

// The kit's reducer says what the report means; its `actual` is what the device did on its own.
function handle(e: Engine, event: PortEvent, seq?: number) {
  e.model.now = e.clock.now();
  // A report about the CallKit call a later callkit.start replaced (a hold, an end) changes nothing.
  if (seq !== undefined && seq < (e.started.get(subjectOf(event)) ?? 0)) return;
  const reduction = e.kit.reduce(event, e);
  record(e, event, seq, reduction.actual);
  // The reducer is pure: over a snapshot awaited meanwhile, only its `actual` is taken again (none for
  // an event that never changes what the device holds: the app's state, a permission, a tap).
  if (reduction.actual !== undefined)
    for (const late of e.snapshotting) late.push(() => record(e, event, seq, e.kit.reduce(event, e).actual));
  e.execute(reduction);
}

// I6: recorded, so the engine never asks for it back; unless a command took effect on the same subject
// since (an old instance's stop, delivered late).
function record(e: Engine, event: PortEvent, seq: number | undefined, actual: Keeper | undefined) {
  const after = e.superseded.get(subjectOf(event));
  if (seq === undefined || after === undefined || seq > after) setActual(e, actual ?? e.actual);
}

/** Handles the deferred reports, in arrival order: all, or those numbered before `seq` (the rest wait). */
export function applyDeferred(e: Engine, seq?: number): void {
  for (const report of e.deferred.splice(0)) {
    if (seq === undefined || (report.seq !== undefined && report.seq < seq))
      handle(e, report.event, report.seq);
    else e.deferred.push(report);
  }
}

/** A command took effect at `seq`: reports from before it go first, and older ones stop counting. */
export function tookEffect(e: Engine, command: Command, seq: number): void {
  applyDeferred(e, seq);
  // An ended CallKit call has nothing left to supersede: its entry goes, so memory stays flat.
  if (command.kind === 'callkit.end') {
    e.superseded.delete(command.callId);
    e.started.delete(command.callId);
  } else e.superseded.set(subjectOf(command), seq);
  // A report from before a callkit.start, delivered late, is about the CallKit call it replaced.
  if (command.kind === 'callkit.start') e.started.set(command.callId, seq);
}

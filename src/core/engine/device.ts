// The device's side: its snapshot adopted at start and on every return to the foreground, and its
// reports put in the device's order. Reports that arrive while a command runs wait for its result;
// then those that happened before its effect (by the port's numbers) go first, the rest after.
import { toKeepCallError } from '../errors';
import type { Reduction } from '../platform-kit';
import type { Command, Keeper, Port, PortEvent } from '../types';
import type { Listeners } from './listeners';
import type { Loop } from './loop';
import { type EngineState, setActual } from './state';

/** A device report and its number in the device's order, when the port numbers. */
type Report = { event: PortEvent; seq: number | undefined };

/** What a command or report is about, for ordering: a CallKit call by its id, else the keeper as a whole. */
function subjectOf(item: Command | PortEvent): string {
  return 'callId' in item ? item.callId : '';
}

interface DeviceOptions {
  port: Port;
  loop: Loop;
  listeners: Listeners;
  /** Carries out what the kit's reducer made of a report, once it is in order. */
  execute(reduction: Reduction): void;
}

/** The device's reports and snapshots over one engine state. */
export function createDevice(state: EngineState, options: DeviceOptions) {
  const { port, loop, kit } = { ...options, kit: state.kit };
  const deferred: Report[] = [];
  // Per subject (the service: '', a CallKit call: its id), where the last command result stands in the
  // device's order: a report from before it, delivered late, no longer describes the device.
  const superseded = new Map<string, number>();
  // Per CallKit call, where its callkit.start stands: a report from before it, delivered late, is about
  // the CallKit call it replaced (a hold, an end) and changes nothing (item 1, per CallKit call).
  const started = new Map<string, number>();
  // Per snapshot awaited, the reports applied meanwhile, to apply again over it (see adopt).
  const snapshotting = new Set<(() => void)[]>();

  // The kit's one reducer says what the report means; its `actual` is what the device did on its own.
  function handle(event: PortEvent, seq?: number) {
    state.model.now = state.clock.now();
    // A report about the CallKit call a later callkit.start replaced (a hold, an end) changes nothing.
    if (seq !== undefined && seq < (started.get(subjectOf(event)) ?? 0)) return;
    const reduction = kit.reduce(event, state);
    record(event, seq, reduction.actual);
    // The reducer is pure: over the snapshot, only its `actual` is taken again.
    for (const late of snapshotting) late.push(() => record(event, seq, kit.reduce(event, state).actual));
    options.execute(reduction);
  }

  // I6: recorded, so the engine never asks for it back; unless a command took effect on the same
  // subject since (an old instance's stop, delivered late).
  function record(event: PortEvent, seq: number | undefined, actual: Keeper | undefined) {
    const after = superseded.get(subjectOf(event));
    if (seq === undefined || after === undefined || seq > after) setActual(state, actual ?? state.actual);
  }

  /** Applies the deferred reports, in arrival order: all, or those numbered before `seq` (the rest wait). */
  function applyDeferred(seq?: number) {
    for (const report of deferred.splice(0)) {
      if (seq === undefined || (report.seq !== undefined && report.seq < seq))
        handle(report.event, report.seq);
      else deferred.push(report);
    }
  }

  function adopt(snap: Keeper, late: (() => void)[]) {
    setActual(state, kit.adopt(snap));
    // What the device reported while the snapshot was on its way may be newer than it: applied again.
    // Each report states a result (stopped, these types, held), so one the snapshot already holds
    // changes nothing, and reports come in the device's order: the last word is the device's latest.
    for (const again of late) again();
    // A keeper no tracked call claims yet (a reload) waits for its calls to be tracked again, a while.
    const model = state.model;
    if (kit.adopted?.(state.actual, state)) model.adoptUntil = state.clock.now() + model.config.adoptGraceMs;
  }

  return {
    /** A report from the device (or the app's dispatch): handled now, or after the running command. */
    report(event: PortEvent, seq?: number) {
      if (state.disposed) return;
      if (loop.inFlight()) deferred.push({ event, seq });
      else handle(event, seq);
    },
    /** A command took effect at `seq`: reports from before it go first, and older ones stop counting. */
    tookEffect(command: Command, seq: number) {
      applyDeferred(seq);
      // An ended CallKit call has nothing left to supersede: its entry goes, so memory stays flat.
      if (command.kind === 'callkit.end') {
        superseded.delete(command.callId);
        started.delete(command.callId);
      } else superseded.set(subjectOf(command), seq);
      if (command.kind === 'callkit.start') started.set(command.callId, seq);
    },
    /** A command's result is in: every report that waited for it is handled. */
    resultIn: () => applyDeferred(),
    /** Actual comes from the device: adopts its snapshot (at start and on every return to the foreground). */
    async refresh() {
      loop.begin();
      try {
        for (let attempt = 0; attempt < 3; attempt++) {
          const before = loop.commandsRun();
          const late: (() => void)[] = [];
          snapshotting.add(late);
          const snap = await port.snapshot().finally(() => snapshotting.delete(late));
          // A snapshot taken while a command ran may predate it: take another rather than adopt the past.
          if (loop.commandsRun() !== before || loop.inFlight()) continue;
          adopt(snap, late);
          return;
        }
      } catch (error) {
        options.listeners.report(toKeepCallError(error));
      } finally {
        state.adopted = true;
        loop.end();
        loop.retryMoment();
      }
    },
  };
}

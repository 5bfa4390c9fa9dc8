// The device's own state: its snapshot adopted at start and on every return to the foreground, and the
// grace a keeper found there (a JavaScript reload) gets to be claimed by a tracked call again.
import { toKeepCallError } from '../errors';
import type { Keeper } from '../types';
import { report } from './listeners';
import { retryMoment } from './loop';
import { type Engine, setActual } from './state';

/** Actual comes from the device: adopts its snapshot, then a retry moment. */
export async function refresh(e: Engine): Promise<void> {
  e.pending++;
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      const before = e.commandsRun;
      const late: (() => void)[] = [];
      e.snapshotting.add(late);
      const snap = await e.port.snapshot().finally(() => e.snapshotting.delete(late));
      // A snapshot taken while a command ran may predate it: take another rather than adopt the past.
      if (e.commandsRun !== before || e.inFlight) continue;
      adopt(e, snap, late);
      return;
    }
  } catch (error) {
    report(e, toKeepCallError(error));
  } finally {
    e.adopted = true;
    e.pending--;
    retryMoment(e);
  }
}

function adopt(e: Engine, snap: Keeper, late: (() => void)[]) {
  const { kit, model } = e;
  setActual(e, kit.adopt(snap));
  // What the device reported while the snapshot was on its way may be newer than it: applied again.
  // Each report states a result (stopped, these types, held), so one the snapshot already holds
  // changes nothing, and reports come in the device's order: the last word is the device's latest.
  for (const again of late) again();
  // A keeper no tracked call claims yet waits, a while, for its calls to be tracked again.
  if (kit.adopted?.(e.actual, e)) model.adoptUntil = e.clock.now() + model.config.adoptGraceMs;
}

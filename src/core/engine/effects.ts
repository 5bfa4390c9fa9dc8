// Where what a kit's reducer made of an event (a Reduction) is carried out, in one documented order:
// memory, model, holds, the error, hang-ups, a control, the listeners' event; then a snapshot or a pass.
import type { Reduction } from '../platform-kit';
import { control, hangUp } from './actions';
import { refresh } from './device';
import { hold } from './held';
import { emit, report } from './listeners';
import { schedule } from './loop';
import type { Engine } from './state';

/** Carries out `reduction` (none: nothing happens). */
export function execute(e: Engine, reduction: Reduction | undefined): void {
  if (!reduction) return;
  const { model } = e;
  const { permission, holdCall } = reduction;
  if (reduction.memory) Object.assign(e.memory as object, reduction.memory);
  if (reduction.app) model.app = reduction.app;
  // A permission that changed is a retry moment.
  if (permission && model.permissions[permission.name] !== permission.value) {
    model.permissions = { ...model.permissions, [permission.name]: permission.value };
    e.held.clear();
  }
  if (holdCall) e.calls.hold(holdCall.callId, holdCall.held);
  if (reduction.holdCommand) hold(e.held, reduction.holdCommand);
  if (reduction.error) report(e, reduction.error);
  for (const callId of reduction.hangUp ?? []) void hangUp(e, callId, reduction.reason);
  if (reduction.control) void control(e, reduction.control);
  if (reduction.emit) emit(e, reduction.emit);
  if (reduction.refresh) void refresh(e);
  else if (reduction.decide !== false) schedule(e);
}

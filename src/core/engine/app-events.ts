// What every platform makes of the events that are not about its keeper: the app's state, a permission,
// a hang-up or mute from a surface, a tap or app action, a feature the platform lacks. Each platform's
// reducer (kit.reduce) hands these here; it is not a second routing point.
import { KeepCallError } from '../errors';
import { isVisible } from '../model';
import type { KitView, Reduction } from '../platform-kit';
import type { PortEvent } from '../types';

/** The shared meaning of `event`; nothing but a pass for an event of the platform's own. */
export function reduceAppEvent(event: PortEvent, { model }: KitView<unknown>): Reduction {
  switch (event.type) {
    case 'app':
      // Back in view: the device's state is read afresh, a retry moment.
      return { app: event.state, refresh: !isVisible(model.app) && isVisible(event.state) };
    case 'permission':
      return { permission: event };
    case 'hangup':
      return { hangUp: [event.callId] };
    case 'mute':
      return {
        control: {
          callId: event.callId,
          media: { muted: event.muted },
          act: (call) => call.setMuted(event.muted),
        },
      };
    // For the app alone: the keeper stays as it is.
    case 'tap':
    case 'action':
      return { emit: event, decide: false };
    case 'unsupported':
      // Reported, never held: the rest of what the command did still stands.
      return { error: new KeepCallError('unsupported', event.message), decide: false };
    default:
      return {};
  }
}

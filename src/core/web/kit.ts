// The web: Media Session, a service-worker notification and a wake lock.
import { KeepCallError } from '../errors';
import type { Note } from '../note';
import type { PlatformKit } from '../platform-kit';
import type { CallLike } from '../types';
import { applyWeb, EMPTY_WEB, reconcileWeb } from './keeper';
import { desiredWeb } from './policy';

/** The engine's web part. */
export const webKit: PlatformKit = {
  os: 'web',
  empty: Object.freeze({ web: EMPTY_WEB }),
  desired(model) {
    const notes: Note[] = [];
    return { keeper: { web: desiredWeb(model, notes) }, notes };
  },
  reconcile: reconcileWeb,
  apply: applyWeb,
  // The page's own changes (a closed notification, a released wake lock) are read again from the next
  // snapshot, taken on every return to the page.
  applyEvent: (actual) => actual,
  adopt: (snapshot) => (snapshot.web ? { web: snapshot.web } : { web: EMPTY_WEB }),
  onEvent(event, host) {
    // Only Media Session offers a camera toggle: the call's video follows at once, the SDK is told after.
    if (event.type === 'camera') {
      const { callId, enabled } = event;
      host.control(callId, { video: enabled }, (call) => setCamera(call, callId, enabled));
    }
    return true;
  },
};

function setCamera(call: CallLike, callId: string, enabled: boolean): Promise<void> {
  if (!call.setCameraEnabled)
    throw new KeepCallError('unsupported', `call "${callId}" has no setCameraEnabled()`, { callId });
  return call.setCameraEnabled(enabled);
}

// The web: Media Session, a service-worker notification and a wake lock.
import { reduceAppEvent } from '../engine/app-events';
import { KeepCallError } from '../errors';
import type { PlatformKit } from '../platform-kit';
import type { CallLike } from '../types';
import { applyWeb, EMPTY_WEB, reconcileWeb } from './diff';
import { desiredWeb } from './policy';

/** The engine's web part; it remembers nothing beyond the model. */
export const webKit: PlatformKit<Record<string, never>> = {
  os: 'web',
  empty: Object.freeze({ web: EMPTY_WEB }),
  memory: () => ({}),
  desired(model) {
    const { keeper, notes } = desiredWeb(model);
    return { keeper: { web: keeper }, notes };
  },
  reconcile: reconcileWeb,
  apply: applyWeb,
  // The page's own changes (a closed notification, a released wake lock) are read again from the next
  // snapshot, taken on every return to the page.
  reduce(event, view) {
    if (event.type !== 'camera') return reduceAppEvent(event, view);
    // Only Media Session offers a camera toggle: the call's video follows at once, the SDK is told after.
    const { callId, enabled } = event;
    return {
      control: { callId, media: { video: enabled }, act: (call) => setCamera(call, callId, enabled) },
    };
  },
  adopt: (snapshot) => (snapshot.web ? { web: snapshot.web } : { web: EMPTY_WEB }),
};

function setCamera(call: CallLike, callId: string, enabled: boolean): Promise<void> {
  if (!call.setCameraEnabled)
    throw new KeepCallError('unsupported', `call "${callId}" has no setCameraEnabled()`, { callId });
  return call.setCameraEnabled(enabled);
}

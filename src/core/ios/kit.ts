// iOS: every call reported to CallKit.
import type { PlatformKit } from '../kit';
import type { Note } from '../note';
import { applyIos, applyIosEvent, reconcileIos } from './keeper';
import { desiredIos } from './policy';

/** The engine's iOS part. */
export const iosKit: PlatformKit = {
  os: 'ios',
  empty: { ios: {} },
  desired(model, actual) {
    const notes: Note[] = [];
    if (!model.push.enableOngoingCalls && Object.keys(model.calls).length > 0) {
      notes.push({
        code: 'unsupported',
        message:
          'enableOngoingCalls is off: calls are not reported to CallKit and iOS suspends the app in the background (I1, I10); turn it on with setPushConfig',
      });
    }
    return { keeper: { ios: desiredIos(model, actual) }, notes };
  },
  reconcile: reconcileIos,
  apply: applyIos,
  applyEvent: applyIosEvent,
  adopt: (snapshot) => ({ ios: { ...snapshot.ios } }),
};

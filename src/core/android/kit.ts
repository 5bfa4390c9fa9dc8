// Android: a foreground service with an ongoing-call notification.
import type { PlatformKit } from '../kit';
import { applyAndroid, applyAndroidEvent, reconcileAndroid } from './keeper';
import { desiredAndroid } from './policy';

/** The engine's Android part. */
export const androidKit: PlatformKit = {
  os: 'android',
  empty: { android: null },
  desired(model, actual) {
    const { keeper, notes } = desiredAndroid(model, actual);
    return { keeper: { android: keeper }, notes };
  },
  reconcile: reconcileAndroid,
  apply: applyAndroid,
  applyEvent: applyAndroidEvent,
  adopt: (snapshot) => ({ android: snapshot.android ?? null }),
};

// The web: Media Session, a service-worker notification and a wake lock.
import type { PlatformKit } from '../kit';
import { applyWeb, EMPTY_WEB, reconcileWeb } from './keeper';
import { desiredWeb } from './policy';

/** The engine's web part. */
export const webKit: PlatformKit = {
  os: 'web',
  empty: Object.freeze({ web: EMPTY_WEB }),
  desired: (model) => ({ keeper: { web: desiredWeb(model) }, notes: [] }),
  reconcile: reconcileWeb,
  apply: applyWeb,
  // The page's own changes (a closed notification, a released wake lock) are read again from the next
  // snapshot, taken on every return to the page.
  applyEvent: (actual) => actual,
  adopt: (snapshot) => (snapshot.web ? { web: snapshot.web } : { web: EMPTY_WEB }),
};

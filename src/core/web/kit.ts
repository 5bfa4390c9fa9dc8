// The web: Media Session, a service-worker notification and a wake lock.
import type { PlatformKit } from '../kit';
import { applyWeb, EMPTY_WEB, reconcileWeb } from './keeper';
import { desiredWeb } from './policy';

/** The engine's web part. */
export const webKit: PlatformKit = {
  os: 'web',
  empty: { web: EMPTY_WEB },
  desired: (model) => ({ keeper: { web: desiredWeb(model) }, notes: [] }),
  reconcile: reconcileWeb,
  apply: applyWeb,
  // The page's own changes (a closed notification, a released wake lock) arrive as app-state changes.
  applyEvent: (actual) => actual,
  adopt: (snapshot) => (snapshot.web ? { web: snapshot.web } : { web: EMPTY_WEB }),
};

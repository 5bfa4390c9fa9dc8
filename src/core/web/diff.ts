// How the web keeper (Media Session, the service-worker notification, the wake lock, the unload guard) is
// diffed and changes.
import { deepEqual } from '../equal';
import type { PlatformKit } from '../platform-kit';
import type { Command, Keeper } from '../types';

type WebKeeper = NonNullable<Keeper['web']>;

/** Nothing exposed: no session, no notification, no wake lock, no unload guard. */
export const EMPTY_WEB: WebKeeper = Object.freeze({
  session: null,
  notification: null,
  wakeLock: false,
  unloadGuard: false,
});

/** One command per part of the page's keeper that differs. */
export const reconcileWeb: PlatformKit['reconcile'] = (actual, desired) => {
  const want = desired.web;
  if (!want) return [];
  const have = actual.web ?? EMPTY_WEB;
  const commands: Command[] = [];
  if (!deepEqual(have.session, want.session)) commands.push({ kind: 'web.session', session: want.session });
  if (!deepEqual(have.notification, want.notification))
    commands.push({ kind: 'web.notification', notification: want.notification });
  if (have.wakeLock !== want.wakeLock) commands.push({ kind: 'web.wakeLock', held: want.wakeLock });
  if (have.unloadGuard !== want.unloadGuard)
    commands.push({ kind: 'web.unloadGuard', armed: want.unloadGuard });
  return commands;
};

/** `actual` after a web command succeeded. */
export const applyWeb: PlatformKit['apply'] = (actual, command) => {
  const web = actual.web ?? EMPTY_WEB;
  switch (command.kind) {
    case 'web.session':
      return { ...actual, web: { ...web, session: command.session } };
    case 'web.notification':
      return { ...actual, web: { ...web, notification: command.notification } };
    case 'web.wakeLock':
      return { ...actual, web: { ...web, wakeLock: command.held } };
    case 'web.unloadGuard':
      return { ...actual, web: { ...web, unloadGuard: command.armed } };
    default:
      return actual;
  }
};

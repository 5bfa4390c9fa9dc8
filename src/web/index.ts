// keepcall for the web: `KeepCall` over the browser's Media Session, a service-worker
// notification and Screen Wake Lock. This is what `keepcall/web` exports, and what `keepcall`
// resolves to in a browser bundle.

import { KeepCallError } from '../core/errors';
import { createKeepCall, type KeepCallApi } from '../core/facade';
import type { Permission, Permissions } from '../core/types';
import { checks as validation } from '../core/validate';
import { webKit } from '../core/web/kit';
import { createWebPort, type WebPort, type WebPortOptions } from './port';

export type { ConfigInput, PushConfig, TaskToRun } from '../core/config';
export type { RuntimeEvent, RuntimeState } from '../core/engine/contract';
export { KeepCallError } from '../core/errors';
export type { KeepCallApi } from '../core/facade';
export { getOrCreateInstance, removeInstance } from '../core/registry';
export type * from '../core/types';
export { defaultEnv, type WebEnv } from './env';
export type { PipDecorator } from './pip';
export { createWebPort, type WebPort, type WebPortOptions } from './port';

let port: WebPort | undefined;

/** The port `KeepCall` runs over; subscribe to it to see Media Session and notification actions. */
export function webPort(): WebPort {
  port ??= createWebPort();
  return port;
}

/**
 * Sets the web port's options (the picture-in-picture window's extra content, say). Call it
 * before `KeepCall` is first used; afterwards the port exists and this throws, naming why.
 */
export function configureWebPort(options: WebPortOptions): WebPort {
  if (port) {
    throw new KeepCallError(
      'invalid-config',
      'configureWebPort was called after KeepCall started: call it first',
    );
  }
  port = createWebPort(options);
  return port;
}

// Defined as false only in the production build (dist/web/index.production.*, the `production` export
// condition Vite and webpack pick for a production bundle): config is then trusted, as a React Native
// release build trusts it, and valibot with the messages (about 3 KB gzipped) is left out. Unset (typeof,
// so no ReferenceError) everywhere else: validated.
declare const KEEPCALL_VALIDATE: boolean | undefined;
const checks = typeof KEEPCALL_VALIDATE === 'boolean' && !KEEPCALL_VALIDATE ? undefined : validation;

/** The web's KeepCall: built on first use over the page's browser APIs. */
export const KeepCall: KeepCallApi = createKeepCall(() => {
  const p = webPort();
  return {
    port: p,
    platform: p.platformInfo(),
    kit: webKit,
    app: p.appState(),
    permissions: pagePermissions(),
  };
}, checks);

/**
 * Asks for notification permission; call it from a user gesture (the Join button, say), since
 * browsers ignore or block requests made without one. Resolves to keepcall's permission value.
 */
export async function requestNotificationPermission(): Promise<Permission> {
  const N = (globalThis as { Notification?: { requestPermission(): Promise<NotificationPermission> } })
    .Notification;
  if (!N) return 'denied';
  const result = await N.requestPermission();
  return toPermission(result);
}

/**
 * Registers keepcall's service worker (or yours, if it imports keepcall's) so the notification
 * can be shown and its actions reach the page. Resolves to the registration, or undefined where
 * service workers are missing (a non-secure origin, Firefox private windows).
 */
export async function registerKeepCallWorker(url = '/sw.js'): Promise<ServiceWorkerRegistration | undefined> {
  const container = (globalThis as { navigator?: Navigator }).navigator?.serviceWorker;
  if (!container) return undefined;
  return container.register(url);
}

function pagePermissions(): Partial<Permissions> {
  const N = (globalThis as { Notification?: { permission: NotificationPermission } }).Notification;
  return N ? { notifications: toPermission(N.permission) } : {};
}

function toPermission(value: NotificationPermission): Permission {
  return value === 'default' ? 'unknown' : value;
}

// keepcall's service-worker side: what happens when the user acts on the ongoing-call
// notification while the call page is hidden. A click gives the worker a user activation to
// focus or open the page (W5); "Hang up" reaches the page, which leaves the call.
//
// Use it as the worker itself, or from an existing worker:
//   module worker:  import { installKeepCallWorker } from 'keepcall/web/sw'; installKeepCallWorker();
//   classic worker: importScripts('/keepcall-sw.js');   // the IIFE build installs itself
import { CHANNEL_NAME } from './env';
import {
  APP_ACTION_PREFIX,
  type HelloReply,
  type NotificationData,
  parseNotificationData,
  parsePageMessage,
  type WorkerMessage,
} from './messages';

const INSTALLED = Symbol.for('keepcall.worker.installed');

type Scope = ServiceWorkerGlobalScope & { [INSTALLED]?: boolean };

/** Adds keepcall's notification and message listeners to a service worker; safe to call twice. */
export function installKeepCallWorker(scope: ServiceWorkerGlobalScope = currentScope()): void {
  const sw = scope as Scope;
  if (sw[INSTALLED]) return;
  sw[INSTALLED] = true;
  sw.addEventListener('notificationclick', (event) => {
    const data = parseNotificationData(event.notification.data);
    if (!data) return; // another library's notification
    event.waitUntil(onClick(sw, event.notification, event.action, data));
  });
  sw.addEventListener('notificationclose', (event) => {
    const data = parseNotificationData(event.notification.data);
    if (data)
      event.waitUntil(tell(sw, { keepcall: 1, type: 'dismissed', callId: data.callId, pageId: data.pageId }));
  });
  sw.addEventListener('message', (event) => {
    const message = parsePageMessage(event.data);
    if (message?.type === 'close') event.waitUntil(closeTag(sw, message.tag));
    else if (message?.type === 'hello') event.waitUntil(hello(sw, event));
  });
}

/** Tells a starting page its client id, and closes the notifications of pages that are gone. */
async function hello(sw: ServiceWorkerGlobalScope, event: ExtendableMessageEvent): Promise<void> {
  const source = event.source as Client | null;
  if (source && 'id' in source) {
    const reply: HelloReply = { keepcall: 1, type: 'client', clientId: source.id };
    event.ports[0]?.postMessage(reply);
  }
  // A tab that crashed, was discarded or reloaded could not close its notification; it is nobody's now,
  // and its buttons would reach no call.
  for (const notification of await sw.registration.getNotifications()) {
    const clientId = parseNotificationData(notification.data)?.clientId;
    if (clientId && !(await windowOf(sw, clientId))) notification.close();
  }
}

/**
 * Hang up: tell the page and drop the notification. One of the app's own buttons: tell the page, which
 * stays where it is (as on Android, where the app's buttons reach it in the background). Anything else
 * (the notification itself, Return to call): tell the page and bring it back.
 */
async function onClick(
  sw: ServiceWorkerGlobalScope,
  notification: Notification,
  action: string,
  { callId, pageId, url, clientId }: NotificationData,
): Promise<void> {
  if (action === 'hangup') {
    notification.close();
    await tell(sw, { keepcall: 1, type: 'action', action: 'hangup', callId, pageId });
    return;
  }
  if (action.startsWith(APP_ACTION_PREFIX)) {
    await tell(sw, { keepcall: 1, type: 'app', id: action.slice(APP_ACTION_PREFIX.length), callId, pageId });
    return;
  }
  await tell(sw, { keepcall: 1, type: 'action', action: 'return', callId, pageId });
  const page = await callPage(sw, url, clientId);
  try {
    if (page) await page.focus();
    else await sw.clients.openWindow(url);
  } catch {
    // Focusing needs the click's user activation; without one the page stays where it is rather
    // than a second call page being opened next to it.
  }
}

/**
 * The window that showed the notification. By its client id when the page said it: other tabs at the
 * same URL (the most recently focused comes first) are not the call, and a page that is gone is
 * opened again rather than another tab focused. By URL for a notification shown without it.
 */
async function callPage(
  sw: ServiceWorkerGlobalScope,
  url: string,
  clientId: string | undefined,
): Promise<WindowClient | undefined> {
  if (clientId) return windowOf(sw, clientId);
  const windows = await sw.clients.matchAll({ type: 'window', includeUncontrolled: true });
  return windows.find((client) => client.url === url) ?? windows[0];
}

/** The window with this client id, while it exists: the page that showed a notification. */
async function windowOf(sw: ServiceWorkerGlobalScope, clientId: string): Promise<WindowClient | undefined> {
  const client = await sw.clients.get(clientId);
  return client && 'focus' in client ? (client as WindowClient) : undefined;
}

/** Sends a message to every page of the origin. */
async function tell(sw: ServiceWorkerGlobalScope, message: WorkerMessage): Promise<void> {
  if (typeof BroadcastChannel === 'function') {
    const channel = new BroadcastChannel(CHANNEL_NAME);
    channel.postMessage(message);
    channel.close();
    return;
  }
  const windows = await sw.clients.matchAll({ type: 'window', includeUncontrolled: true });
  for (const client of windows) client.postMessage(message);
}

/** Closes keepcall's notifications with this tag. */
async function closeTag(sw: ServiceWorkerGlobalScope, tag: string): Promise<void> {
  const shown = await sw.registration.getNotifications({ tag });
  for (const notification of shown) if (parseNotificationData(notification.data)) notification.close();
}

function currentScope(): ServiceWorkerGlobalScope {
  return globalThis as unknown as ServiceWorkerGlobalScope;
}

/** Whether this code runs inside a service worker. */
function inServiceWorker(): boolean {
  const g = globalThis as { ServiceWorkerGlobalScope?: new () => unknown };
  return typeof g.ServiceWorkerGlobalScope === 'function' && globalThis instanceof g.ServiceWorkerGlobalScope;
}

if (inServiceWorker()) installKeepCallWorker();

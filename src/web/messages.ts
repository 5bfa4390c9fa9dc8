// The few messages keepcall's service worker and its pages exchange, and their validation:
// both ends read only what they recognise, so another library's messages pass through untouched.

/** Worker → page: the user acted on the ongoing-call notification (`app`: one of the app's own buttons). */
export type WorkerMessage =
  | { keepcall: 1; type: 'action'; action: 'hangup' | 'return'; callId: string; pageId: string }
  | { keepcall: 1; type: 'app'; id: string; callId: string; pageId: string }
  | { keepcall: 1; type: 'dismissed'; callId: string; pageId: string };

/** How the notification names an app's own button to the browser, so the worker tells it from keepcall's. */
export const APP_ACTION_PREFIX = 'app:';

/**
 * Page → worker: `close` this tag now (the page is going away and cannot await `close()`); `hello`
 * asks for the page's client id (answered on the message's port) and has the worker close what
 * pages that are gone left behind.
 */
export type PageMessage = { keepcall: 1; type: 'close'; tag: string } | { keepcall: 1; type: 'hello' };

/** Worker → page, on a `hello`'s port: the page's id among the worker's clients. */
export interface HelloReply {
  keepcall: 1;
  type: 'client';
  clientId: string;
}

/** What keepcall stores in `notification.data`, so a snapshot and the worker recognise its own. */
export interface NotificationData {
  keepcall: 1;
  callId: string;
  /** The page that showed it: tabs of one origin share the worker, each owns its notification. */
  pageId: string;
  /** The call page, focused or reopened on a click. */
  url: string;
  /** The page's client id, once the worker told it: the window a click focuses, gone once the page is. */
  clientId?: string;
}

/** Reads a worker message, or undefined when it is not one of keepcall's. */
export function parseWorkerMessage(value: unknown): WorkerMessage | undefined {
  if (!isRecord(value) || value.keepcall !== 1 || typeof value.callId !== 'string') return undefined;
  if (typeof value.pageId !== 'string') return undefined;
  const { callId, pageId } = value;
  if (value.type === 'dismissed') return { keepcall: 1, type: 'dismissed', callId, pageId };
  if (value.type === 'app' && typeof value.id === 'string') {
    return { keepcall: 1, type: 'app', id: value.id, callId, pageId };
  }
  if (value.type === 'action' && (value.action === 'hangup' || value.action === 'return')) {
    return { keepcall: 1, type: 'action', action: value.action, callId, pageId };
  }
  return undefined;
}

/** Reads a page message, or undefined when it is not one of keepcall's. */
export function parsePageMessage(value: unknown): PageMessage | undefined {
  if (!isRecord(value) || value.keepcall !== 1) return undefined;
  if (value.type === 'hello') return { keepcall: 1, type: 'hello' };
  if (value.type !== 'close' || typeof value.tag !== 'string') return undefined;
  return { keepcall: 1, type: 'close', tag: value.tag };
}

/** Reads the worker's answer to `hello`, or undefined. */
export function parseHelloReply(value: unknown): HelloReply | undefined {
  if (!isRecord(value) || value.keepcall !== 1 || value.type !== 'client') return undefined;
  return typeof value.clientId === 'string'
    ? { keepcall: 1, type: 'client', clientId: value.clientId }
    : undefined;
}

/** Reads keepcall's data from a notification, or undefined for someone else's notification. */
export function parseNotificationData(value: unknown): NotificationData | undefined {
  if (!isRecord(value) || value.keepcall !== 1 || typeof value.callId !== 'string') return undefined;
  const pageId = typeof value.pageId === 'string' ? value.pageId : '';
  const data: NotificationData = {
    keepcall: 1,
    callId: value.callId,
    pageId,
    url: typeof value.url === 'string' ? value.url : '/',
  };
  if (typeof value.clientId === 'string') data.clientId = value.clientId;
  return data;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

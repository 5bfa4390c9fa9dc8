// The browser surface the web port touches, narrowed to what it uses. Every field is optional
// because every feature is missing somewhere (Firefox, Safari, older Chromium); tests pass fakes.
import type { MediaSessionAction } from '../core/types';

/** `navigator.mediaSession`, with the conferencing methods TypeScript's DOM types lack. */
export interface MediaSessionLike {
  metadata: unknown;
  playbackState?: string;
  setActionHandler(action: MediaSessionAction, handler: (() => void) | null): void;
  setMicrophoneActive?(active: boolean): Promise<void> | void;
  setCameraActive?(active: boolean): Promise<void> | void;
}

/** A notification as `getNotifications()` returns it. */
export interface ShownNotification {
  tag: string;
  title: string;
  body: string;
  data: unknown;
  actions?: readonly { action: string; title: string }[];
  close(): void;
}

/** The parts of a service-worker registration the notification needs. */
export interface RegistrationLike {
  active?: { postMessage(message: unknown, transfer?: Transferable[]): void } | null;
  showNotification(title: string, options: Record<string, unknown>): Promise<void>;
  getNotifications(filter?: { tag?: string }): Promise<readonly ShownNotification[]>;
}

/** `navigator.wakeLock`'s sentinel. */
export interface WakeLockSentinelLike {
  released: boolean;
  release(): Promise<void>;
  addEventListener(type: 'release', listener: () => void): void;
}

/** `window.documentPictureInPicture` (Chromium 116+). */
export interface DocumentPictureInPictureLike {
  requestWindow(options?: { width?: number; height?: number }): Promise<Window>;
  window?: Window | null;
}

/** Everything the port reads from the browser; `defaultEnv()` takes it from the page. */
export interface WebEnv {
  window?: Pick<Window, 'addEventListener' | 'removeEventListener'> & { location?: { href: string } };
  document?: Pick<Document, 'addEventListener' | 'removeEventListener' | 'visibilityState'> & {
    wasDiscarded?: boolean;
  };
  mediaSession?: MediaSessionLike;
  /** Builds `new MediaMetadata(init)`; missing where the constructor is. */
  createMetadata?: (init: { title: string; artist: string; album?: string }) => unknown;
  /** The app's service-worker registration, once it is active. */
  registration?: () => Promise<RegistrationLike | undefined>;
  /** `Notification.permission`. */
  notificationPermission?: () => 'default' | 'denied' | 'granted';
  /** `Notification.maxActions`: how many buttons a notification shows, where the browser says (W5). */
  notificationMaxActions?: number;
  wakeLock?: { request(type: 'screen'): Promise<WakeLockSentinelLike> };
  pictureInPicture?: DocumentPictureInPictureLike;
  /** Messages from keepcall's service worker (BroadcastChannel, or the container's `message`). */
  listenToWorker?: (listener: (message: unknown) => void) => () => void;
  /**
   * Posts `message` to the active worker and resolves with its answer on a MessageChannel: `undefined`
   * while no worker is active (ask again later), `null` when the active one did not answer in time.
   */
  askWorker?: (message: unknown) => Promise<unknown>;
  /** The permissions API, for microphone / camera / notifications changes. */
  permissions?: { query(descriptor: { name: string }): Promise<PermissionStatusLike> };
}

/** `PermissionStatus`, narrowed. */
export interface PermissionStatusLike {
  state: 'granted' | 'denied' | 'prompt';
  addEventListener(type: 'change', listener: () => void): void;
}

/** The channel keepcall's worker and pages talk over. */
export const CHANNEL_NAME = 'keepcall';

/** Reads the browser's globals; each missing feature is left undefined, never assumed. */
export function defaultEnv(): WebEnv {
  const g = globalThis as unknown as Record<string, unknown>;
  const nav = g.navigator as Record<string, unknown> | undefined;
  const env: WebEnv = {};
  if (typeof g.addEventListener === 'function')
    env.window = globalThis as unknown as NonNullable<WebEnv['window']>;
  if (g.document) env.document = g.document as NonNullable<WebEnv['document']>;
  if (nav?.mediaSession) env.mediaSession = nav.mediaSession as MediaSessionLike;
  const Metadata = g.MediaMetadata as (new (init: object) => unknown) | undefined;
  if (typeof Metadata === 'function') env.createMetadata = (init) => new Metadata(init);
  const container = nav?.serviceWorker as ServiceWorkerContainer | undefined;
  if (container) {
    env.registration = () => activeRegistration(container);
    env.askWorker = (message) => askWorker(container, message);
  }
  const NotificationCtor = g.Notification as
    | { permission: 'default' | 'denied' | 'granted'; maxActions?: number }
    | undefined;
  if (NotificationCtor) env.notificationPermission = () => NotificationCtor.permission;
  if (typeof NotificationCtor?.maxActions === 'number')
    env.notificationMaxActions = NotificationCtor.maxActions;
  if (nav?.wakeLock) env.wakeLock = nav.wakeLock as NonNullable<WebEnv['wakeLock']>;
  if (g.documentPictureInPicture)
    env.pictureInPicture = g.documentPictureInPicture as DocumentPictureInPictureLike;
  if (nav?.permissions) env.permissions = nav.permissions as NonNullable<WebEnv['permissions']>;
  env.listenToWorker = (listener) => listenToWorker(container, listener);
  return env;
}

/** The page's registration once its worker is active; undefined when there is none. */
async function activeRegistration(container: ServiceWorkerContainer): Promise<RegistrationLike | undefined> {
  const registration = await container.getRegistration();
  if (!registration) return undefined;
  if (registration.active) return registration as unknown as RegistrationLike;
  // Installing or waiting: `ready` settles once it activates; do not wait for ever.
  const ready = await Promise.race([container.ready, new Promise<undefined>((r) => setTimeout(r, 5000))]);
  return ready as unknown as RegistrationLike | undefined;
}

/** How long a page waits for the worker's answer: a worker without keepcall's listeners never gives one. */
const ANSWER_MS = 2000;

async function askWorker(container: ServiceWorkerContainer, message: unknown): Promise<unknown> {
  const worker = (await activeRegistration(container))?.active;
  if (!worker || typeof MessageChannel !== 'function') return undefined;
  const channel = new MessageChannel();
  return new Promise((resolve) => {
    const timer = setTimeout(() => finish(null), ANSWER_MS);
    function finish(answer: unknown) {
      clearTimeout(timer);
      channel.port1.close();
      resolve(answer);
    }
    channel.port1.onmessage = (event) => finish(event.data);
    worker.postMessage(message, [channel.port2]);
  });
}

/** Listens on the BroadcastChannel and, where it is missing, on the worker container's messages. */
function listenToWorker(
  container: ServiceWorkerContainer | undefined,
  listener: (message: unknown) => void,
): () => void {
  const undo: (() => void)[] = [];
  if (typeof BroadcastChannel === 'function') {
    const channel = new BroadcastChannel(CHANNEL_NAME);
    channel.onmessage = (event) => listener(event.data);
    undo.push(() => channel.close());
  } else if (container) {
    const onMessage = (event: MessageEvent) => listener(event.data);
    container.addEventListener('message', onMessage);
    container.startMessages?.();
    undo.push(() => container.removeEventListener('message', onMessage));
  }
  return () => {
    for (const fn of undo) fn();
  };
}

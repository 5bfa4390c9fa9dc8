// A scripted browser for the web port's unit tests: each API can be present or missing, and
// records what keepcall did with it.
import type {
  MediaSessionLike,
  PermissionStatusLike,
  RegistrationLike,
  ShownNotification,
  WebEnv,
} from '../../src/web/env';

type Listener = (event: Event) => void;

class Target {
  private readonly listeners = new Map<string, Set<Listener>>();
  addEventListener(type: string, listener: Listener): void {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)?.add(listener);
  }
  removeEventListener(type: string, listener: Listener): void {
    this.listeners.get(type)?.delete(listener);
  }
  fire(type: string, extra: Record<string, unknown> = {}): void {
    const event = { type, ...extra } as unknown as Event;
    for (const listener of [...(this.listeners.get(type) ?? [])]) listener(event);
  }
  count(type: string): number {
    return this.listeners.get(type)?.size ?? 0;
  }
}

/** Which features the fake browser has. */
export interface FakeFeatures {
  mediaSession?: boolean;
  /** Actions `setActionHandler` refuses with a TypeError, as older browsers do. */
  refusedActions?: string[];
  serviceWorker?: boolean;
  notificationPermission?: 'default' | 'denied' | 'granted' | 'missing';
  wakeLock?: boolean;
  pictureInPicture?: boolean;
  /** How many showNotification calls resolve without displaying anything (a flaky browser). */
  dropNotifications?: number;
  /** How many getNotifications reads after each show still miss it (Chromium lists it a moment later). */
  listedLate?: number;
}

export class FakeBrowser {
  readonly window = Object.assign(new Target(), { location: { href: 'https://app.example/call' } });
  readonly document = Object.assign(new Target(), { visibilityState: 'visible' as DocumentVisibilityState });
  readonly handlers = new Map<string, () => void>();
  readonly shown: ShownNotification[] = [];
  readonly workerMessages: unknown[] = [];
  readonly wakeLocks: { released: boolean; release(): Promise<void>; addEventListener(): void }[] = [];
  micActive: boolean | undefined;
  cameraActive: boolean | undefined;
  metadata: unknown = null;
  private workerListener: ((message: unknown) => void) | undefined;
  readonly env: WebEnv;

  constructor(features: FakeFeatures = {}) {
    const f = {
      mediaSession: true,
      serviceWorker: true,
      notificationPermission: 'granted',
      wakeLock: true,
      ...features,
    };
    const env: WebEnv = { window: this.window, document: this.document as unknown as WebEnv['document'] };
    if (f.mediaSession) {
      const browser = this;
      const session: MediaSessionLike = {
        get metadata() {
          return browser.metadata;
        },
        set metadata(value) {
          browser.metadata = value;
        },
        setActionHandler: (action, handler) => {
          if (f.refusedActions?.includes(action))
            throw new TypeError(`'${action}' is not a valid MediaSessionAction`);
          if (handler) this.handlers.set(action, handler);
          else this.handlers.delete(action);
        },
        setMicrophoneActive: (active) => {
          this.micActive = active;
        },
        setCameraActive: (active) => {
          this.cameraActive = active;
        },
      };
      env.mediaSession = session;
      env.createMetadata = (init) => ({ ...init });
    }
    if (f.serviceWorker) {
      let unlistedReads = 0;
      const registration: RegistrationLike = {
        active: { postMessage: (message) => this.workerMessages.push(message) },
        showNotification: async (title, options) => {
          if ((f.dropNotifications ?? 0) > 0) {
            f.dropNotifications = (f.dropNotifications ?? 0) - 1;
            return;
          }
          const tag = String(options.tag);
          const existing = this.shown.findIndex((n) => n.tag === tag);
          if (existing >= 0) this.shown.splice(existing, 1);
          const notification: ShownNotification = {
            tag,
            title,
            body: String(options.body),
            data: options.data,
            actions: options.actions as ShownNotification['actions'],
            close: () => {
              const index = this.shown.indexOf(notification);
              if (index >= 0) this.shown.splice(index, 1);
            },
          };
          this.shown.push(notification);
          unlistedReads = f.listedLate ?? 0;
        },
        getNotifications: async (filter) => {
          if (unlistedReads > 0) {
            unlistedReads -= 1;
            return [];
          }
          return this.shown.filter((n) => !filter?.tag || n.tag === filter.tag);
        },
      };
      env.registration = async () => registration;
    }
    if (f.notificationPermission !== 'missing') {
      env.notificationPermission = () => f.notificationPermission as 'default' | 'denied' | 'granted';
    }
    if (f.wakeLock) {
      env.wakeLock = {
        request: async () => {
          const sentinel = {
            released: false,
            release: async () => {
              sentinel.released = true;
            },
            addEventListener: () => undefined,
          };
          this.wakeLocks.push(sentinel);
          return sentinel;
        },
      };
    }
    if (f.pictureInPicture) {
      env.pictureInPicture = { requestWindow: async () => ({}) as Window };
    }
    env.listenToWorker = (listener) => {
      this.workerListener = listener;
      return () => {
        this.workerListener = undefined;
      };
    };
    env.permissions = {
      query: async () => ({ state: 'granted', addEventListener: () => undefined }) as PermissionStatusLike,
    };
    this.env = env;
  }

  /** The tab goes to the background (or back): releases wake locks as the browser does (W4). */
  setVisible(visible: boolean): void {
    this.document.visibilityState = visible ? 'visible' : 'hidden';
    if (!visible) for (const lock of this.wakeLocks) lock.released = true;
    this.document.fire('visibilitychange');
  }

  /** A message from keepcall's service worker. */
  fromWorker(message: unknown): void {
    this.workerListener?.(message);
  }

  /** Presses a Media Session button. */
  press(action: string): void {
    const handler = this.handlers.get(action);
    if (!handler) throw new Error(`no handler for ${action}`);
    handler();
  }

  listenerCount(type: string): number {
    return this.document.count(type) + this.window.count(type);
  }
}

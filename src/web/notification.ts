// The ongoing-call notification, shown through the app's service worker so that its actions
// work while the page is hidden (W5: two actions at most).
import { KeepCallError } from '../core/errors';
import type { WebNotificationAction, WebNotificationSpec } from '../core/types';
import type { RegistrationLike, ShownNotification, WebEnv } from './env';
import {
  APP_ACTION_PREFIX,
  type NotificationData,
  type PageMessage,
  parseHelloReply,
  parseNotificationData,
} from './messages';
import type { UnsupportedOnce } from './unsupported';

/** How long a shown notification may take to be listed before it is shown once more. */
const LISTED_WITHIN_MS = 50;

/** Shows, replaces and closes keepcall's notification; reads back what is displayed. */
export class NotificationDriver {
  private lastTag: string | undefined;
  /** Kept so a page going away can reach the worker synchronously. */
  private known: RegistrationLike | undefined;
  /** This page's client id, as the worker answered `hello`; undefined until (or unless) it does. */
  private clientId: string | undefined;
  private asking: Promise<void> | undefined;
  /** The active worker did not answer: it is not keepcall's, and asking again would only wait again. */
  private unanswered = false;

  /** Wires the driver to the browser. */
  constructor(
    private readonly env: WebEnv,
    private readonly unsupported: UnsupportedOnce,
    /** Tabs share the worker; each closes and reads back only what it showed. */
    private readonly pageId: string,
  ) {}

  /**
   * Says `hello` to the worker: it answers with this page's client id, which the notification then
   * carries so a click focuses this tab, and it closes what pages that are gone left behind.
   */
  introduce(): Promise<void> {
    const ask = this.env.askWorker;
    if (this.clientId || this.unanswered || !ask) return Promise.resolve();
    const message: PageMessage = { keepcall: 1, type: 'hello' };
    // No worker yet (the app registers it after keepcall starts): the next notification asks again.
    this.asking ??= ask(message)
      .then(
        (answer) => {
          this.unanswered = answer === null;
          this.clientId = parseHelloReply(answer)?.clientId;
        },
        () => undefined,
      )
      .finally(() => {
        this.asking = undefined;
      });
    return this.asking;
  }

  /** Shows (same tag replaces) or, for null, closes keepcall's notification. */
  async apply(spec: WebNotificationSpec | null): Promise<KeepCallError | undefined> {
    if (!spec) {
      await this.closeAll();
      return undefined;
    }
    const registration = await this.registration();
    if (!registration) {
      return this.unsupported.report(
        'serviceWorker',
        'no active service-worker registration to show the notification',
      );
    }
    const permission = this.env.notificationPermission?.();
    if (permission === undefined)
      return this.unsupported.report('notification', 'the Notification API is missing');
    if (permission !== 'granted') {
      throw new KeepCallError(
        'notifications-blocked',
        `notification permission is '${permission}'; call Notification.requestPermission() from a user gesture`,
        { callId: spec.callId },
      );
    }
    const data: NotificationData = {
      keepcall: 1,
      callId: spec.callId,
      pageId: this.pageId,
      url: this.env.window?.location?.href ?? '/',
    };
    await this.introduce();
    if (this.clientId) data.clientId = this.clientId;
    const { tag } = spec;
    if (this.lastTag !== undefined && this.lastTag !== tag) await this.closeTag(registration, this.lastTag);
    this.lastTag = tag;
    const options = {
      tag,
      body: spec.body,
      actions: spec.actions.map((a) => ({
        action: a.action === 'app' ? `${APP_ACTION_PREFIX}${a.id}` : a.action,
        title: a.title,
      })),
      data,
      requireInteraction: true,
      silent: true,
      renotify: false,
    };
    // Chromium now and then resolves showNotification before the notification is listed, or without it
    // staying up; the keeper must match what the user sees, so look again for a while, then show once more.
    // The looking is getNotifications round trips, never a timer: a hidden page's timers are throttled
    // (a 50 ms wait became 200-554 ms when joining while hidden).
    for (let attempt = 0; attempt < 2; attempt++) {
      await registration.showNotification(spec.title, options);
      const since = Date.now();
      // Bounded by reads too, so a clock that does not move (a test's) cannot spin it for ever.
      for (let read = 0; read < 200; read++) {
        if ((await registration.getNotifications({ tag })).some((n) => this.owns(n))) return undefined;
        if (Date.now() - since >= LISTED_WITHIN_MS) break;
      }
    }
    throw new KeepCallError('port-failed', 'the browser accepted the notification but does not display it', {
      callId: spec.callId,
    });
  }

  /** keepcall's notification as displayed now, or null. */
  async snapshot(): Promise<WebNotificationSpec | null> {
    const registration = await this.registration();
    if (!registration) return null;
    const shown = (await registration.getNotifications()).find((n) => this.owns(n));
    return shown ? toSpec(shown) : null;
  }

  /**
   * Asks the worker to close the notification, for a page going away that cannot await the
   * asynchronous close: `postMessage` leaves at once and the worker finishes the job.
   */
  closeFromWorker(): void {
    if (this.lastTag === undefined) return;
    const message: PageMessage = { keepcall: 1, type: 'close', tag: this.lastTag };
    try {
      this.known?.active?.postMessage(message);
    } catch {
      // The worker is gone too; nothing is left to close.
    }
  }

  private async closeAll(): Promise<void> {
    const registration = await this.registration();
    if (!registration) return;
    for (const n of await registration.getNotifications()) if (this.owns(n)) n.close();
    this.lastTag = undefined;
  }

  private async closeTag(registration: RegistrationLike, tag: string): Promise<void> {
    for (const n of await registration.getNotifications({ tag })) if (this.owns(n)) n.close();
  }

  private owns(shown: ShownNotification): boolean {
    return parseNotificationData(shown.data)?.pageId === this.pageId;
  }

  private async registration(): Promise<RegistrationLike | undefined> {
    // An active registration stays usable: asking the browser again costs a round trip per command.
    if (this.known?.active) return this.known;
    try {
      this.known = (await this.env.registration?.()) ?? undefined;
      return this.known;
    } catch {
      return undefined;
    }
  }
}

function toSpec(shown: ShownNotification): WebNotificationSpec {
  const data = parseNotificationData(shown.data);
  return {
    callId: data?.callId ?? '',
    tag: shown.tag,
    title: shown.title,
    body: shown.body,
    actions: (shown.actions ?? []).flatMap(toAction),
  };
}

/** A displayed button as the spec names it; none for a button keepcall did not make. */
function toAction({ action, title }: { action: string; title: string }): WebNotificationAction[] {
  if (action === 'return' || action === 'hangup') return [{ action, title }];
  if (action.startsWith(APP_ACTION_PREFIX))
    return [{ action: 'app', id: action.slice(APP_ACTION_PREFIX.length), title }];
  return [];
}

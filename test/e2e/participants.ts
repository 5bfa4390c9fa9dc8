// Two people in a call, as the end-to-end tests and web benchmarks drive them: the demo page in
// tabs of one real Chromium, with probes that see what the browser holds independently of keepcall.
import type { BrowserContext, CDPSession, Page } from 'playwright-core';

/** What `window.demo.state()` returns (see examples/demo/client/main.ts). */
export interface DemoState {
  joined: boolean;
  callState: string;
  selfId: string;
  peers: { id: string; name: string; connection: string }[];
  signalingOpen: boolean;
  heartbeatsAcked: number;
  visibility: string;
  serverErrors: string[];
  keeper: {
    web?: { session: unknown; notification: unknown; wakeLock: boolean; unloadGuard: boolean };
  } | null;
  app: string | null;
  /** keepcall's id for this page; its notification's tag ends with it. */
  pageId: string;
}

export interface ShownNotification {
  tag: string;
  title: string;
  body: string;
  actions: string[];
}

/**
 * Media Session actions cannot be triggered by a test tool, and a wake lock cannot be read from
 * outside: wrap both APIs before the page runs, recording handlers and sentinels.
 */
export async function installProbes(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as {
      __handlers: Record<string, () => void>;
      __wakeLocks: { released: boolean }[];
    };
    w.__handlers = {};
    w.__wakeLocks = [];
    const session = navigator.mediaSession as unknown as {
      setActionHandler(action: string, handler: (() => void) | null): void;
    };
    if (session) {
      const original = session.setActionHandler.bind(session);
      session.setActionHandler = (action, handler) => {
        original(action, handler);
        if (handler) w.__handlers[action] = handler;
        else delete w.__handlers[action];
      };
    }
    const wakeLock = (
      navigator as unknown as { wakeLock?: { request(type: string): Promise<{ released: boolean }> } }
    ).wakeLock;
    if (wakeLock) {
      const request = wakeLock.request.bind(wakeLock);
      wakeLock.request = async (type) => {
        const sentinel = await request(type);
        w.__wakeLocks.push(sentinel);
        return sentinel;
      };
    }
  });
}

/** Opens the demo page in a new tab of the default context. */
export async function openDemo(context: BrowserContext, url: string, keepcall: boolean): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${url}${keepcall ? '' : '?keepcall=off'}`);
  await page.waitForFunction(() => 'demo' in window);
  // The demo's worker takes control on first load; wait until it is active.
  await page.evaluate(() =>
    Promise.race([
      navigator.serviceWorker.ready,
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error('the demo service worker did not activate')), 10_000),
      ),
    ]),
  );
  return page;
}

/** Brings the page to the front (hiding the others) and joins the room. */
export async function join(page: Page, room: string, name: string, video = true): Promise<void> {
  await page.bringToFront();
  await page.evaluate(([r, n, v]) => (window as unknown as DemoWindow).demo.join(r, n, v), [
    room,
    name,
    video,
  ] as const);
  await waitFor(() => state(page).then((s) => s.joined), `${name} joined`);
}

interface DemoWindow {
  demo: {
    join(room: string, name: string, video: boolean): Promise<void>;
    hangup(): Promise<void>;
    state(): DemoState;
    inboundAudioPackets(): Promise<number>;
    idle(): Promise<void>;
  };
}

/** The demo's own view of its call. */
export function state(page: Page): Promise<DemoState> {
  return page.evaluate(() => (window as unknown as DemoWindow).demo.state());
}

/** Inbound audio packets received so far, summed over peers (RTCPeerConnection.getStats). */
export function audioPackets(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as DemoWindow).demo.inboundAudioPackets());
}

/** Waits until keepcall has nothing in flight (resolves at once without keepcall). */
export function idle(page: Page): Promise<void> {
  return page.evaluate(() => (window as unknown as DemoWindow).demo.idle());
}

/**
 * The notifications the origin's service worker displays now, other tabs' included: a control
 * page without keepcall has no id of its own, so the tests look at everything that is shown.
 */
export function allNotifications(page: Page): Promise<ShownNotification[]> {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    const shown = (await registration?.getNotifications()) ?? [];
    return shown.map((n) => ({
      tag: n.tag,
      title: n.title,
      body: n.body,
      actions: ((n as unknown as { actions?: { action: string }[] }).actions ?? []).map((a) => a.action),
    }));
  });
}

/** The notifications this page's keepcall shows (tagged with its page id). */
export async function notifications(page: Page): Promise<ShownNotification[]> {
  const { pageId } = await state(page);
  return (await allNotifications(page)).filter((n) => pageId !== '' && n.tag.endsWith(`#${pageId}`));
}

/** Media Session actions with a handler set. */
export function mediaSessionHandlers(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Object.keys((window as unknown as { __handlers: Record<string, unknown> }).__handlers).sort(),
  );
}

/** Calls a Media Session handler as the browser would on a button press. */
export function pressMediaSession(page: Page, action: string): Promise<void> {
  return page.evaluate((a) => {
    (window as unknown as { __handlers: Record<string, () => void> }).__handlers[a]?.();
  }, action);
}

/** Whether the page holds a screen wake lock the browser has not released. */
export function wakeLockHeld(page: Page): Promise<boolean> {
  return page.evaluate(() =>
    (window as unknown as { __wakeLocks: { released: boolean }[] }).__wakeLocks.some((s) => !s.released),
  );
}

/** Runs the worker's notificationclick handler for the displayed notification, as a click would. */
export async function clickNotificationAction(
  context: BrowserContext,
  page: Page,
  action: string,
): Promise<boolean> {
  const { pageId } = await state(page);
  const worker =
    context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 5000 }));
  return worker.evaluate(
    async ([a, id]) => {
      const sw = self as unknown as ServiceWorkerGlobalScope;
      const notification = (await sw.registration.getNotifications()).find((n) => n.tag.endsWith(`#${id}`));
      if (!notification) return false;
      sw.dispatchEvent(new NotificationEvent('notificationclick', { notification, action: a }));
      return true;
    },
    [action, pageId] as const,
  );
}

/** What a page's call and keepcall look like, for failure messages. */
export async function describePage(page: Page): Promise<string> {
  return page
    .evaluate(() => {
      const demo = (window as unknown as { demo: { state(): unknown } }).demo;
      const card = document.getElementById('web-card')?.innerText ?? '';
      return `${JSON.stringify(demo.state())}\n${card}`;
    })
    .catch((error: unknown) => `(page unreadable: ${String(error)})`);
}

/** Polls until `check` holds, or fails naming what it waited for (and what `page` shows). */
export async function waitFor(
  check: () => Promise<boolean> | boolean,
  what: string,
  timeoutMs = 10_000,
  page?: Page,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for: ${what}${page ? `\n${await describePage(page)}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Hides `page` for real by bringing another tab to the front. */
export async function hide(page: Page, cover: Page): Promise<void> {
  await cover.bringToFront();
  await waitFor(() => page.evaluate(() => document.visibilityState === 'hidden'), 'page hidden');
}

/** Brings `page` back to the front. */
export async function show(page: Page): Promise<void> {
  await page.bringToFront();
  await waitFor(() => page.evaluate(() => document.visibilityState === 'visible'), 'page visible');
}

/** Grants what a call page needs on `origin`, including the screen wake lock headless Chromium denies by default. */
export async function grantCallPermissions(
  context: BrowserContext,
  cdp: CDPSession,
  origin: string,
): Promise<void> {
  await context.grantPermissions(['notifications', 'microphone', 'camera'], { origin });
  await cdp.send('Browser.setPermission', {
    permission: { name: 'screen-wake-lock' },
    setting: 'granted',
    origin,
  });
}

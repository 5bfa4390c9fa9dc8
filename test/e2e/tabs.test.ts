// Calling tabs that come and go, in a real Chromium: a visible tab closed or reloaded mid-call, two tabs
// of the same page, and a tab that dies without unloading. Each leaves exactly the notifications of
// the calls still running, and "Return to call" brings back the tab the call is in.
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoForThisFile } from './demo-per-file';
import { clickNotificationAction, hide, join, notifications, openDemo, state, waitFor } from './participants';

const running = demoForThisFile();

async function worker(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 5000 }));
}

/** The page ids of every keepcall notification the worker displays, whichever tab showed it. */
async function shownPageIds(context: BrowserContext): Promise<string[]> {
  return (await worker(context)).evaluate(async () => {
    const sw = self as unknown as ServiceWorkerGlobalScope;
    const shown = await sw.registration.getNotifications();
    return shown.flatMap((n) => (n.data?.keepcall === 1 ? [String(n.data.pageId)] : []));
  });
}

/** Records, in the worker, the page id of every window a notification click focuses. */
async function recordFocus(context: BrowserContext, pages: Page[]): Promise<() => Promise<string[]>> {
  const sw = await worker(context);
  await sw.evaluate(() => {
    const scope = self as unknown as { __pageOf: Record<string, string>; __focused: string[] };
    scope.__pageOf = {};
    scope.__focused = [];
    self.addEventListener('message', (event) => {
      const source = event.source as Client | null;
      if (source && event.data?.probePageId) scope.__pageOf[source.id] = event.data.probePageId;
    });
    const focus = WindowClient.prototype.focus;
    WindowClient.prototype.focus = function (this: WindowClient) {
      scope.__focused.push(scope.__pageOf[this.id] ?? this.id);
      return focus.call(this);
    };
  });
  for (const page of pages) {
    const { pageId } = await state(page);
    await page.evaluate(async (id) => {
      (await navigator.serviceWorker.ready).active?.postMessage({ probePageId: id });
    }, pageId);
  }
  return () => sw.evaluate(() => (self as unknown as { __focused: string[] }).__focused);
}

describe('calling tabs that come and go', () => {
  it('a visible calling tab closed or reloaded leaves no notification behind', async () => {
    for (const leave of ['close', 'reload'] as const) {
      const page = await openDemo(running.chrome.context, running.demo.url, true);
      page.on('dialog', (dialog) => void dialog.accept()); // the demo asks before leaving a call
      await join(page, `visible-${leave}`, 'Alice');
      const { pageId } = await state(page);
      // Chromium hides the page after pagehide while it unloads: that must not show the notification.
      if (leave === 'close') await page.close({ runBeforeUnload: true });
      else await page.reload();
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(await shownPageIds(running.chrome.context), `after ${leave}`).not.toContain(pageId);
      if (leave === 'reload') await page.close();
    }
  }, 60_000);

  it('"Return to call" focuses the tab whose call it is, though another tab of the same page is in front', async () => {
    const a = await openDemo(running.chrome.context, running.demo.url, true);
    const b = await openDemo(running.chrome.context, running.demo.url, true);
    try {
      await join(a, 'two-tabs', 'Alice');
      await join(b, 'two-tabs', 'Bob'); // B in front, A hidden
      await waitFor(async () => (await notifications(a)).length === 1, "A's notification", 10_000, a);
      const focused = await recordFocus(running.chrome.context, [a, b]);
      expect(await clickNotificationAction(running.chrome.context, a, 'return')).toBe(true);
      await waitFor(async () => (await focused()).length > 0, 'a window focused');
      expect(await focused()).toEqual([(await state(a)).pageId]);
    } finally {
      for (const page of [a, b]) {
        await page.evaluate(() => (window as unknown as { demo: { hangup(): unknown } }).demo.hangup());
        await page.close();
      }
    }
  }, 60_000);

  it('the notification of a tab that died without unloading is closed once the page is opened again', async () => {
    const cover = await openDemo(running.chrome.context, running.demo.url, true);
    const dying = await openDemo(running.chrome.context, running.demo.url, true);
    await join(dying, 'crash', 'Alice');
    const { pageId } = await state(dying);
    await hide(dying, cover);
    await waitFor(
      async () => (await shownPageIds(running.chrome.context)).includes(pageId),
      'shown while hidden',
    );
    const cdp = await running.chrome.context.newCDPSession(dying);
    // The renderer is gone at once: nothing of the page runs again, pagehide included.
    await Promise.race([
      cdp.send('Page.crash').catch(() => undefined),
      new Promise((r) => setTimeout(r, 3000)),
    ]);
    await dying.close().catch(() => undefined);
    expect(await shownPageIds(running.chrome.context)).toContain(pageId);

    const again = await openDemo(running.chrome.context, running.demo.url, true);
    await waitFor(
      async () => !(await shownPageIds(running.chrome.context)).includes(pageId),
      "the dead tab's notification closed",
    );
    await again.close();
    await cover.close();
  }, 60_000);
});

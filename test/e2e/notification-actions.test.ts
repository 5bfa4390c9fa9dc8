// The web notification an app shapes, in a real Chromium with the page really hidden (another tab in
// front): an app's own button is on the service worker's notification next to Hang up, as many as
// Chromium shows (Notification.maxActions), and pressing it or clicking the notification reaches the page
// through KeepCall.on with the call id, while the call goes on.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RuntimeEvent } from '../../src/core/engine/contract';
import { demoForThisFile } from './demo-per-file';
import { clickNotificationAction, hide, join, notifications, openDemo, state, waitFor } from './participants';

const running = demoForThisFile({ probes: false });

interface ShapingDemo {
  demo: {
    updateConfig(patch: unknown): void;
    notificationEvents(): RuntimeEvent[];
    hangup(): Promise<void>;
  };
}

const heard = (page: Page) =>
  page.evaluate(() => (window as unknown as ShapingDemo).demo.notificationEvents());

describe("the web notification's own buttons and its tap", () => {
  it("shows the app's button beside Hang up; its press and a click reach the hidden page with the call id", async () => {
    const cover = await openDemo(running.chrome.context, running.demo.url, true);
    const page = await openDemo(running.chrome.context, running.demo.url, true);
    try {
      expect(await page.evaluate(() => (Notification as unknown as { maxActions: number }).maxActions)).toBe(
        2,
      );
      await page.evaluate(() =>
        (window as unknown as ShapingDemo).demo.updateConfig({
          web: { actions: [{ id: 'raise-hand', label: 'Raise hand' }] },
        }),
      );
      await join(page, 'shaped', 'Alice');
      const { selfId } = await state(page);
      await hide(page, cover);
      await waitFor(async () => (await notifications(page)).length === 1, 'the notification', 10_000, page);
      // Chromium shows two: Hang up first, then the app's; Return to call is the click on the notification.
      expect((await notifications(page))[0]?.actions).toEqual(['hangup', 'app:raise-hand']);

      expect(await clickNotificationAction(running.chrome.context, page, 'app:raise-hand')).toBe(true);
      await waitFor(async () => (await heard(page)).length === 1, 'the action event', 10_000, page);
      const [pressed] = await heard(page);
      expect(pressed).toEqual({ type: 'action', callId: expect.any(String), id: 'raise-hand' });
      // The app's button leaves the call, the tab and the notification as they were.
      expect(await state(page)).toMatchObject({ joined: true, selfId, visibility: 'hidden' });
      expect(await notifications(page)).toHaveLength(1);

      // A click on the notification itself: the page hears a tap (focusing needs a real click's activation).
      expect(await clickNotificationAction(running.chrome.context, page, '')).toBe(true);
      await waitFor(async () => (await heard(page)).length === 2, 'the tap event', 10_000, page);
      expect((await heard(page))[1]).toEqual({ type: 'tap', callId: (pressed as { callId: string }).callId });
    } finally {
      await page.evaluate(() => (window as unknown as ShapingDemo).demo.hangup()).catch(() => undefined);
      await page.close();
      await cover.close();
    }
  }, 60_000);
});

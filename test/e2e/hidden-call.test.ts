// Two participants in a real Chromium, one of them hidden for real (another tab in front), with
// keepcall and, as the control, the same page without it: each thing keepcall adds must be
// present in the first run and absent in the second, so these tests can fail.
import type { CDPSession, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoForThisFile } from './demo-per-file';
import {
  allNotifications,
  audioPackets,
  clickNotificationAction,
  hide,
  idle,
  join,
  mediaSessionHandlers,
  notifications,
  openDemo,
  pressMediaSession,
  show,
  state,
  waitFor,
  wakeLockHeld,
} from './participants';

const HIDDEN_MS = 20_000;
const SAMPLE_MS = 4_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const running = demoForThisFile();

interface Pair {
  a: Page;
  b: Page;
  aId: string;
}

/** B joins, then A (A ends in front), and audio flows both ways. */
async function startCall(keepcall: boolean, room: string): Promise<Pair> {
  const b = await openDemo(running.chrome.context, running.demo.url, keepcall);
  const a = await openDemo(running.chrome.context, running.demo.url, keepcall);
  await join(b, room, 'Bob');
  await join(a, room, 'Alice');
  await waitFor(
    async () => (await audioPackets(a)) > 0 && (await audioPackets(b)) > 0,
    'audio both ways',
    20_000,
  );
  return { a, b, aId: (await state(a)).selfId };
}

async function heartbeats(peerId: string): Promise<number> {
  return running.demo.signaling.peers().find((p) => p.id === peerId)?.heartbeats ?? -1;
}

/** Hides A for HIDDEN_MS, sampling what keeps a call alive. */
async function hideAndSample({ a, b, aId }: Pair) {
  await hide(a, b);
  const packets: number[] = [];
  const signaling: boolean[] = [];
  const beats0 = await heartbeats(aId);
  for (let t = 0; t <= HIDDEN_MS; t += SAMPLE_MS) {
    if (t > 0) await sleep(SAMPLE_MS);
    packets.push(await audioPackets(a));
    signaling.push((await state(a)).signalingOpen);
  }
  return { packets, signaling, heartbeats: (await heartbeats(aId)) - beats0 };
}

async function freezeAndResume(a: Page): Promise<void> {
  const cdp: CDPSession = await running.chrome.context.newCDPSession(a);
  await cdp.send('Page.setWebLifecycleState', { state: 'frozen' });
  await sleep(3_000);
  await cdp.send('Page.setWebLifecycleState', { state: 'active' });
  await cdp.detach();
  // The frozen tab lost its signaling socket; the demo resumes its place in the room.
  await waitFor(async () => (await state(a)).signalingOpen, 'signaling resumed after the freeze', 15_000);
}

async function bSees(b: Page, aId: string, present: boolean): Promise<void> {
  await waitFor(
    async () => (await state(b)).peers.some((p) => p.id === aId) === present,
    `B sees A ${present ? 'in' : 'leave'}`,
  );
}

async function close(pair: Pair): Promise<void> {
  for (const page of [pair.a, pair.b]) {
    await page
      .evaluate(() => (window as unknown as { demo: { hangup(): unknown } }).demo.hangup())
      .catch(() => undefined);
    await page.close();
  }
}

function rising(values: number[]): boolean {
  return values.every((value, i) => i === 0 || value > (values[i - 1] as number));
}

describe('a call hidden in a real Chromium', () => {
  it('with keepcall: notification, Media Session, wake lock, hangup from both surfaces, freeze/resume', async () => {
    const pair = await startCall(true, 'with-keepcall');
    const { a, b, aId } = pair;
    try {
      // Visible video call: the wake lock is held (W4).
      await waitFor(() => wakeLockHeld(a), 'wake lock while visible');

      const hidden = await hideAndSample(pair);
      expect(rising(hidden.packets), `inbound audio packets while hidden: ${hidden.packets}`).toBe(true);
      expect(hidden.signaling.every(Boolean)).toBe(true);
      expect(hidden.heartbeats).toBeGreaterThanOrEqual(HIDDEN_MS / 2000 - 2);
      const shown = await notifications(a);
      expect(shown).toHaveLength(1);
      expect(shown[0]?.actions).toEqual(['return', 'hangup']);
      expect(await mediaSessionHandlers(a)).toEqual(
        expect.arrayContaining(['hangup', 'togglecamera', 'togglemicrophone']),
      );
      expect(await wakeLockHeld(a)).toBe(false); // the browser released it on hide (W4)

      await freezeAndResume(a);
      await idle(a);
      const resumed = await state(a);
      expect(resumed.joined).toBe(true);
      expect(resumed.app).toBe('background');
      expect(resumed.keeper?.web?.session).not.toBeNull();
      expect(await notifications(a)).toHaveLength(1);

      await show(a);
      await waitFor(() => wakeLockHeld(a), 'wake lock re-acquired on return');
      await waitFor(async () => (await notifications(a)).length === 0, 'notification closed on return');

      // Hang up from Media Session.
      await pressMediaSession(a, 'hangup');
      await waitFor(
        async () => (await state(a)).callState === 'left',
        'A left after the Media Session hangup',
      );
      await bSees(b, aId, false);
      await idle(a);
      expect(await mediaSessionHandlers(a)).toEqual([]);
      expect(await wakeLockHeld(a)).toBe(false);
      expect(await notifications(a)).toEqual([]);
      expect((await state(a)).keeper).toEqual({
        web: { session: null, notification: null, wakeLock: false, unloadGuard: false },
      });

      // Join again, hide, hang up from the notification's action (the worker's handler runs).
      await join(a, 'with-keepcall', 'Alice');
      const again = (await state(a)).selfId;
      await bSees(b, again, true);
      await hide(a, b);
      await waitFor(
        async () => (await notifications(a)).length === 1,
        'notification while hidden',
        10_000,
        a,
      );
      expect(await clickNotificationAction(running.chrome.context, a, 'hangup')).toBe(true);
      await waitFor(
        async () => (await state(a)).callState === 'left',
        'A left after the notification hangup',
      );
      await bSees(b, again, false);
      await idle(a);
      expect(await notifications(a)).toEqual([]);
      expect(await mediaSessionHandlers(a)).toEqual([]);
      expect((await state(a)).keeper).toEqual({
        web: { session: null, notification: null, wakeLock: false, unloadGuard: false },
      });
    } finally {
      await close(pair);
    }
  }, 150_000);

  it('without keepcall (control): no notification, no Media Session, no wake lock, nothing to hang up from', async () => {
    const pair = await startCall(false, 'control');
    const { a, b, aId } = pair;
    try {
      await sleep(1_000);
      expect(await wakeLockHeld(a)).toBe(false);

      const hidden = await hideAndSample(pair);
      // Chrome itself keeps a WebRTC page's audio and timers running (W1, W2): this is the
      // baseline keepcall must not break, not something it adds.
      expect(rising(hidden.packets), `inbound audio packets while hidden: ${hidden.packets}`).toBe(true);
      expect(await allNotifications(a)).toEqual([]);
      expect(await mediaSessionHandlers(a)).toEqual([]);

      await freezeAndResume(a);
      expect((await state(a)).joined).toBe(true);
      expect(await allNotifications(a)).toEqual([]);

      await show(a);
      await sleep(1_000);
      expect(await wakeLockHeld(a)).toBe(false);

      // Nothing outside the page can end the call: the Media Session button and the
      // notification do not exist.
      await pressMediaSession(a, 'hangup');
      expect(await clickNotificationAction(running.chrome.context, a, 'hangup')).toBe(false);
      await sleep(1_000);
      expect((await state(a)).joined).toBe(true);
      await bSees(b, aId, true);
    } finally {
      await close(pair);
    }
  }, 150_000);

  it('Media Session picture-in-picture opens a window whose buttons control the call; none without keepcall', async () => {
    const pipText = (page: Page) =>
      page.evaluate(() => {
        const pip = (window as unknown as { documentPictureInPicture?: { window: Window | null } })
          .documentPictureInPicture;
        return pip?.window?.document.getElementById('keepcall-pip')?.textContent ?? null;
      });
    const clickPip = (page: Page, label: string) =>
      page.evaluate((text) => {
        const pip = (window as unknown as { documentPictureInPicture: { window: Window } })
          .documentPictureInPicture;
        const buttons = [
          ...pip.window.document.querySelectorAll('#keepcall-pip button'),
        ] as HTMLButtonElement[];
        buttons.find((b) => b.textContent === text)?.click();
      }, label);

    for (const keepcall of [true, false]) {
      const page = await openDemo(running.chrome.context, running.demo.url, keepcall);
      try {
        await join(page, keepcall ? 'pip-with' : 'pip-without', 'Alice');
        await idle(page);
        await pressMediaSession(page, 'enterpictureinpicture');
        if (!keepcall) {
          await sleep(500);
          expect(await pipText(page)).toBeNull();
          continue;
        }
        await waitFor(async () => (await pipText(page)) !== null, 'picture-in-picture window');
        expect(await pipText(page)).toContain('Hang up');
        await clickPip(page, 'Mute');
        await waitFor(
          async () => (await pipText(page))?.includes('Unmute') ?? false,
          'mute reflected in the window',
        );
        await clickPip(page, 'Hang up');
        await waitFor(async () => (await state(page)).callState === 'left', 'left from the window');
        await waitFor(async () => (await pipText(page)) === null, 'window closed with the call');
      } finally {
        await page.close();
      }
    }
  }, 60_000);
});

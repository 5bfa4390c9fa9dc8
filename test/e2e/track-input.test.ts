// track() with bad input in a real Chromium through keepcall/web (issue 14): a KeepCallError naming the
// field, and a malformed object tracked under a live call's id leaves that call tracked: hidden, its
// notification goes away when it leaves.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoForThisFile } from './demo-per-file';
import { hide, idle, join, notifications, openDemo, waitFor } from './participants';

const running = demoForThisFile();

interface Rejection {
  name: string;
  code: string;
  message: string;
}

/** Calls KeepCall.track in the page with an object built there (functions cannot cross evaluate). */
function trackInPage(page: Page, kind: 'null' | 'numeric id' | 'no subscribe'): Promise<Rejection | null> {
  return page.evaluate((which) => {
    const demo = (
      window as unknown as {
        demo: { trackAnything(input: unknown): Rejection | null; callId(): string };
      }
    ).demo;
    const fn = () => Promise.resolve();
    if (which === 'null') return demo.trackAnything(null);
    if (which === 'numeric id')
      return demo.trackAnything({ id: 42, subscribe: () => () => {}, hangup: fn, setMuted: fn });
    return demo.trackAnything({ id: demo.callId(), hangup: fn, setMuted: fn });
  }, kind);
}

describe('track() input in a real Chromium', () => {
  it('rejects bad calls by name, and a malformed one under the live id leaves the live call kept', async () => {
    const b = await openDemo(running.chrome.context, running.demo.url, true);
    const a = await openDemo(running.chrome.context, running.demo.url, true);
    try {
      await join(b, 'track-input', 'Bob');
      await join(a, 'track-input', 'Alice');
      await hide(a, b);
      await waitFor(
        async () => (await notifications(a)).length === 1,
        'the hidden call’s notification',
        10_000,
        a,
      );

      expect(await trackInPage(a, 'null')).toMatchObject({ name: 'KeepCallError', code: 'invalid-config' });
      const numeric = await trackInPage(a, 'numeric id');
      expect(numeric).toMatchObject({ name: 'KeepCallError', code: 'invalid-config' });
      expect(numeric?.message).toContain('id is 42');
      const noSubscribe = await trackInPage(a, 'no subscribe');
      expect(noSubscribe).toMatchObject({ name: 'KeepCallError', code: 'invalid-config' });
      expect(noSubscribe?.message).toContain('subscribe is undefined');

      // Still hidden, the call leaves: keepcall heard it, so its notification goes.
      await idle(a);
      expect(await notifications(a)).toHaveLength(1);
      await a.evaluate(() => (window as unknown as { demo: { hangup(): Promise<void> } }).demo.hangup());
      await waitFor(
        async () => (await notifications(a)).length === 0,
        'the notification gone after the call left',
        10_000,
        a,
      );
    } finally {
      await a.close();
      await b.close();
    }
  }, 90_000);
});

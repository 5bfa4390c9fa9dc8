// How fast keepcall puts the web keeper in place, in a real Chromium: from the call's "joined"
// signal to Media Session set (title, handlers, mic/camera state), and from the tab being hidden
// to the ongoing-call notification displayed by the service worker. Median of 25 joins.
import type { Page } from 'playwright-core';
import { startDemoInChromium } from '../test/e2e/demo-in-chromium';
import { hide, idle, join, openDemo, show, state, waitFor } from '../test/e2e/participants';
import type { BenchRow } from './types';

const JOINS = 25;

interface Timings {
  joins: { joined: number; keeper?: number }[];
  hides: { hidden: number; shown?: number }[];
}

function timings(page: Page): Promise<Timings> {
  return page.evaluate(() => (window as unknown as { demo: { timings(): Timings } }).demo.timings());
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

export default async function webTimeToKeeper(): Promise<BenchRow[]> {
  const { demo, chrome } = await startDemoInChromium();
  try {
    const cover = await chrome.context.newPage();
    const page = await openDemo(chrome.context, demo.url, true);
    for (let i = 0; i < JOINS; i++) {
      await join(page, 'time-to-keeper', 'Alice');
      await waitFor(
        async () => (await timings(page)).joins[i]?.keeper !== undefined,
        `keeper after join ${i}`,
      );
      await hide(page, cover);
      await waitFor(
        async () => (await timings(page)).hides[i]?.shown !== undefined,
        `notification after hide ${i}`,
      );
      await show(page);
      await page.evaluate(() => (window as unknown as { demo: { hangup(): Promise<void> } }).demo.hangup());
      await waitFor(async () => (await state(page)).callState === 'left', 'left');
      await idle(page);
    }
    const t = await timings(page);
    const toKeeper = t.joins.map((j) => (j.keeper ?? Number.NaN) - j.joined);
    const toNotification = t.hides.map((h) => (h.shown ?? Number.NaN) - h.hidden);
    const round = (ms: number) => Math.round(ms * 10) / 10;
    return [
      {
        name: `web: joined → Media Session set, median of ${JOINS} joins (Chromium)`,
        value: round(quantile(toKeeper, 0.5)),
        unit: 'ms',
        target: '≤ 50 ms',
      },
      { name: 'web: joined → Media Session set, p95', value: round(quantile(toKeeper, 0.95)), unit: 'ms' },
      {
        name: `web: hidden → notification displayed, median of ${JOINS}`,
        value: round(quantile(toNotification, 0.5)),
        unit: 'ms',
        target: '≤ 50 ms',
      },
      {
        name: 'web: hidden → notification displayed, p95',
        value: round(quantile(toNotification, 0.95)),
        unit: 'ms',
      },
    ];
  } finally {
    await chrome.close();
    await demo.close();
  }
}

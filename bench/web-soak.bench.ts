// A call hidden for 6 minutes — past Chrome's 5-minute intensive timer throttling (W1) — in a
// real Chromium, with keepcall and without it side by side in the same browser: inbound audio
// continuity (packets received while hidden ÷ packets sent at Opus's 20 ms), signaling
// heartbeats the server received (÷ one every 2 s), and whether the call is still joined.
// KEEPCALL_SOAK_MS shortens the hidden time for a quick look.
import type { Page } from 'playwright-core';
import { startDemoInChromium } from '../test/e2e/demo-in-chromium';
import { audioPackets, join, openDemo, state, waitFor } from '../test/e2e/participants';
import type { BenchRow } from './types';

const HIDDEN_MS = Number(process.env.KEEPCALL_SOAK_MS ?? 6 * 60_000);
const PACKET_MS = 20; // Opus frames Chrome sends
const HEARTBEAT_MS = 2_000; // the demo's heartbeat period

interface Side {
  a: Page;
  b: Page;
  aId: string;
}

interface Outcome {
  continuity: number;
  heartbeats: number;
  joined: number;
}

export default async function webSoak(): Promise<BenchRow[]> {
  const { demo, chrome } = await startDemoInChromium();
  try {
    const start = async (keepcall: boolean, room: string): Promise<Side> => {
      const b = await openDemo(chrome.context, demo.url, keepcall);
      const a = await openDemo(chrome.context, demo.url, keepcall);
      await join(b, room, 'Bob');
      await join(a, room, 'Alice');
      await waitFor(async () => (await audioPackets(a)) > 0, `${room}: audio flows`, 20_000);
      return { a, b, aId: (await state(a)).selfId };
    };
    const sides = { with: await start(true, 'soak-with'), without: await start(false, 'soak-without') };
    const beats = (id: string) => demo.signaling.peers().find((p) => p.id === id)?.heartbeats ?? 0;

    // One tab in front hides all four call tabs for real.
    const cover = await chrome.context.newPage();
    await cover.bringToFront();
    await waitFor(
      async () =>
        (await state(sides.with.a)).visibility === 'hidden' &&
        (await state(sides.without.a)).visibility === 'hidden',
      'call tabs hidden',
    );
    const t0 = Date.now();
    const before = {
      with: { packets: await audioPackets(sides.with.a), beats: beats(sides.with.aId) },
      without: { packets: await audioPackets(sides.without.a), beats: beats(sides.without.aId) },
    };
    await new Promise((resolve) => setTimeout(resolve, HIDDEN_MS));
    const elapsed = Date.now() - t0;
    const outcome = async (side: Side, from: { packets: number; beats: number }): Promise<Outcome> => ({
      continuity: (100 * ((await audioPackets(side.a)) - from.packets)) / (elapsed / PACKET_MS),
      heartbeats: (100 * (beats(side.aId) - from.beats)) / (elapsed / HEARTBEAT_MS),
      joined: (await state(side.a)).joined ? 1 : 0,
    });
    const withKeepcall = await outcome(sides.with, before.with);
    const without = await outcome(sides.without, before.without);
    const minutes = Math.round(elapsed / 6_000) / 10;
    const round = (value: number) => Math.round(value * 100) / 100;
    const peer = (value: number) => ({ name: 'same call without keepcall', value: round(value) });
    return [
      {
        name: `web soak: inbound audio continuity, hidden ${minutes} min`,
        value: round(withKeepcall.continuity),
        unit: '%',
        target: '≥ 99.9%',
        peer: peer(without.continuity),
      },
      {
        name: `web soak: signaling heartbeats kept, hidden ${minutes} min`,
        value: round(withKeepcall.heartbeats),
        unit: '%',
        target: '≥ 99%',
        peer: peer(without.heartbeats),
      },
      {
        name: 'web soak: still joined at the end (1 = yes)',
        value: withKeepcall.joined,
        unit: 'joined',
        target: '1',
        peer: peer(without.joined),
      },
    ];
  } finally {
    await chrome.close();
    await demo.close();
  }
}

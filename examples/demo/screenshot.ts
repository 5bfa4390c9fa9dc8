// Regenerates docs/demo.png: two participants in a call, the tab hidden once and shown again so
// the command log tells the story. Run: npx tsx examples/demo/screenshot.ts
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemoInChromium } from '../../test/e2e/demo-in-chromium';
import { audioPackets, hide, join as joinRoom, openDemo, show, waitFor } from '../../test/e2e/participants';

const out = join(dirname(fileURLToPath(import.meta.url)), '../../docs/demo.png');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const { demo, chrome } = await startDemoInChromium();
try {
  const bob = await openDemo(chrome.context, demo.url, true);
  const alice = await openDemo(chrome.context, demo.url, true);
  await alice.setViewportSize({ width: 1400, height: 860 });
  await joinRoom(bob, 'standup', 'Bob');
  await joinRoom(alice, 'standup', 'Alice');
  await waitFor(async () => (await audioPackets(alice)) > 0, 'audio', 20_000);
  await sleep(2_000);
  await hide(alice, bob);
  await sleep(2_500);
  await show(alice);
  await sleep(4_000);
  await alice.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await chrome.close();
  await demo.close();
}

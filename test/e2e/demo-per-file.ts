// The demo and a Chromium shared by the tests of one file (the benches start their own, without vitest).
import { afterAll, beforeAll } from 'vitest';
import type { DemoServer } from '../../examples/demo/server';
import type { RealChromium } from './chromium';
import { startDemoInChromium } from './demo-in-chromium';
import { installProbes } from './participants';

/**
 * Starts the demo and Chromium before the file's tests (with the probes that record notifications and
 * focus, unless `probes` is false) and closes both after them; the fields are set once started.
 */
export function demoForThisFile({ probes = true } = {}): { demo: DemoServer; chrome: RealChromium } {
  const running = {} as { demo: DemoServer; chrome: RealChromium };
  beforeAll(async () => {
    Object.assign(running, await startDemoInChromium());
    if (probes) await installProbes(running.chrome.context);
  }, 60_000);
  afterAll(async () => {
    await running.chrome?.close();
    await running.demo?.close();
  });
  return running;
}

// The demo server and a real Chromium pointed at it, as the end-to-end tests, the web benchmarks and
// the screenshot script all start them.
import { type DemoServer, startDemo } from '../../examples/demo/server';
import { launchChromium, type RealChromium } from './chromium';
import { grantCallPermissions } from './participants';

/** Starts the demo and a Chromium allowed notifications, microphone, camera and wake lock on it. */
export async function startDemoInChromium(): Promise<{ demo: DemoServer; chrome: RealChromium }> {
  const demo = await startDemo();
  const chrome = await launchChromium().catch(async (error: unknown) => {
    await demo.close();
    throw error;
  });
  try {
    const origin = demo.url.replace(/\/$/, '');
    await grantCallPermissions(chrome.context, await chrome.browser.newBrowserCDPSession(), origin);
  } catch (error) {
    await chrome.close();
    await demo.close();
    throw error;
  }
  return { demo, chrome };
}

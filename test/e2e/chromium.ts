// Starts Debian's Chromium ourselves and connects over CDP, so that pages can really go to the
// background: Playwright's own launch emulates focus and would keep every page "visible".
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export const CHROMIUM_PATH = process.env.KEEPCALL_CHROMIUM ?? '/usr/bin/chromium';

export interface RealChromium {
  browser: Browser;
  /** The default context: the only one without focus emulation. */
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Launches Chromium with a fake microphone and camera. No `--mute-audio`: muted audio does not
 * count as audible for Chrome's throttling exemption (W1), and the tests are about exactly that.
 */
export async function launchChromium(): Promise<RealChromium> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM_PATH}. Run \`node scripts/ensure-chromium.mjs\` as root, or ` +
        '`sudo apt-get install -y chromium`, or set KEEPCALL_CHROMIUM to a Chromium binary.',
    );
  }
  const profile = mkdtempSync(join(tmpdir(), 'keepcall-chromium-'));
  const child: ChildProcess = spawn(
    CHROMIUM_PATH,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      '--allow-loopback-in-peer-connection',
      '--autoplay-policy=no-user-gesture-required',
      '--remote-debugging-port=0',
      `--user-data-dir=${profile}`,
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const endpoint = await new Promise<string>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not start: ${seen.slice(-500)}`)), 20_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(seen);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Chromium exited (${code}): ${seen.slice(-500)}`));
    });
  });
  child.stderr?.resume();
  const browser = await chromium.connectOverCDP(endpoint, { noDefaults: true });
  const context = browser.contexts()[0];
  if (!context) throw new Error('Chromium has no default context');
  return {
    browser,
    context,
    async close() {
      const exited = new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) resolve(undefined);
        else child.once('exit', resolve);
      });
      await Promise.race([browser.close().catch(() => undefined), sleep(5_000)]);
      child.kill('SIGTERM');
      // A browser that ignores SIGTERM must not hang the test run.
      if ((await Promise.race([exited.then(() => true), sleep(5_000).then(() => false)])) === false) {
        child.kill('SIGKILL');
        await exited;
      }
      try {
        rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
      } catch {
        // Chromium's helpers may still be writing; a leftover temp profile is harmless.
      }
    },
  };
}

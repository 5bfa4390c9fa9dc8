// The "Leave site?" guard: armed while a call is live and the config wants it, disarmed after.
import { describe, expect, it } from 'vitest';
import { createRuntime } from '../../src/core/index';
import { createFakeCall } from '../../src/testing/index';
import { createWebPort } from '../../src/web/port';
import { FakeBrowser } from './fake-browser';

async function scenario(beforeUnloadGuard: boolean) {
  const browser = new FakeBrowser();
  const runtime = createRuntime({
    port: createWebPort({ env: browser.env }),
    platform: { os: 'web', declared: [] },
    config: { web: { beforeUnloadGuard } },
  });
  await runtime.start();
  const call = createFakeCall('c1');
  runtime.track(call);
  call.joined(Date.now());
  await runtime.idle();
  const during = browser.listenerCount('beforeunload');
  call.left();
  await runtime.idle();
  return { during, after: browser.listenerCount('beforeunload') };
}

describe('beforeunload guard', () => {
  it('asks before leaving while a call is live, and not after it ends', async () => {
    expect(await scenario(true)).toEqual({ during: 1, after: 0 });
  });

  it('stays off when the app turns it off', async () => {
    expect(await scenario(false)).toEqual({ during: 0, after: 0 });
  });
});

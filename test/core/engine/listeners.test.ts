// What the app's listeners do from inside an event: a call back into the engine (updateConfig) is
// queued until the event is delivered, never starts a storm, and idle() always settles.
import { describe, expect, it } from 'vitest';
import type { KeepCallError } from '../../../src/core/errors';
import { createFakeCall, createIosDevice } from '../../../src/testing';
import { withKeepcall } from '../../testing/drivers';

async function withoutCallKit() {
  const device = createIosDevice({ backgroundModes: ['audio', 'voip'], callKitAvailable: false });
  const keep = await withKeepcall(device, {
    push: { ios: { enableOngoingCalls: true } },
    config: { ios: { appName: 'Demo' } },
  });
  return { device, ...keep };
}

/** Resolves to whether `promise` settled within a few turns of the event loop. */
async function settles(promise: Promise<void>): Promise<boolean> {
  let done = false;
  void promise.then(() => {
    done = true;
  });
  for (let i = 0; i < 50 && !done; i++) await new Promise((resolve) => setTimeout(resolve, 0));
  return done;
}

describe('item 8: an error listener that calls updateConfig', () => {
  it('the same config again: one error, no storm, idle settles', async () => {
    const { device, runtime } = await withoutCallKit();
    const errors: KeepCallError[] = [];
    runtime.on((event) => {
      if (event.type !== 'error') return;
      errors.push(event.error);
      runtime.updateConfig({ ios: { appName: 'Demo' } });
    });
    const call = createFakeCall('c1');
    runtime.track(call);
    call.joined(device.clock.now());
    expect(await settles(runtime.idle())).toBe(true);
    expect(errors.map((error) => error.code)).toEqual(['unsupported']);
  });

  it('a new config every time: the engine stops retrying, says so, and idle settles', async () => {
    const { device, runtime } = await withoutCallKit();
    const errors: KeepCallError[] = [];
    let round = 0;
    runtime.on((event) => {
      if (event.type !== 'error') return;
      errors.push(event.error);
      runtime.updateConfig({ ios: { appName: `Demo ${++round}` } });
    });
    const call = createFakeCall('c1');
    runtime.track(call);
    call.joined(device.clock.now());
    expect(await settles(runtime.idle())).toBe(true);
    expect(errors.at(-1)?.message).toMatch(/did not settle/);
    expect(runtime.getState().model.config.ios.appName).toBe(`Demo ${round}`);
    // Quiet until something new happens.
    const count = errors.length;
    device.advance(60_000);
    expect(await settles(runtime.idle())).toBe(true);
    expect(errors.length).toBe(count);
  });

  it('setPushConfig on every error: the repeat is reported once, and idle settles', async () => {
    const { device, runtime } = await withoutCallKit();
    const errors: KeepCallError[] = [];
    runtime.on((event) => {
      if (event.type !== 'error') return;
      errors.push(event.error);
      runtime.setPushConfig({ ios: { enableOngoingCalls: true } });
    });
    const call = createFakeCall('c1');
    runtime.track(call);
    call.joined(device.clock.now());
    expect(await settles(runtime.idle())).toBe(true);
    expect(errors.map((error) => error.code)).toEqual(['unsupported', 'invalid-config']);
  });
});

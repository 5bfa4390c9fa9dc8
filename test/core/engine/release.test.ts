// A React Native release build runs the engine without config checks (checks.native.ts). A config of the
// wrong shape must still reach the app as an error event, never as an unhandled rejection or a crash.
import { describe, expect, it } from 'vitest';
import { androidKit } from '../../../src/core/android/kit';
import { createPlatformRuntime } from '../../../src/core/engine/runtime';
import type { KeepCallError } from '../../../src/core/errors';
import { createAndroidDevice, createFakeCall } from '../../../src/testing';

describe('a release build, which trusts its config', () => {
  it('reports a config it cannot apply as invalid-config and recovers once the config is fixed', async () => {
    const device = createAndroidDevice({
      apiLevel: 34,
      declared: ['FOREGROUND_SERVICE', 'FOREGROUND_SERVICE_MEDIA_PLAYBACK'],
    });
    const runtime = createPlatformRuntime({
      port: device,
      platform: device.platformInfo(),
      kit: androidKit,
      clock: device.clock,
    });
    const errors: KeepCallError[] = [];
    runtime.on((event) => {
      if (event.type === 'error') errors.push(event.error);
    });
    await runtime.start();
    runtime.updateConfig({ foregroundService: { android: { profile: 'phonecall' as never } } });
    const call = createFakeCall('c1');
    runtime.track(call);
    call.joined(device.clock.now());
    await runtime.idle();
    call.emit({ type: 'media', media: { audio: true, video: false, muted: true } });
    await runtime.idle();

    // Once, although every event since asked the engine to decide again.
    expect(errors.map((error) => error.code)).toEqual(['invalid-config']);
    expect(errors[0]?.message).toMatch(/^could not decide: /);
    expect(device.observe().service.running).toBe(false);

    runtime.updateConfig({ foregroundService: { android: { profile: 'media' } } });
    await runtime.idle();
    expect(device.observe().service.running).toBe(true);
  });
});

// createRuntime outside React Native and browsers: the kit follows platform.os, and a mismatch is named.
import { describe, expect, it } from 'vitest';
import { createRuntime, KeepCallError } from '../../src/core/index';
import { iosKit } from '../../src/core/ios/kit';
import { createAndroidDevice, createFakeCall } from '../../src/testing';

describe('createRuntime', () => {
  it('picks the kit for platform.os and validates config', async () => {
    const device = createAndroidDevice({
      apiLevel: 34,
      declared: ['FOREGROUND_SERVICE', 'FOREGROUND_SERVICE_MEDIA_PLAYBACK'],
    });
    const runtime = createRuntime({ port: device, platform: device.platformInfo(), clock: device.clock });
    await runtime.start();
    const call = createFakeCall('c1');
    runtime.track(call);
    call.joined(device.clock.now());
    await runtime.idle();
    expect(device.observe().service.running).toBe(true);
    expect(() => runtime.updateConfig({ adoptGraceMs: -1 })).toThrow(KeepCallError);
    // An explicit `checks: undefined` does not turn validation off.
    const other = createRuntime({ port: device, platform: device.platformInfo(), checks: undefined });
    expect(() => other.updateConfig({ adoptGraceMs: -1 })).toThrow(KeepCallError);
  });

  it('refuses a kit for another platform, or an unknown os', () => {
    const device = createAndroidDevice({ apiLevel: 34 });
    expect(() => createRuntime({ port: device, platform: device.platformInfo(), kit: iosKit })).toThrow(
      /platform.os is "android".*matching the kit's os \(ios\)/,
    );
    expect(() => createRuntime({ port: device, platform: { os: 'tvos' as never, declared: [] } })).toThrow(
      /platform.os is "tvos", allowed: "android", "ios" or "web"/,
    );
  });
});

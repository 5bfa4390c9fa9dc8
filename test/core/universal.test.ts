// createRuntime outside React Native and browsers: the kit follows platform.os, and a mismatch is named.
import { describe, expect, it } from 'vitest';
import { androidKit, createRuntime, iosKit, KeepCallError } from '../../src/core/index';
import { createAndroidDevice } from '../../src/testing';

describe('createRuntime', () => {
  it('picks the kit for platform.os and validates config', () => {
    const device = createAndroidDevice({ apiLevel: 34 });
    const runtime = createRuntime({ port: device, platform: device.platformInfo(), clock: device.clock });
    expect(runtime.getState().actual).toEqual(androidKit.empty);
    expect(() => runtime.updateConfig({ adoptGraceMs: -1 })).toThrow(KeepCallError);
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

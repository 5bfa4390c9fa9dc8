// The background path through the public facade (`KeepCall`, built by createKeepCall), as an app
// writes it: after a JavaScript reload the app's entry calls only `setPushConfig({ createClient })`
// — it has no call to track — and then the user taps the notification's hang-up.
import { describe, expect, it } from 'vitest';
import { androidKit } from '../../src/core/android/kit';
import { createKeepCall } from '../../src/core/facade';
import { checks } from '../../src/core/validate';
import { androidAfterReload, clientWith, countingFactory } from './engine/client-helpers';

describe('KeepCall.setPushConfig after a reload, with no call tracked', () => {
  // setPushConfig builds the runtime, so the device is listened to before any call is tracked.
  it('hears the notification hang-up: builds the client, leaves the call, stops the service', async () => {
    const { device, call } = await androidAfterReload('call-f1');
    const createClient = countingFactory(() => clientWith(call));
    const KeepCall = createKeepCall(
      () => ({
        port: device,
        platform: device.platformInfo(),
        kit: androidKit,
        clock: device.clock,
      }),
      checks,
    );
    KeepCall.setPushConfig({ createClient });
    await new Promise((resolve) => setTimeout(resolve, 5)); // the app's entry has run; nothing else happens
    device.tapAction('hangup');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(createClient.calls).toBe(1);
    expect(call.hangups).toBe(1);
    expect(device.observe().service.running).toBe(false);
  });
});

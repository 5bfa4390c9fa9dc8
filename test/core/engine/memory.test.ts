import { describe, expect, it } from 'vitest';
import { createRuntime } from '../../../src/core/universal';
import { createAndroidDevice, createFakeCall, createIosDevice } from '../../../src/testing';

describe('memory over many calls', () => {
  it.each(['android', 'ios'] as const)(
    '1,000 calls joined and left leave no trace in the model (%s)',
    async (os) => {
      const device =
        os === 'android'
          ? createAndroidDevice({
              apiLevel: 34,
              declared: ['FOREGROUND_SERVICE', 'FOREGROUND_SERVICE_MEDIA_PLAYBACK'],
              serviceTypes: ['mediaPlayback'],
              granted: ['POST_NOTIFICATIONS'],
            })
          : createIosDevice({ backgroundModes: ['audio', 'voip'] });
      const runtime = createRuntime({
        port: device,
        platform: device.platformInfo(),
        clock: device.clock,
        push: { ios: { enableOngoingCalls: true } },
      });
      await runtime.start();
      for (let i = 0; i < 1000; i++) {
        const call = createFakeCall(`call-${i}`);
        const untrack = runtime.track(call);
        call.joining();
        call.joined(device.clock.now());
        await runtime.idle();
        call.left();
        device.advance(60_000);
        await runtime.idle();
        untrack();
      }
      const { model, actual, memory } = runtime.getState();
      expect([...model.calls.keys()]).toEqual([]);
      expect(memory.ended?.size ?? 0).toBeLessThan(10);
      expect(memory.uuids?.size ?? 0).toBeLessThan(10);
      expect(actual.android ?? null).toBeNull();
      expect(actual.ios ?? {}).toEqual({});
    },
  );
});

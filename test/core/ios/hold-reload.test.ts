// I6, I9: only the system holds and unholds a CallKit call. A call the system held before a JavaScript
// reload stays held when the app tracks it again (found by the property suite: joining, system hold,
// reload; keepcall un-held it on the device).
import { describe, expect, it } from 'vitest';
import { createFakeCall, createIosDevice } from '../../../src/testing';
import { startApp } from '../../react-native/modelNative';

describe('a CallKit call held by the system, then a JavaScript reload', () => {
  it.each(['joining', 'joined'] as const)(
    'stays held when tracked again (%s), and unholds when the system says',
    async (phase) => {
      const phone = createIosDevice({ backgroundModes: ['audio', 'voip'] });
      const first = startApp(phone);
      first.KeepCall.setPushConfig({ ios: { enableOngoingCalls: true } });
      const before = createFakeCall('c1');
      first.KeepCall.track(before);
      before.joining();
      if (phase === 'joined') before.joined(phone.clock.now());
      await first.settle();
      phone.systemHold('c1', true);
      await first.settle();
      expect(phone.observe().calls.c1?.held).toBe(true);

      const app = first.reload();
      app.KeepCall.setPushConfig({ ios: { enableOngoingCalls: true } });
      const again = createFakeCall('c1');
      app.KeepCall.track(again);
      // The SDK announces the call again, as adapters do when they subscribe.
      if (phase === 'joining') again.joining();
      else again.joined(phone.clock.now());
      await app.settle(10_000);
      expect(phone.observe().calls.c1).toMatchObject({ held: true });
      expect(app.calls).not.toContain('setCallKitHeld');

      phone.systemHold('c1', false);
      await app.settle();
      expect(phone.observe().calls.c1).toMatchObject({ held: false });
      expect(phone.observe().audioSessionActive).toBe(true);
    },
  );
});

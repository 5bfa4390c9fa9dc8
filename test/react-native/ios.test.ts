// Full calls through keepcall's React Native binding on the iOS model, through the TurboModule spec.
import { describe, expect, it } from 'vitest';
import { createFakeCall, createIosDevice } from '../../src/testing';
import { startApp } from './modelNative';

function iosApp() {
  const phone = createIosDevice({ backgroundModes: ['audio', 'voip'] });
  const app = startApp(phone);
  app.KeepCall.setPushConfig({ ios: { enableOngoingCalls: true } });
  app.KeepCall.updateConfig({ ios: { appName: 'Demo' } });
  const call = createFakeCall('c1', { displayName: 'Alice' });
  app.KeepCall.track(call);
  return { phone, app, call };
}

describe('iOS', () => {
  it('starts the CallKit call before the join completes, and the call has audio in the background', async () => {
    const { phone, app, call } = iosApp();
    call.joining();
    await app.settle();
    expect(phone.observe().calls.c1?.phase).toBe('connecting');
    // CallKit is configured from JavaScript before its first call (I4), and the start is reported as
    // connecting (I5) although CallKit activates the audio session while the start is still running.
    expect(app.calls.filter((name) => name !== 'snapshot')).toEqual([
      'configureCallKit',
      'startCallKitCall',
      'reportCallKitConnecting',
    ]);
    expect(app.audio).toEqual([true]);

    phone.startMedia();
    call.joined(phone.clock.now());
    await app.settle();
    phone.setApp('background');
    await app.settle(60_000);
    expect(phone.observe()).toMatchObject({
      crashed: null,
      processAlive: true,
      callAudio: true,
      calls: { c1: { phase: 'connected' } },
    });
    expect(app.calls.filter((name) => name !== 'snapshot').slice(3)).toEqual(['reportCallKitConnected']);
    expect(app.errors).toEqual([]);
  });

  it('follows hold and unhold from the system and forwards the audio reactivation (I9)', async () => {
    const { phone, app, call } = iosApp();
    call.joining();
    await app.settle();
    phone.startMedia();
    call.joined(phone.clock.now());
    await app.settle();
    const holds: boolean[] = [];
    app.KeepCall.on((event) => {
      if (event.type === 'hold') holds.push(event.held);
    });

    phone.systemHold('c1', true);
    await app.settle();
    expect(app.KeepCall.getState().model.calls.get('c1')?.phase).toBe('held');
    phone.systemHold('c1', false);
    await app.settle();
    expect(app.KeepCall.getState().model.calls.get('c1')?.phase).toBe('joined');
    expect(holds).toEqual([true, false]);
    expect(app.audio.at(-1)).toBe(true);
    expect(app.audio.filter((active) => active).length).toBeGreaterThanOrEqual(2);
    // The system did the holding: keepcall never asks for it back (I8).
    expect(app.calls).not.toContain('setCallKitHeld');
    expect(phone.observe().callAudio).toBe(true);
  });

  it('mute and end from the system UI reach the call, once', async () => {
    const { phone, app, call } = iosApp();
    call.joined(phone.clock.now());
    await app.settle();
    phone.systemMute('c1', true);
    await app.settle();
    expect(call.muteCalls).toEqual([true]);
    expect(app.calls).not.toContain('setCallKitMuted');
    phone.systemEnd('c1');
    await app.settle();
    expect(call.hangups).toBe(1);
    expect(app.calls).not.toContain('endCallKitCall');
    expect(phone.observe().calls).toEqual({});
  });

  it('a JavaScript reload adopts the CallKit call: same UUID, no second call, and it still ends', async () => {
    const { phone, app: first, call: before } = iosApp();
    before.joining();
    before.joined(phone.clock.now());
    await first.settle();
    const uuid = phone.observe().calls.c1?.uuid;
    expect(uuid).toBeDefined();

    const app = first.reload();
    app.KeepCall.setPushConfig({ ios: { enableOngoingCalls: true } });
    const call = createFakeCall('c1', { displayName: 'Alice' });
    app.KeepCall.track(call);
    call.joined(phone.clock.now());
    await app.settle(1000);
    expect(app.calls).not.toContain('startCallKitCall');
    expect(Object.keys(phone.observe().calls)).toEqual(['c1']);
    expect(phone.observe().calls.c1?.uuid).toBe(uuid);

    call.left();
    await app.settle(10_000);
    expect(phone.observe().calls).toEqual({});
    expect(app.errors).toEqual([]);
  });
});

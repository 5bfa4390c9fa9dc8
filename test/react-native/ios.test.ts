// Full calls through keepcall's React Native binding on the iOS model, through the TurboModule spec.
import { describe, expect, it } from 'vitest';
import { KeepCallError } from '../../src/core/errors';
import { createReactNativeKeepCall } from '../../src/react-native/binding';
import { iosPlatform } from '../../src/react-native/ios';
import type { Spec } from '../../src/react-native/NativeKeepCall';
import { createFakeCall, createIosDevice } from '../../src/testing';
import { modelNative, startApp } from './modelNative';

function iosApp() {
  const phone = createIosDevice({ backgroundModes: ['audio', 'voip'] });
  const app = startApp(phone);
  app.KeepCall.setPushConfig({ ios: { enableOngoingCalls: true } });
  app.KeepCall.updateConfig({ ios: { appName: 'Demo' } });
  const call = createFakeCall('c1', { displayName: 'Alice' });
  app.KeepCall.track(call);
  return { phone, app, call };
}

/** iosApp() with c1 joined as an app joins it: CallKit at joining, WebRTC's media, then joined. */
async function iosAppInCall() {
  const context = iosApp();
  const { phone, app, call } = context;
  call.joining();
  await app.settle();
  phone.startMedia();
  call.joined(phone.clock.now());
  await app.settle();
  return context;
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
      audioPlays: true,
      calls: { c1: { phase: 'connected' } },
    });
    expect(app.calls.filter((name) => name !== 'snapshot').slice(3)).toEqual(['reportCallKitConnected']);
    expect(app.errors).toEqual([]);
  });

  it('follows hold and unhold from the system and forwards the audio reactivation (I9)', async () => {
    const { phone, app } = await iosAppInCall();
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
    expect(phone.observe().audioPlays).toBe(true);
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

describe('iOS, issue 16', () => {
  const otherCalls = (app: { calls: string[] }) => app.calls.filter((name) => name !== 'snapshot');

  it('the provider gets the settings and the call group TypeScript computed', async () => {
    const { phone, app, call } = iosApp();
    call.joining();
    await app.settle();
    expect(phone.observe().provider).toEqual({
      appName: 'Demo',
      supportsVideo: true,
      includesCallsInRecents: false,
      maximumCallGroups: 2,
      maximumCallsPerCallGroup: 1,
      handleType: 'generic',
    });
    expect(phone.observe().reports.c1).toMatchObject({
      handle: { type: 'generic', value: 'Alice' },
      audio: { category: 'playAndRecord', mode: 'voiceChat', allowBluetooth: true },
    });
  });

  it('CallKit is not reconfigured while a call holds the audio session; the new settings wait for no call', async () => {
    const { phone, app, call } = await iosAppInCall();

    app.KeepCall.updateConfig({ ios: { appName: 'Renamed' } });
    const second = createFakeCall('c2');
    app.KeepCall.track(second);
    second.joining();
    await app.settle();
    expect(otherCalls(app).filter((name) => name === 'configureCallKit')).toHaveLength(1);
    expect(phone.observe()).toMatchObject({ provider: { appName: 'Demo' }, audioPlays: true });
    expect(Object.keys(phone.observe().calls)).toEqual(['c1', 'c2']);

    call.left();
    second.left();
    await app.settle(10_000);
    const third = createFakeCall('c3');
    app.KeepCall.track(third);
    third.joining();
    await app.settle();
    expect(phone.observe().provider?.appName).toBe('Renamed');
    expect(app.errors).toEqual([]);
  });

  it('after a JavaScript reload the live call keeps its provider and its audio', async () => {
    const { phone, app: first } = await iosAppInCall();

    const app = first.reload();
    app.KeepCall.setPushConfig({ ios: { enableOngoingCalls: true } });
    app.KeepCall.updateConfig({ ios: { appName: 'Demo' } });
    const call = createFakeCall('c1', { displayName: 'Alice' });
    app.KeepCall.track(call);
    call.joined(phone.clock.now());
    const next = createFakeCall('c2');
    app.KeepCall.track(next);
    next.joining();
    await app.settle(1000);
    expect(app.calls).toContain('startCallKitCall');
    expect(app.calls).not.toContain('configureCallKit');
    expect(phone.observe()).toMatchObject({ audioOwner: 'callkit', audioPlays: true });
  });

  it('after a JavaScript reload with new settings, the live call keeps its provider; they go out once it ended', async () => {
    const { phone, app: first } = await iosAppInCall();

    const app = first.reload();
    app.KeepCall.setPushConfig({ ios: { enableOngoingCalls: true } });
    app.KeepCall.updateConfig({ ios: { appName: 'Renamed' } });
    const call = createFakeCall('c1', { displayName: 'Alice' });
    app.KeepCall.track(call);
    call.joined(phone.clock.now());
    await app.settle(1000);
    expect(app.calls).not.toContain('configureCallKit');
    expect(phone.observe()).toMatchObject({ provider: { appName: 'Demo' }, audioPlays: true });

    call.left();
    await app.settle(1000);
    const next = createFakeCall('c2');
    app.KeepCall.track(next);
    next.joining();
    await app.settle();
    expect(otherCalls(app).slice(-3)).toEqual([
      'configureCallKit',
      'startCallKitCall',
      'reportCallKitConnecting',
    ]);
    expect(phone.observe().provider?.appName).toBe('Renamed');
    expect(app.errors).toEqual([]);
  });

  it('CallKit refuses the start (I10): the call still has WebRTC’s own audio', async () => {
    const phone = createIosDevice({ backgroundModes: ['audio'], callKitAvailable: false });
    const app = startApp(phone);
    app.KeepCall.setPushConfig({ ios: { enableOngoingCalls: true } });
    const call = createFakeCall('c1');
    app.KeepCall.track(call);
    call.joining();
    await app.settle();
    phone.startMedia();
    call.joined(phone.clock.now());
    await app.settle(1000);
    expect(app.errors).toContain('unsupported');
    expect(phone.observe()).toMatchObject({ calls: {}, audioOwner: 'webrtc', audioPlays: true });
  });

  it('a started call is holdable: an incoming cellular call can hold it and the call follows (I9)', async () => {
    const { phone, app, call } = iosApp();
    call.joining();
    await app.settle();
    call.joined(phone.clock.now());
    await app.settle();
    expect(phone.observe().reports.c1?.capabilities).toEqual({
      supportsHolding: true,
      supportsGrouping: false,
      supportsUngrouping: false,
      supportsDTMF: false,
    });
    phone.systemHold('c1', true);
    await app.settle();
    expect(app.KeepCall.getState().model.calls.get('c1')?.phase).toBe('held');
  });

  it('a CallKit refusal is read by its code: an end CallKit no longer knows is not retried (I8)', async () => {
    const { phone, app, call } = iosApp();
    call.joined(phone.clock.now());
    await app.settle();
    // As KeepCallCallKit.swift rejects: CallKit's error name as the code, the system's text as the message.
    const ends: string[] = [];
    app.native.endCallKitCall = async (callId) => {
      ends.push(callId);
      throw Object.assign(
        new Error(
          'CXEndCallAction: The operation couldn’t be completed. (com.apple.CallKit.error.requesttransaction error 4.)',
        ),
        { code: 'unknownCallUUID' },
      );
    };
    const reasons: unknown[] = [];
    app.KeepCall.on((event) => {
      if (event.type === 'error') reasons.push((event.error.cause as { reason?: unknown }).reason);
    });
    call.left();
    await app.settle(1000);
    await app.settle(10_000);
    expect(ends).toEqual(['c1']);
    expect(reasons).toEqual(['unknownCallUUID']);
    expect(app.KeepCall.getState().actual.ios).toEqual({});
    expect(app.errors).toEqual(['callkit-transaction-failed']);
  });

  it('with the New Architecture off, the first use says so instead of a TypeError', () => {
    const phone = createIosDevice();
    const { native, appState } = modelNative(phone);
    // The old bridge exposes the module without the event emitters codegen generates.
    const bridged = { ...native } as Record<string, unknown>;
    for (const name of Object.keys(bridged)) if (name.startsWith('on')) delete bridged[name];
    const { KeepCall } = createReactNativeKeepCall({
      native: bridged as unknown as Spec,
      platformFor: () => iosPlatform,
      appState,
    });
    let thrown: unknown;
    try {
      KeepCall.track(createFakeCall('c1'));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(KeepCallError);
    expect(thrown).toMatchObject({
      code: 'unsupported',
      message: expect.stringMatching(/New Architecture.*newArchEnabled/),
    });
  });
});

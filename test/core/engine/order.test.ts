// Device reports and command results are applied in the order they happened on the device: a report
// produced before a command took effect never overwrites that effect, whenever it is delivered.
import { describe, expect, it } from 'vitest';
import { createAndroidDevice, createFakeCall, createIosDevice } from '../../../src/testing';
import { startApp } from '../../react-native/modelNative';
import { withKeepcall } from '../../testing/drivers';
import { ALL_GRANTED, MEDIA_MANIFEST } from '../../testing/helpers';
import { AUDIO, setup, testCall } from '../helpers';

describe('Android: the old service instance reports its stop while the new one starts', () => {
  it('a call that left and came back while the service promoted: no service after the call ends', async () => {
    const device = createAndroidDevice({
      apiLevel: 34,
      ...MEDIA_MANIFEST,
      granted: ALL_GRANTED,
      promotionDelayMs: 3000,
    });
    const keep = await withKeepcall(device);
    const call = createFakeCall('c1');
    keep.runtime.track(call);
    call.joined(device.clock.now());
    await keep.settle();
    // Left: after the linger the stop waits for the promotion (A1).
    call.left();
    await keep.settle(1500);
    expect(device.observe().service.running).toBe(true);
    // Back before the promotion: as the start goes out, the first instance promotes and stops, and the
    // app leaves the screen. Both happened before the new start.
    device.raceBeforeNextCommand(() => {
      device.setApp('background');
      device.advance(1500);
    });
    call.joined(device.clock.now());
    await keep.settle();
    await keep.settle(3000);
    expect(device.observe().service.running).toBe(true);
    call.left();
    await keep.settle(10 * 60_000);
    expect(device.observe().service.running).toBe(false);
    expect(device.observe().notification).toBeNull();
  });
});

describe('React Native: the binding numbers reports and results as they arrive', () => {
  it('the old instance stop that arrived before the new start’s result does not erase the new service', async () => {
    const phone = createAndroidDevice({
      apiLevel: 34,
      ...MEDIA_MANIFEST,
      granted: ALL_GRANTED,
      promotionDelayMs: 3000,
    });
    const app = startApp(phone);
    await app.settle();
    const call = createFakeCall('c1');
    app.KeepCall.track(call);
    call.joined(phone.clock.now());
    await app.settle();
    call.left();
    await app.settle(1500);
    phone.raceBeforeNextCommand(() => {
      phone.setApp('background');
      phone.advance(1500);
    });
    call.joined(phone.clock.now());
    await app.settle();
    await app.settle(3000);
    expect(phone.observe().service.running).toBe(true);
    call.left();
    await app.settle(10 * 60_000);
    expect(phone.observe().service.running).toBe(false);
  });
});

describe('iOS: a mute from CallKit crossing the engine’s own mute', () => {
  it('CallKit and the call end up muted alike', async () => {
    const device = createIosDevice({ backgroundModes: ['audio', 'voip'] });
    const keep = await withKeepcall(device, { push: { ios: { enableOngoingCalls: true } } });
    const call = createFakeCall('c1');
    keep.runtime.track(call);
    call.joined(device.clock.now());
    await keep.settle();
    // The user unmutes on the lock screen just before the engine's mute (from the app) reaches CallKit.
    device.raceBeforeNextCommand(() => device.systemMute('c1', false));
    call.emit({ type: 'media', media: { audio: true, video: false, muted: true } });
    await keep.settle();
    await keep.settle();
    expect(device.observe().calls.c1?.muted).toBe(call.media.muted);
    expect(keep.runtime.getState().actual.ios?.c1?.muted).toBe(device.observe().calls.c1?.muted);
  });
});

describe('a report delivered after a command that superseded it', () => {
  it('changes nothing the command set; one about another subject still applies', async () => {
    const { runtime, port } = await setup();
    const call = testCall('c1');
    runtime.track(call);
    call.emit({ type: 'joined', at: 1, media: AUDIO });
    await runtime.idle();
    // The start took effect at 10 on the device; a stop the old instance reported at 5 arrives late.
    const run = port.run.bind(port);
    port.run = async (command) => {
      await run(command);
      return 10;
    };
    call.emit({ type: 'media', media: { ...AUDIO, muted: true } });
    await runtime.idle();
    const sent = port.commands.length;
    port.emit({ type: 'service.stopped' }, 5);
    await runtime.idle();
    expect(runtime.getState().actual.android).not.toBeNull();
    expect(port.commands.length).toBe(sent);
    // A stop that happened after the command is a stop: the service is started again.
    port.emit({ type: 'service.stopped' }, 11);
    await runtime.idle();
    expect(port.commands.slice(sent).map((command) => command.kind)).toEqual(['service.start']);
  });
});

describe('iOS: a system hold reported for a CallKit call that was then ended and started anew', () => {
  it('does not hold the new CallKit call (seed 107264)', async () => {
    const { runtime, port } = await setup({
      platform: { os: 'ios', declared: [] },
      push: { ios: { enableOngoingCalls: true } },
    });
    const call = testCall('c1');
    runtime.track(call);
    call.emit({ type: 'joined', at: 1, media: AUDIO });
    await runtime.idle();
    // The end takes effect at 8; the system held the call at 5 and says so while the end runs, as the
    // call joins again.
    const run = port.run.bind(port);
    port.run = async (command) => {
      await run(command);
      if (command.kind !== 'callkit.end') return 20 + port.commands.length;
      port.emit({ type: 'hold', callId: 'c1', held: true, source: 'callkit' }, 5);
      call.emit({ type: 'joined', at: 3, media: AUDIO });
      return 8;
    };
    call.emit({ type: 'left' });
    await runtime.idle();
    expect(port.state.ios?.c1).toMatchObject({ phase: 'connected', held: false });
    expect(port.commands.map((command) => command.kind)).not.toContain('callkit.hold');
  });
});

describe('iOS: a system hold reported late for the CallKit call a new one replaced', () => {
  it('does not hold the new CallKit call', async () => {
    const { runtime, port, events } = await setup({
      platform: { os: 'ios', declared: [] },
      push: { ios: { enableOngoingCalls: true } },
    });
    const run = port.run.bind(port);
    port.run = async (command) => {
      await run(command);
      return 10 + port.commands.length;
    };
    const call = testCall('c1');
    runtime.track(call);
    call.emit({ type: 'joined', at: 1, media: AUDIO });
    await runtime.idle();
    call.emit({ type: 'left' });
    await runtime.idle();
    call.emit({ type: 'joined', at: 3, media: AUDIO });
    await runtime.idle();
    // Held by the system before the first CallKit call ended (its end took effect at 14).
    port.emit({ type: 'hold', callId: 'c1', held: true, source: 'callkit' }, 13);
    await runtime.idle();
    expect(port.commands.map((command) => command.kind)).not.toContain('callkit.hold');
    expect(runtime.getState().model.calls.get('c1')?.phase).toBe('joined');
    expect(events.some((event) => event.type === 'hold')).toBe(false);
  });
});

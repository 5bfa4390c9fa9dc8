// iOS: what the system's call UI shows of a live call follows the call. Once the CallKit call is started,
// video turned on (or off) and a name that arrives late reach CallKit (callkit.update, through the React
// Native binding to the modelled CallKit): the in-call screen says "video" during a video call, and the
// lock screen names the person instead of the call id.
import { describe, expect, it } from 'vitest';
import { createFakeCall, createIosDevice, type FakeCall } from '../../../src/testing';
import { startApp } from '../../react-native/modelNative';

/** An app on a modelled iPhone whose call `call` is joined and connected in CallKit, audio only. */
async function connected(call: FakeCall) {
  const phone = createIosDevice({ backgroundModes: ['audio', 'voip'] });
  const app = startApp(phone);
  app.KeepCall.setPushConfig({ ios: { enableOngoingCalls: true } });
  app.KeepCall.track(call);
  call.joining();
  await app.settle();
  phone.startMedia();
  call.joined(phone.clock.now());
  await app.settle();
  expect(phone.observe().calls.c1?.phase).toBe('connected');
  return { phone, app };
}

const updates = (calls: string[]) => calls.filter((name) => name === 'updateCallKitCall').length;

describe("a live CallKit call's video and name", () => {
  it('video turned on mid-call: the system call UI shows a video call; turned off: an audio call again', async () => {
    const call = createFakeCall('c1', { displayName: 'Ada' });
    const { phone, app } = await connected(call);
    expect(phone.observe().screen.c1).toEqual({ caller: 'Ada', video: false });

    call.emit({ type: 'media', media: { audio: true, video: true, muted: false } });
    await app.settle();
    expect(phone.observe().screen.c1).toEqual({ caller: 'Ada', video: true });
    expect(updates(app.calls)).toBe(1);

    // Told once: nothing more is sent while nothing changes, and the call kept its audio.
    await app.settle(5000);
    expect(updates(app.calls)).toBe(1);
    expect(phone.observe()).toMatchObject({ audioPlays: true, calls: { c1: { phase: 'connected' } } });

    call.emit({ type: 'media', media: { audio: true, video: false, muted: false } });
    await app.settle();
    expect(phone.observe().screen.c1).toEqual({ caller: 'Ada', video: false });
    expect(app.errors).toEqual([]);
  });

  it('the name arrives after the call connected: the lock screen names the person, not the call id', async () => {
    const call = createFakeCall('c1');
    const { phone, app } = await connected(call);
    expect(phone.observe().screen.c1?.caller).toBe('c1');

    // The SDK learns who is on the other end and says so with its next signal.
    Object.assign(call, { displayName: 'Ada Lovelace' });
    call.emit({ type: 'media', media: call.media });
    await app.settle();
    expect(phone.observe().screen.c1).toEqual({ caller: 'Ada Lovelace', video: false });
    expect(phone.observe().reports.c1?.handle).toEqual({ type: 'generic', value: 'Ada Lovelace' });
    expect(phone.observe().calls.c1).toMatchObject({ phase: 'connected', displayName: 'Ada Lovelace' });
    expect(app.errors).toEqual([]);
  });

  it('a JavaScript reload adopts the call as CallKit was last told, and sends nothing more', async () => {
    const call = createFakeCall('c1', { displayName: 'Ada' });
    const { phone, app } = await connected(call);
    call.emit({ type: 'media', media: { audio: true, video: true, muted: false } });
    await app.settle();

    const again = app.reload();
    again.KeepCall.setPushConfig({ ios: { enableOngoingCalls: true } });
    const same = createFakeCall('c1', { displayName: 'Ada' });
    again.KeepCall.track(same);
    same.joined(phone.clock.now(), { video: true });
    await again.settle(1000);
    expect(updates(again.calls)).toBe(0);
    expect(again.calls).not.toContain('startCallKitCall');
    expect(phone.observe().screen.c1).toEqual({ caller: 'Ada', video: true });
    expect(again.errors).toEqual([]);
  });
});

// A call that was reconnecting when keepcall was rebuilt (dispose, a new runtime, tracked again) and then
// ended: the SDK's late `joined` from before the end must not bring the keeper back, while a new join
// of the same id must.
import { describe, expect, it } from 'vitest';
import { createAndroidDevice, createFakeCall, createIosDevice, type FakeCall } from '../../../src/testing';
import { type Driven, withKeepcall } from '../../testing/drivers';
import { ALL_GRANTED, MEDIA_MANIFEST } from '../../testing/helpers';

const PUSH = { push: { ios: { enableOngoingCalls: true } } };

type Device = ReturnType<typeof createIosDevice> | ReturnType<typeof createAndroidDevice>;

/** Joins c1 at `joinedAt`, loses the connection, rebuilds keepcall and tracks c1 again (re-announced reconnecting). */
async function reconnectingAcrossRebuild(device: Device) {
  const first = await withKeepcall(device, PUSH);
  const call = createFakeCall('c1');
  first.runtime.track(call);
  call.joining();
  await first.settle();
  if ('startMedia' in device) device.startMedia();
  const joinedAt = device.clock.now();
  call.joined(joinedAt);
  await first.settle(1000);
  call.emit({ type: 'reconnecting' });
  await first.settle(1000);
  first.runtime.dispose();
  const keep = await withKeepcall(device, PUSH);
  keep.runtime.track(call);
  call.emit({ type: 'reconnecting' });
  await keep.settle(1000);
  return { call, keep, joinedAt };
}

/** The late `joined` of the ended session (a reconnect carries the session's join time), then a new join. */
async function staleThenNew(
  device: Device,
  call: FakeCall,
  keep: Driven,
  joinedAt: number,
  kept: () => boolean,
) {
  call.joined(joinedAt);
  await keep.settle(10 * 60_000);
  expect(kept()).toBe(false);
  call.joined(device.clock.now());
  await keep.settle(1000);
  expect(kept()).toBe(true);
}

describe('a stale joined after an end whose join this runtime never saw', () => {
  it('iOS: ended from CallKit, the late joined leaves no CallKit call; a new join reports it again', async () => {
    const phone = createIosDevice({ backgroundModes: ['audio', 'voip'] });
    const { call, keep, joinedAt } = await reconnectingAcrossRebuild(phone);
    expect(Object.keys(phone.observe().calls)).toEqual(['c1']);
    phone.systemEnd('c1');
    await keep.settle();
    expect(call.hangups).toBe(1);
    await staleThenNew(phone, call, keep, joinedAt, () => phone.observe().calls.c1 !== undefined);
    expect(keep.errors).toEqual([]);
  });

  it('Android: hung up from the notification, the late joined starts no service; a new join does', async () => {
    const device = createAndroidDevice({ apiLevel: 34, ...MEDIA_MANIFEST, granted: ALL_GRANTED });
    const { call, keep, joinedAt } = await reconnectingAcrossRebuild(device);
    expect(device.observe().service.running).toBe(true);
    device.tapAction('hangup');
    await keep.settle(10 * 60_000);
    expect(call.hangups).toBe(1);
    expect(device.observe().service.running).toBe(false);
    await staleThenNew(device, call, keep, joinedAt, () => device.observe().service.running);
    expect(keep.errors).toEqual([]);
  });

  it('a new session that says joining first is kept too', async () => {
    const phone = createIosDevice({ backgroundModes: ['audio', 'voip'] });
    const { call, keep } = await reconnectingAcrossRebuild(phone);
    phone.systemEnd('c1');
    await keep.settle(1000);
    call.joining();
    await keep.settle();
    call.joined(phone.clock.now());
    await keep.settle();
    expect(phone.observe().calls.c1?.phase).toBe('connected');
  });
});

// iOS after a JavaScript reload: the CallKit call the app left behind waits for its call to be tracked
// again, whenever the app gets round to setPushConfig.
import { describe, expect, it } from 'vitest';
import { createFakeCall, createIosDevice } from '../../../src/testing';
import { startApp } from '../../react-native/modelNative';

async function callThenReload() {
  const phone = createIosDevice({ backgroundModes: ['audio', 'voip'] });
  const first = startApp(phone);
  first.KeepCall.setPushConfig({ ios: { enableOngoingCalls: true } });
  const before = createFakeCall('c1');
  first.KeepCall.track(before);
  before.joining();
  await first.settle();
  phone.startMedia();
  before.joined(phone.clock.now());
  await first.settle();
  const uuid = phone.observe().calls.c1?.uuid;
  expect(uuid).toBeDefined();
  return { phone, uuid, app: first.reload() };
}

describe('item 2: setPushConfig after start-up, following a reload', () => {
  it('after an await: the adopted CallKit call keeps its audio and is tracked again under its UUID', async () => {
    const { phone, uuid, app } = await callThenReload();
    // The app listens first (which starts the engine), then configures after an await.
    app.KeepCall.on(() => {});
    await app.settle(500);
    expect(phone.observe().calls.c1?.uuid).toBe(uuid);
    app.KeepCall.setPushConfig({ ios: { enableOngoingCalls: true } });
    const call = createFakeCall('c1');
    app.KeepCall.track(call);
    call.joined(phone.clock.now());
    await app.settle(10_000);
    expect(app.calls).not.toContain('endCallKitCall');
    expect(app.calls).not.toContain('startCallKitCall');
    expect(phone.observe()).toMatchObject({ audioPlays: true, calls: { c1: { uuid, phase: 'connected' } } });
    expect(app.errors).toEqual([]);
  });

  it('never configured: the adopted call is ended once the grace is over (I10), not at once', async () => {
    const { phone, app } = await callThenReload();
    app.KeepCall.on(() => {});
    await app.settle(7000);
    expect(Object.keys(phone.observe().calls)).toEqual(['c1']);
    await app.settle(2000);
    expect(Object.keys(phone.observe().calls)).toEqual([]);
  });
});

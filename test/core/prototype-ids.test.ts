// Call ids are the SDK's, not keepcall's: one that names an Object.prototype member ("constructor",
// "__proto__", …) must be kept like any other, on every platform, and nothing may throw into the SDK.
import { describe, expect, it } from 'vitest';
import { createRuntime, type KeepCallError } from '../../src/core/index';
import { createAndroidDevice, createFakeCall, createIosDevice } from '../../src/testing';
import { createWebPort } from '../../src/web/port';
import { startApp } from '../react-native/modelNative';
import { withKeepcall } from '../testing/drivers';
import { ALL_GRANTED, MEDIA_MANIFEST } from '../testing/helpers';
import { FakeBrowser } from '../web/fake-browser';

const PROTOTYPE_IDS = ['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf'];

/** Joins the call as the SDK would, catching what the engine throws back into the SDK's emitter. */
function joinAndLeave(call: ReturnType<typeof createFakeCall>, at: number) {
  const thrown: unknown[] = [];
  const send = (step: () => void) => {
    try {
      step();
    } catch (error) {
      thrown.push(error);
    }
  };
  return {
    thrown,
    join: () => {
      send(() => call.joining());
      send(() => call.joined(at));
    },
    leave: () => send(() => call.left()),
  };
}

describe.each(PROTOTYPE_IDS)('a call whose id is %j', (id) => {
  it('Android: the service runs with that call in its notification until the call leaves', async () => {
    const device = createAndroidDevice({ apiLevel: 34, ...MEDIA_MANIFEST, granted: ALL_GRANTED });
    const keep = await withKeepcall(device);
    const call = createFakeCall(id, { displayName: 'Alice' });
    keep.runtime.track(call);
    const sdk = joinAndLeave(call, device.clock.now());
    sdk.join();
    await keep.settle(60_000);
    expect(sdk.thrown).toEqual([]);
    expect(device.observe().service.running).toBe(true);
    expect(device.observe().notification?.spec.callId).toBe(id);
    device.setApp('background');
    await keep.settle(60_000);
    expect(device.observe().service.running).toBe(true);
    sdk.leave();
    await keep.settle(60_000);
    expect(sdk.thrown).toEqual([]);
    expect(device.observe().service.running).toBe(false);
    expect(keep.errors).toEqual([]);
  });

  it('iOS: CallKit holds the call, muted as the call is, until it leaves', async () => {
    const device = createIosDevice({ backgroundModes: ['audio', 'voip'] });
    const keep = await withKeepcall(device, { push: { ios: { enableOngoingCalls: true } } });
    const call = createFakeCall(id);
    keep.runtime.track(call);
    const sdk = joinAndLeave(call, device.clock.now());
    sdk.join();
    await keep.settle();
    expect(sdk.thrown).toEqual([]);
    const calls = device.observe().calls;
    expect(Object.hasOwn(calls, id)).toBe(true);
    expect(Object.keys(calls)).toEqual([id]);
    expect(calls[id]?.phase).toBe('connected');
    device.systemMute(id, true);
    await keep.settle();
    expect(call.muteCalls).toEqual([true]);
    expect(device.observe().calls[id]?.muted).toBe(true);
    sdk.leave();
    await keep.settle();
    expect(sdk.thrown).toEqual([]);
    expect(Object.keys(device.observe().calls)).toEqual([]);
    expect(keep.errors).toEqual([]);
  });

  it('the web: Media Session shows the call, and its hang-up leaves it', async () => {
    const browser = new FakeBrowser({});
    const port = createWebPort({ env: browser.env, pageId: 'page-1' });
    const runtime = createRuntime({ port, platform: { os: 'web', declared: [] }, app: port.appState() });
    const errors: KeepCallError[] = [];
    runtime.on((event) => event.type === 'error' && errors.push(event.error));
    await runtime.start();
    const call = createFakeCall(id, { displayName: 'Team standup' });
    runtime.track(call);
    const sdk = joinAndLeave(call, Date.now());
    sdk.join();
    await runtime.idle();
    expect(sdk.thrown).toEqual([]);
    expect(browser.metadata).toMatchObject({ title: 'Team standup' });
    browser.press('hangup');
    await runtime.idle();
    await new Promise((resolve) => setTimeout(resolve, 0));
    await runtime.idle();
    expect(call.hangups).toBe(1);
    expect(browser.metadata).toBeNull();
    expect(errors).toEqual([]);
  });

  it('React Native on iOS: a reload adopts the CallKit call under that id, with no second call', async () => {
    const phone = createIosDevice({ backgroundModes: ['audio', 'voip'] });
    const first = startApp(phone);
    first.KeepCall.setPushConfig({ ios: { enableOngoingCalls: true } });
    const before = createFakeCall(id);
    first.KeepCall.track(before);
    before.joining();
    before.joined(phone.clock.now());
    await first.settle();
    const uuid = phone.observe().calls[id]?.uuid;
    expect(uuid).toBeDefined();

    const app = first.reload();
    app.KeepCall.setPushConfig({ ios: { enableOngoingCalls: true } });
    const call = createFakeCall(id);
    app.KeepCall.track(call);
    call.joined(phone.clock.now());
    await app.settle(1000);
    expect(app.calls).not.toContain('startCallKitCall');
    expect(Object.keys(phone.observe().calls)).toEqual([id]);
    expect(phone.observe().calls[id]?.uuid).toBe(uuid);
    call.left();
    await app.settle(10_000);
    expect(Object.keys(phone.observe().calls)).toEqual([]);
    expect(app.errors).toEqual([]);
  });
});

// keepcall's runtime drives the iOS model through each rule's scenario and never hits the rule;
// a naive driver (CallKit reported once joined, system UI ignored) hits it on the same device.
import { describe, expect, it } from 'vitest';
import type { RuntimeEvent, RuntimeOptions } from '../../../src/core/universal';
import { createFakeCall, createIosDevice, type IosDevice, type IosDeviceOptions } from '../../../src/testing';
import { flush, naiveIos, withKeepcall } from '../drivers';
import { callKitConfigure } from '../helpers';

const ONGOING = { push: { ios: { enableOngoingCalls: true } } };

async function keepcallOn(options: IosDeviceOptions = {}, extra: Partial<RuntimeOptions> = ONGOING) {
  const device = createIosDevice({ backgroundModes: ['audio', 'voip'], ...options });
  const keep = await withKeepcall(device, extra);
  const call = createFakeCall('c1', { displayName: 'Alice' });
  keep.runtime.track(call);
  const events: RuntimeEvent[] = [];
  keep.runtime.on((event) => events.push(event));
  return { device, call, events, ...keep };
}

function naiveOn(options: IosDeviceOptions = {}) {
  const device = createIosDevice({ backgroundModes: ['audio', 'voip'], ...options });
  const call = createFakeCall('c1');
  return { device, call, ...naiveIos(device, call) };
}

describe('I4/I5: the CallKit call starts when joining begins', () => {
  it("keepcall's call has audio; reporting CallKit only once joined loses it", async () => {
    const keep = await keepcallOn();
    keep.call.joining();
    await keep.settle();
    expect(keep.device.observe().calls.c1?.phase).toBe('connecting');
    keep.device.startMedia();
    keep.call.joined(keep.device.clock.now());
    await keep.settle();
    expect(keep.device.observe()).toMatchObject({ audioPlays: true, calls: { c1: { phase: 'connected' } } });
    expect(keep.events.filter((e) => e.type === 'audio')).toEqual([{ type: 'audio', active: true }]);
    expect(keep.refused).toEqual([]);

    const naive = naiveOn();
    naive.call.joining();
    naive.device.startMedia();
    naive.call.joined(naive.device.clock.now());
    await flush();
    expect(naive.device.observe().audioPlays).toBe(false);
  });
});

describe('I1–I3: staying alive in the background', () => {
  it('with the audio mode, the CallKit session keeps the app running; a held call may be suspended', async () => {
    const keep = await keepcallOn();
    keep.call.joined(keep.device.clock.now());
    await keep.settle();
    keep.device.setApp('background');
    await keep.settle(60_000);
    expect(keep.device.observe().processAlive).toBe(true);
    keep.device.systemHold('c1', true);
    await keep.settle(60_000);
    expect(keep.device.observe().processAlive).toBe('unknown');
    expect(keep.runtime.getState().model.calls.get('c1')?.phase).toBe('held');
  });
});

describe('I6/I8: the system UI ends the call', () => {
  it('keepcall leaves the call and never ends it twice; the naive app keeps talking, then fails', async () => {
    const keep = await keepcallOn();
    keep.call.joined(keep.device.clock.now());
    await keep.settle();
    keep.device.systemEnd('c1');
    await keep.settle();
    expect(keep.call.hangups).toBe(1);
    expect(keep.refused).toEqual([]);
    expect(keep.device.observe().calls).toEqual({});
    expect(keep.device.log.filter((entry) => entry.rule === 'I8')).toEqual([]);

    const naive = naiveOn();
    naive.call.joined(naive.device.clock.now());
    await flush();
    naive.device.systemEnd('c1');
    expect(naive.call.hangups).toBe(0);
    naive.call.left();
    await flush();
    expect(naive.refused.join()).toMatch(/unknownCallUUID/);
  });

  it('a mute from the lock screen mutes the call without a command back (I6)', async () => {
    const keep = await keepcallOn();
    keep.call.joined(keep.device.clock.now());
    await keep.settle();
    keep.device.systemMute('c1', true);
    await keep.settle();
    expect(keep.call.muteCalls).toEqual([true]);
    expect(keep.device.observe().calls.c1?.muted).toBe(true);
    expect(keep.refused).toEqual([]);
  });
});

describe('I9: unhold re-activates the audio session', () => {
  it('keepcall forwards each activation to the app', async () => {
    const keep = await keepcallOn();
    keep.call.joined(keep.device.clock.now());
    await keep.settle();
    keep.device.systemHold('c1', true);
    await keep.settle();
    keep.device.systemHold('c1', false);
    await keep.settle();
    const audio = keep.events.filter((e) => e.type === 'audio').map((e) => e.type === 'audio' && e.active);
    expect(audio).toEqual([true, false, true]);
    expect(keep.device.observe()).toMatchObject({ audioSessionActive: true, calls: { c1: { held: false } } });
    expect(keep.refused).toEqual([]);
  });
});

describe('I10: no CallKit', () => {
  it('without enableOngoingCalls keepcall sends nothing to CallKit and the audio mode keeps the call', async () => {
    const keep = await keepcallOn({ callKitAvailable: false, backgroundModes: ['audio'] }, { push: {} });
    keep.call.joined(keep.device.clock.now());
    keep.device.startMedia();
    await keep.settle();
    keep.device.setApp('background');
    await keep.settle(60_000);
    expect(keep.refused).toEqual([]);
    expect(keep.device.observe()).toMatchObject({ processAlive: true, audioPlays: true, crashed: null });
  });

  it('with CallKit refused the failure is reported by name and not retried in a loop', async () => {
    const keep = await keepcallOn({ callKitAvailable: false });
    keep.call.joined(keep.device.clock.now());
    await keep.settle(1000);
    const first = keep.refused.length;
    expect(first).toBeGreaterThan(0);
    expect(new Set(keep.refused.map((r) => r.code))).toEqual(new Set(['unsupported']));
    expect(keep.errors.map((e) => e.code)).toContain('unsupported');
    await keep.settle(60_000);
    expect(keep.refused).toHaveLength(first);
    expect(keep.device.observe().crashed).toBeNull();
  });
});

describe('reload', () => {
  it('a JavaScript reload adopts the CallKit call instead of starting a second one', async () => {
    const first = await keepcallOn();
    first.call.joined(first.device.clock.now());
    await first.settle();
    first.runtime.dispose();
    first.device.reloadJs();
    const second = await withKeepcall(first.device, ONGOING);
    const again = createFakeCall('c1');
    second.runtime.track(again);
    again.joined(first.device.clock.now());
    await second.settle();
    expect(second.refused).toEqual([]);
    expect(Object.keys(first.device.observe().calls)).toEqual(['c1']);
    again.left();
    await second.settle(5000);
    expect(first.device.observe().calls).toEqual({});
  });
});

describe("I4: CallKit's provider settings never change under a live call", () => {
  const reconfiguredLive = (device: IosDevice) =>
    device.log.filter((entry) => entry.what.includes('reconfigured while CallKit holds a call'));

  it('keepcall configures CallKit before the first call and a config change only once none is live; a driver reconfiguring at once hits it', async () => {
    const keep = await keepcallOn({}, { ...ONGOING, config: { ios: { appName: 'Meet' } } });
    keep.call.joining();
    await keep.settle();
    expect(keep.device.observe()).toMatchObject({
      provider: { appName: 'Meet' },
      calls: { c1: { phase: 'connecting' } },
    });
    keep.device.startMedia();
    keep.call.joined(keep.device.clock.now());
    await keep.settle();

    keep.runtime.updateConfig({ ios: { appName: 'Renamed' } });
    await keep.settle(1000);
    expect(keep.device.observe()).toMatchObject({ provider: { appName: 'Meet' }, audioPlays: true });

    keep.call.left();
    await keep.settle(1000);
    const next = createFakeCall('c2');
    keep.runtime.track(next);
    next.joining();
    await keep.settle();
    expect(keep.device.observe()).toMatchObject({
      provider: { appName: 'Renamed' },
      calls: { c2: { phase: 'connecting' } },
    });
    expect(reconfiguredLive(keep.device)).toEqual([]);
    expect(keep.refused).toEqual([]);

    // A driver that sends the settings whenever they change, call or not.
    const naive = naiveOn();
    await naive.device.run(callKitConfigure('Meet'));
    naive.call.joined(naive.device.clock.now());
    await flush();
    await naive.device.run(callKitConfigure('Renamed'));
    expect(reconfiguredLive(naive.device)).toHaveLength(1);
  });
});

// endOnTaskRemoved (A18) applies to the removal it was set for: the calls are hung up and the keeper
// stops together, or neither happens; a later change of the setting does not split them.
import { describe, expect, it } from 'vitest';
import { createAndroidDevice, createFakeCall } from '../../../src/testing';
import { withKeepcall } from '../../testing/drivers';
import { ALL_GRANTED, MEDIA_MANIFEST } from '../../testing/helpers';

async function removedWith(endOnTaskRemoved: boolean) {
  const device = createAndroidDevice({ apiLevel: 29, ...MEDIA_MANIFEST, granted: ALL_GRANTED });
  const keep = await withKeepcall(device, {
    config: { foregroundService: { android: { endOnTaskRemoved } } },
  });
  const call = createFakeCall('c1');
  keep.runtime.track(call);
  call.joined(device.clock.now());
  await keep.settle();
  device.removeTask();
  await keep.settle();
  return { device, call, ...keep };
}

describe('item 7: endOnTaskRemoved changed after the task was removed', () => {
  it('turned on later: the live call keeps its service and is not hung up', async () => {
    const { device, call, runtime, settle } = await removedWith(false);
    expect(device.observe().service.running).toBe(true);
    runtime.updateConfig({ foregroundService: { android: { endOnTaskRemoved: true } } });
    await settle(60_000);
    expect(call.hangups).toBe(0);
    expect(device.observe().service.running).toBe(true);
    call.left();
    await settle(10_000);
    expect(device.observe().service.running).toBe(false);
  });

  it('on at the removal: the call is hung up and the service stops, whatever is set afterwards', async () => {
    const { device, call, runtime, settle } = await removedWith(true);
    expect(call.hangups).toBe(1);
    expect(device.observe().service.running).toBe(false);
    runtime.updateConfig({ foregroundService: { android: { endOnTaskRemoved: false } } });
    await settle(60_000);
    expect(device.observe().service.running).toBe(false);
  });
});

describe('item 7: a call that joins after the task was removed (the process lives on)', () => {
  it('is kept while a service still runs, or the engine says why not; never dropped silently', async () => {
    const device = createAndroidDevice({ apiLevel: 29, ...MEDIA_MANIFEST, granted: ALL_GRANTED });
    const keep = await withKeepcall(device, {
      config: { foregroundService: { android: { stopDebounceMs: 5000 } } },
    });
    const first = createFakeCall('c1', { leaveOnHangup: false });
    keep.runtime.track(first);
    first.joined(device.clock.now());
    await keep.settle();
    device.removeTask();
    await keep.settle();
    expect(first.hangups).toBe(1);
    const second = createFakeCall('c2');
    keep.runtime.track(second);
    second.joined(device.clock.now());
    await keep.settle(60_000);
    const kept = device.observe().service.running;
    const said = keep.errors.some((error) => error.code === 'start-not-allowed');
    expect(kept || said).toBe(true);
    expect(second.hangups === 0 || !kept).toBe(true);
  });
});

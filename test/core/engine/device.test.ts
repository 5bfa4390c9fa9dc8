// A device report that arrives while the engine waits for a snapshot (at start, or on a return to the
// foreground) is newer than the snapshot may be: the snapshot must not overwrite it.
import { describe, expect, it } from 'vitest';
import type { KeepCallError } from '../../../src/core/errors';
import { createRuntime } from '../../../src/core/universal';
import { createAndroidDevice, createFakeCall, createIosDevice, createMemoryPort } from '../../../src/testing';
import { createVirtualClock } from '../../../src/testing/clock';
import { withKeepcall } from '../../testing/drivers';
import { ALL_GRANTED, MEDIA_MANIFEST } from '../../testing/helpers';
import { ANDROID_34, AUDIO, testCall } from '../helpers';

describe('a report that arrives while a snapshot is taken', () => {
  it('Android, at start after a reload: a service the system stops meanwhile is started again for its call', async () => {
    const device = createAndroidDevice({ apiLevel: 34, ...MEDIA_MANIFEST, granted: ALL_GRANTED });
    const first = await withKeepcall(device);
    const before = createFakeCall('c1');
    first.runtime.track(before);
    before.joined(device.clock.now());
    await first.settle();
    first.runtime.dispose();
    device.reloadJs();
    const runtime = createRuntime({
      port: device,
      platform: device.platformInfo(),
      clock: device.clock,
      app: device.appState(),
      permissions: device.permissions(),
    });
    const errors: unknown[] = [];
    runtime.on((event) => event.type === 'error' && errors.push(event.error));
    // The start asks for a snapshot (the service runs); the system's stop is reported before it is adopted.
    const started = runtime.start();
    device.killService();
    await started;
    const call = createFakeCall('c1');
    runtime.track(call);
    call.joined(device.clock.now());
    device.advance(1000);
    await runtime.idle();
    expect(device.observe().service.running).toBe(true);
    expect(errors).toEqual([]);
  });

  it('iOS, at start after a reload: a CallKit call the user ends meanwhile is not ended again (unknownCallUUID)', async () => {
    const phone = createIosDevice({ backgroundModes: ['audio', 'voip'] });
    const push = { ios: { enableOngoingCalls: true } };
    const first = await withKeepcall(phone, { push });
    const before = createFakeCall('c1');
    first.runtime.track(before);
    before.joining();
    await first.settle();
    phone.startMedia();
    before.joined(phone.clock.now());
    await first.settle();
    first.runtime.dispose();
    phone.reloadJs();
    const runtime = createRuntime({
      port: phone,
      platform: phone.platformInfo(),
      clock: phone.clock,
      app: phone.appState(),
      push,
    });
    const errors: unknown[] = [];
    runtime.on((event) => event.type === 'error' && errors.push(event.error));
    const started = runtime.start();
    phone.systemEnd('c1');
    await started;
    const call = createFakeCall('c1');
    runtime.track(call);
    call.joined(phone.clock.now());
    phone.advance(1000);
    await runtime.idle();
    // The user's end could not reach the app's call (not tracked yet: create-client-failed), which is
    // live again and reported again; CallKit is not asked to end a call it no longer has.
    expect(errors.map((error) => (error as KeepCallError).code)).toEqual(['create-client-failed']);
    expect(phone.observe().calls.c1?.phase).toBe('connected');
  });

  it('an un-numbered port, at start: the stop is applied again on top of the snapshot', async () => {
    const port = createMemoryPort('android');
    const first = createRuntime({ port, platform: ANDROID_34, clock: createVirtualClock() });
    await first.start();
    const before = testCall('c1');
    first.track(before);
    before.emit({ type: 'joined', at: 1, media: AUDIO });
    await first.idle();
    expect(port.state.android).not.toBeNull();
    first.dispose();
    const runtime = createRuntime({ port, platform: ANDROID_34, clock: createVirtualClock() });
    const started = runtime.start();
    port.state = { android: null };
    port.emit({ type: 'service.stopped' });
    await started;
    const call = testCall('c1');
    runtime.track(call);
    call.emit({ type: 'joined', at: 1, media: AUDIO });
    await runtime.idle();
    expect(port.state.android?.types).toContain('mediaPlayback');
  });
});

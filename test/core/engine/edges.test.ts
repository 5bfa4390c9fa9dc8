// Item 9 of issue 14: smaller engine defects, each as a user would meet it.
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { KeepCallError } from '../../../src/core/errors';
import { createRuntime } from '../../../src/core/universal';
import { createAndroidDevice, createFakeCall, createIosDevice } from '../../../src/testing';
import { withKeepcall } from '../../testing/drivers';
import { ALL_GRANTED, MEDIA_MANIFEST } from '../../testing/helpers';
import { AUDIO, reload, setup, testCall } from '../helpers';

describe('taskToRun for a call tracked again under an adopted keeper', () => {
  it('starts when the call is tracked, not at its next signal', async () => {
    const first = await setup();
    const call = testCall('c1');
    first.runtime.track(call);
    call.emit({ type: 'joined', at: 1, media: AUDIO });
    await first.runtime.idle();
    const started: string[] = [];
    const runtime = await reload(first, {
      config: {
        foregroundService: {
          android: {
            taskToRun: async (tracked) => {
              started.push(tracked.id);
            },
          },
        },
      },
    });
    runtime.track(testCall('c1'));
    await runtime.idle();
    await Promise.resolve();
    expect(started).toEqual(['c1']);
  });
});

describe('dispose() while CallKit reports a start', () => {
  it('sends nothing after it: no connecting, no connected', async () => {
    const device = createIosDevice({ backgroundModes: ['audio', 'voip'] });
    const keep = await withKeepcall(device, { push: { ios: { enableOngoingCalls: true } } });
    const sent: string[] = [];
    keep.runtime.on((event) => {
      if (event.type === 'command') {
        sent.push(event.command.kind);
        if (event.command.kind === 'callkit.start') keep.runtime.dispose();
      }
    });
    const call = createFakeCall('c1');
    keep.runtime.track(call);
    call.joined(device.clock.now());
    await keep.settle();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(sent).toEqual(['callkit.configure', 'callkit.start']);
    expect(device.observe().calls.c1?.phase).toBe('connecting');
  });
});

/** The engine as a React Native release build runs it: no input checks. */
const release = () =>
  setup({ checks: { config: (input) => input as never, push: (input) => input as never } });

describe('a release build given updateConfig(null)', () => {
  it('reports it by name, and a later left throws nothing into the SDK', async () => {
    const { runtime, port, clock, errors } = await release();
    const call = testCall('c1');
    runtime.track(call);
    call.emit({ type: 'joined', at: 1, media: AUDIO });
    await runtime.idle();
    runtime.updateConfig(null as never);
    expect(() => call.emit({ type: 'left' })).not.toThrow();
    await runtime.idle();
    clock.advance(2000);
    await runtime.idle();
    expect(errors().map((error) => error.code)).toEqual(['invalid-config']);
    expect(errors()[0]?.message).toMatch(/updateConfig needs an object, got null/);
    expect(runtime.getState().model.config.foregroundService.android.stopDebounceMs).toBe(1500);
    expect(port.state.android).toBeNull();
  });

  it('a signal the engine cannot handle is reported, never thrown into the SDK', async () => {
    const { runtime, errors } = await release();
    const call = testCall('c1');
    runtime.track(call);
    call.emit({ type: 'joined', at: 1, media: AUDIO });
    await runtime.idle();
    // A release build trusts what it is given: a section of the wrong shape.
    runtime.updateConfig({ foregroundService: 5 as never });
    expect(() => call.emit({ type: 'left' })).not.toThrow();
    expect(
      errors()
        .map((error) => error.message)
        .join(),
    ).toMatch(/stopDebounceMs/);
  });
});

describe('calls that are never untracked', () => {
  it('are not kept once they ended (memory stays flat), and one that joins again is kept again', async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const device = createAndroidDevice({ apiLevel: 34, ...MEDIA_MANIFEST, granted: ALL_GRANTED });
    const runtime = createRuntime({
      port: device,
      platform: device.platformInfo(),
      clock: device.clock,
      permissions: device.permissions(),
    });
    await runtime.start();
    const gone: WeakRef<object>[] = [];
    const oneCall = async (id: string) => {
      const call = createFakeCall(id);
      runtime.track(call);
      call.joined(device.clock.now());
      await runtime.idle();
      call.left();
      device.advance(60_000);
      await runtime.idle();
      gone.push(new WeakRef(call));
    };
    for (let i = 0; i < 50; i++) await oneCall(`call-${i}`);
    // The one kept last: it ends, then joins again on the same object.
    const again = createFakeCall('again');
    runtime.track(again);
    again.joined(device.clock.now());
    await runtime.idle();
    again.left();
    for (let i = 0; i < 20; i++) await oneCall(`later-${i}`);
    again.joined(device.clock.now() + 1);
    await runtime.idle();
    expect(device.observe().service.running).toBe(true);
    expect(device.observe().notification?.spec.callId).toBe('again');
    await new Promise((resolve) => setTimeout(resolve, 0));
    gc();
    const kept = gone.filter((ref) => ref.deref() !== undefined).length;
    // The last few ended calls stay reachable (a hang-up from a lingering notification); no more.
    expect(kept).toBeLessThanOrEqual(8);
  });
});

describe('API 34+ with a target SDK below 34', () => {
  it('asks for no FOREGROUND_SERVICE_* permission the platform does not demand', async () => {
    const device = createAndroidDevice({
      apiLevel: 36,
      targetSdk: 29,
      declared: ['FOREGROUND_SERVICE', 'FOREGROUND_SERVICE_MEDIA_PLAYBACK', 'POST_NOTIFICATIONS'],
      serviceTypes: ['mediaPlayback', 'microphone'],
      granted: ALL_GRANTED,
    });
    const keep = await withKeepcall(device);
    const call = createFakeCall('c1');
    keep.runtime.track(call);
    call.joined(device.clock.now());
    await keep.settle();
    expect(device.observe().service.types).toEqual(['mediaPlayback', 'microphone']);
    expect(keep.refused).toEqual([]);
    device.setApp('background');
    await keep.settle(60_000);
    expect(device.observe().microphoneCaptures).toBe(true);
  });

  it('a manifest with no service type still gets a service (a typeless startForeground is accepted)', async () => {
    const device = createAndroidDevice({
      apiLevel: 34,
      targetSdk: 30,
      declared: ['FOREGROUND_SERVICE', 'POST_NOTIFICATIONS'],
      serviceTypes: [],
      granted: ALL_GRANTED,
    });
    const keep = await withKeepcall(device);
    const call = createFakeCall('c1');
    keep.runtime.track(call);
    call.joined(device.clock.now());
    await keep.settle();
    expect(device.observe().service.running).toBe(true);
    expect(keep.refused).toEqual([]);
    expect(keep.errors.map((error: KeepCallError) => error.code)).toEqual([]);
  });
});

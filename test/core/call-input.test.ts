// track() checks its argument first and changes nothing when it rejects it (issue 14): a malformed
// object under a live call's id leaves that call tracked, its `left` heard and its service stopped.
import { describe, expect, it, vi } from 'vitest';
import { createKeepCall } from '../../src/core/facade';
import type { CallLike } from '../../src/core/types';
import { createRuntime } from '../../src/core/universal';
import { createAndroidDevice, createFakeCall, MEDIA_PROFILE_PERMISSIONS } from '../../src/testing';
import { startApp } from '../react-native/modelNative';
import { invalidInput } from './helpers';

const fns = { subscribe: () => () => {}, hangup: async () => {}, setMuted: async () => {} };

/** Inputs track() must refuse, with the words its message must contain. */
const BAD: [string, unknown, string[]][] = [
  [
    'null',
    null,
    ['the argument is null', 'expected a call (an object with id, subscribe, hangup and setMuted)'],
  ],
  ['a number', 42, ['the argument is 42']],
  ['a string', 'call-1', ['the argument is "call-1"']],
  [
    'no subscribe',
    { id: 'live', hangup: fns.hangup, setMuted: fns.setMuted },
    ['subscribe is undefined', 'a function'],
  ],
  ['a numeric id', { ...fns, id: 42 }, ['id is 42', 'a non-empty string']],
  ['an empty id', { ...fns, id: '' }, ['id is ""', 'a non-empty string']],
  ['hangup not a function', { ...fns, id: 'live', hangup: 'bye' }, ['hangup is "bye"', 'a function']],
  [
    'setMuted missing',
    { id: 'live', subscribe: fns.subscribe, hangup: fns.hangup },
    ['setMuted is undefined'],
  ],
  [
    'a numeric displayName',
    { ...fns, id: 'live', displayName: 7 },
    ['displayName is 7', 'a string, or leave it out'],
  ],
  [
    'setCameraEnabled not a function',
    { ...fns, id: 'live', setCameraEnabled: true },
    ['setCameraEnabled is true'],
  ],
  [
    'a throwing getter',
    Object.defineProperty({ ...fns }, 'id', {
      get() {
        throw new Error('boom');
      },
    }),
    ['reading id threw', 'boom'],
  ],
  [
    'a Proxy that throws',
    new Proxy(
      {},
      {
        get() {
          throw new Error('revoked');
        },
      },
    ),
    ['reading id threw', 'revoked'],
  ],
  [
    'subscribe that throws',
    {
      ...fns,
      id: 'live',
      subscribe: () => {
        throw new Error('not connected');
      },
    },
    ['subscribe() threw', 'not connected'],
  ],
];

const rejection = (fn: () => unknown) => invalidInput(fn, 'track()');

function device() {
  return createAndroidDevice({
    apiLevel: 34,
    declared: [...MEDIA_PROFILE_PERMISSIONS],
    serviceTypes: ['mediaPlayback', 'microphone'],
    granted: ['RECORD_AUDIO', 'POST_NOTIFICATIONS'],
  });
}

describe('track() rejects a malformed call and changes nothing', () => {
  it.each(BAD)(
    '%s: a KeepCallError naming the field; the live call under that id stays tracked',
    async (_, input, words) => {
      const phone = device();
      const runtime = createRuntime({
        port: phone,
        platform: phone.platformInfo(),
        clock: phone.clock,
        permissions: phone.permissions(),
      });
      await runtime.start();
      const live = createFakeCall('live', { displayName: 'Ada' });
      runtime.track(live);
      live.joined(phone.clock.now());
      await runtime.idle();
      phone.setApp('background');
      await runtime.idle();
      expect(phone.observe().service.running).toBe(true);

      const error = rejection(() => runtime.track(input as CallLike));
      for (const word of words) expect(error.message).toContain(word);

      // The live call is still heard: it leaves, and nothing of it stays on the device.
      expect(live.listenerCount).toBe(1);
      live.left();
      await runtime.idle();
      phone.advance(5000);
      await runtime.idle();
      expect(phone.observe()).toMatchObject({ service: { running: false }, notification: null });
      runtime.dispose();
    },
  );

  it('a valid call under a live id still replaces it (tracked again after a reload)', async () => {
    const phone = device();
    const runtime = createRuntime({ port: phone, platform: phone.platformInfo(), clock: phone.clock });
    await runtime.start();
    const first = createFakeCall('live');
    const second = createFakeCall('live');
    runtime.track(first);
    runtime.track(second);
    expect([first.listenerCount, second.listenerCount]).toEqual([0, 1]);
    runtime.dispose();
  });

  it('the facade checks before building the engine: a rejected call does not even start it', () => {
    const connect = vi.fn();
    const api = createKeepCall(connect);
    rejection(() => api.track({ id: 42 } as unknown as CallLike));
    expect(connect).not.toHaveBeenCalled();
  });

  it('through the React Native binding (a release build has no config checks, and still checks calls)', async () => {
    const phone = device();
    const app = startApp(phone);
    const live = createFakeCall('live');
    app.KeepCall.track(live);
    live.joined(phone.clock.now());
    await app.settle();
    const error = rejection(() => app.KeepCall.track({ id: 'live', subscribe: 'no' } as unknown as CallLike));
    expect(error.message).toContain('subscribe is "no"');
    live.left();
    await app.settle(5000);
    expect(phone.observe().service.running).toBe(false);
  });
});

// The Android model's notification, timeouts, audio and lifecycle: A7–A9, A11, A14–A16, A18.
import { describe, expect, it } from 'vitest';
import type { PortEvent } from '../../../src/core/types';
import {
  type AndroidDeviceOptions,
  type AndroidFgsType,
  type AndroidNotification,
  createAndroidDevice,
} from '../../../src/testing';
import { ALL_GRANTED, callNotification, MEDIA_MANIFEST, outcome } from '../helpers';

function device(options: Partial<AndroidDeviceOptions> & { apiLevel: number }) {
  const d = createAndroidDevice({ ...MEDIA_MANIFEST, granted: ALL_GRANTED, ...options });
  const events: PortEvent[] = [];
  d.subscribe((event) => events.push(event));
  return { d, events };
}
const start = (types: AndroidFgsType[], notification: AndroidNotification = callNotification()) =>
  ({ kind: 'service.start', notification, types }) as const;

describe('A7: without POST_NOTIFICATIONS on API 33+ the service runs unseen', () => {
  it.each([
    [32, true],
    [33, false],
  ])('API %i: notification visible = %s', async (apiLevel, visible) => {
    const { d } = device({ apiLevel, granted: ['RECORD_AUDIO'] });
    await d.run(start(['mediaPlayback']));
    expect(d.observe().service.running).toBe(true);
    expect(d.observe().notification?.visible).toBe(visible);
    expect(d.log.some((entry) => entry.rule === 'A7')).toBe(!visible);
  });

  it('a hidden notification cannot be tapped; granting shows it', async () => {
    const { d } = device({ apiLevel: 34, granted: [] });
    await d.run(start(['mediaPlayback']));
    expect(() => d.tapAction('hangup')).toThrow(/no notification is visible/);
    d.grant('POST_NOTIFICATIONS');
    expect(d.observe().notification?.visible).toBe(true);
  });
});

describe('A8: a plain notification may be held back 10 s on API 31+', () => {
  const plain = callNotification('c1', {
    actions: [],
    category: 'service',
    immediate: false,
    callStyle: false,
  });
  it.each([
    [30, plain, true],
    [31, plain, false],
    [31, callNotification(), true],
  ])('API %i: visible at once = %s', async (apiLevel, notification, atOnce) => {
    const { d } = device({ apiLevel });
    await d.run(start(['microphone'], notification));
    expect(d.observe().notification?.visible).toBe(atOnce);
    d.advance(10_000);
    expect(d.observe().notification?.visible).toBe(true);
  });
});

describe('A9: shortService and dataSync time out', () => {
  const withTimed = { serviceTypes: ['shortService', 'dataSync', 'mediaPlayback'] as AndroidFgsType[] };
  it('shortService: onTimeout after 3 min; keepcall stops, a naive service that does not stop crashes', async () => {
    const keep = device({ apiLevel: 34, ...withTimed, declared: ['FOREGROUND_SERVICE_DATA_SYNC'] });
    await keep.d.run(start(['shortService']));
    keep.d.advance(179_999);
    expect(keep.d.observe().service.running).toBe(true);
    keep.d.advance(1);
    expect(keep.events.map((e) => e.type)).toEqual(['service.started', 'service.timeout', 'service.stopped']);

    const naive = device({ apiLevel: 34, ...withTimed, nativeFallback: false });
    await naive.d.run(start(['shortService']));
    naive.d.advance(180_000 + 3000);
    expect(naive.d.observe().crashed?.rule).toBe('A9');
  });

  it('dataSync: 6 h on API 35, unlimited on API 34', async () => {
    for (const [apiLevel, timesOut] of [
      [34, false],
      [35, true],
    ] as const) {
      const { d, events } = device({ apiLevel, ...withTimed, declared: ['FOREGROUND_SERVICE_DATA_SYNC'] });
      await d.run(start(['dataSync']));
      d.advance(6 * 60 * 60_000);
      expect(events.some((e) => e.type === 'service.timeout')).toBe(timesOut);
    }
  });
});

describe('A11: tapping the notification opens the activity directly', () => {
  it('the app becomes active, then the tap is reported with the call id', async () => {
    const { d, events } = device({ apiLevel: 34 });
    await d.run(start(['mediaPlayback']));
    d.setApp('background');
    // A notification without a tap target (a naive service's) opens the launch activity.
    expect(d.tapNotification()).toEqual({ kind: 'launch' });
    expect(events.slice(-2)).toEqual([
      { type: 'app', state: 'active' },
      { type: 'tap', callId: 'c1' },
    ]);
    expect(d.log.some((entry) => entry.rule === 'A11')).toBe(true);
  });

  it('opens the activity or the deep link the notification names', async () => {
    for (const tap of [
      { kind: 'activity', name: 'com.example.app.CallActivity' },
      { kind: 'uri', uri: 'example://call/c1' },
    ] as const) {
      const { d } = device({ apiLevel: 34 });
      await d.run({
        kind: 'service.start',
        notification: callNotification('c1', { tap }),
        types: ['mediaPlayback'],
      });
      d.setApp('background');
      expect(d.tapNotification()).toEqual(tap);
      expect(d.observe().notification?.spec.tap).toEqual(tap);
      expect(d.log.at(-1)?.what).toContain(tap.kind === 'activity' ? tap.name : tap.uri);
    }
  });
});

describe("the app's own notification buttons", () => {
  const withApp = (actions: AndroidNotification['actions']) => ({
    kind: 'service.start' as const,
    notification: callNotification('c1', { actions }),
    types: ['mediaPlayback' as const],
  });

  it('each reaches the listener as an action with its id and the call id', async () => {
    const { d, events } = device({ apiLevel: 34 });
    await d.run(
      withApp([
        { id: 'hangup', label: 'Hang up' },
        { kind: 'app', id: 'raise-hand', label: 'Raise hand' },
      ]),
    );
    d.tapAction('raise-hand');
    expect(events.at(-1)).toEqual({ type: 'action', callId: 'c1', id: 'raise-hand' });
    expect(() => d.tapAction('other')).toThrow(/no such action/);
  });

  it('Android draws three buttons: a fourth is not drawn, cannot be tapped, and the log says why (A14)', async () => {
    const { d } = device({ apiLevel: 34 });
    await d.run(
      withApp([
        { id: 'hangup', label: 'Hang up' },
        { id: 'mute', label: 'Mute' },
        { kind: 'app', id: 'one', label: 'One' },
        { kind: 'app', id: 'two', label: 'Two' },
      ]),
    );
    expect(d.observe().notification?.spec.actions.map((a) => a.id)).toEqual(['hangup', 'mute', 'one']);
    expect(() => d.tapAction('two')).toThrow(/no such action/);
    expect(d.log.some((entry) => entry.rule === 'A14' && entry.what.includes('"Two" is not drawn'))).toBe(
      true,
    );
  });
});

describe('A14: ongoing notifications are dismissible on API 34+, except CallStyle and when locked', () => {
  it.each([
    [33, callNotification('c1', { callStyle: false }), false],
    [34, callNotification('c1', { callStyle: false }), true],
    [34, callNotification(), false],
    [34, callNotification('c1', { person: '' }), true],
    [30, callNotification(), false],
  ])('API %i: dismissible = %s', async (apiLevel, notification, dismissible) => {
    const { d } = device({ apiLevel });
    await d.run(start(['mediaPlayback'], notification));
    expect(d.observe().notification?.dismissible).toBe(dismissible);
  });

  it('a dismissal hides the notification, keeps the service, and is reported; locked it is refused', async () => {
    const { d, events } = device({ apiLevel: 34 });
    await d.run(start(['mediaPlayback'], callNotification('c1', { callStyle: false })));
    d.lock();
    d.dismissNotification();
    expect(d.observe().notification).not.toBeNull();
    d.unlock();
    d.dismissNotification();
    expect(d.observe().notification).toBeNull();
    expect(d.observe().service.running).toBe(true);
    expect(events.at(-1)).toEqual({ type: 'notification.dismissed' });
    await d.run({
      kind: 'service.update',
      notification: callNotification('c1', { callStyle: false }),
      types: ['mediaPlayback'],
    });
    expect(d.observe().notification?.visible).toBe(true);
  });
});

describe('A15/A16: background audio', () => {
  it('below API 37: a foreground service keeps audio; without one it depends on the vendor', async () => {
    const { d } = device({ apiLevel: 35 });
    d.setApp('background');
    expect(d.observe().audioPlays).toBe('unknown');
    d.setApp('active');
    await d.run(start(['mediaPlayback']));
    d.setApp('background');
    expect(d.observe().audioPlays).toBe(true);
  });

  it.each([
    [37, 'visible', true],
    [37, 'background', false],
    [36, 'background', true],
  ])('API 37 target %i, service started while %s: audio = %s', async (targetSdk, from, plays) => {
    const { d } = device({
      apiLevel: 37,
      targetSdk,
      app: from === 'visible' ? 'active' : 'background',
      exemptions: ['batteryOptimizationOff'],
    });
    await d.run(start(['mediaPlayback']));
    d.setApp('background');
    expect(d.observe().audioPlays).toBe(plays);
  });

  it('API 37: no foreground service, no audio', () => {
    const { d } = device({ apiLevel: 37 });
    d.setApp('background');
    expect(d.observe().audioPlays).toBe(false);
  });
});

describe('A18: activity destroyed vs task removed', () => {
  it('an activity destroyed while the process lives keeps the call', async () => {
    const { d } = device({ apiLevel: 34 });
    await d.run(start(['mediaPlayback', 'microphone']));
    d.setApp('destroyed');
    expect(d.observe()).toMatchObject({
      processAlive: true,
      microphoneCaptures: true,
      service: { running: true },
    });
  });

  it.each([
    [true, false],
    [false, true],
  ])('swiped away with stopWithTask=%s: service running = %s', async (stopWithTask, running) => {
    const { d, events } = device({ apiLevel: 34, stopWithTask });
    await d.run(start(['mediaPlayback']));
    d.removeTask();
    expect(events.map((e) => e.type)).toContain('task.removed');
    expect(d.observe().service.running).toBe(running);
    expect(events.some((e) => e.type === 'service.stopped')).toBe(!running);
  });

  it('swiped away without a service: the process dies', () => {
    const { d } = device({ apiLevel: 34 });
    d.removeTask();
    expect(d.observe().processAlive).toBe(false);
  });
});

describe('controls report what the user did', () => {
  it('notification actions carry the notification call id; kills and grants are reported', async () => {
    const { d, events } = device({ apiLevel: 34, granted: ['POST_NOTIFICATIONS'] });
    await d.run(start(['mediaPlayback'], callNotification('call-7')));
    d.tapAction('mute');
    d.tapAction('hangup');
    expect(() => d.tapAction('unmute')).toThrow(/no such action/);
    d.grant('RECORD_AUDIO');
    d.revoke('CAMERA');
    d.killService();
    expect(events.slice(1)).toEqual([
      { type: 'mute', callId: 'call-7', muted: true, source: 'notification' },
      { type: 'hangup', callId: 'call-7', source: 'notification' },
      { type: 'permission', name: 'microphone', value: 'granted' },
      { type: 'permission', name: 'camera', value: 'denied' },
      { type: 'service.stopped' },
    ]);
    expect(d.observe().notification).toBeNull();
    expect(
      await outcome(d.run({ kind: 'service.update', notification: callNotification(), types: [] })),
    ).toBe('port-failed');
  });
});

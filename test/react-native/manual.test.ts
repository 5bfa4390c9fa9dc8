// The CometChat-style manual surface runs through the same engine as tracked calls.
import { describe, expect, it } from 'vitest';
import { androidPlatform } from '../../src/react-native/android';
import { createReactNativeKeepCall } from '../../src/react-native/binding';
import { createAndroidDevice } from '../../src/testing';
import { modelNative, startApp } from './modelNative';

function phone(
  apiLevel = 34,
  granted: ('RECORD_AUDIO' | 'CAMERA' | 'POST_NOTIFICATIONS')[] = ['RECORD_AUDIO', 'POST_NOTIFICATIONS'],
) {
  return createAndroidDevice({
    apiLevel,
    declared: [
      'FOREGROUND_SERVICE',
      'FOREGROUND_SERVICE_MEDIA_PLAYBACK',
      'FOREGROUND_SERVICE_MICROPHONE',
      'POST_NOTIFICATIONS',
    ],
    serviceTypes: ['mediaPlayback', 'microphone', 'camera'],
    granted,
  });
}

describe('OngoingCallService', () => {
  it('launch() keeps a synthetic call alive with a custom notification; the hang-up button reaches the app', async () => {
    const device = phone();
    const app = startApp(device);
    let hungUp = 0;
    app.OngoingNotification.buildOngoingConferenceNotification({ title: 'Standup', body: 'Tap to return' });
    app.OngoingCallService.launch({ displayName: 'Team', onHangup: () => hungUp++ });
    await app.settle();
    device.setApp('background');
    await app.settle(1000);
    // API 34: CallStyle titles the notification with the person (the display name), not the custom title.
    expect(device.observe().notification?.spec).toMatchObject({ title: 'Team', body: 'Tap to return' });
    expect(device.observe().service.types).toEqual(['mediaPlayback', 'microphone']);

    device.tapAction('hangup');
    await app.settle(5000);
    expect(hungUp).toBe(1);
    expect(device.observe()).toMatchObject({ notification: null, service: { running: false } });
  });

  it('abort() stops the service; launching twice keeps one service and one notification', async () => {
    const device = phone();
    const app = startApp(device);
    app.OngoingCallService.launch();
    app.OngoingCallService.launch();
    await app.settle();
    expect(app.calls.filter((name) => name === 'startService')).toHaveLength(1);
    app.OngoingCallService.abort();
    await app.settle(5000);
    expect(device.observe()).toMatchObject({
      crashed: null,
      notification: null,
      service: { running: false },
    });
  });

  it('a manual call and a tracked call share one keeper: ending one keeps the other alive', async () => {
    const device = phone();
    const app = startApp(device);
    app.OngoingCallService.launch({ id: 'manual' });
    const { createFakeCall } = await import('../../src/testing');
    const call = createFakeCall('sdk');
    app.KeepCall.track(call);
    call.joined(device.clock.now());
    await app.settle();
    app.OngoingCallService.abort();
    await app.settle(5000);
    expect(device.observe().service.running).toBe(true);
    expect(device.observe().notification?.spec.callId).toBe('sdk');
  });
});

describe('helpers', () => {
  it('requestNotificationPermission() on API 33+ asks, and the engine learns the answer', async () => {
    const device = phone(33, ['RECORD_AUDIO']);
    const app = startApp(device);
    await app.settle();
    expect(app.KeepCall.getState().model.permissions.notifications).toBe('denied');
    expect(await app.requestNotificationPermission()).toBe('granted');
    expect(device.permissions().notifications).toBe('granted');
    expect(app.KeepCall.getState().model.permissions.notifications).toBe('granted');
  });

  it.each([
    [32, []],
    [33, ['android.permission.POST_NOTIFICATIONS']],
  ])(
    'requestNotificationPermission() on API %i asks PermissionsAndroid for %j and resolves granted (A7)',
    async (api, asked) => {
      const { native, appState } = modelNative(phone(api, ['RECORD_AUDIO']));
      const requested: string[] = [];
      const app = createReactNativeKeepCall({
        native,
        platformFor: () => androidPlatform,
        appState,
        permissions: {
          async request(permission) {
            requested.push(permission);
            return 'granted';
          },
        },
      });
      expect(await app.requestNotificationPermission()).toBe('granted');
      expect(requested).toEqual(asked);
    },
  );

  it('createNotificationChannel() creates the configured channel on Android', async () => {
    const app = startApp(phone());
    await app.createNotificationChannel();
    expect(app.calls).toContain('createNotificationChannel');
  });
});

// `import { KeepCall } from 'keepcall'` on React Native outside Metro (instance.ts, both platforms):
// wired to the TurboModule named KeepCall, React Native's AppState (iOS), PermissionsAndroid's request
// (Android) and the headless task for a cold start.
import { describe, expect, it, vi } from 'vitest';
import type { NotificationSpec } from '../../src/core/types';
import type { AndroidDevice } from '../../src/testing';

const holder = vi.hoisted(() => ({
  device: undefined as AndroidDevice | undefined,
  tasks: new Map<string, () => () => Promise<void>>(),
  requested: [] as string[],
}));

vi.mock('react-native', async () => {
  const { createAndroidDevice } = await import('../../src/testing');
  const { modelNative } = await import('./modelNative');
  const device = createAndroidDevice({
    apiLevel: 34,
    declared: ['FOREGROUND_SERVICE', 'FOREGROUND_SERVICE_MEDIA_PLAYBACK', 'FOREGROUND_SERVICE_MICROPHONE'],
    serviceTypes: ['mediaPlayback', 'microphone'],
    granted: ['RECORD_AUDIO', 'POST_NOTIFICATIONS'],
  });
  holder.device = device;
  const doors = modelNative(device);
  return {
    TurboModuleRegistry: {
      get(name: string) {
        holder.requested.push(name);
        return doors.native;
      },
    },
    AppState: doors.appState,
    PermissionsAndroid: { request: async () => 'granted' },
    AppRegistry: {
      registerHeadlessTask(key: string, provider: () => () => Promise<void>) {
        holder.tasks.set(key, provider);
      },
    },
  };
});

const OLD_NOTIFICATION: NotificationSpec = {
  channelId: 'keepcall_ongoing',
  channelName: 'Ongoing calls',
  title: 'Call in progress',
  body: 'Tap to return to the call',
  smallIcon: 'ic_keepcall_call',
  callId: 'old',
  person: 'Alice',
  callStyle: true,
  category: 'call',
  immediate: true,
  ongoing: true,
  visibility: 'public',
  startedAt: 1_750_000_000_000,
  muted: false,
  actions: [{ id: 'hangup', label: 'Hang up' }],
  tap: { kind: 'launch' },
};

describe('the keepcall entry on React Native', () => {
  it('a cold start: the headless task adopts the service a previous JavaScript started and ends with it', async () => {
    // The binding runs on real timers in an app; fake ones here keep the adoption grace instant.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    await import('react-native');
    const device = holder.device;
    // Before JavaScript runs: the service is running (a previous runtime, or Kotlin's launch()).
    await device?.run({ kind: 'service.start', notification: OLD_NOTIFICATION, types: ['mediaPlayback'] });
    const keepcall = await import('../../src/react-native/index');
    expect(holder.requested).toEqual(['KeepCall']);
    const task = holder.tasks.get('KeepCallTask');
    expect(task).toBeDefined();

    let finished = false;
    const running = task?.()().then(() => {
      finished = true;
    });
    for (let i = 0; i < 20; i++) await Promise.resolve();
    await keepcall.KeepCall.runtime().idle();
    expect(keepcall.KeepCall.getState().actual.android?.notification.callId).toBe('old');
    expect(finished).toBe(false);

    // No call claims the adopted service: it is stopped once the adoption grace ends, and the task ends.
    device?.advance(10_000);
    await vi.advanceTimersByTimeAsync(10_000);
    await keepcall.KeepCall.runtime().idle();
    await running;
    expect(finished).toBe(true);
    expect(device?.observe().service.running).toBe(false);
    expect(typeof keepcall.useKeepCallAlive).toBe('function');
    expect(typeof keepcall.OngoingCallService.launch).toBe('function');
    vi.useRealTimers();
  });
});

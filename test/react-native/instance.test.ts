// The files Metro picks per platform: Android's binding takes the app state and the permissions from
// the native module alone and registers the headless task; iOS's reads React Native's AppState and
// touches neither PermissionsAndroid nor AppRegistry.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { notificationPermissionRequester } from '../../src/react-native/binding';
import type { Spec } from '../../src/react-native/NativeKeepCall';
import type { AppStateSource } from '../../src/react-native/port';
import { createAndroidDevice, createFakeCall, createIosDevice } from '../../src/testing';
import { modelNative } from './modelNative';

const holder = vi.hoisted(() => ({
  native: undefined as unknown,
  appState: undefined as unknown,
  tasks: [] as string[],
  touched: new Set<string>(),
  requested: [] as string[],
}));

// React Native as keepcall sees it, recording which of its exports keepcall reads.
vi.mock('react-native', () => {
  const exports = {
    TurboModuleRegistry: { get: () => holder.native },
    AppState: holder.appState,
    AppRegistry: { registerHeadlessTask: (key: string) => holder.tasks.push(key) },
    PermissionsAndroid: {
      request: async (permission: string) => {
        holder.requested.push(permission);
        return 'granted';
      },
    },
  };
  return Object.fromEntries(
    Object.keys(exports).map((name) => [
      name,
      new Proxy(
        {},
        {
          get(_target, key) {
            holder.touched.add(name);
            const value = (name === 'AppState' ? holder.appState : exports[name as keyof typeof exports]) as
              | Record<string | symbol, unknown>
              | undefined;
            return value?.[key];
          },
        },
      ),
    ]),
  );
});

/** Loads one instance file afresh over a modelled TurboModule and React Native's AppState. */
async function load(
  file: 'instance.android' | 'instance.ios',
  doors: { native: Spec | null; appState: AppStateSource },
) {
  holder.native = doors.native;
  holder.appState = doors.appState;
  vi.resetModules();
  const { binding } = await import(`../../src/react-native/${file}.ts`);
  return binding as import('../../src/react-native/binding').Binding;
}

beforeEach(() => {
  holder.tasks.length = 0;
  holder.touched.clear();
  holder.requested.length = 0;
});

describe('instance.android.ts', () => {
  it('registers the headless task and never reads AppState; PermissionsAndroid only asks', async () => {
    const phone = createAndroidDevice({
      apiLevel: 34,
      declared: ['FOREGROUND_SERVICE', 'FOREGROUND_SERVICE_MEDIA_PLAYBACK', 'FOREGROUND_SERVICE_MICROPHONE'],
      serviceTypes: ['mediaPlayback', 'microphone'],
      granted: ['RECORD_AUDIO'],
    });
    const binding = await load('instance.android', modelNative(phone));
    expect(holder.tasks).toEqual(['KeepCallTask']);

    const call = createFakeCall('c1');
    binding.KeepCall.track(call);
    phone.setApp('inactive');
    call.joined(phone.clock.now());
    await binding.KeepCall.runtime().idle();
    expect(phone.observe().service).toMatchObject({ running: true, types: ['mediaPlayback', 'microphone'] });

    expect(await notificationPermissionRequester(binding)()).toBe('granted');
    expect(holder.requested).toEqual(['android.permission.POST_NOTIFICATIONS']);
    expect([...holder.touched].sort()).toEqual(['AppRegistry', 'PermissionsAndroid', 'TurboModuleRegistry']);
  });
});

describe('instance.ios.ts', () => {
  it('registers no headless task and follows React Native’s AppState', async () => {
    const phone = createIosDevice({ backgroundModes: ['audio'] });
    const binding = await load('instance.ios', modelNative(phone));
    expect(holder.tasks).toEqual([]);
    await binding.KeepCall.runtime().idle();
    phone.setApp('background');
    await binding.KeepCall.runtime().idle();
    expect(binding.KeepCall.getState().model.app).toBe('background');
    expect(await notificationPermissionRequester(binding)()).toBe('granted');
    expect([...holder.touched].sort()).toEqual(['AppState', 'TurboModuleRegistry']);
  });
});

describe('without the native module (Jest, or an app not rebuilt since keepcall was installed)', () => {
  it.each(['instance.android', 'instance.ios'] as const)(
    '%s imports, and the first use says what is missing',
    async (file) => {
      const appState: AppStateSource = { currentState: 'active', addEventListener: () => ({ remove() {} }) };
      const binding = await load(file, { native: null, appState });
      binding.KeepCall.updateConfig({ adoptGraceMs: 1000 });
      const use = () => binding.KeepCall.track(createFakeCall('c1'));
      expect(use).toThrow(/KeepCall native module is missing: rebuild the app/);
      try {
        use();
      } catch (error) {
        expect(error).toMatchObject({ name: 'KeepCallError', code: 'unsupported' });
      }
    },
  );
});

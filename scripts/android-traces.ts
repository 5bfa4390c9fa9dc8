// Records the contract between keepcall's two Android halves, executed from the TypeScript side: scripted
// calls run through the real engine and React Native binding over the keepcall/testing Android model, and
// every TurboModule method the binding calls is written down with its exact arguments and how it settled,
// with the events the module reported and what the model says the device shows after each step. A second
// session reaches a refusal (a runtime permission revoked between the engine's decision and the start), so
// the fallback the service takes and the reason it reports are compared too. android/jvm's TraceReplayTest
// replays each trace against the real Kotlin module and service (Robolectric) and asserts the same.
// Run by the Maven build (generate-test-resources): `tsx scripts/android-traces.ts OUT_DIR`. Generated, not
// committed: the engine changes, and the contract that matters is today's engine against today's Kotlin.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Spec } from '../src/react-native/NativeKeepCall';
import {
  type AndroidDevice,
  createAndroidDevice,
  createFakeCall,
  type FakeCall,
  MEDIA_PROFILE_PERMISSIONS,
} from '../src/testing';
import { startApp } from '../test/react-native/modelNative';

/** The API levels the traces cover. */
const API_LEVELS = [29, 31, 34, 36];
/** The TurboModule methods that act on the device; the others only read (getPlatformInfo, snapshot). */
const COMMANDS = new Set(['createNotificationChannel', 'startService', 'updateService', 'stopService']);
/** The events the service and the notification report (the app state comes from the Activity lifecycle). */
const SERVICE_EVENTS = [
  'onHangup',
  'onMute',
  'onNotificationDismissed',
  'onServiceStarted',
  'onServiceNarrowed',
  'onServiceFailed',
  'onServiceTimeout',
  'onServiceStopped',
  'onServiceDestroyed',
  'onTaskRemoved',
] as const;

/** One TurboModule method call as the binding made it, and the code it was rejected with, if it was. */
interface NativeCall {
  method: string;
  args: unknown[];
  rejected?: string;
}

/** One event the module reported to JavaScript: its name and payload (absent for the void ones). */
interface NativeEvent {
  name: string;
  payload?: unknown;
}

/** One scripted step: what the user did, what crossed the TurboModule, and what the device shows after. */
interface Step {
  step: string;
  /** A tap on the notification's button with this action id (the replay taps the real one). */
  tap?: 'hangup' | 'mute' | 'unmute';
  /**
   * A runtime permission the user revoked before the step's calls reached the device: the replay's
   * platform then refuses its type as Android does (A4: from API 34, a while-in-use type needs it).
   */
  revoke?: 'CAMERA' | 'RECORD_AUDIO';
  calls: NativeCall[];
  events: NativeEvent[];
  device: {
    service: { running: boolean; types: readonly string[] };
    notification: null | {
      title: string;
      body: string;
      person: string;
      callStyle: boolean;
      ongoing: boolean;
      visibility: string;
      startedAt: number;
      actions: { id: string; label: string }[];
    };
  };
}

/** Traces: the sessions recorded on one device, each replayed on a fresh phone. */
interface Traces {
  apiLevel: number;
  traces: Trace[];
}

/** A trace: the device it ran on and its steps. */
interface Trace {
  name: string;
  apiLevel: number;
  steps: Step[];
}

/** The binding over the model, the TurboModule wrapped to record every command and every event it reports. */
function recordedApp(device: AndroidDevice) {
  const calls: NativeCall[] = [];
  const events: NativeEvent[] = [];
  const record = (native: Spec): Spec =>
    new Proxy(native, {
      get(target, key: string) {
        const value = target[key as keyof Spec];
        if (typeof value !== 'function') return value;
        if ((SERVICE_EVENTS as readonly string[]).includes(key)) {
          // The binding subscribes once; each payload it receives is written down first.
          return (handler: (payload?: unknown) => void) =>
            (value as (h: (payload?: unknown) => void) => unknown)((payload?: unknown) => {
              // The model passes its port event along; the module sends the spec's fields only.
              const { type: _type, ...fields } = (payload ?? {}) as Record<string, unknown>;
              events.push(payload === undefined ? { name: key } : { name: key, payload: fields });
              handler(payload);
            });
        }
        if (!COMMANDS.has(key)) return value;
        return (...args: unknown[]) => {
          const call: NativeCall = { method: key, args: structuredClone(args) };
          calls.push(call);
          const result = (value as (...a: unknown[]) => Promise<unknown>)(...args);
          result.catch((error: { code?: string }) => {
            call.rejected = error.code ?? 'error';
          });
          return result;
        };
      },
    });
  return { app: startApp(device, record), calls, events };
}

/** A device with everything a media-profile app declares and grants, recorded through the binding. */
function session(apiLevel: number) {
  const device = createAndroidDevice({
    apiLevel,
    declared: [...MEDIA_PROFILE_PERMISSIONS, 'FOREGROUND_SERVICE_CAMERA'],
    serviceTypes: ['mediaPlayback', 'microphone', 'camera', 'phoneCall'],
    granted: ['RECORD_AUDIO', 'CAMERA', 'POST_NOTIFICATIONS'],
  });
  const { app, calls, events } = recordedApp(device);
  const steps: Step[] = [];
  const step = async (name: string, act: () => void, extra: Partial<Step> = {}, ms = 0) => {
    calls.length = 0;
    events.length = 0;
    act();
    await app.settle(ms);
    steps.push({
      step: name,
      ...extra,
      calls: [...calls],
      events: [...events],
      device: shows(device),
    });
  };
  return { device, app, steps, step };
}

/** Runs the scripted session on one API level and returns its trace. */
async function record(apiLevel: number): Promise<Trace> {
  const { device, app, steps, step } = session(apiLevel);
  await app.settle();
  const alice: FakeCall = createFakeCall('call-alice', { displayName: 'Alice' });
  await step('join', () => {
    app.KeepCall.track(alice);
    alice.joined(device.clock.now());
  });
  await step('mute in the app', () => alice.emit({ type: 'media', media: { ...alice.media, muted: true } }));
  await step('video on', () => alice.emit({ type: 'media', media: { ...alice.media, video: true } }));
  await step('background', () => device.setApp('background'), {}, 1000);
  await step('unmute from the notification', () => device.tapAction('unmute'), { tap: 'unmute' });
  await step('hang up from the notification', () => device.tapAction('hangup'), { tap: 'hangup' }, 5000);
  await step('foreground', () => device.setApp('active'), {}, 1000);

  const bob: FakeCall = createFakeCall('call-bob', { displayName: 'Bob' });
  await step('join another call', () => {
    app.KeepCall.track(bob);
    bob.joined(device.clock.now());
  });
  await step('leave', () => bob.left(), {}, 5000);
  return { name: `API ${apiLevel}: join, mute, video, background, notification, leave`, apiLevel, steps };
}

/**
 * A video call joined while the camera permission is revoked between the engine's decision and the
 * start: from API 34 startForeground() refuses the camera type (A4) and the service takes the first
 * fallback the command carries that the platform accepts (A1).
 */
async function recordRefusal(apiLevel: number): Promise<Trace> {
  const { device, app, steps, step } = session(apiLevel);
  await app.settle();
  const carol: FakeCall = createFakeCall('call-carol', { displayName: 'Carol' });
  await step(
    'join with video, the camera permission revoked before the start',
    () => {
      device.raceBeforeNextCommand(() => device.revoke('CAMERA'));
      app.KeepCall.track(carol);
      carol.joined(device.clock.now(), { video: true });
    },
    { revoke: 'CAMERA' },
  );
  await step('leave', () => carol.left(), {}, 5000);
  return { name: `API ${apiLevel}: a video call whose camera type is refused at the start`, apiLevel, steps };
}

/** What the model says the device shows: the service and the notification as drawn. */
function shows(device: AndroidDevice): Step['device'] {
  const seen = device.observe();
  if (seen.crashed) throw new Error(`the model crashed: ${JSON.stringify(seen.crashed)}`);
  const spec = seen.notification?.spec;
  return {
    service: { running: seen.service.running, types: [...seen.service.types] },
    notification: spec
      ? {
          title: spec.title,
          body: spec.body,
          person: spec.person,
          callStyle: spec.callStyle,
          ongoing: spec.ongoing,
          visibility: spec.visibility,
          startedAt: spec.startedAt,
          actions: spec.actions.map(({ id, label }) => ({ id, label })),
        }
      : null,
  };
}

const out = process.argv[2];
if (!out) throw new Error('android-traces: give the output directory as the first argument');
mkdirSync(out, { recursive: true });
for (const apiLevel of API_LEVELS) {
  const traces: Traces = { apiLevel, traces: [await record(apiLevel), await recordRefusal(apiLevel)] };
  writeFileSync(join(out, `api-${apiLevel}.json`), `${JSON.stringify(traces, null, 2)}\n`);
}
console.log(`android traces: API ${API_LEVELS.join(', ')} → ${out}`);

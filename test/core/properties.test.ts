// DESIGN.md's invariants, held over random event sequences run through keepcall's runtime on the
// platform models (keepcall/testing) as the oracle. A failure prints fast-check's seed and path;
// replay it with KEEPCALL_SEED=<seed> KEEPCALL_PATH=<path> npx vitest run test/core/properties.test.ts
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KeepCallError } from '../../src/core/errors';
import { reconcile } from '../../src/core/kits';
import type { AppState, CallSignal, Command, Media } from '../../src/core/types';
import { createRuntime, type Runtime } from '../../src/core/universal';
import {
  type AndroidDevice,
  type AndroidRuntimePermission,
  createAndroidDevice,
  createFakeCall,
  createIosDevice,
  DEFAULT_MEDIA,
  type FakeCall,
  type IosDevice,
} from '../../src/testing';

const RUNS = Number(process.env.KEEPCALL_RUNS ?? 10_000);
const ANDROID_SHARE = 0.7;
const replay = process.env.KEEPCALL_SEED
  ? { seed: Number(process.env.KEEPCALL_SEED), path: process.env.KEEPCALL_PATH }
  : {};

const CALL_IDS = ['a', 'b', 'c'] as const;
const media = fc.record({ audio: fc.boolean(), video: fc.boolean(), muted: fc.boolean() });
const callIndex = fc.integer({ min: 0, max: CALL_IDS.length - 1 });
// A signal step picks one of the moves a real SDK could make from the call's current state, or
// re-delivers the last signal (duplicate), or delivers a late one (reordering).
type SignalMove = 'joining' | 'joined' | 'reconnecting' | 'left' | 'closed' | 'media' | 'repeat' | 'late';
const signal = fc.record({
  move: fc.constantFrom<SignalMove>(
    'joining',
    'joined',
    'reconnecting',
    'left',
    'closed',
    'media',
    'repeat',
    'late',
  ),
  media,
});

type Step =
  | { kind: 'signal'; call: number; signal: { move: SignalMove; media: Media } }
  | { kind: 'app'; state: AppState }
  | { kind: 'grant' | 'revoke'; permission: AndroidRuntimePermission }
  | { kind: 'tap'; action: 'hangup' | 'mute' | 'unmute' }
  | { kind: 'dismiss' | 'kill' | 'reload' }
  | { kind: 'race'; state: AppState }
  | { kind: 'system'; action: 'end' | 'mute' | 'unmute' | 'hold' | 'unhold'; call: number }
  | { kind: 'advance'; ms: number };

const commonSteps: fc.Arbitrary<Step>[] = [
  fc.record({ kind: fc.constant('signal' as const), call: callIndex, signal }),
  fc.record({ kind: fc.constant('signal' as const), call: callIndex, signal }),
  fc.record({ kind: fc.constant('signal' as const), call: callIndex, signal }),
  fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 12_000 }) }),
  fc.record({ kind: fc.constant('reload' as const) }),
  fc.record({
    kind: fc.constant('race' as const),
    state: fc.constantFrom<AppState>('background', 'active'),
  }),
];
const androidStep: fc.Arbitrary<Step> = fc.oneof(
  ...commonSteps,
  fc.record({
    kind: fc.constant('app' as const),
    state: fc.constantFrom<AppState>('active', 'background', 'pip', 'destroyed'),
  }),
  fc.record({
    kind: fc.constantFrom('grant' as const, 'revoke' as const),
    permission: fc.constantFrom<AndroidRuntimePermission>('RECORD_AUDIO', 'CAMERA', 'POST_NOTIFICATIONS'),
  }),
  fc.record({
    kind: fc.constant('tap' as const),
    action: fc.constantFrom('hangup' as const, 'mute' as const, 'unmute' as const),
  }),
  fc.record({ kind: fc.constantFrom('dismiss' as const, 'kill' as const) }),
);
const iosStep: fc.Arbitrary<Step> = fc.oneof(
  ...commonSteps,
  fc.record({
    kind: fc.constant('app' as const),
    state: fc.constantFrom<AppState>('active', 'inactive', 'background'),
  }),
  fc.record({
    kind: fc.constant('system' as const),
    action: fc.constantFrom(
      'end' as const,
      'mute' as const,
      'unmute' as const,
      'hold' as const,
      'unhold' as const,
    ),
    call: callIndex,
  }),
);

const FGS_PERMISSIONS = [
  'FOREGROUND_SERVICE_MEDIA_PLAYBACK',
  'FOREGROUND_SERVICE_MICROPHONE',
  'FOREGROUND_SERVICE_CAMERA',
  'FOREGROUND_SERVICE_PHONE_CALL',
  'MANAGE_OWN_CALLS',
  'POST_NOTIFICATIONS',
];
const androidSetup = fc.record({
  apiLevel: fc.integer({ min: 29, max: 37 }),
  declared: fc.subarray(FGS_PERMISSIONS),
  granted: fc.subarray<AndroidRuntimePermission>(['RECORD_AUDIO', 'CAMERA', 'POST_NOTIFICATIONS']),
  profile: fc.constantFrom('media' as const, 'phoneCall' as const),
  // Half the devices carry keepcall's library manifest (its service declares all four types) with the
  // media profile, so services run on API 34+ too; the other half declare no type on the service.
  libraryManifest: fc.boolean(),
  app: fc.constantFrom<AppState>('active', 'background'),
  steps: fc.array(androidStep, { minLength: 1, maxLength: 30 }),
});
const iosSetup = fc.record({
  enableOngoingCalls: fc.boolean(),
  app: fc.constantFrom<AppState>('active', 'background'),
  steps: fc.array(iosStep, { minLength: 1, maxLength: 30 }),
});

/** What the calling SDK says about each call: the truth the invariants are measured against. */
interface World {
  calls: FakeCall[];
  last: (CallSignal | undefined)[];
  /** Each call's last join, re-delivered late by the `late` move. */
  joined: (CallSignal | undefined)[];
  /** The mute state the SDK holds: the last setMuted() or signalled media. */
  muted: boolean[];
  /** The media the SDK last announced (late re-deliveries excluded). */
  media: (Media | undefined)[];
  seenSinceReload: boolean[];
  runtime: Runtime;
  errors: KeepCallError[];
  raced: boolean;
}

function newWorld(): World {
  return {
    last: [],
    joined: [],
    muted: [],
    media: [],
    seenSinceReload: [],
    errors: [],
    raced: false,
  } as unknown as World;
}

function sdkLive(world: World, index: number): boolean {
  const last = world.last[index];
  return last !== undefined && last.type !== 'left' && last.type !== 'closed';
}

function trackAll(world: World) {
  world.calls.forEach((call) => {
    world.runtime.track(call);
  });
}

function freshRuntime(world: World, make: () => Runtime) {
  world.runtime = make();
  world.runtime.on((event) => {
    if (event.type === 'error') world.errors.push(event.error);
  });
}

function makeCalls(
  world: Pick<World, 'last' | 'muted' | 'media' | 'seenSinceReload' | 'joined'>,
): FakeCall[] {
  return CALL_IDS.map((id, index) => {
    const call = createFakeCall(id, { displayName: `Caller ${id}` });
    let delivering = false;
    (call as FakeCall & { deliver(signal: CallSignal): void }).deliver = (signal) => {
      delivering = true;
      call.emit(signal);
      delivering = false;
    };
    // The SDK's truth: every signal it sends, including those keepcall's controls cause (hangup → left),
    // but not re-deliveries of old signals.
    const setMuted = call.setMuted.bind(call);
    call.setMuted = (muted) => {
      world.muted[index] = muted;
      return setMuted(muted);
    };
    call.subscribe((next) => {
      if (delivering) return;
      world.seenSinceReload[index] = true;
      if (next.type === 'media' || next.type === 'joined') {
        world.muted[index] = next.media.muted;
        world.media[index] = next.media;
      }
      // A new session starts unmuted until the SDK says otherwise.
      if (next.type === 'joining') {
        world.muted[index] = false;
        // Late deliveries belong to the current session only.
        world.joined[index] = undefined;
      }
      if (next.type === 'media') {
        const last = world.last[index];
        if (last?.type === 'joined') world.last[index] = { ...last, media: next.media };
      } else {
        world.last[index] = next;
      }
    });
    return call;
  });
}

const NEXT: Record<string, SignalMove[]> = {
  idle: ['joining', 'joined'],
  joining: ['joined', 'left', 'closed'],
  joined: ['reconnecting', 'left', 'closed', 'media'],
  reconnecting: ['joined', 'left', 'closed'],
  left: ['joining', 'joined'],
  closed: ['joining', 'joined'],
};
let clockTick = 0;

async function playSignal(world: World, step: Extract<Step, { kind: 'signal' }>) {
  const call = world.calls[step.call] as FakeCall;
  const last = world.last[step.call];
  const state = last === undefined ? 'idle' : last.type === 'media' ? 'joined' : last.type;
  const { move } = step.signal;
  if (move === 'repeat') {
    if (last) deliver(call, last);
    return;
  }
  if (move === 'late') {
    // Late deliveries never cross a JavaScript reload: the SDK is reloaded with keepcall.
    if (!world.seenSinceReload[step.call]) return;
    // A late delivery of something older than the call's current state: a stale join or reconnect.
    const joined = world.joined[step.call];
    if (joined !== undefined && state !== 'joined') deliver(call, joined);
    else if (state === 'left' || state === 'closed') deliver(call, { type: 'reconnecting' });
    return;
  }
  if (!NEXT[state]?.includes(move)) return;
  switch (move) {
    case 'joined': {
      const joined: CallSignal = { type: 'joined', at: ++clockTick, media: step.signal.media };
      world.joined[step.call] = joined;
      return call.emit(joined);
    }
    case 'media':
      return call.emit({ type: 'media', media: step.signal.media });
    case 'closed':
      return call.emit({ type: 'closed', reason: 'remote ended' });
    default:
      return call.emit({ type: move } as CallSignal);
  }
}

/** Sends a signal to keepcall without changing what the SDK's truth is. */
function deliver(call: FakeCall, signal: CallSignal) {
  (call as FakeCall & { deliver(signal: CallSignal): void }).deliver(signal);
}

function liveMedia(world: World): Media[] {
  return world.calls.flatMap((_, index) => {
    const media = world.media[index];
    return sdkLive(world, index) && media ? [media] : [];
  });
}

async function settle(world: World, advance: (ms: number) => void) {
  await world.runtime.idle();
  advance(0);
  await world.runtime.idle();
}

function expectIdempotent(world: World) {
  // At rest, reconciling again asks for nothing but what waits, held, for the platform to allow it.
  const { actual, desired, held } = world.runtime.getState();
  const waiting = (command: Command) =>
    held.includes(command.kind) ||
    ('callId' in command && held.some((key) => key.endsWith(`:${command.callId}`)));
  expect(reconcile(actual, desired).filter((command) => !waiting(command))).toEqual([]);
}

describe('invariants over random event sequences', () => {
  it(`hold on Android API 29–37 (${Math.round(RUNS * ANDROID_SHARE)} sequences)`, async () => {
    await fc.assert(
      fc.asyncProperty(androidSetup, async (setup) => {
        const library = setup.libraryManifest;
        const profile = library ? 'media' : setup.profile;
        const device = createAndroidDevice({
          apiLevel: setup.apiLevel,
          declared: [
            'FOREGROUND_SERVICE',
            ...(library ? ['FOREGROUND_SERVICE_MEDIA_PLAYBACK'] : []),
            ...setup.declared,
          ],
          serviceTypes: library ? ['mediaPlayback', 'microphone', 'camera', 'phoneCall'] : [],
          granted: setup.granted,
          app: setup.app,
        });
        // A binding reads the current app state and permissions when it starts (also after a reload).
        let app = setup.app;
        const setApp = device.setApp.bind(device);
        device.setApp = (state) => {
          app = state;
          setApp(state);
        };
        const granted = new Set(setup.granted);
        const grant = device.grant.bind(device);
        const revoke = device.revoke.bind(device);
        device.grant = (permission) => {
          granted.add(permission);
          grant(permission);
        };
        device.revoke = (permission) => {
          granted.delete(permission);
          revoke(permission);
        };
        const permissionOf = (name: AndroidRuntimePermission) => (granted.has(name) ? 'granted' : 'denied');
        const world = newWorld();
        world.calls = makeCalls(world);
        const make = () =>
          createRuntime({
            port: device,
            platform: device.platformInfo(),
            clock: device.clock,
            app,
            permissions: {
              microphone: permissionOf('RECORD_AUDIO'),
              camera: permissionOf('CAMERA'),
              notifications: permissionOf('POST_NOTIFICATIONS'),
            },
            config: { foregroundService: { android: { profile } } },
          });
        freshRuntime(world, make);
        await world.runtime.start();
        trackAll(world);

        for (const step of setup.steps) {
          await playAndroid(world, device, step, make);
          await settle(world, device.advance);
          checkAndroidAlways(world, device);
        }
        // Quiesce: come back to the foreground and let debounces and grace periods run out.
        device.setApp('active');
        await settle(world, device.advance);
        device.advance(20_000);
        await settle(world, device.advance);
        checkAndroidAlways(world, device);
        checkAndroidAtRest(world, device);
        world.runtime.dispose();
      }),
      { numRuns: Math.round(RUNS * ANDROID_SHARE), ...replay },
    );
  }, 600_000);

  it(`hold on iOS (${Math.round(RUNS * (1 - ANDROID_SHARE))} sequences)`, async () => {
    await fc.assert(
      fc.asyncProperty(iosSetup, async (setup) => {
        const device = createIosDevice({ backgroundModes: ['audio', 'voip'], app: setup.app });
        let app = setup.app;
        const setApp = device.setApp.bind(device);
        device.setApp = (state) => {
          app = state;
          setApp(state);
        };
        const world = newWorld();
        world.calls = makeCalls(world);
        let uuid = 0;
        const make = () =>
          createRuntime({
            port: device,
            platform: device.platformInfo(),
            clock: device.clock,
            app,
            push: { ios: { enableOngoingCalls: setup.enableOngoingCalls } },
            newUuid: () => `00000000-0000-4000-8000-${String(++uuid).padStart(12, '0')}`,
          });
        freshRuntime(world, make);
        await world.runtime.start();
        trackAll(world);

        for (const step of setup.steps) {
          await playIos(world, device, step, make);
          await settle(world, device.advance);
          checkIosAlways(world, device, setup.enableOngoingCalls);
        }
        device.setApp('active');
        device.advance(20_000);
        await settle(world, device.advance);
        checkIosAlways(world, device, setup.enableOngoingCalls);
        checkIosAtRest(world, device, setup.enableOngoingCalls);
        world.runtime.dispose();
      }),
      { numRuns: Math.round(RUNS * (1 - ANDROID_SHARE)), ...replay },
    );
  }, 600_000);
});

async function reload(world: World, device: AndroidDevice | IosDevice, make: () => Runtime) {
  world.runtime.dispose();
  device.reloadJs();
  freshRuntime(world, make);
  await world.runtime.start();
  // The app tracks its calls again; the SDK re-announces the ones still live.
  trackAll(world);
  world.seenSinceReload = [];
  world.joined = [];
  world.calls.forEach((call, index) => {
    const last = world.last[index];
    if (!last || !sdkLive(world, index)) return;
    deliver(call, last);
    // Like an adapter subscribing afresh, the SDK announces the call's current media too.
    const media = world.media[index] ?? DEFAULT_MEDIA;
    deliver(call, { type: 'media', media: { ...media, muted: world.muted[index] ?? media.muted } });
  });
}

async function playAndroid(world: World, device: AndroidDevice, step: Step, make: () => Runtime) {
  switch (step.kind) {
    case 'signal':
      return playSignal(world, step);
    case 'app':
      return device.setApp(step.state);
    case 'grant':
      return device.grant(step.permission);
    case 'revoke':
      return device.revoke(step.permission);
    case 'tap': {
      const shown = device.observe().notification;
      if (!shown?.visible || !shown.spec.actions.some((action) => action.id === step.action)) return;
      const index = CALL_IDS.indexOf(shown.spec.callId as (typeof CALL_IDS)[number]);
      const before = world.calls.map((call) => call.hangups);
      device.tapAction(step.action);
      await settle(world, device.advance);
      if (step.action === 'hangup') {
        // Invariant 6: exactly that call was hung up.
        world.calls.forEach((call, i) => {
          expect(call.hangups - (before[i] as number)).toBe(i === index ? 1 : 0);
        });
      }
      return;
    }
    case 'dismiss':
      if (device.observe().notification?.visible) device.dismissNotification();
      return;
    case 'kill':
      return device.killService();
    case 'reload':
      return reload(world, device, make);
    case 'race':
      world.raced = true;
      return device.raceBeforeNextCommand(() => device.setApp(step.state));
    case 'advance':
      return device.advance(step.ms);
    case 'system':
      return;
  }
}

async function playIos(world: World, device: IosDevice, step: Step, make: () => Runtime) {
  switch (step.kind) {
    case 'signal':
      return playSignal(world, step);
    case 'app':
      return device.setApp(step.state);
    case 'system': {
      const id = CALL_IDS[step.call] as string;
      const held = device.observe().calls[id];
      if (!held) return;
      const before = world.calls.map((call) => call.hangups);
      if (step.action === 'end') device.systemEnd(id);
      else if (step.action === 'mute' || step.action === 'unmute')
        device.systemMute(id, step.action === 'mute');
      else device.systemHold(id, step.action === 'hold');
      await settle(world, device.advance);
      if (step.action === 'end') {
        world.calls.forEach((call, i) => {
          expect(call.hangups - (before[i] as number)).toBe(i === step.call ? 1 : 0);
        });
      }
      return;
    }
    case 'reload':
      return reload(world, device, make);
    case 'race':
      world.raced = true;
      return device.raceBeforeNextCommand(() => device.setApp(step.state));
    case 'advance':
      return device.advance(step.ms);
    default:
      return;
  }
}

function checkAndroidAlways(world: World, device: AndroidDevice) {
  const seen = device.observe();
  // Invariant 3: nothing keepcall sends crashes the app.
  expect(seen.crashed).toBeNull();
  if (world.raced === false) {
    const refused = world.errors.filter((error) => error.code === 'start-not-allowed');
    expect(refused).toEqual([]);
  }
  if (seen.service.running && seen.service.foreground) {
    const live = liveMedia(world);
    const granted = device.platformInfo();
    // Invariant 4: camera only while some call has video on; microphone only with RECORD_AUDIO.
    // (A keeper lingering after the last call, for a quick rejoin, keeps that call's types.)
    if (seen.service.types.includes('camera') && live.length > 0)
      expect(live.some((m) => m.video)).toBe(true);
    if ((granted.apiLevel ?? 0) >= 34) {
      for (const type of seen.service.types) {
        const permission = `FOREGROUND_SERVICE_${type.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
        expect(granted.declared).toContain(permission);
      }
    }
    // Invariant 5: the mute action's label matches the shown call's mute state.
    const shown = seen.notification?.spec;
    if (shown) {
      const index = CALL_IDS.indexOf(shown.callId as (typeof CALL_IDS)[number]);
      if (index >= 0 && sdkLive(world, index)) {
        const ids = shown.actions.map((action) => action.id);
        if (world.media[index]?.audio || ids.length > 1)
          expect(ids).toContain(world.muted[index] ? 'unmute' : 'mute');
      }
    }
  }
  // The engine's belief is what the device holds, and reconciling again asks for nothing (invariant 7).
  const actual = world.runtime.getState().actual.android ?? null;
  if (seen.service.running && seen.service.foreground) {
    expect(actual?.types.slice().sort()).toEqual(seen.service.types.slice().sort());
  } else {
    expect(actual).toBeNull();
  }
  expectIdempotent(world);
}

function checkAndroidAtRest(world: World, device: AndroidDevice) {
  const seen = device.observe();
  const anyLive = world.calls.some((_, index) => sdkLive(world, index));
  // Invariant 1: no live call ⇒ no service and no notification.
  if (!anyLive) {
    expect(seen.service.running).toBe(false);
    expect(seen.notification).toBeNull();
  } else {
    // Invariant 2: a live call with the app active ⇒ a keeper, or an error saying why not.
    const why = world.errors.some((error) =>
      ['type-not-declared', 'missing-permission'].includes(error.code),
    );
    expect(seen.service.running || why).toBe(true);
    if (seen.service.running && seen.notification) {
      const index = CALL_IDS.indexOf(seen.notification.spec.callId as (typeof CALL_IDS)[number]);
      expect(sdkLive(world, index)).toBe(true);
    }
  }
}

function checkIosAlways(world: World, device: IosDevice, enabled: boolean) {
  const seen = device.observe();
  expect(seen.crashed).toBeNull();
  if (!enabled) expect(seen.calls).toEqual({});
  for (const [callId, held] of Object.entries(seen.calls)) {
    const index = CALL_IDS.indexOf(callId as (typeof CALL_IDS)[number]);
    const mine = world.runtime.getState().model.calls[callId];
    // Mute in CallKit follows the call (no echo loop leaves them apart).
    if (mine) expect(held.muted).toBe(mine.media.muted);
    expect(index).toBeGreaterThanOrEqual(0);
  }
  expect(Object.keys(world.runtime.getState().actual.ios ?? {}).sort()).toEqual(
    Object.keys(seen.calls).sort(),
  );
  expectIdempotent(world);
}

function checkIosAtRest(world: World, device: IosDevice, enabled: boolean) {
  const seen = device.observe();
  for (const [index, id] of CALL_IDS.entries()) {
    // Invariant 1 and 2 for CallKit: exactly the live calls are reported (when enabled).
    expect(id in seen.calls).toBe(enabled && sdkLive(world, index));
  }
  if (!enabled && world.calls.some((_, index) => sdkLive(world, index))) {
    expect(world.errors.map((error) => error.code)).toContain('unsupported');
  }
}

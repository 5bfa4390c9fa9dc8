// DESIGN.md's invariants, held over random event sequences run through keepcall's runtime on the
// platform models (keepcall/testing) as the oracle. A failure prints the command that replays it
// alone: KEEPCALL_<ANDROID|IOS>_SEED and _PATH apply only to the test they name.
// KEEPCALL_RUNS sets how many sequences run; KEEPCALL_STATS=1 prints what the sequences exercised.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
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
const FILE = 'test/core/properties.test.ts';

type Suite = 'ANDROID' | 'IOS';
/** The seed (and path) to replay, for the one test they came from. */
function replayOf(suite: Suite): { seed?: number; path?: string } {
  const seed = process.env[`KEEPCALL_${suite}_SEED`];
  const path = process.env[`KEEPCALL_${suite}_PATH`];
  if (seed === undefined || seed === '') return {};
  return path ? { seed: Number(seed), path } : { seed: Number(seed) };
}
const replaying = replayOf('ANDROID').seed !== undefined || replayOf('IOS').seed !== undefined;

/** Runs the property; a failure names the exact command that replays it, in that test only. */
async function holds<T>(suite: Suite, title: string, property: fc.IAsyncProperty<T>, numRuns: number) {
  if (process.env.KEEPCALL_SEED !== undefined || process.env.KEEPCALL_PATH !== undefined) {
    throw new Error(
      `KEEPCALL_SEED/KEEPCALL_PATH applied to both tests; set KEEPCALL_${suite}_SEED and KEEPCALL_${suite}_PATH instead`,
    );
  }
  const details = await fc.check(property, { numRuns, ...replayOf(suite) });
  if (!details.failed) return;
  const path =
    details.counterexamplePath === null ? '' : ` KEEPCALL_${suite}_PATH=${details.counterexamplePath}`;
  const command = `KEEPCALL_${suite}_SEED=${details.seed}${path} npx vitest run ${FILE} -t '${title}'`;
  throw new Error(`${fc.defaultReportMessage(details)}\n\nReplay this failure alone with:\n  ${command}\n`, {
    cause: details.errorInstance,
  });
}

/**
 * The default run must exercise what the invariants are about: refused starts after races, each
 * failure code, task removals (a smaller KEEPCALL_RUNS, or a replay, skips this).
 */
function expectExercised(os: 'android') {
  if (RUNS < 10_000 || replaying) return;
  const seen = (prefix: string) =>
    [...stats.entries()].filter(([key]) => key.startsWith(prefix)).reduce((sum, [, n]) => sum + n, 0);
  expect(seen(`${os} refused service.start start-not-allowed`)).toBeGreaterThan(0);
  for (const code of [
    'start-not-allowed',
    'missing-permission',
    'type-not-declared',
    'notifications-blocked',
  ]) {
    expect(seen(`${os} error ${code}`), code).toBeGreaterThan(0);
  }
  expect(seen(`${os} process killed`)).toBeGreaterThan(0);
  expect(seen(`${os} task removed with a service`)).toBeGreaterThan(0);
  expect(seen(`${os} checks while the service was starting`)).toBeGreaterThan(0);
}

/** What the default run exercised: error codes, refused commands, device events, task removals. */
const stats = new Map<string, number>();
const count = (key: string) => stats.set(key, (stats.get(key) ?? 0) + 1);
afterAll(() => {
  if (!process.env.KEEPCALL_STATS) return;
  const lines = [...stats.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `  ${k}: ${v}`);
  console.log(`keepcall property statistics\n${lines.join('\n')}`);
});

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
  /** withoutService false: nothing happens unless a service runs (a removal without one ends the sequence). */
  | { kind: 'removeTask'; withoutService: boolean }
  | { kind: 'race'; state: AppState }
  | { kind: 'raceRevoke'; permission: AndroidRuntimePermission }
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
const runtimePermission = fc.constantFrom<AndroidRuntimePermission>(
  'RECORD_AUDIO',
  'CAMERA',
  'POST_NOTIFICATIONS',
);
const androidStep: fc.Arbitrary<Step> = fc.oneof(
  ...[
    ...commonSteps,
    fc.record({
      kind: fc.constant('app' as const),
      state: fc.constantFrom<AppState>('active', 'background', 'pip', 'destroyed'),
    }),
    fc.record({ kind: fc.constantFrom('grant' as const, 'revoke' as const), permission: runtimePermission }),
    fc.record({
      kind: fc.constant('tap' as const),
      action: fc.constantFrom('hangup' as const, 'mute' as const, 'unmute' as const),
    }),
    fc.record({ kind: fc.constantFrom('dismiss' as const, 'kill' as const) }),
  ].map((arbitrary) => ({ arbitrary, weight: 4 })),
  // A permission revoked between the engine's decision and its command (a race, like the app leaving).
  {
    arbitrary: fc.record({ kind: fc.constant('raceRevoke' as const), permission: runtimePermission }),
    weight: 2,
  },
  // The user swipes the app away from Recents (A18): rarer, it ends every call.
  {
    arbitrary: fc.record({ kind: fc.constant('removeTask' as const), withoutService: fc.boolean() }),
    weight: 2,
  },
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
  // How long the app still counts as visible after leaving the screen (A2/A4). 0 makes a race that
  // moves the app to the background refuse the start or the widening it precedes.
  visibilityGraceMs: fc.oneof(
    { arbitrary: fc.constant(0), weight: 2 },
    { arbitrary: fc.constantFrom(1000, 5000), weight: 1 },
    { arbitrary: fc.integer({ min: 0, max: 10_000 }), weight: 1 },
  ),
  // startForegroundService() to startForeground(): within the A1 deadline, often longer than the
  // engine's stop debounce (1.5 s), so commands, snapshots and returns land while it is starting.
  promotionDelayMs: fc.oneof(
    { arbitrary: fc.constant(0), weight: 2 },
    { arbitrary: fc.constantFrom(300, 1600, 2500, 4900), weight: 1 },
    { arbitrary: fc.integer({ min: 0, max: 4900 }), weight: 1 },
  ),
  // The app's targetSdkVersion: the device's level, or any from 28 to 37 (above the device's is common).
  targetSdk: fc.option(fc.integer({ min: 28, max: 37 }), { nil: undefined }),
  stopWithTask: fc.boolean(),
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
  /** Commands the device refused, in order. */
  refused: { kind: Command['kind']; code: string }[];
  raced: boolean;
  /** The process was killed (a task removed without a service): nothing runs any more. */
  dead: boolean;
  os: 'android' | 'ios';
}

function newWorld(os: World['os']): World {
  return {
    os,
    last: [],
    joined: [],
    muted: [],
    media: [],
    seenSinceReload: [],
    errors: [],
    refused: [],
    raced: false,
    dead: false,
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
  const { os } = world;
  world.runtime = make();
  world.runtime.on((event) => {
    if (event.type === 'error') {
      world.errors.push(event.error);
      count(`${os} error ${event.error.code}`);
    }
    if (event.type === 'command') count(`${os} command ${event.command.kind}`);
    if (event.type === 'command' && event.error) {
      world.refused.push({ kind: event.command.kind, code: event.error.code });
      count(`${os} refused ${event.command.kind} ${event.error.code}${world.raced ? '' : ' (no race)'}`);
    }
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
async function playSignal(
  world: World,
  step: Extract<Step, { kind: 'signal' }>,
  device: AndroidDevice | IosDevice,
) {
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
      // `at` is a time on the device's clock, as the adapters give it; a join takes a moment, so a new
      // session's is later than an end the engine heard of before it.
      device.advance(1);
      const joined: CallSignal = { type: 'joined', at: device.clock.now(), media: step.signal.media };
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
    await holds(
      'ANDROID',
      'hold on Android',
      fc.asyncProperty(androidSetup, async (setup) => {
        count('android sequences');
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
          visibilityGraceMs: setup.visibilityGraceMs,
          promotionDelayMs: setup.promotionDelayMs,
          stopWithTask: setup.stopWithTask,
          ...(setup.targetSdk === undefined ? {} : { targetSdk: setup.targetSdk }),
        });
        // A binding reads the current app state and permissions when it starts (also after a reload).
        let app = setup.app;
        const setApp = device.setApp.bind(device);
        device.setApp = (state) => {
          app = state;
          setApp(state);
        };
        // Swiping the task away leaves the app destroyed (A18), without an app event.
        const removeTask = device.removeTask.bind(device);
        device.removeTask = () => {
          removeTask();
          app = 'destroyed';
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
        const world = newWorld('android');
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
          if (world.dead) break;
          await settle(world, device.advance);
          checkAndroidAlways(world, device);
        }
        if (world.dead) {
          // A task removed without a service kills the process (A18): nothing may be left behind.
          count('android process killed by a task removal');
          expect(device.observe()).toMatchObject({
            crashed: null,
            service: { running: false },
            notification: null,
          });
          world.runtime.dispose();
          return;
        }
        // Quiesce: come back to the foreground and let debounces and grace periods run out. A race still
        // waiting for a command runs at the first one and may leave the app again: the platform next
        // allows a start when the app comes back, and that is when the engine must recover (invariant 3).
        device.setApp('active');
        await settle(world, device.advance);
        if (app !== 'active') {
          count('android quiesce undone by a race');
          device.setApp('active');
          await settle(world, device.advance);
        }
        device.advance(20_000);
        await settle(world, device.advance);
        checkAndroidAlways(world, device);
        checkAndroidAtRest(world, device);
        world.runtime.dispose();
      }),
      Math.round(RUNS * ANDROID_SHARE),
    );
    expectExercised('android');
  }, 600_000);

  it(`hold on iOS (${Math.round(RUNS * (1 - ANDROID_SHARE))} sequences)`, async () => {
    await holds(
      'IOS',
      'hold on iOS',
      fc.asyncProperty(iosSetup, async (setup) => {
        count('ios sequences');
        const device = createIosDevice({ backgroundModes: ['audio', 'voip'], app: setup.app });
        let app = setup.app;
        const setApp = device.setApp.bind(device);
        device.setApp = (state) => {
          app = state;
          setApp(state);
        };
        const world = newWorld('ios');
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
      Math.round(RUNS * (1 - ANDROID_SHARE)),
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
      return playSignal(world, step, device);
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
      return device.raceBeforeNextCommand(() => {
        count(`android race to ${step.state} ran`);
        device.setApp(step.state);
      });
    case 'raceRevoke':
      world.raced = true;
      return device.raceBeforeNextCommand(() => {
        count(`android race revoking ${step.permission} ran`);
        device.revoke(step.permission);
      });
    case 'removeTask': {
      const running = device.observe().service.running;
      if (!running && !step.withoutService) return;
      count(`android task removed ${running ? 'with' : 'without'} a service`);
      device.removeTask();
      // Without a service the process dies (A18), and the calls with it.
      if (!running) world.dead = true;
      return;
    }
    case 'advance':
      return device.advance(step.ms);
    case 'system':
      return;
  }
}

async function playIos(world: World, device: IosDevice, step: Step, make: () => Runtime) {
  switch (step.kind) {
    case 'signal':
      return playSignal(world, step, device);
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
  // Invariant 3: nothing keepcall sends crashes the app, and the device refuses no command (a start
  // from the background, a type whose permission is missing) unless a race changed the state
  // between the decision and the command.
  expect(seen.crashed).toBeNull();
  if (world.raced === false) expect(world.refused).toEqual([]);
  if (seen.service.running && seen.service.foreground) {
    const live = liveMedia(world);
    const granted = device.platformInfo();
    // Invariant 4: camera only while some call has video on; microphone only with RECORD_AUDIO.
    // (A keeper lingering after the last call, for a quick rejoin, keeps that call's types.)
    if (seen.service.types.includes('camera') && live.length > 0)
      expect(live.some((m) => m.video)).toBe(true);
    // A3: the FOREGROUND_SERVICE_* permissions are demanded from API 34 for target 34+ only.
    const api = granted.apiLevel ?? 0;
    if (api >= 34 && (granted.targetSdk ?? api) >= 34) {
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
  // While the service is being promoted the device is between two states (a start it was given, or
  // a stop waiting for the promotion, A1): the next check after the promotion compares them.
  const actual = world.runtime.getState().actual.android ?? null;
  if (seen.service.running && seen.service.foreground) {
    expect(actual?.types.slice().sort()).toEqual(seen.service.types.slice().sort());
  } else if (!seen.service.running) {
    expect(actual).toBeNull();
  } else {
    count('android checks while the service was starting');
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
    const mine = world.runtime.getState().model.calls.get(callId);
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

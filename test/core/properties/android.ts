// The Android half of the property suite: setups, steps, and the invariants on the model device.
import fc from 'fast-check';
import type { AppState, FgsType } from '../../../src/core/types';
import { type AndroidDevice, type AndroidRuntimePermission, createAndroidDevice } from '../../../src/testing';
import { type AndroidFacts, applies, checkPromotion } from '../../../src/testing/android/rules';
import { callIds, checkErrors, count, displayNames, listenerMode, retrack, traced } from './harness';
import { checkIdempotent } from './idempotent';
import { must } from './invariants';
import { callIndex, media, mediaOf, move } from './sdk';
import {
  boot,
  type CommonStep,
  changeConfig,
  configPatch,
  createWorld,
  keptCalls,
  playCommon,
  settleWorld,
  taskRunning,
  traceOf,
  trackAll,
  undecided,
  type World,
} from './world';

const permission = fc.constantFrom<AndroidRuntimePermission>('RECORD_AUDIO', 'CAMERA', 'POST_NOTIFICATIONS');

type RaceWhat = 'background' | 'active' | 'kill' | 'advance' | 'revoke';
export type AndroidStep =
  | CommonStep
  | { kind: 'app'; state: AppState }
  | { kind: 'grant' | 'revoke'; permission: AndroidRuntimePermission }
  | { kind: 'tap'; action: 'hangup' | 'mute' | 'unmute' }
  | { kind: 'dismiss' | 'kill' | 'push' }
  | { kind: 'removeTask'; withoutService: boolean }
  | { kind: 'race'; what: RaceWhat; ms: number; permission: AndroidRuntimePermission };

const weighted = (arbitrary: fc.Arbitrary<AndroidStep>, weight: number) => ({ arbitrary, weight });
const step: fc.Arbitrary<AndroidStep> = fc.oneof(
  weighted(fc.record({ kind: fc.constant('signal' as const), call: callIndex, move, media }), 12),
  weighted(fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 12_000 }) }), 4),
  weighted(
    fc.record({
      kind: fc.constant('app' as const),
      state: fc.constantFrom<AppState>('active', 'background', 'pip', 'destroyed'),
    }),
    4,
  ),
  weighted(fc.record({ kind: fc.constantFrom('grant' as const, 'revoke' as const), permission }), 4),
  weighted(
    fc.record({
      kind: fc.constant('tap' as const),
      action: fc.constantFrom('hangup' as const, 'mute' as const, 'unmute' as const),
    }),
    4,
  ),
  weighted(fc.record({ kind: fc.constantFrom('dismiss' as const, 'kill' as const) }), 4),
  weighted(fc.record({ kind: fc.constant('reload' as const), retrack }), 3),
  weighted(fc.record({ kind: fc.constantFrom('dispose' as const, 'retrack' as const) }), 1),
  weighted(
    fc.record({
      kind: fc.constant('race' as const),
      what: fc.constantFrom<RaceWhat>('background', 'active', 'kill', 'advance', 'revoke'),
      ms: fc.constantFrom(100, 1600, 5000),
      permission,
    }),
    4,
  ),
  weighted(fc.record({ kind: fc.constant('removeTask' as const), withoutService: fc.boolean() }), 2),
  weighted(fc.record({ kind: fc.constant('config' as const), patch: configPatch }), 2),
  weighted(fc.record({ kind: fc.constant('untrack' as const), call: callIndex }), 1),
  weighted(fc.record({ kind: fc.constant('push' as const) }), 1),
  weighted(
    fc.record({
      kind: fc.constant('sdkFailure' as const),
      call: callIndex,
      hangup: fc.boolean(),
      mute: fc.boolean(),
    }),
    1,
  ),
);

const FGS_PERMISSIONS = [
  'FOREGROUND_SERVICE_MEDIA_PLAYBACK',
  'FOREGROUND_SERVICE_MICROPHONE',
  'FOREGROUND_SERVICE_CAMERA',
  'FOREGROUND_SERVICE_PHONE_CALL',
  'MANAGE_OWN_CALLS',
  'POST_NOTIFICATIONS',
];

export const androidSetup = fc.record({
  apiLevel: fc.integer({ min: 29, max: 37 }),
  // Half the apps declare everything, so services run and the interesting states (background, races,
  // profile switches) are reached often; the other half declare any subset.
  declared: fc.oneof(fc.subarray(FGS_PERMISSIONS), fc.constant(FGS_PERMISSIONS)),
  granted: fc.oneof(
    fc.subarray<AndroidRuntimePermission>(['RECORD_AUDIO', 'CAMERA', 'POST_NOTIFICATIONS']),
    fc.constant<AndroidRuntimePermission[]>(['RECORD_AUDIO', 'CAMERA', 'POST_NOTIFICATIONS']),
  ),
  profile: fc.constantFrom('media' as const, 'phoneCall' as const),
  // Three devices in four carry keepcall's library manifest (its service declares all four types) with
  // the media profile at launch, so services run on API 34+ too; the others declare no type on the service.
  libraryManifest: fc.oneof(
    { arbitrary: fc.constant(true), weight: 3 },
    { arbitrary: fc.constant(false), weight: 1 },
  ),
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
  ids: callIds,
  names: displayNames,
  listener: listenerMode,
  // The config set at launch (before the first track), besides the profile.
  initial: configPatch,
  steps: fc.array(step, { minLength: 1, maxLength: 30 }),
});
export type AndroidSetup = typeof androidSetup extends fc.Arbitrary<infer T> ? T : never;

type AndroidWorld = World<AndroidDevice> & {
  app: AppState;
  granted: Set<AndroidRuntimePermission>;
  /** The system or the user stopped the service (killed it, swiped the task away): counted, not blamed. */
  systemStops: number;
  /** How many errors there were when the service was last seen stopped: its current run's start. */
  runFrom: number;
  /** setPushConfig gave a createClient (it lasts for the runtime it was given to). */
  pushSet: boolean;
};

/** Runs one Android sequence and checks every invariant on the device. */
export async function runAndroid(setup: AndroidSetup): Promise<void> {
  count('android sequences');
  const library = setup.libraryManifest;
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
  const world = createWorld('android', device, setup.ids, setup.names, setup.listener, () => ({
    platform: device.platformInfo(),
    clock: device.clock,
    app: world.app,
    permissions: {
      microphone: permissionOf(world, 'RECORD_AUDIO'),
      camera: permissionOf(world, 'CAMERA'),
      notifications: permissionOf(world, 'POST_NOTIFICATIONS'),
    },
  })) as AndroidWorld;
  world.app = setup.app;
  world.granted = new Set(setup.granted);
  world.systemStops = 0;
  world.runFrom = 0;
  world.pushSet = false;
  // A reloaded app that had set its push config sets it again at launch.
  world.afterBoot = async (w) => {
    await w.runtime.start();
    if (world.pushSet) w.runtime.setPushConfig(pushFor(world));
  };
  return traced(async () => {
    follow(world);
    await boot(world);
    changeConfig(world, { ...setup.initial, profile: library ? 'media' : setup.profile });
    trackAll(world, false);
    await settle(world);

    for (const next of setup.steps) {
      const before = observeBefore(world);
      const errorsBefore = world.errors.length;
      await play(world, next);
      if (world.dead) break;
      await settle(world);
      checkErrors(world.errors, errorsBefore);
      checkAlways(world, next, before, errorsBefore);
    }
    if (world.dead) {
      // A task removed without a service kills the process (A18): nothing may be left behind.
      count('android process killed by a task removal');
      const seen = device.observe();
      must('orphan', seen.crashed === null && !seen.service.running && seen.notification === null, () =>
        JSON.stringify(seen),
      );
      world.runtime.dispose();
      return;
    }
    // Quiesce: the app comes back and debounces and grace periods run out. A race still waiting for a
    // command may leave the app again: the engine must recover when the app next comes back (invariant 3).
    device.setApp('active');
    await settle(world);
    if (world.app !== 'active') {
      count('android quiesce undone by a race');
      device.setApp('active');
      await settle(world);
    }
    device.advance(20_000);
    await settle(world);
    checkAlways(world, undefined, observeBefore(world), world.errors.length);
    checkAtRest(world);
    // Then the app leaves for a minute: what the user hears in the background.
    device.setApp('background');
    await settle(world);
    device.advance(60_000);
    await settle(world);
    checkBackground(world);
    world.runtime.dispose();
  }, traceOf(world));
}

/** The app's push config: its client finds its calls by id. */
function pushFor(world: AndroidWorld) {
  return { createClient: () => ({ getCall: (id: string) => world.calls.find((call) => call.id === id) }) };
}

function permissionOf(world: AndroidWorld, name: AndroidRuntimePermission) {
  return world.granted.has(name) ? 'granted' : 'denied';
}

/** Keeps the app's view of its state and permissions as a binding would read them at a boot. */
function follow(world: AndroidWorld) {
  const { device } = world;
  const setApp = device.setApp.bind(device);
  device.setApp = (state) => {
    world.app = state;
    setApp(state);
  };
  const removeTask = device.removeTask.bind(device);
  device.removeTask = () => {
    world.systemStops++;
    removeTask();
    world.app = 'destroyed';
  };
  const killService = device.killService.bind(device);
  device.killService = () => {
    world.systemStops++;
    killService();
  };
  const grant = device.grant.bind(device);
  const revoke = device.revoke.bind(device);
  device.grant = (name) => {
    world.granted.add(name);
    grant(name);
  };
  device.revoke = (name) => {
    world.granted.delete(name);
    revoke(name);
  };
}

const settle = settleWorld;

const keeper = (world: AndroidWorld) => () =>
  new Set(world.device.observe().service.running ? world.calls.map((call) => call.id) : []);

async function play(world: AndroidWorld, next: AndroidStep) {
  const { device } = world;
  switch (next.kind) {
    case 'app':
      return device.setApp(next.state);
    case 'grant':
      return device.grant(next.permission);
    case 'revoke':
      return device.revoke(next.permission);
    case 'tap':
      return tap(world, next.action);
    case 'dismiss':
      if (device.observe().notification?.visible) device.dismissNotification();
      return;
    case 'kill':
      return device.killService();
    case 'race':
      return device.raceBeforeNextCommand(() => {
        // A race excuses the refusals of the step it runs in (the engine decided before it).
        world.raced = true;
        count(`android race ${next.what} ran`);
        if (next.what === 'background' || next.what === 'active') device.setApp(next.what);
        else if (next.what === 'kill') device.killService();
        else if (next.what === 'advance') device.advance(next.ms);
        else device.revoke(next.permission);
      });
    case 'removeTask': {
      const running = device.observe().service.running;
      if (!running && !next.withoutService) return;
      count(`android task removed ${running ? 'with' : 'without'} a service`);
      device.removeTask();
      // Without a service the process dies (A18), and the calls with it.
      if (!running) world.dead = true;
      return;
    }
    case 'push':
      // createClient: a notification hang-up reaches a call nobody tracks (after a reload) through the
      // app's client. A second call is reported and changes nothing.
      world.runtime.setPushConfig(pushFor(world));
      world.pushSet = true;
      return;
    case 'config':
      if (next.patch.profile !== undefined && next.patch.profile !== world.expected.profile) {
        const { service } = device.observe();
        if (service.running && !['active', 'pip', 'inactive'].includes(world.app)) {
          count(
            `android profile switched in the background with a service on API ${facts(world).apiLevel >= 34 ? '34+' : '<34'}`,
          );
        }
      }
      return playCommon(world, next, keeper(world));
    default:
      return playCommon(world, next, keeper(world));
  }
}

async function tap(world: AndroidWorld, action: 'hangup' | 'mute' | 'unmute') {
  const { device } = world;
  const shown = device.observe().notification;
  if (!shown?.visible || !shown.spec.actions.some((candidate) => candidate.id === action)) return;
  const before = world.calls.map((call) => call.hangups);
  device.tapAction(action);
  await settle(world);
  if (action !== 'hangup') return;
  const shownCall = world.calls.find((call) => call.id === shown.spec.callId);
  for (const [index, call] of world.calls.entries()) {
    const asked = call.hangups - (before[index] as number);
    // Invariant 6: exactly that call was hung up (if the app still tracks it, or can reach it).
    must(
      'hangup-exactness',
      asked === (call === shownCall && (world.tracked.has(call) || world.pushSet) ? 1 : 0),
      () =>
        `tapping hang-up on ${JSON.stringify(shown.spec.callId)} hung up ${JSON.stringify(call.id)} ${asked} times`,
    );
  }
}

interface Before {
  running: boolean;
  systemStops: number;
}

function observeBefore(world: AndroidWorld): Before {
  return { running: world.device.observe().service.running, systemStops: world.systemStops };
}

/** The device's rules, as the oracle: may a service of these types be promoted now (while visible)? */
function facts(world: AndroidWorld): AndroidFacts {
  const info = world.device.platformInfo();
  return {
    apiLevel: info.apiLevel ?? 0,
    targetSdk: info.targetSdk ?? info.apiLevel ?? 0,
    declared: new Set(info.declared),
    serviceTypes: info.serviceTypes ?? [],
    granted: world.granted,
  };
}

function usable(world: AndroidWorld, type: FgsType): boolean {
  return checkPromotion(facts(world), [type], { whileInUse: true, fromBoot: false }).ok;
}

/** The error codes that say why a live call has no keeper. */
const EXPLAINS_NO_KEEPER: readonly string[] = [
  'start-not-allowed',
  'type-not-declared',
  'missing-permission',
];

const PROFILE: Record<'media' | 'phoneCall', FgsType> = { media: 'mediaPlayback', phoneCall: 'phoneCall' };

function checkAlways(world: AndroidWorld, step: AndroidStep | undefined, before: Before, errorsFrom: number) {
  const { device } = world;
  const seen = device.observe();
  must('refused-command', seen.crashed === null, () => `the app crashed: ${JSON.stringify(seen.crashed)}`);
  // Invariant 3: the device refuses nothing keepcall sends, unless a race changed the state between
  // the decision and the command.
  if (!world.raced) {
    must('refused-command', world.refused.length === 0, () => `refused: ${JSON.stringify(world.refused)}`);
  }
  world.refused.length = 0;
  world.raced = false;
  const f = facts(world);
  for (const command of world.sent) {
    if (
      (command.kind === 'service.update' || command.kind === 'service.start') &&
      command.types.length === 0
    ) {
      must(
        'model-empty-update',
        !applies(f, 34),
        () => `${command.kind} with no type on API ${f.apiLevel}/target ${f.targetSdk}`,
      );
    }
  }
  world.sent.length = 0;
  const kept = keptCalls(world);
  if (seen.service.running && seen.service.foreground) {
    // Invariant 4: the types follow what the permissions and media allow (a keeper lingering after the
    // last call keeps that call's types).
    const live = kept.map(mediaOf);
    // While a call is kept (not lingering after the last one, nor waiting to be tracked again).
    for (const type of seen.service.types) {
      if (type === 'camera' && live.length > 0) {
        must('types-not-allowed', world.granted.has('CAMERA'), () => 'camera without CAMERA');
        must(
          'types-not-allowed',
          live.some((m) => m.video),
          () => 'camera with no video on',
        );
      }
      if (type === 'microphone' && live.length > 0) {
        must('types-not-allowed', world.granted.has('RECORD_AUDIO'), () => 'microphone without RECORD_AUDIO');
        must(
          'types-not-allowed',
          live.some((m) => m.audio),
          () => 'microphone with no audio on',
        );
      }
      if (applies(f, 34)) {
        const permission = `FOREGROUND_SERVICE_${type.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
        must('types-not-allowed', f.declared.has(permission), () => `${type} without ${permission}`);
      }
    }
    // Invariant 5: the mute action's label and the mute state match the shown call in the SDK.
    const shown = seen.notification?.spec;
    const call = shown && kept.find((candidate) => candidate.id === shown.callId);
    if (shown && call) {
      const ids = shown.actions.map((action) => action.id);
      if (mediaOf(call).audio || ids.length > 1) {
        const id = call.muted ? 'unmute' : 'mute';
        must('notif-label', ids.includes(id), () => `SDK muted=${call.muted}, actions ${ids.join(',')}`);
        const label = shown.actions.find((action) => action.id === id)?.label;
        must('notif-label', label === world.expected.labels[id], () => `label ${JSON.stringify(label)}`);
      }
    }
  }
  // The service stopped while a call it kept is live, and neither the user nor the system did it.
  const systemStopped = world.systemStops !== before.systemStops;
  if (before.running && !seen.service.running && kept.length > 0 && !systemStopped) {
    // Said now, or said during this run of the service why it cannot keep the call (a stop requested
    // before the call joined completes later, and no new service may start from the background).
    const said =
      world.errors.length > errorsFrom ||
      world.errors.slice(world.runFrom).some((error) => EXPLAINS_NO_KEEPER.includes(error.code));
    must(
      'stop-while-live',
      said,
      () =>
        `the service stopped with ${kept.map((call) => JSON.stringify(call.id)).join(', ')} live (step ${step?.kind})`,
    );
  }
  if (!seen.service.running) world.runFrom = world.errors.length;
  // The engine's belief is what the device holds, and reconciling again asks for nothing (invariant 7).
  const actual = world.runtime.getState().actual.android ?? null;
  if (seen.service.running && seen.service.foreground) {
    must(
      'idempotency',
      sameTypes(actual?.types ?? null, seen.service.types),
      () => `engine ${JSON.stringify(actual?.types)}, device ${JSON.stringify(seen.service.types)}`,
    );
  } else if (!seen.service.running) {
    must(
      'idempotency',
      actual === null,
      () => `engine believes a service runs: ${JSON.stringify(actual?.types)}`,
    );
  } else {
    count('android checks while the service was starting');
  }
  checkIdempotent(world.runtime);
}

function sameTypes(a: readonly string[] | null, b: readonly string[]): boolean {
  return a !== null && a.length === b.length && a.every((type) => b.includes(type));
}

function checkAtRest(world: AndroidWorld) {
  const seen = world.device.observe();
  const kept = keptCalls(world);
  const f = facts(world);
  if (kept.length === 0) {
    if (undecided(world).length > 0) return;
    // Invariant 1: no live call ⇒ no service and no notification, and no task.
    must(
      'orphan',
      !seen.service.running && seen.notification === null,
      () => `service ${JSON.stringify(seen.service)} with no live call`,
    );
    must('orphan', !taskRunning(world), () => 'taskToRun still runs with no service');
    return;
  }
  const profile = PROFILE[world.expected.profile];
  const wantsAudio = kept.some((call) => mediaOf(call).audio);
  const wantsVideo = kept.some((call) => mediaOf(call).video);
  const anyUsable =
    !applies(f, 34) ||
    usable(world, profile) ||
    (wantsAudio && world.granted.has('RECORD_AUDIO') && usable(world, 'microphone')) ||
    (wantsVideo && world.granted.has('CAMERA') && usable(world, 'camera'));
  // Invariant 2: a live call with the app active ⇒ a keeper, unless the platform allows no type.
  if (anyUsable) {
    must(
      'no-keeper',
      seen.service.running,
      () => `no service for ${kept.map((call) => JSON.stringify(call.id)).join(', ')}`,
    );
  } else if (!seen.service.running) {
    const said = world.errors.some((error) =>
      ['type-not-declared', 'missing-permission'].includes(error.code),
    );
    must('no-keeper', said, () => 'no keeper and no error saying why');
  }
  if (!seen.service.running) return;
  must(
    'dismissed-not-reposted-while-lingering',
    seen.notification !== null,
    () => 'the service runs without its notification',
  );
  if (world.expected.task)
    must('task-late', taskRunning(world), () => 'the service runs but taskToRun does not');
  const spec = seen.notification?.spec;
  if (spec) {
    const shown = [...kept, ...undecided(world)].find((call) => call.id === spec.callId);
    must(
      'notif-wrong-call',
      shown !== undefined,
      () => `the notification shows ${JSON.stringify(spec.callId)}, not a live call`,
    );
    const e = world.expected;
    // An empty or blank display name names nobody: the title stands in (A14, as on iOS and the web).
    const person = shown?.displayName?.trim() ? shown.displayName : e.title;
    // CallStyle (API 31+) titles the notification with the person's name, as Android draws it.
    const title = spec.callStyle ? person : e.title;
    must(
      'notif-content',
      spec.title === title && spec.body === e.body && spec.channelName === e.channelName,
      () =>
        `texts ${JSON.stringify([spec.title, spec.body, spec.channelName])}, expected ${JSON.stringify([title, e.body, e.channelName])}`,
    );
    must(
      'notif-content',
      spec.person === person,
      () => `person ${JSON.stringify(spec.person)}, expected ${JSON.stringify(person)}`,
    );
    if (shown)
      must(
        'notif-label',
        spec.muted === shown.muted,
        () => `notification muted=${spec.muted}, SDK ${shown.muted}`,
      );
  }
  // The microphone type where the platform allows it (A4/A5; target < 34 needs no FOREGROUND_SERVICE_*).
  if (
    seen.service.foreground &&
    wantsAudio &&
    world.granted.has('RECORD_AUDIO') &&
    usable(world, 'microphone')
  ) {
    must(
      'mic-missing',
      seen.service.types.includes('microphone'),
      () => `types ${JSON.stringify(seen.service.types)} on API ${f.apiLevel}/target ${f.targetSdk}`,
    );
  }
}

function checkBackground(world: AndroidWorld) {
  const seen = world.device.observe();
  const kept = keptCalls(world).filter((call) => mediaOf(call).audio);
  if (kept.length === 0 || !world.granted.has('RECORD_AUDIO') || !usable(world, 'microphone')) return;
  if (!seen.service.running) return;
  count('android background microphone checked');
  must(
    'bg-mic-silent',
    seen.microphoneCaptures !== false,
    () => `silent in the background: types ${JSON.stringify(seen.service.types)}`,
  );
}

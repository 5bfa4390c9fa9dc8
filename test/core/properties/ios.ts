// The iOS half of the property suite: setups, steps, and the invariants on the model device (CallKit's
// calls, their mute and hold, whether the app keeps running).
import fc from 'fast-check';
import type { AppState } from '../../../src/core/types';
import { createIosDevice, type IosBackgroundMode, type IosDevice } from '../../../src/testing';
import { callIds, checkErrors, count, displayNames, listenerMode, retrack, traced } from './harness';
import { checkIdempotent } from './idempotent';
import { must } from './invariants';
import { callIndex, media, mediaOf, move } from './sdk';
import {
  boot,
  type CommonStep,
  configPatch,
  createWorld,
  keptCalls,
  playCommon,
  settleWorld,
  traceOf,
  trackAll,
  undecided,
  type World,
} from './world';

type SystemAction = 'end' | 'mute' | 'unmute' | 'hold' | 'unhold';
const systemAction = fc.constantFrom<SystemAction>('end', 'mute', 'unmute', 'hold', 'unhold');
type RaceWhat = 'background' | 'active' | 'advance' | 'system';

export type IosStep =
  | CommonStep
  | { kind: 'app'; state: AppState }
  | { kind: 'system'; action: SystemAction; call: number }
  | { kind: 'push' }
  | { kind: 'race'; what: RaceWhat; ms: number; action: SystemAction; call: number };

const weighted = (arbitrary: fc.Arbitrary<IosStep>, weight: number) => ({ arbitrary, weight });
const step: fc.Arbitrary<IosStep> = fc.oneof(
  weighted(fc.record({ kind: fc.constant('signal' as const), call: callIndex, move, media }), 12),
  weighted(fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 12_000 }) }), 3),
  weighted(
    fc.record({
      kind: fc.constant('app' as const),
      state: fc.constantFrom<AppState>('active', 'inactive', 'background'),
    }),
    4,
  ),
  weighted(fc.record({ kind: fc.constant('system' as const), action: systemAction, call: callIndex }), 6),
  weighted(fc.record({ kind: fc.constant('reload' as const), retrack }), 3),
  weighted(fc.record({ kind: fc.constantFrom('dispose' as const, 'retrack' as const, 'push' as const) }), 1),
  weighted(
    fc.record({
      kind: fc.constant('race' as const),
      what: fc.constantFrom<RaceWhat>('background', 'active', 'advance', 'system'),
      ms: fc.constantFrom(100, 1000, 6000),
      action: systemAction,
      call: callIndex,
    }),
    3,
  ),
  weighted(fc.record({ kind: fc.constant('config' as const), patch: configPatch }), 1),
  weighted(fc.record({ kind: fc.constant('untrack' as const), call: callIndex }), 1),
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

export const iosSetup = fc.record({
  enableOngoingCalls: fc.boolean(),
  // When the app sets the push config: in the constructor, after start() resolved, right after on()
  // (start() still running), or only at a later step.
  pushWhen: fc.constantFrom(
    'constructor' as const,
    'afterStart' as const,
    'afterOn' as const,
    'step' as const,
  ),
  // I10: an app offered in China runs without CallKit.
  callKitAvailable: fc.oneof(
    { arbitrary: fc.constant(true), weight: 5 },
    { arbitrary: fc.constant(false), weight: 1 },
  ),
  backgroundModes: fc.constantFrom<IosBackgroundMode[]>(
    ['audio', 'voip'],
    ['audio', 'voip'],
    ['audio'],
    ['voip'],
  ),
  app: fc.constantFrom<AppState>('active', 'background'),
  ids: callIds,
  names: displayNames,
  listener: listenerMode,
  steps: fc.array(step, { minLength: 1, maxLength: 30 }),
});
export type IosSetup = typeof iosSetup extends fc.Arbitrary<infer T> ? T : never;

type IosWorld = World<IosDevice> & {
  app: AppState;
  pushSet: boolean;
  /** What the system last set on each CallKit call (I6, I9), by its UUID: a new CallKit call starts unheld. */
  held: Map<string, boolean>;
};

/** Runs one iOS sequence and checks every invariant on the device. */
export async function runIos(setup: IosSetup): Promise<void> {
  count('ios sequences');
  const device = createIosDevice({
    backgroundModes: setup.backgroundModes,
    app: setup.app,
    callKitAvailable: setup.callKitAvailable,
  });
  let uuid = 0;
  const push = { ios: { enableOngoingCalls: setup.enableOngoingCalls } };
  const world = createWorld('ios', device, setup.ids, setup.names, setup.listener, () => ({
    platform: device.platformInfo(),
    clock: device.clock,
    app: world.app,
    ...(setup.pushWhen === 'constructor' ? { push } : {}),
    newUuid: () => `00000000-0000-4000-8000-${String(++uuid).padStart(12, '0')}`,
  })) as IosWorld;
  world.app = setup.app;
  world.pushSet = setup.pushWhen !== 'step';
  world.held = new Map();
  const setApp = device.setApp.bind(device);
  device.setApp = (state) => {
    world.app = state;
    setApp(state);
  };
  // A CallKit call started (again, perhaps under the same UUID) starts unheld.
  const run = device.run.bind(device);
  device.run = (command) => {
    if (command.kind === 'callkit.start') world.held.delete(command.uuid);
    return run(command);
  };
  const systemHold = device.systemHold.bind(device);
  device.systemHold = (callId, held) => {
    const uuid = callKitCall(device.observe().calls, callId)?.uuid;
    if (uuid !== undefined) world.held.set(uuid, held);
    systemHold(callId, held);
  };
  world.afterBoot = async (w) => {
    const runtime = w.runtime;
    if (!world.pushSet || setup.pushWhen === 'constructor') return runtime.start();
    if (setup.pushWhen === 'afterOn') {
      // As KeepCall.on(): the engine starts, and the app sets the push config before it settled.
      const started = runtime.start();
      runtime.setPushConfig(push);
      return started;
    }
    await runtime.start();
    runtime.setPushConfig(push);
  };
  return traced(async () => {
    await boot(world);
    trackAll(world, false);
    await settle(world);

    for (const next of setup.steps) {
      const errorsBefore = world.errors.length;
      await play(world, next, setup, push);
      await settle(world);
      checkErrors(world.errors, errorsBefore);
      checkAlways(world, setup);
    }
    device.setApp('active');
    device.advance(20_000);
    await settle(world);
    checkAlways(world, setup);
    checkAtRest(world, setup);
    device.setApp('background');
    await settle(world);
    device.advance(60_000);
    await settle(world);
    checkBackground(world, setup);
    world.runtime.dispose();
  }, traceOf(world));
}

async function settle(world: IosWorld) {
  await settleWorld(world);
  const uuids = new Set(Object.values(world.device.observe().calls).map((call) => call.uuid));
  for (const uuid of world.held.keys()) if (!uuids.has(uuid)) world.held.delete(uuid);
}

function keeper(world: IosWorld) {
  return () => new Set(Object.keys(world.device.observe().calls));
}

async function play(
  world: IosWorld,
  next: IosStep,
  _setup: IosSetup,
  push: { ios: { enableOngoingCalls: boolean } },
) {
  const { device } = world;
  switch (next.kind) {
    case 'app':
      return device.setApp(next.state);
    case 'system':
      return system(world, next.action, next.call, true);
    case 'push':
      // At any point; a second call is reported and changes nothing.
      if (!world.pushSet) count('ios push config set at a step');
      world.runtime.setPushConfig(push);
      world.pushSet = true;
      return;
    case 'race':
      return device.raceBeforeNextCommand(() => {
        // A race excuses the refusals of the step it runs in (the engine decided before it).
        world.raced = true;
        count(`ios race ${next.what} ran`);
        if (next.what === 'background' || next.what === 'active') device.setApp(next.what);
        else if (next.what === 'advance') device.advance(next.ms);
        else void system(world, next.action, next.call, false);
      });
    default:
      return playCommon(world, next, keeper(world));
  }
}

/** The system UI acts on a CallKit call (I6, I9); an end must hang up exactly that call. */
async function system(world: IosWorld, action: SystemAction, index: number, check: boolean) {
  const { device } = world;
  const call = world.calls[index];
  if (!call || !callKitHas(device.observe().calls, call.id)) return;
  const before = world.calls.map((candidate) => candidate.hangups);
  if (action === 'end') device.systemEnd(call.id);
  else if (action === 'mute' || action === 'unmute') device.systemMute(call.id, action === 'mute');
  else device.systemHold(call.id, action === 'hold');
  if (!check || action !== 'end') return;
  await settle(world);
  for (const [i, candidate] of world.calls.entries()) {
    const asked = candidate.hangups - (before[i] as number);
    const expected = candidate === call && world.tracked.has(candidate) ? 1 : 0;
    must(
      'hangup-exactness',
      asked === expected,
      () =>
        `ending ${JSON.stringify(call.id)} in CallKit hung up ${JSON.stringify(candidate.id)} ${asked} times`,
    );
  }
}

function enabled(world: IosWorld, setup: IosSetup) {
  return world.pushSet && setup.enableOngoingCalls && setup.callKitAvailable;
}

function checkAlways(world: IosWorld, setup: IosSetup) {
  const seen = world.device.observe();
  must('refused-command', seen.crashed === null, () => `the app crashed: ${JSON.stringify(seen.crashed)}`);
  if (!world.raced && setup.callKitAvailable) {
    must('refused-command', world.refused.length === 0, () => `refused: ${JSON.stringify(world.refused)}`);
  }
  world.refused.length = 0;
  world.raced = false;
  world.sent.length = 0;
  if (!enabled(world, setup)) {
    must(
      'orphan',
      Object.keys(seen.calls).length === 0,
      () => `CallKit holds ${Object.keys(seen.calls).join(', ')} with CallKit off`,
    );
  }
  for (const callId of Object.keys(seen.calls)) {
    must(
      'orphan',
      world.calls.some((call) => call.id === callId),
      () => `CallKit holds an unknown call ${JSON.stringify(callId)}`,
    );
  }
  const actual = Object.keys(world.runtime.getState().actual.ios ?? {}).sort();
  const device = Object.keys(seen.calls).sort();
  must(
    'idempotency',
    JSON.stringify(actual) === JSON.stringify(device),
    () => `engine ${JSON.stringify(actual)}, device ${JSON.stringify(device)}`,
  );
  checkIdempotent(world.runtime);
}

function checkAtRest(world: IosWorld, setup: IosSetup) {
  const seen = world.device.observe();
  const kept = keptCalls(world);
  const on = enabled(world, setup);
  for (const call of world.calls) {
    const shown = callKitCall(seen.calls, call.id);
    const keep = kept.includes(call);
    // Invariants 1 and 2 for CallKit: exactly the live calls are reported (when enabled and available).
    if (on && keep)
      must(
        'callkit-missing',
        shown !== undefined,
        () => `${JSON.stringify(call.id)} is live but not in CallKit`,
      );
    if (!keep && !undecided(world).includes(call))
      must(
        'orphan',
        shown === undefined,
        () => `CallKit still holds ${JSON.stringify(call.id)}, which is not live`,
      );
    if (shown && keep) {
      must(
        'device-mute',
        shown.muted === call.muted,
        () => `CallKit muted=${shown.muted}, SDK ${call.muted} for ${JSON.stringify(call.id)}`,
      );
      must(
        'device-video',
        shown.hasVideo === mediaOf(call).video,
        () =>
          `CallKit hasVideo=${shown.hasVideo}, SDK video ${mediaOf(call).video} for ${JSON.stringify(call.id)}`,
      );
      const held = world.held.get(shown.uuid) ?? false;
      must(
        'device-hold',
        shown.held === held,
        () => `CallKit held=${shown.held}, the system set ${held} for ${JSON.stringify(call.id)}`,
      );
    }
  }
  if (!on && kept.length > 0 && world.pushSet) {
    must(
      'callkit-missing',
      world.errors.some((error) => error.code === 'unsupported'),
      () => 'CallKit is off or missing and no error said so',
    );
  }
}

function checkBackground(world: IosWorld, setup: IosSetup) {
  if (!enabled(world, setup) || !setup.backgroundModes.includes('audio')) return;
  const seen = world.device.observe();
  const kept = keptCalls(world).filter((call) => {
    const shown = callKitCall(seen.calls, call.id);
    return shown !== undefined && !shown.held;
  });
  if (kept.length === 0) return;
  count('ios background checked');
  must(
    'ios-suspended',
    seen.processAlive !== false,
    () => `suspended in the background with ${kept.map((call) => JSON.stringify(call.id)).join(', ')} live`,
  );
}

/** Whether CallKit holds a call for `id` (own keys only: ids may be Object.prototype names). */
function callKitHas(calls: Record<string, unknown>, id: string): boolean {
  return Object.hasOwn(calls, id);
}

function callKitCall<T>(calls: Record<string, T>, id: string): T | undefined {
  return Object.hasOwn(calls, id) ? calls[id] : undefined;
}

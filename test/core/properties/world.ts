// The app around keepcall in a property sequence: it builds the runtime (again after a reload or a
// dispose), tracks its calls (at once, late or never), listens (quietly, throwing, or calling back in),
// changes the config, and sees every command the device received.
import fc from 'fast-check';
import type { ConfigInput } from '../../../src/core/config';
import type { KeepCallError } from '../../../src/core/errors';
import type { Command, Media, Port } from '../../../src/core/types';
import type { Runtime, RuntimeOptions } from '../../../src/core/universal';
import { createRuntime } from '../../../src/core/universal';
import { count, idleWithin, type ListenerMode, type Retrack } from './harness';
import { broken, must, rethrowPending } from './invariants';
import { createSdkCall, playSignal, reannounce, type SdkCall, type SignalMove, sdkLive } from './sdk';

/** What the notification must show, as the app configured it (the app's own record, not the engine's). */
export interface Expected {
  title: string;
  body: string;
  channelId: string;
  channelName: string;
  labels: { hangup: string; mute: string; unmute: string };
  profile: 'media' | 'phoneCall';
  task: boolean;
  endOnTaskRemoved: boolean;
}

export const DEFAULT_EXPECTED: Expected = {
  title: 'Call in progress',
  body: 'Tap to return to the call',
  channelId: 'keepcall_ongoing',
  channelName: 'Ongoing calls',
  labels: { hangup: 'Hang up', mute: 'Mute', unmute: 'Unmute' },
  profile: 'media',
  task: false,
  endOnTaskRemoved: true,
};

/** A config change the app may make at any point. */
export const configPatch = fc.record(
  {
    title: fc.constantFrom('Call in progress', '☎ Ongoing', ' Call '),
    body: fc.constantFrom('Tap to return to the call', '', 'Zoë ☎'),
    channelName: fc.constantFrom('Ongoing calls', 'Appels'),
    mute: fc.constantFrom('Mute', '🔇'),
    profile: fc.constantFrom('media' as const, 'phoneCall' as const),
    stopDebounceMs: fc.constantFrom(0, 1500, 4000),
    endOnTaskRemoved: fc.boolean(),
    task: fc.boolean(),
    adoptGraceMs: fc.constantFrom(2000, 8000),
  },
  { requiredKeys: [] },
);
export type ConfigPatch = typeof configPatch extends fc.Arbitrary<infer T> ? T : never;

/** A running task the app's taskToRun started. */
interface Task {
  callId: string;
  signal: AbortSignal;
}

export interface World<D extends Port> {
  os: 'android' | 'ios';
  device: D;
  calls: SdkCall[];
  runtime: Runtime;
  /** The options of a fresh runtime (read at each boot: app state, permissions). */
  options: () => Omit<RuntimeOptions, 'port' | 'config'>;
  /** Calls tracked by the current runtime, with their untrack functions. */
  tracked: Map<SdkCall, () => void>;
  errors: KeepCallError[];
  refused: { kind: Command['kind']; code: string }[];
  /** Every command the device received. */
  sent: Command[];
  /** A race ran since the last check: the refusals of that step are excused. */
  raced: boolean;
  dead: boolean;
  listener: ListenerMode;
  expected: Expected;
  /** The config as the app has set it so far; a reloaded app sets it again. */
  config: ConfigInput;
  tasks: Task[];
  /** Extra boot steps (iOS: when the push config is set). */
  afterBoot?: (world: World<D>) => Promise<void>;
}

/** Creates the app's world over a device. */
export function createWorld<D extends Port>(
  os: World<D>['os'],
  device: D,
  ids: string[],
  names: (string | undefined)[],
  listener: ListenerMode,
  options: World<D>['options'],
): World<D> {
  const world = {
    os,
    device,
    calls: ids.map((id, index) => createSdkCall(id, names[index])),
    options,
    tracked: new Map(),
    errors: [],
    refused: [],
    sent: [],
    raced: false,
    dead: false,
    listener,
    expected: { ...DEFAULT_EXPECTED, labels: { ...DEFAULT_EXPECTED.labels } },
    config: {},
    tasks: [],
  } as unknown as World<D>;
  return world;
}

/** The port the runtime sees: the device, with every command recorded. */
function recording<D extends Port>(world: World<D>): Port {
  const { device } = world;
  return {
    run(command) {
      world.sent.push(command);
      return device.run(command);
    },
    snapshot: () => device.snapshot(),
    subscribe: (listener) => device.subscribe(listener),
  };
}

/** Builds and starts a runtime, as the app does at launch and after a reload or a dispose. */
export async function boot<D extends Port>(world: World<D>): Promise<void> {
  const runtime = createRuntime({ ...world.options(), port: recording(world), config: configFor(world) });
  world.runtime = runtime;
  runtime.on((event) => {
    if (world.runtime !== runtime) return;
    if (event.type === 'error') {
      world.errors.push(event.error);
      count(`${world.os} error ${event.error.code}`);
    }
    if (event.type === 'command' && event.error) {
      world.refused.push({ kind: event.command.kind, code: event.error.code });
      count(
        `${world.os} refused ${event.command.kind} ${event.error.code}${world.raced ? '' : ' (no race)'}`,
      );
    }
    if (world.listener === 'throwing') throw new Error('a listener of the app threw');
    if (world.listener === 'reentrant') {
      // An app that reacts to an error by changing the config, and reads the state on every change.
      if (event.type === 'error')
        runtime.updateConfig({ foregroundService: { android: { stopDebounceMs: 1500 } } });
      if (event.type === 'change') runtime.getState();
    }
  });
  await (world.afterBoot ? world.afterBoot(world) : runtime.start());
  world.tracked = new Map();
}

/** Tracks every call the current runtime does not track; the SDK re-announces the live ones. */
export function trackAll<D extends Port>(world: World<D>, reannounceLive: boolean): void {
  for (const call of world.calls) {
    if (world.tracked.has(call)) continue;
    // Nor do they cross the start of tracking: what the SDK said while untracked keepcall never heard.
    call.seenSinceReload = false;
    world.tracked.set(call, world.runtime.track(call));
    if (reannounceLive) reannounce(call);
  }
}

/** A JavaScript reload (or, `reload: false`, a dispose and rebuild in the same JavaScript context). */
export async function restart<D extends Port & { reloadJs(): void }>(
  world: World<D>,
  reload: boolean,
  retrack: { when: 'now' | 'late' | 'never'; gapMs: number },
  advance: (ms: number) => void,
  keeperBefore: () => Set<string>,
  keeperNow: () => Set<string>,
): Promise<void> {
  const old = world.runtime;
  old.dispose();
  const sentAtDispose = world.sent.length;
  await idleWithin(old, 'after dispose()');
  must('dispose-leak', world.sent.length === sentAtDispose, () => {
    const late = world.sent.slice(sentAtDispose).map((command) => command.kind);
    return `a disposed runtime still sent ${late.join(', ')}`;
  });
  if (reload) world.device.reloadJs();
  // Late deliveries never cross a rebuild: a stale `joined` or `reconnecting` from a session the new
  // runtime never saw cannot be told from the SDK announcing a live call again (no engine could).
  for (const call of world.calls) {
    call.seenSinceReload = false;
    call.joined = undefined;
  }
  // What the device holds for calls still live: an adopted keeper must wait for them (adoptGraceMs).
  const held = keeperBefore();
  await boot(world);
  if (retrack.when === 'now') {
    trackAll(world, true);
    return;
  }
  await idleWithin(world.runtime, 'after a reload');
  advance(0);
  await idleWithin(world.runtime, 'after a reload');
  const now = keeperNow();
  for (const id of held) {
    const call = world.calls.find((candidate) => candidate.id === id);
    if (call && sdkLive(call) && !call.droppedByKeepcall && !now.has(id)) {
      broken('adopted-dropped-early', `the keeper of ${JSON.stringify(id)} went at once after a reload`);
    }
  }
  if (retrack.when === 'late') {
    count(`${world.os} reload retracked late`);
    advance(retrack.gapMs);
    trackAll(world, true);
  } else {
    count(`${world.os} reload never retracked`);
  }
}

/** The config the app passes: what it set so far, merged. */
function configFor<D extends Port>(world: World<D>): ConfigInput {
  return world.config;
}

/** Applies a config change in the runtime and in the app's record of what it set. */
export function changeConfig<D extends Port>(world: World<D>, patch: ConfigPatch): void {
  const android: NonNullable<NonNullable<ConfigInput['foregroundService']>['android']> = {};
  const e = world.expected;
  if (patch.title !== undefined) e.title = patch.title;
  if (patch.body !== undefined) e.body = patch.body;
  if (patch.channelName !== undefined) e.channelName = patch.channelName;
  if (patch.mute !== undefined) e.labels.mute = patch.mute;
  if (patch.profile !== undefined) e.profile = patch.profile;
  if (patch.endOnTaskRemoved !== undefined) e.endOnTaskRemoved = patch.endOnTaskRemoved;
  if (patch.task !== undefined) e.task = patch.task;
  android.notificationTexts = { title: e.title, body: e.body };
  android.channel = { id: e.channelId, name: e.channelName };
  android.actionLabels = { ...e.labels };
  android.profile = e.profile;
  android.endOnTaskRemoved = e.endOnTaskRemoved;
  if (patch.stopDebounceMs !== undefined) android.stopDebounceMs = patch.stopDebounceMs;
  android.taskToRun = e.task ? taskFor(world) : null;
  const input: ConfigInput = { foregroundService: { android } };
  if (patch.adoptGraceMs !== undefined) input.adoptGraceMs = patch.adoptGraceMs;
  world.runtime.updateConfig(input);
  world.config = mergeInput(world.config, input);
}

function mergeInput(base: ConfigInput, patch: ConfigInput): ConfigInput {
  const android = { ...base.foregroundService?.android, ...patch.foregroundService?.android };
  return { ...base, ...patch, foregroundService: { android } };
}

function taskFor<D extends Port>(world: World<D>) {
  return (call: { id: string }, { signal }: { signal: AbortSignal }) => {
    world.tasks.push({ callId: call.id, signal });
    // Trim what ended, so a long sequence keeps few.
    if (world.tasks.length > 8) world.tasks = world.tasks.filter((task) => !task.signal.aborted);
    return new Promise<never>(() => {});
  };
}

/** The calls keepcall must keep: live in the SDK, tracked now, and not let go after a failed hang-up. */
export function keptCalls<D extends Port>(world: World<D>): SdkCall[] {
  return world.calls.filter((call) => world.tracked.has(call) && sdkLive(call) && !call.droppedByKeepcall);
}

/**
 * Calls keepcall may keep or let go: live in the SDK and tracked, but keepcall let them go when their
 * hang-up failed (the SDK may announce them again, and keepcall may then keep them again).
 */
export function undecided<D extends Port>(world: World<D>): SdkCall[] {
  return world.calls.filter((call) => world.tracked.has(call) && sdkLive(call) && call.droppedByKeepcall);
}

/** Whether some task of the app runs now. */
export function taskRunning<D extends Port>(world: World<D>): boolean {
  return world.tasks.some((task) => !task.signal.aborted);
}

/** The steps both platforms take: the SDK's signals and failures, and what the app does to keepcall. */
export type CommonStep =
  | { kind: 'signal'; call: number; move: SignalMove; media: Media }
  | { kind: 'reload'; retrack: Retrack }
  | { kind: 'dispose' | 'retrack' }
  | { kind: 'config'; patch: ConfigPatch }
  | { kind: 'untrack'; call: number }
  | { kind: 'sdkFailure'; call: number; hangup: boolean; mute: boolean }
  | { kind: 'advance'; ms: number };

/** A device the shared steps can drive. */
type Drivable = Port & { reloadJs(): void; advance(ms: number): void; clock: { now(): number } };

/** Plays a shared step; `keeper` names the calls whose keeper the device holds now. */
export async function playCommon<D extends Drivable>(
  world: World<D>,
  step: CommonStep,
  keeper: () => Set<string>,
): Promise<void> {
  const { device } = world;
  switch (step.kind) {
    case 'signal':
      return playSignal(world.calls[step.call] as SdkCall, step.move, step.media, device);
    case 'reload':
    case 'dispose': {
      const reload = step.kind === 'reload';
      const when = reload ? step.retrack : { when: 'now' as const, gapMs: 0 };
      count(`${world.os} ${step.kind} (${when.when})`);
      // A reload's adopted keeper belongs to the calls the app had tracked.
      const trackedBefore = new Set([...world.tracked.keys()].map((call) => call.id));
      const before = new Set([...keeper()].filter((id) => trackedBefore.has(id)));
      return restart(
        world,
        reload,
        when,
        (ms) => device.advance(ms),
        () => before,
        keeper,
      );
    }
    case 'retrack':
      return trackAll(world, true);
    case 'config':
      return changeConfig(world, step.patch);
    case 'untrack': {
      const call = world.calls[step.call];
      const untrack = call && world.tracked.get(call);
      if (!call || !untrack) return;
      world.tracked.delete(call);
      return untrack();
    }
    case 'sdkFailure': {
      const call = world.calls[step.call];
      if (!call) return;
      call.failHangup = step.hangup;
      call.failMute = step.mute;
      return;
    }
    case 'advance':
      return device.advance(step.ms);
  }
}

/** Lets the runtime settle after a step: idle, the timers due now, idle again. */
export async function settleWorld<D extends Drivable>(world: World<D>): Promise<void> {
  await idleWithin(world.runtime, 'after a step');
  world.device.advance(0);
  await idleWithin(world.runtime, 'after a step');
  rethrowPending();
}

/** What KEEPCALL_PROPERTY_TRACE=1 prints about a failed sequence. */
export function traceOf<D extends Port & { log: unknown[]; observe(): unknown }>(world: World<D>) {
  return () => ({
    errors: world.errors.map((error) => `${error.code}: ${error.message}`),
    log: world.device.log.slice(-40),
    observe: world.device.observe(),
    state: world.runtime.getState(),
  });
}

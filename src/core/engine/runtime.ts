// The engine for one platform: wires the model, the command loop, the device's reports and the actions
// on the app's calls together, and offers the runtime's public methods.
import { checkCall } from '../call-input';
import { type ConfigInput, DEFAULT_CONFIG, DEFAULT_PUSH, mergeConfig, type PushConfig } from '../config';
import { deepEqual } from '../equal';
import { KeepCallError, toKeepCallError } from '../errors';
import type { Model } from '../model';
import type { PlatformKit, Reduction } from '../platform-kit';
import type { AppState, Permissions, PlatformInfo, Port } from '../types';
import { createActions } from './actions';
import { type CallHandle, callEvents } from './calls';
import { type Clock, REAL_CLOCK } from './clock';
import type { ConfigChecks, Runtime, RuntimeState } from './contract';
import { createDevice } from './device';
import { createHeldCommands } from './held';
import { createListeners } from './listeners';
import { createLoop } from './loop';
import type { EngineState } from './state';

export interface PlatformRuntimeOptions {
  port: Port;
  platform: PlatformInfo;
  /** The platform's policy and keeper; `platform.os` must be its os. */
  kit: PlatformKit;
  /** Input validation; without it, input is trusted (React Native release builds). */
  checks?: ConfigChecks;
  app?: AppState;
  permissions?: Partial<Permissions>;
  config?: ConfigInput;
  push?: PushConfig;
  clock?: Clock;
  /** Makes CallKit UUIDs (by default crypto.randomUUID): tests inject a deterministic one. */
  newUuid?: () => string;
}

const TRUSTING: ConfigChecks = {
  config: (input) => input as ConfigInput,
  push: (input) => input as PushConfig,
};

/** Creates the engine for the one platform `options.kit` is for, over one port. */
export function createPlatformRuntime(options: PlatformRuntimeOptions): Runtime {
  const { port, kit } = options;
  const checks = options.checks ?? TRUSTING;
  const clock = options.clock ?? REAL_CLOCK;
  let createClient: PushConfig['createClient'];
  let pushSet = false;
  let pushTwiceReported = false;
  let unsubscribePort: (() => void) | undefined;
  let timer: unknown;
  let timerAt = 0;

  const model: Model = {
    calls: new Map(),
    app: options.app ?? 'active',
    permissions: {
      notifications: 'unknown',
      microphone: 'unknown',
      camera: 'unknown',
      ...options.permissions,
    },
    platform: options.platform,
    config: options.config ? mergeConfig(DEFAULT_CONFIG, checks.config(options.config)) : DEFAULT_CONFIG,
    push: { ...DEFAULT_PUSH },
    lingerUntil: 0,
    adoptUntil: 0,
    notificationOverride: null,
    now: clock.now(),
    nextOrder: 1,
  };
  const state: EngineState = {
    model,
    kit,
    clock,
    held: createHeldCommands(),
    memory: kit.memory(),
    actual: kit.empty,
    desired: kit.empty,
    adopted: false,
    disposed: false,
    endedToForget: false,
  };
  const handles = new Map<string, CallHandle>();
  const listeners = createListeners();
  const { report, emit } = listeners;

  const loop = createLoop(state, {
    port,
    listeners,
    trusting: checks === TRUSTING,
    tookEffect: (command, seq) => device.tookEffect(command, seq),
    resultIn: () => device.resultIn(),
    applied: (command, before) => execute(kit.applied?.(command, before, state)),
    passed() {
      armTimer();
      // Only a pass that follows an ended call, or an end still waiting for the device, looks.
      if (state.endedToForget)
        state.endedToForget = kit.forgetEnded?.(state.actual, model, state.memory) ?? false;
      // What the follower waits for may have come without a change of actual: a call tracked again
      // under an adopted keeper, a task configured while the keeper runs.
      state.follower?.sync(state.actual);
    },
    snapshot: snapshotState,
  });
  const device = createDevice(state, { port, loop, listeners, execute });
  const actions = createActions(state, {
    loop,
    listeners,
    handles,
    createClient: () => createClient,
    sessionEnded: (callId) => signals.ended(callId),
  });
  const signals = callEvents({
    model,
    clock,
    handles,
    added: (callId) => {
      loop.forgetCall(callId);
      kit.callAdded?.(callId, state.memory, options.newUuid);
    },
    removeCall: (callId, reason) => actions.endCall(callId, reason, true),
    retry: () => state.held.clear(),
    changed: loop.schedule,
    // A release build trusting a bad config, say: the SDK's emitter never sees it.
    failed: (error) => report(toKeepCallError(error)),
  });
  state.follower = kit.follow?.({ model, report, callFor: (callId) => handles.get(callId)?.call });

  if (options.push) applyPush(checks.push(options.push));

  function applyPush(push: PushConfig) {
    if (pushSet) {
      // Once: a listener that answers every error with setPushConfig must not loop on this one.
      if (pushTwiceReported) return;
      pushTwiceReported = true;
      report(
        new KeepCallError('invalid-config', 'setPushConfig was called twice: the first call stays in force'),
      );
      return;
    }
    pushSet = true;
    model.push = { enableOngoingCalls: push.ios?.enableOngoingCalls ?? DEFAULT_PUSH.enableOngoingCalls };
    createClient = push.createClient;
    loop.retryMoment();
  }

  /** Carries out what the kit's reducer made of an event or a command's success, in the documented order. */
  function execute(reduction: Reduction | undefined): void {
    if (!reduction) return;
    const { permission, holdCall, control, emit: event } = reduction;
    if (reduction.memory) Object.assign(state.memory as object, reduction.memory);
    if (reduction.app) model.app = reduction.app;
    // A permission that changed is a retry moment.
    if (permission && model.permissions[permission.name] !== permission.value) {
      model.permissions = { ...model.permissions, [permission.name]: permission.value };
      state.held.clear();
    }
    if (holdCall) signals.hold(holdCall.callId, holdCall.held);
    if (reduction.holdCommand) state.held.add(reduction.holdCommand);
    if (reduction.error) report(reduction.error);
    for (const callId of reduction.hangUp ?? []) void actions.hangUp(callId, reduction.reason);
    if (control) void actions.control(control);
    if (event) emit(event);
    if (reduction.refresh) void device.refresh();
    else if (reduction.decide !== false) loop.schedule();
  }

  function armTimer() {
    const until = Math.max(model.lingerUntil, model.adoptUntil);
    // Not `until <= now`: a NaN deadline (a release build trusting a bad config) must not spin the timer.
    if (!(until > model.now)) return;
    if (timer !== undefined && timerAt === until) return;
    if (timer !== undefined) clock.clearTimeout(timer);
    timerAt = until;
    timer = clock.setTimeout(() => {
      timer = undefined;
      loop.schedule();
    }, until - model.now);
  }

  function snapshotState(): RuntimeState {
    // Copies of the maps: a state handed out does not change under its holder.
    const memory: Record<string, unknown> = { ...(state.memory as object) };
    for (const [key, value] of Object.entries(memory)) if (value instanceof Map) memory[key] = new Map(value);
    return {
      model: { ...model, calls: new Map(model.calls) },
      actual: state.actual,
      desired: state.desired,
      held: state.held.list(),
      memory,
    };
  }

  return {
    async start() {
      if (!unsubscribePort) unsubscribePort = port.subscribe(device.report);
      await device.refresh();
      await this.idle();
    },
    track(call) {
      const untrack = signals.track(checkCall(call));
      // A keeper adopted after a reload waits for its call to be tracked again: its task starts now.
      state.follower?.sync(state.actual);
      return untrack;
    },
    dispatch: (event) => device.report(event),
    updateConfig(input) {
      const patch = checks.config(input);
      // A release build does not validate; a patch that is not an object would replace the whole config.
      if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
        report(new KeepCallError('invalid-config', `updateConfig needs an object, got ${String(patch)}`));
        return;
      }
      listeners.fromApp(() => {
        const next = mergeConfig(model.config, patch);
        // The same configuration again is nothing new to retry with.
        if (deepEqual(next, model.config)) return;
        model.config = next;
        loop.retryMoment();
      });
    },
    setPushConfig(input) {
      const push = checks.push(input);
      listeners.fromApp(() => applyPush(push));
    },
    setNotificationOverride(override) {
      const next = override ? { ...override } : null;
      listeners.fromApp(() => {
        model.notificationOverride = next;
        loop.schedule();
      });
    },
    on: listeners.on,
    getState: snapshotState,
    idle: loop.idle,
    dispose() {
      state.disposed = true;
      unsubscribePort?.();
      signals.untrackAll();
      state.follower?.stop();
      if (timer !== undefined) clock.clearTimeout(timer);
      listeners.clear();
      loop.stop();
    },
  };
}

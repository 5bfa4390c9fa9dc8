// The engine for one platform: wires the model, the command loop, the device's reports and the actions
// on the app's calls together, and offers the runtime's public methods.
import { checkCall } from '../call-input';
import { type ConfigInput, DEFAULT_CONFIG, DEFAULT_PUSH, mergeConfig, type PushConfig } from '../config';
import { deepEqual } from '../equal';
import { KeepCallError, toKeepCallError } from '../errors';
import { isVisible, type Model } from '../model';
import type { KitHost, PlatformKit } from '../platform-kit';
import type { AppState, Permissions, PlatformInfo, Port, PortEvent } from '../types';
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
    taskRemoved: false,
    repromote: false,
    permissions: {
      notifications: 'unknown',
      microphone: 'unknown',
      camera: 'unknown',
      ...options.permissions,
    },
    platform: options.platform,
    config: options.config ? mergeConfig(DEFAULT_CONFIG, checks.config(options.config)) : DEFAULT_CONFIG,
    push: { ...DEFAULT_PUSH },
    uuids: new Map(),
    ended: new Map(),
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
    actual: kit.empty,
    desired: kit.empty,
    adopted: false,
    disposed: false,
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
    applied: (command, before) => kit.applied?.(command, before, host) === true,
    passed() {
      armTimer();
      if (actions.takeEnded() && kit.forgetEnded?.(state.actual, host)) actions.keepEnded();
      // What the follower waits for may have come without a change of actual: a call tracked again
      // under an adopted keeper, a task configured while the keeper runs.
      state.follower?.sync(state.actual);
    },
    snapshot: snapshotState,
  });
  const device = createDevice(state, {
    port,
    loop,
    listeners,
    react,
    adopted(actual) {
      kit.adopted?.(actual, host);
      const orphaned = (actual.android && model.calls.size === 0) || untrackedCallKitCall();
      if (orphaned) model.adoptUntil = clock.now() + model.config.adoptGraceMs;
    },
  });
  const actions = createActions(state, {
    loop,
    listeners,
    handles,
    createClient: () => createClient,
    sessionEnded: (callId) => signals.ended(callId),
    callEnded: (callId, reason) => kit.callEnded?.(callId, reason, host),
    untrackedCallKitCall,
  });
  const signals = callEvents({
    model,
    clock,
    handles,
    added: (callId) => {
      loop.forgetCall(callId);
      kit.callAdded?.(callId, host);
    },
    removeCall: (callId, reason) => actions.endCall(callId, reason, true),
    retry: () => state.held.clear(),
    changed: loop.schedule,
    // A release build trusting a bad config, say: the SDK's emitter never sees it.
    failed: (error) => report(toKeepCallError(error)),
  });
  const host: KitHost = {
    model,
    handles,
    newUuid: options.newUuid,
    report,
    hold: (held) => state.held.add(held),
    hangUp: actions.hangUp,
    emit,
    control: actions.control,
  };
  state.follower = kit.follow?.(host);

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

  function react(event: PortEvent) {
    switch (event.type) {
      case 'app': {
        const wasVisible = isVisible(model.app);
        model.app = event.state;
        // The user opened the app again: its task exists again.
        if (isVisible(event.state)) model.taskRemoved = false;
        if (!wasVisible && isVisible(event.state)) {
          void device.refresh();
          return;
        }
        break;
      }
      case 'permission':
        if (model.permissions[event.name] !== event.value) {
          model.permissions = { ...model.permissions, [event.name]: event.value };
          state.held.clear();
        }
        break;
      case 'hangup':
        void actions.hangUp(event.callId);
        break;
      case 'mute':
        void actions.control(event.callId, { muted: event.muted }, (call) => call.setMuted(event.muted));
        break;
      // For the app alone: the keeper stays as it is.
      case 'tap':
      case 'action':
        emit(event);
        return;
      case 'unsupported':
        // Reported, never held: the rest of what the command did still stands.
        report(new KeepCallError('unsupported', event.message));
        return;
      default:
        if (kit.onEvent?.(event, host) === false) return;
    }
    loop.schedule();
  }

  /** Whether CallKit holds a call (other than `except`) that no tracked call claims yet: an adopted one. */
  function untrackedCallKitCall(except?: string): boolean {
    return Object.keys(state.actual.ios ?? {}).some((id) => id !== except && !model.calls.has(id));
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
    const copy = {
      ...model,
      calls: new Map(model.calls),
      uuids: new Map(model.uuids),
      ended: new Map(model.ended),
    };
    return { model: copy, actual: state.actual, desired: state.desired, held: state.held.list() };
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

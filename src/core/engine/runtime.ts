// The engine for one platform: builds its state and offers the runtime's public methods. What happens
// inside is in the parts: loop.ts (decide, run, retry), order.ts and device.ts (the device's reports and
// snapshots), effects.ts and actions.ts (what an event means for the model and the app's calls).
import { checkCall } from '../call-input';
import {
  type ConfigInput,
  DEFAULT_CONFIG,
  DEFAULT_PUSH,
  isPlainObject,
  mergeConfig,
  type PushConfig,
} from '../config';
import { deepEqual } from '../equal';
import { KeepCallError, toKeepCallError } from '../errors';
import type { Model } from '../model';
import type { PlatformKit } from '../platform-kit';
import type { AppState, Permissions, PlatformInfo, Port } from '../types';
import { endCall } from './actions';
import { forgetFailures } from './backoff';
import { type CallHandle, callEvents } from './calls';
import { createCallReacher } from './client';
import { type Clock, clearTimer, REAL_CLOCK } from './clock';
import type { ConfigChecks, Runtime } from './contract';
import { refresh } from './device';
import { execute } from './effects';
import { fromApp, report } from './listeners';
import { retryMoment, schedule, settleIdle, wakeIdle } from './loop';
import { receive } from './order';
import type { Engine } from './state';
import { snapshotState } from './view';

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
  const handles = new Map<string, CallHandle>();
  let createClient: PushConfig['createClient'];
  let pushCalls = 0;
  let unsubscribePort: (() => void) | undefined;

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
  const e: Engine = {
    model,
    kit,
    memory: kit.memory(),
    port,
    clock,
    actual: kit.empty,
    desired: kit.empty,
    execute: (reduction) => execute(e, reduction),
    held: new Map(),
    parts: new WeakSet(),
    // A release build does not validate: what goes wrong deciding most likely came from its config.
    trusting: checks === TRUSTING,
    pending: 0,
    commandsRun: 0,
    idleWaiters: [],
    timer: {},
    tries: new Map(),
    retryTimer: {},
    deferred: [],
    superseded: new Map(),
    started: new Map(),
    snapshotting: new Set(),
    listeners: new Set(),
    delivering: 0,
    queued: [],
    notes: new Set(),
    calls: callEvents({
      model,
      clock,
      handles,
      added: (callId) => {
        forgetFailures(e, callId);
        kit.callAdded?.(callId, e.memory, options.newUuid);
      },
      removeCall: (callId, reason) => endCall(e, callId, reason, true),
      retry: () => e.held.clear(),
      changed: () => schedule(e),
      // A release build trusting a bad config, say: the SDK's emitter never sees it.
      failed: (error) => report(e, toKeepCallError(error)),
    }),
    reach: createCallReacher({
      tracked: (callId) => handles.get(callId)?.call,
      createClient: () => createClient,
    }),
    follower: kit.follow?.({
      model,
      report: (error) => report(e, error),
      callFor: (callId) => handles.get(callId)?.call,
    }),
  };

  if (options.push) applyPush(checks.push(options.push));

  function applyPush(push: PushConfig) {
    if (++pushCalls > 1) {
      // Reported once: a listener that answers every error with setPushConfig must not loop on it.
      if (pushCalls === 2)
        report(
          e,
          new KeepCallError(
            'invalid-config',
            'setPushConfig was called twice: the first call stays in force',
          ),
        );
      return;
    }
    model.push = { enableOngoingCalls: push.ios?.enableOngoingCalls ?? DEFAULT_PUSH.enableOngoingCalls };
    createClient = push.createClient;
    retryMoment(e);
  }

  return {
    async start() {
      unsubscribePort ??= port.subscribe((event, seq) => receive(e, event, seq));
      await refresh(e);
      await this.idle();
    },
    track(call) {
      const untrack = e.calls.track(checkCall(call));
      // A keeper adopted after a reload waits for its call to be tracked again: its task starts now.
      e.follower?.sync(e.actual);
      return untrack;
    },
    dispatch: (event) => receive(e, event),
    updateConfig(input) {
      const patch = checks.config(input);
      // A release build does not validate; a patch that is not an object would replace the whole config.
      if (!isPlainObject(patch)) {
        report(e, new KeepCallError('invalid-config', `updateConfig needs an object, got ${String(patch)}`));
        return;
      }
      fromApp(e, () => {
        const next = mergeConfig(model.config, patch);
        // The same configuration again is nothing new to retry with.
        if (deepEqual(next, model.config)) return;
        model.config = next;
        retryMoment(e);
      });
    },
    setPushConfig(input) {
      const push = checks.push(input);
      fromApp(e, () => applyPush(push));
    },
    setNotificationOverride(override) {
      const next = override ? { ...override } : null;
      fromApp(e, () => {
        model.notificationOverride = next;
        schedule(e);
      });
    },
    on(listener) {
      e.listeners.add(listener);
      return () => e.listeners.delete(listener);
    },
    getState: () => snapshotState(e),
    idle: () =>
      new Promise<void>((resolve) => {
        e.idleWaiters.push(resolve);
        settleIdle(e);
      }),
    dispose() {
      e.disposed = true;
      unsubscribePort?.();
      e.calls.untrackAll();
      e.follower?.stop();
      clearTimer(clock, e.timer);
      clearTimer(clock, e.retryTimer);
      e.listeners.clear();
      wakeIdle(e);
    },
  };
}

// The Android model: executes keepcall's commands as its native service would on a device of a
// given API level, manifest and permission state, and enforces PLATFORM_RULES A1–A18.
import { KeepCallError } from '../../core/errors';
import type { AppState, FgsType, Keeper, NotificationTap, PlatformInfo, PortEvent } from '../../core/types';
import { appendBounded, createEventHub, type RuleLogEntry } from '../emitter';
import { createCommandRunner } from '../execute';
import { observeAndroid } from './observe';
import { ANDROID_FGS_TYPES, resolveAndroidOptions } from './options';
import {
  type AndroidFacts,
  applies,
  callStyleUsed,
  checkPromotion,
  KNOWN_PERMISSIONS,
  notificationDelayed,
  type PromotionContext,
  type Refusal,
  typeTimeout,
  WHILE_IN_USE,
} from './rules';
import type { Fallbacks, PostedNotification, ServiceState } from './state';
import type {
  AndroidCommand,
  AndroidDevice,
  AndroidDeviceOptions,
  AndroidFgsType,
  AndroidNotification,
  AndroidRuntimePermission,
} from './types';

/** A1: the time a started service has to call startForeground(). */
export const START_FOREGROUND_DEADLINE_MS = 5000;
/** A8: the longest the system may hold back a service's notification. */
export const NOTIFICATION_DELAY_MS = 10_000;
/** How long a notification-action tap exempts the app from background limits (A2, A4). */
export const TAP_EXEMPTION_MS = 10_000;
/** Buttons a notification draws: CallStyle's Hang up and two custom actions (A14), three in a plain one. */
export const MAX_NOTIFICATION_BUTTONS = 3;
/** A9: how long a timed-out service has to stop before the system gives up on it. */
export const TIMEOUT_GRACE_MS = 3000;

const PERMISSION_EVENT_NAME = {
  RECORD_AUDIO: 'microphone',
  CAMERA: 'camera',
  POST_NOTIFICATIONS: 'notifications',
} as const;

/** Creates a model Android device that is a keepcall Port. */
export function createAndroidDevice(options: AndroidDeviceOptions): AndroidDevice {
  const opts = resolveAndroidOptions(options);
  const { clock } = opts;
  const hub = createEventHub();
  const log: RuleLogEntry[] = [];
  const granted = new Set<AndroidRuntimePermission>(opts.granted);
  const facts: AndroidFacts = {
    apiLevel: opts.apiLevel,
    targetSdk: opts.targetSdk,
    declared: new Set(opts.declared),
    serviceTypes: opts.serviceTypes,
    granted,
  };
  const exemptions = new Set(opts.exemptions);
  let app: AppState = opts.app;
  let leftVisibleAt = Number.NEGATIVE_INFINITY;
  let tapWindowUntil = Number.NEGATIVE_INFINITY;
  let locked = false;
  let crashed: { exception: string; rule: string } | null = null;
  let processDead = false;
  let service: ServiceState | null = null;
  let notification: PostedNotification | null = null;
  let nextFromBoot = false;
  const commands = createCommandRunner(() => processDead, hub.stamp);

  const note = (rule: string, what: string) => appendBounded(log, { rule, what, at: clock.now() });
  const emit = (event: PortEvent) => {
    if (!processDead) hub.emit(event);
  };

  for (const name of opts.declared) {
    // A13: Android ignores permission names it does not know; a typo is a missing permission.
    if (name.startsWith('FOREGROUND_SERVICE') && !KNOWN_PERMISSIONS.has(name)) {
      note('A13', `unknown permission ${name} is ignored`);
    }
  }

  const visibleNow = () => app === 'active' || app === 'pip' || app === 'inactive';
  /** A user-visible context: on screen, just left it, or a notification tap (A2, A4). */
  const userVisible = () =>
    visibleNow() ||
    clock.now() - leftVisibleAt < opts.visibilityGraceMs ||
    clock.now() < tapWindowUntil ||
    exemptions.has('notificationTap');
  /** While-in-use restrictions on services started in the background exist from API 30 (A4/A5). */
  const whileInUseNow = () => facts.apiLevel < 30 || userVisible();

  function crash(exception: string, rule: string, why: string) {
    note(rule, `crash: ${exception} (${why})`);
    crashed = { exception, rule };
    dropService();
    processDead = true;
    hub.clear();
  }

  function dropService() {
    if (service !== null) for (const timer of service.timers) clock.clearTimeout(timer);
    service = null;
    notification = null;
  }

  function stopService(rule: string, why: string) {
    if (service === null) return;
    note(rule, why);
    dropService();
    emit({ type: 'service.stopped' });
  }

  function refusalError(refusal: Refusal): KeepCallError {
    return new KeepCallError(refusal.code, `${refusal.exception}: ${refusal.message} (${refusal.rule})`);
  }

  function post(spec: AndroidNotification, types: readonly AndroidFgsType[]) {
    const rendered = { ...spec, actions: spec.actions.slice(0, MAX_NOTIFICATION_BUTTONS) };
    for (const action of spec.actions.slice(MAX_NOTIFICATION_BUTTONS)) {
      note('A14', `"${action.label}" is not drawn: a notification shows ${MAX_NOTIFICATION_BUTTONS} buttons`);
    }
    const style = callStyleUsed(facts, spec);
    if (style.why !== undefined) {
      // A14: a CallStyle the platform cannot build is drawn as a plain ongoing notification.
      note('A14', `${style.why}: drawn without CallStyle`);
      rendered.callStyle = false;
    }
    // CallStyle titles the notification with the person's name (AOSP's CallStyle.fixTitleAndTextExtras).
    if (style.used) rendered.title = spec.person;
    if (facts.apiLevel >= 33 && !granted.has('POST_NOTIFICATIONS')) {
      note('A7', 'POST_NOTIFICATIONS not granted: the service runs, its notification is not in the drawer');
    }
    let shownAt = clock.now();
    if (notification !== null && !notification.dismissed) shownAt = notification.shownAt;
    else if (notificationDelayed(facts, spec, types)) {
      note('A8', `notification held back up to ${NOTIFICATION_DELAY_MS} ms`);
      shownAt += NOTIFICATION_DELAY_MS;
    }
    notification = { rendered, shownAt, dismissed: false };
  }

  function armTimeout(s: ServiceState) {
    const limit = typeTimeout(facts, s.types);
    if (limit === null) return;
    s.timers.push(
      clock.setTimeout(() => {
        if (service !== s) return;
        note('A9', `${s.types.join('+')} reached its time limit: onTimeout`);
        emit({ type: 'service.timeout' });
        if (opts.nativeFallback) {
          stopService('A9', 'the service stops itself on onTimeout');
          return;
        }
        s.timers.push(
          clock.setTimeout(() => {
            if (service !== s) return;
            const exception = s.types.includes('shortService')
              ? 'ANR: shortService did not stop after onTimeout'
              : 'ForegroundServiceDidNotStopInTimeException';
            crash(exception, 'A9', 'the service did not stop after onTimeout');
          }, TIMEOUT_GRACE_MS),
        );
      }, limit),
    );
  }

  function promote(s: ServiceState, types: AndroidFgsType[], spec: AndroidNotification) {
    const wasForeground = s.phase === 'foreground';
    s.phase = 'foreground';
    const changed = types.join() !== s.types.join();
    s.types = types;
    s.spec = spec;
    s.unsure = s.unsure.filter((type) => types.includes(type));
    if (userVisible() || facts.apiLevel < 30) {
      s.whileInUse = true;
      s.unsure = [];
    }
    if (!wasForeground || changed) {
      for (const timer of s.timers) clock.clearTimeout(timer);
      s.timers = [];
      armTimeout(s);
    }
    post(spec, types);
  }

  function context(s: ServiceState): PromotionContext {
    return { whileInUse: s.whileInUse || whileInUseNow(), fromBoot: s.fromBoot };
  }

  /** The service's onStartCommand → startForeground(). Returns the failure to report, if any. */
  function onStartCommand(s: ServiceState): KeepCallError | null {
    const check = checkPromotion(facts, s.requested, context(s));
    if (check.ok) {
      promote(s, check.types, s.spec);
      emit({ type: 'service.started', types: fgs(check.types) });
      return finishPendingStop(s);
    }
    const { refusal } = check;
    note(refusal.rule, `startForeground threw ${refusal.exception}: ${refusal.message}`);
    if (!opts.nativeFallback) {
      note('A1', 'the exception was only caught: the startForeground deadline is still pending');
      return refusalError(refusal);
    }
    // As KeepCallService.promote(): the command's fallbacks in its order, the first accepted taken.
    for (const fallback of s.fallbacks) {
      const retry = checkPromotion(facts, fallback, context(s));
      if (!retry.ok) continue;
      note(refusal.rule, `retried at once with ${retry.types.join('+')}`);
      promote(s, retry.types, s.spec);
      emit({ type: 'service.narrowed', types: fgs(retry.types), reason: refusal.code });
      return finishPendingStop(s);
    }
    note('A1', 'no fallback is allowed: promoted with a bare notification and stopped before the deadline');
    dropService();
    return refusalError(refusal);
  }

  function finishPendingStop(s: ServiceState): null {
    if (s.stopRequested && service === s) stopService('A1', 'the stop requested before promotion runs now');
    return null;
  }

  function start(notificationSpec: AndroidNotification, types: AndroidFgsType[], fallbacks: Fallbacks) {
    const fromBoot = nextFromBoot;
    nextFromBoot = false;
    if (service !== null) {
      // A start after a stop that is still waiting for the promotion (A1) cancels that stop.
      service.stopRequested = false;
      note('A6', 'startForegroundService on a running service: startForeground again');
      update(notificationSpec, types, fallbacks);
      return;
    }
    const exempt =
      userVisible() ||
      fromBoot ||
      exemptions.has('batteryOptimizationOff') ||
      exemptions.has('highPriorityFcm') ||
      exemptions.has('exactAlarm');
    if (applies(facts, 31) && !exempt) {
      note(
        'A2',
        'startForegroundService from the background threw ForegroundServiceStartNotAllowedException',
      );
      throw new KeepCallError(
        'start-not-allowed',
        `ForegroundServiceStartNotAllowedException: app is ${app} and no exemption applies (A2)`,
      );
    }
    const s: ServiceState = {
      phase: 'starting',
      requested: types,
      fallbacks,
      spec: notificationSpec,
      types: [],
      whileInUse: whileInUseNow(),
      unsure: [],
      fromBoot,
      stopRequested: false,
      timers: [],
    };
    service = s;
    s.timers.push(
      clock.setTimeout(() => {
        if (service === s && s.phase === 'starting') {
          crash('ForegroundServiceDidNotStartInTimeException', 'A1', 'startForeground() never succeeded');
        }
      }, START_FOREGROUND_DEADLINE_MS),
    );
    if (opts.promotionDelayMs === 0) {
      const failure = onStartCommand(s);
      if (failure !== null) throw failure;
      return;
    }
    s.timers.push(
      clock.setTimeout(() => {
        if (service !== s || s.phase !== 'starting') return;
        const failure = onStartCommand(s);
        if (failure !== null) emit({ type: 'service.failed', code: failure.code, message: failure.message });
        if (failure !== null && service === null) emit({ type: 'service.stopped' });
      }, opts.promotionDelayMs),
    );
  }

  function update(spec: AndroidNotification, types: AndroidFgsType[], fallbacks: Fallbacks) {
    const s = service;
    if (s === null) throw new KeepCallError('port-failed', 'service.update: the service is not running');
    if (s.phase === 'starting') {
      s.requested = types;
      s.fallbacks = fallbacks;
      s.spec = spec;
      return;
    }
    // No type means FOREGROUND_SERVICE_TYPE_NONE here as on a first promotion (see checkPromotion).
    const wanted = types;
    if (sameSet(wanted, s.types)) {
      post(spec, s.types);
      s.spec = spec;
      return;
    }
    const widening = wanted.some((type) => !s.types.includes(type));
    const check = checkRepromotion(s, types);
    if (check.ok) {
      if (widening) note('A6', `re-promoted with ${check.types.join('+')}`);
      const before = s.types;
      promote(s, check.types, spec);
      if (!userVisible() && s.whileInUse) {
        const added = addedWhileInUse(before, check.types);
        if (added.length > 0) {
          note('A6', `${added.join('+')} added from the background: whether it captures is unknown`);
          s.unsure = [...new Set([...s.unsure, ...added])];
        }
      }
      return;
    }
    // KeepCallService.update() rethrows what startForeground() threw: only the first promotion
    // narrows (A1); a running service keeps the types it holds, and JavaScript hears the refusal.
    const { refusal } = check;
    note(refusal.rule, `re-promotion threw ${refusal.exception}: ${refusal.message}`);
    throw refusalError(refusal);
  }

  /**
   * startForeground() on a running service. The types it holds keep the standing they were promoted
   * with; a while-in-use type it adds needs a user-visible context now (A4, A6): on API/target 34+
   * the call throws SecurityException, below it does not throw (see `unsure`).
   */
  function checkRepromotion(s: ServiceState, types: AndroidFgsType[]): ReturnType<typeof checkPromotion> {
    const check = checkPromotion(facts, types, context(s));
    if (!check.ok) return check;
    const added = addedWhileInUse(s.types, check.types);
    if (added.length > 0 && applies(facts, 34) && !whileInUseNow()) {
      return {
        ok: false,
        refusal: {
          code: 'missing-permission',
          rule: 'A6',
          exception: 'SecurityException',
          message: `${added.join('+')} added from the background, outside a user-visible context (A4 while-in-use)`,
        },
      };
    }
    return check;
  }

  function stop() {
    const s = service;
    if (s === null) return;
    if (s.phase === 'foreground') {
      dropService();
      emit({ type: 'service.stopped' });
      return;
    }
    if (opts.nativeFallback) {
      note('A1', 'stop before startForeground: waits for the promotion, then stops');
      s.stopRequested = true;
      return;
    }
    crash('ForegroundServiceDidNotStartInTimeException', 'A1', 'stopped before startForeground()');
  }

  function execute(command: AndroidCommand) {
    switch (command.kind) {
      case 'service.start':
        return start(command.notification, [...command.types], command.fallbacks ?? []);
      case 'service.update':
        return update(command.notification, [...command.types], command.fallbacks ?? []);
      case 'service.stop':
        return stop();
      default:
        throw new KeepCallError('unsupported', `${command.kind} is not available on Android`);
    }
  }

  function requireNotification(what: string): PostedNotification {
    const observed = observeAndroid(state()).notification;
    if (notification === null || observed === null || !observed.visible) {
      throw new Error(`${what}: no notification is visible to tap`);
    }
    return notification;
  }

  function setApp(next: AppState) {
    const wasVisible = visibleNow();
    app = next;
    if (wasVisible && !visibleNow()) leftVisibleAt = clock.now();
    emit({ type: 'app', state: next });
  }

  function state() {
    return { facts, app, now: clock.now(), locked, crashed, processDead, service, notification, userVisible };
  }

  const device: AndroidDevice = {
    clock,
    log,
    run: (command) => commands.run(command.kind, () => execute(command)),
    snapshot(): Promise<Keeper> {
      // As KeepCallModule.snapshot(): a service still starting (startForegroundService() called,
      // startForeground() not yet) counts as running, with the types and the spec it was given; a
      // promoted one reports the types it holds. One with a stop waiting for its promotion is on its
      // way out: reported as stopped, so a start cancels that stop instead of being skipped.
      const s = service;
      if (s === null || processDead || s.stopRequested) return Promise.resolve({ android: null });
      const spec = s.spec as unknown as NonNullable<Keeper['android']>['notification'];
      const types = s.phase === 'starting' ? s.requested : s.types;
      return Promise.resolve({ android: { notification: spec, types: fgs(types) } });
    },
    subscribe: (listener) => hub.subscribe(listener),
    platformInfo(): PlatformInfo {
      return {
        os: 'android',
        apiLevel: facts.apiLevel,
        targetSdk: facts.targetSdk,
        declared: [...opts.declared],
        serviceTypes: fgs(opts.serviceTypes),
      };
    },
    permissions: () => ({
      microphone: granted.has('RECORD_AUDIO') ? 'granted' : 'denied',
      camera: granted.has('CAMERA') ? 'granted' : 'denied',
      // Below API 33 notifications need no runtime permission.
      notifications: facts.apiLevel < 33 || granted.has('POST_NOTIFICATIONS') ? 'granted' : 'denied',
    }),
    appState: () => app,
    observe: () => observeAndroid(state()),
    setApp,
    removeTask() {
      if (visibleNow()) setApp('background');
      app = 'destroyed';
      if (service === null) {
        note('A18', 'task removed without a foreground service: the process is killed');
        processDead = true;
        hub.clear();
        return;
      }
      note('A18', 'task removed: onTaskRemoved');
      emit({ type: 'task.removed' });
      if (opts.stopWithTask) stopService('A18', 'stopWithTask="true" stops the service with the task');
    },
    grant(permission) {
      granted.add(permission);
      emit({ type: 'permission', name: PERMISSION_EVENT_NAME[permission], value: 'granted' });
    },
    revoke(permission) {
      granted.delete(permission);
      emit({ type: 'permission', name: PERMISSION_EVENT_NAME[permission], value: 'denied' });
    },
    tapAction(action) {
      const shown = requireNotification(`tapAction('${action}')`);
      const button = shown.rendered.actions.find((a) => a.id === action);
      if (!button) throw new Error(`tapAction('${action}'): the notification has no such action`);
      tapWindowUntil = clock.now() + TAP_EXEMPTION_MS;
      note('A2', 'a notification action gives a short exemption from background limits');
      const callId = shown.rendered.callId;
      // The app's own button reaches the app through keepcall's receiver, as its own do.
      if ('kind' in button) emit({ type: 'action', callId, id: button.id });
      else if (button.id === 'hangup') emit({ type: 'hangup', callId, source: 'notification' });
      else emit({ type: 'mute', callId, muted: button.id === 'mute', source: 'notification' });
    },
    tapNotification() {
      const shown = requireNotification('tapNotification()');
      const opened: NotificationTap = shown.rendered.tap ?? { kind: 'launch' };
      const target =
        opened.kind === 'activity'
          ? opened.name
          : opened.kind === 'uri'
            ? `a VIEW of ${opened.uri}`
            : 'the launch activity';
      note('A11', `the content intent opens ${target} directly (no trampoline)`);
      setApp('active');
      emit({ type: 'tap', callId: shown.rendered.callId });
      return opened;
    },
    dismissNotification() {
      const observed = observeAndroid(state()).notification;
      if (notification === null || observed === null)
        throw new Error('dismissNotification(): nothing is shown');
      if (!observed.dismissible) {
        note('A14', 'the notification cannot be dismissed');
        return;
      }
      note('A14', 'the user dismissed the notification; the service keeps running');
      notification.dismissed = true;
      emit({ type: 'notification.dismissed' });
    },
    killService() {
      if (service === null) return;
      dropService();
      emit({ type: 'service.stopped' });
    },
    lock() {
      locked = true;
    },
    unlock() {
      locked = false;
    },
    advance: (ms) => clock.advance(ms),
    raceBeforeNextCommand: commands.raceBeforeNextCommand,
    startNextFromBootReceiver() {
      nextFromBoot = true;
    },
    reloadJs() {
      hub.clear();
    },
  };
  return device;
}

/** The while-in-use types (A4) in `next` that `held` lacks. */
function addedWhileInUse(held: readonly AndroidFgsType[], next: readonly AndroidFgsType[]): AndroidFgsType[] {
  return next.filter((type) => WHILE_IN_USE[type] !== undefined && !held.includes(type));
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item) => b.includes(item));
}

/** The part of a type list keepcall's own vocabulary names (naive types are model-only). */
function fgs(types: readonly AndroidFgsType[]): FgsType[] {
  return types.filter((type): type is FgsType => (ANDROID_FGS_TYPES.slice(0, 4) as string[]).includes(type));
}

// What a person holding the Android device would notice, derived from the model's state:
// process, service, notification (A7, A8, A14) and whether media flows in the background (A5, A15, A16).
import type { AppState } from '../../core/types';
import { type AndroidFacts, applies } from './rules';
import type { PostedNotification, ServiceState } from './state';
import type { AndroidFgsType, AndroidObservation, AndroidRuntimePermission } from './types';

/** The model state an observation reads. */
export interface AndroidObservedState {
  facts: AndroidFacts;
  app: AppState;
  now: number;
  locked: boolean;
  crashed: { exception: string; rule: string } | null;
  processDead: boolean;
  service: ServiceState | null;
  notification: PostedNotification | null;
}

/** Derives the observation; pure. */
export function observeAndroid(state: AndroidObservedState): AndroidObservation {
  const { facts, service } = state;
  const visible = state.app === 'active' || state.app === 'pip' || state.app === 'inactive';
  const foreground = !state.processDead && service !== null && service.phase === 'foreground';
  const processAlive: boolean | 'unknown' = state.processDead
    ? false
    : visible || service !== null
      ? true
      : // Without a foreground service a background process may be frozen or killed; vendors differ.
        'unknown';

  const capture = (permission: AndroidRuntimePermission, type: AndroidFgsType): boolean | 'unknown' => {
    if (state.processDead || !facts.granted.has(permission)) return false;
    if (visible) return true;
    // A5: in the background only a foreground service keeps the microphone and camera live.
    if (!foreground || service === null) return false;
    // A5 (target 30+): the service must carry the type and hold while-in-use capabilities (A4).
    if (applies(facts, 30)) {
      if (!service.types.includes(type) || !service.whileInUse) return false;
      // Added from the background below API/target 34 (A6 widens only once visible): the rules do not say.
      return service.unsure.includes(type) ? 'unknown' : true;
    }
    return true;
  };

  return {
    processAlive,
    crashed: state.crashed,
    service: {
      running: !state.processDead && service !== null,
      foreground,
      types: foreground && service !== null ? [...service.types] : [],
    },
    notification: observeNotification(state),
    microphoneCaptures: capture('RECORD_AUDIO', 'microphone'),
    cameraCaptures: capture('CAMERA', 'camera'),
    audioPlays: audio(state, visible, foreground),
  };
}

function observeNotification(state: AndroidObservedState): AndroidObservation['notification'] {
  const posted = state.notification;
  if (state.processDead || posted === null || posted.dismissed) return null;
  const { facts } = state;
  // A7: on API 33+ the notification needs POST_NOTIFICATIONS to reach the drawer.
  const allowed = facts.apiLevel < 33 || facts.granted.has('POST_NOTIFICATIONS');
  // A8: a held-back notification appears once its delay is over.
  const visible = allowed && state.now >= posted.shownAt;
  // A14: API 34+ lets users dismiss ongoing notifications, except CallStyle and while locked.
  const dismissible = facts.apiLevel >= 34 && !posted.rendered.callStyle && !state.locked;
  return { visible, dismissible, spec: { ...posted.rendered, actions: [...posted.rendered.actions] } };
}

function audio(state: AndroidObservedState, visible: boolean, foreground: boolean): boolean | 'unknown' {
  if (state.processDead) return false;
  if (visible) return true;
  const service = state.service;
  const usable = foreground && service !== null && !service.types.every((type) => type === 'shortService');
  const { facts } = state;
  if (facts.apiLevel >= 37) {
    // A16: background audio needs a non-short foreground service; target 37 also while-in-use.
    if (!usable || service === null) return false;
    return facts.targetSdk >= 37 ? service.whileInUse : true;
  }
  if (usable) return true;
  // A15 (target 35: focus requests fail) and a frozen process: whether sound continues varies.
  return 'unknown';
}

import type { Config, PushSettings } from './config';
import type {
  AppState,
  CallKitEndReason,
  CallState,
  NotificationSpec,
  Permissions,
  PlatformInfo,
} from './types';

/** The parts of the notification an app may replace (`buildOngoingConferenceNotification`). */
export type NotificationOverride = Partial<
  Pick<
    NotificationSpec,
    'title' | 'body' | 'smallIcon' | 'channelId' | 'channelName' | 'visibility' | 'person'
  >
>;

/**
 * The data the policies read: the calls, the app, permissions, platform, configuration. Everything keyed
 * by call id is a Map: ids are the SDK's, and "constructor" or "__proto__" must be ids like any other.
 */
export interface Model {
  calls: Map<string, CallState>;
  app: AppState;
  /**
   * The user swiped the task away (A18) while endOnTaskRemoved was on: its calls were hung up and the
   * keeper ends. A later change of the setting changes neither. Distinct from an activity destroyed
   * while the process lives.
   */
  taskRemoved: boolean;
  /**
   * Android: the service took its microphone or camera type while the app was not visible, where the
   * platform accepts it without while-in-use access (API 30–33, target < 34): it is promoted again at
   * the next return to the foreground (A4–A6).
   */
  repromote: boolean;
  permissions: Permissions;
  platform: PlatformInfo;
  config: Config;
  push: PushSettings;
  /** Call id → CallKit UUID, kept by the iOS kit (empty elsewhere); the device's wins on a reload (I8). */
  uuids: Map<string, string>;
  /** Why recently ended calls ended, kept by the iOS kit (empty elsewhere) for the CallKit end reason. */
  ended: Map<string, CallKitEndReason>;
  /** While `now` < this, the Android keeper lingers after the last call left (stop debounce). */
  lingerUntil: number;
  /** While `now` < this, a keeper found on the device after a reload waits for its call to be tracked again. */
  adoptUntil: number;
  notificationOverride: NotificationOverride | null;
  now: number;
  nextOrder: number;
}

/** Whether the user can see the app (picture-in-picture counts). */
export function isVisible(app: AppState): boolean {
  return app === 'active' || app === 'pip';
}

/** The calls that need a keeper: joined ones before those still joining, most recently joined first. */
export function liveCalls(model: Model): CallState[] {
  const calls = [...model.calls.values()];
  return calls.length < 2 ? calls : calls.sort(byRecentJoin);
}

function byRecentJoin(a: CallState, b: CallState): number {
  return joinedRank(b) - joinedRank(a) || b.order - a.order;
}

function joinedRank(call: CallState): number {
  return call.joinedAt === undefined ? 0 : 1;
}

import type { Config, PushSettings } from './config';
import type { AppState, CallState, NotificationSpec, Permissions, PlatformInfo } from './types';

/** The parts of the notification an app may replace (`buildOngoingConferenceNotification`). */
export type NotificationOverride = Partial<
  Pick<
    NotificationSpec,
    'title' | 'body' | 'smallIcon' | 'channelId' | 'channelName' | 'visibility' | 'person'
  >
>;

/**
 * The data the policies read: the calls, the app, permissions, platform, configuration (what a
 * platform alone remembers is its kit's memory). Everything keyed
 * by call id is a Map: ids are the SDK's, and "constructor" or "__proto__" must be ids like any other.
 */
export interface Model {
  calls: Map<string, CallState>;
  app: AppState;
  permissions: Permissions;
  platform: PlatformInfo;
  config: Config;
  push: PushSettings;
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

/**
 * The name a call is shown under, or none: an empty or blank display name counts as none, so every
 * platform falls back the same way (a CallKit handle, a CallStyle person or a lock-screen title of
 * spaces names nobody).
 */
export function shownName(call: CallState): string | undefined {
  return call.displayName?.trim() ? call.displayName : undefined;
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

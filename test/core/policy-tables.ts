// One model builder per platform for the policy tables, and the ONE place each policy is called. A row
// states only the facts that matter; everything else is a default (DEFAULT_CONFIG, an app in the
// foreground, every permission granted, one joined audio call). What a platform remembers between passes
// (Android: taskRemoved, repromote; iOS: uuids, ended) is stated apart from the model, so when the
// policies take it as their own argument only `decideAndroid` / `decideIos` change.
import { expect } from 'vitest';
import { desiredAndroid } from '../../src/core/android/policy';
import { type ConfigInput, DEFAULT_CONFIG, mergeConfig } from '../../src/core/config';
import { desiredIos } from '../../src/core/ios/policy';
import type { Model, NotificationOverride } from '../../src/core/model';
import type { Note } from '../../src/core/note';
import { type IdRecord, idRecord } from '../../src/core/records';
import type {
  AppState,
  CallKitCall,
  CallKitEndReason,
  CallKitProvider,
  CallPhase,
  CallState,
  FgsType,
  Keeper,
  Media,
  NotificationSpec,
  Permissions,
  PlatformInfo,
} from '../../src/core/types';
import { desiredWeb } from '../../src/core/web/policy';

/** The model the policies read (what a platform remembers between passes is its kit's memory). */
type SharedModel = Model;
export type AndroidKeeper = NonNullable<Keeper['android']>;
export type WebKeeper = NonNullable<Keeper['web']>;

/** "Now" in every row; the default call joined before it. */
export const NOW = 10_000;

/** A call as the engine knows it: joined (at 1000) with audio unless the row says otherwise. */
export function call(
  id: string,
  facts: { phase?: CallPhase; media?: Partial<Media>; joinedAt?: number; seenAt?: number; order?: number } & {
    displayName?: string;
  } = {},
): CallState {
  const phase = facts.phase ?? 'joined';
  const out: CallState = {
    id,
    phase,
    media: { audio: true, video: false, muted: false, ...facts.media },
    seenAt: facts.seenAt ?? 500,
    order: facts.order ?? 1,
  };
  const joinedAt = facts.joinedAt ?? (phase === 'joining' ? undefined : 1000);
  if (joinedAt !== undefined) out.joinedAt = joinedAt;
  if (facts.displayName !== undefined) out.displayName = facts.displayName;
  return out;
}

/** Facts every platform's model has. */
export interface ModelFacts {
  app?: AppState;
  /** Default: one joined audio call `c1`. */
  calls?: CallState[];
  permissions?: Partial<Permissions>;
  config?: ConfigInput;
  enableOngoingCalls?: boolean;
  notificationOverride?: NotificationOverride;
  now?: number;
  lingerUntil?: number;
  adoptUntil?: number;
}

function sharedModel(facts: ModelFacts, platform: PlatformInfo): SharedModel {
  const calls = facts.calls ?? [call('c1')];
  return {
    calls: new Map(calls.map((entry) => [entry.id, entry])),
    app: facts.app ?? 'active',
    permissions: { notifications: 'granted', microphone: 'granted', camera: 'granted', ...facts.permissions },
    platform,
    config: facts.config ? mergeConfig(DEFAULT_CONFIG, facts.config) : DEFAULT_CONFIG,
    push: { enableOngoingCalls: facts.enableOngoingCalls ?? true },
    lingerUntil: facts.lingerUntil ?? 0,
    adoptUntil: facts.adoptUntil ?? 0,
    notificationOverride: facts.notificationOverride ?? null,
    now: facts.now ?? NOW,
    nextOrder: calls.length + 1,
  };
}

// ---------------------------------------------------------------------------------------------- Android

/** What a media-profile app declares (the Expo plugin's default), written here from PLATFORM_RULES A3, A7. */
export const MEDIA_DECLARED = [
  'FOREGROUND_SERVICE',
  'FOREGROUND_SERVICE_MEDIA_PLAYBACK',
  'FOREGROUND_SERVICE_MICROPHONE',
  'FOREGROUND_SERVICE_CAMERA',
  'POST_NOTIFICATIONS',
];
/** What a phoneCall-profile app declares (A17: MANAGE_OWN_CALLS besides FOREGROUND_SERVICE_PHONE_CALL). */
export const PHONE_DECLARED = [
  'FOREGROUND_SERVICE',
  'FOREGROUND_SERVICE_PHONE_CALL',
  'MANAGE_OWN_CALLS',
  'FOREGROUND_SERVICE_MICROPHONE',
  'FOREGROUND_SERVICE_CAMERA',
  'POST_NOTIFICATIONS',
];
/** Both profiles' declarations. */
export const BOTH_DECLARED = [...new Set([...MEDIA_DECLARED, ...PHONE_DECLARED])];
const ALL_SERVICE_TYPES: FgsType[] = ['mediaPlayback', 'microphone', 'camera', 'phoneCall'];

/** The notification a running service shows in rows where only its types matter. */
export const SHOWN_BEFORE: NotificationSpec = {
  channelId: 'keepcall_ongoing',
  channelName: 'Ongoing calls',
  title: 'shown before',
  body: 'shown before',
  smallIcon: 'ic_keepcall_call',
  callId: 'c0',
  person: 'shown before',
  callStyle: true,
  category: 'call',
  immediate: true,
  ongoing: true,
  visibility: 'public',
  startedAt: 1,
  muted: false,
  actions: [{ id: 'hangup', label: 'Hang up' }],
  tap: { kind: 'launch' },
};

export interface AndroidFacts extends ModelFacts {
  /** SDK_INT; default 34. */
  api?: number;
  /** Default: the api level. */
  targetSdk?: number;
  /** Manifest permissions; default MEDIA_DECLARED. */
  declared?: string[];
  /** foregroundServiceType on keepcall's service; default all four, `'unknown'` off a device. */
  serviceTypes?: FgsType[] | 'unknown';
  /** The service the device runs now (actual), by its types; default none. */
  running?: FgsType[] | null;
  // Android's memory between passes.
  taskRemoved?: boolean;
  repromote?: boolean;
}

/** The running service of a row (actual): `SHOWN_BEFORE` with the row's types. */
export function runningService(facts: AndroidFacts): AndroidKeeper | null {
  return facts.running ? { notification: SHOWN_BEFORE, types: facts.running } : null;
}

/** Android's policy for one row: the keeper it wants and its notes. */
export function decideAndroid(facts: AndroidFacts): { keeper: AndroidKeeper | null; notes: Note[] } {
  const api = facts.api ?? 34;
  const platform: PlatformInfo = {
    os: 'android',
    apiLevel: api,
    targetSdk: facts.targetSdk ?? api,
    declared: facts.declared ?? MEDIA_DECLARED,
  };
  if (facts.serviceTypes !== 'unknown') platform.serviceTypes = facts.serviceTypes ?? ALL_SERVICE_TYPES;
  const model = sharedModel(facts, platform);
  const memory = { taskRemoved: facts.taskRemoved ?? false, repromote: facts.repromote ?? false };
  const actual: Keeper = { android: runningService(facts) };
  // The one call site.
  return desiredAndroid(model, actual, memory);
}

// -------------------------------------------------------------------------------------------------- iOS

/** What every `callkit.start` says the system may do with a keepcall call (I9). */
export const CALLKIT_CAPABILITIES = {
  supportsHolding: true,
  supportsGrouping: false,
  supportsUngrouping: false,
  supportsDTMF: false,
};

/** CallKit's provider settings for an app called `appName` with the default config, written out here. */
export function callKitSettings(appName: string): CallKitProvider {
  return {
    appName,
    supportsVideo: true,
    includesCallsInRecents: false,
    maximumCallGroups: 2,
    maximumCallsPerCallGroup: 1,
    handleType: 'generic',
  };
}

export interface IosFacts extends ModelFacts {
  /** What CallKit holds now (actual), by call id; default nothing. */
  device?: Record<string, CallKitCall>;
  /** The settings CallKit's provider has now (actual); default none (never configured). */
  configured?: CallKitProvider;
  // iOS's memory between passes.
  /** Call id → CallKit UUID; default `U-<id>` for every call of the row. */
  uuids?: [string, string][];
  /** Calls that ended and why, while CallKit may still hold them. */
  ended?: [string, CallKitEndReason][];
}

/** iOS's policy for one row: what CallKit should hold, the provider settings it should have, and the notes. */
export function decideIos(facts: IosFacts): {
  keeper: IdRecord<CallKitCall>;
  provider: CallKitProvider | undefined;
  notes: Note[];
} {
  const model = sharedModel(facts, { os: 'ios', declared: [] });
  const uuids = new Map(facts.uuids ?? [...model.calls.keys()].map((id) => [id, `U-${id}`]));
  const memory = { uuids, ended: new Map(facts.ended ?? []) };
  const actual: Keeper = { ios: Object.assign(Object.create(null), facts.device ?? {}) };
  if (facts.configured) actual.iosProvider = facts.configured;
  // The one call site (the I10 note is the policy's).
  const { keeper, notes } = desiredIos(model, actual, memory);
  return { keeper: keeper.ios ?? idRecord(), provider: keeper.iosProvider, notes };
}

// -------------------------------------------------------------------------------------------------- web

export interface WebFacts extends ModelFacts {
  /** `Notification.maxActions`; unknown by default (2 is assumed, W5). */
  maxActions?: number;
}

/** The web policy for one row: what the page should expose, and the notes. */
export function decideWeb(facts: WebFacts): { keeper: WebKeeper; notes: Note[] } {
  const platform: PlatformInfo = { os: 'web', declared: [] };
  if (facts.maxActions !== undefined) platform.notificationActions = facts.maxActions;
  const model = sharedModel(facts, platform);
  // The one call site.
  return desiredWeb(model);
}

// ---------------------------------------------------------------------------------------------- notes

/** A note as a row states it: its code and a fragment of its message. */
export type NoteRow = readonly [code: Note['code'], fragment: string];

/** What `toEqual` compares a policy's notes with: the row's, in order, none more. */
export function notesLike(rows: readonly NoteRow[]): unknown[] {
  return rows.map(([code, fragment]) => ({ code, message: expect.stringContaining(fragment) }));
}

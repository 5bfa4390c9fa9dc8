// Android policy: what the foreground service and its notification should be now (PLATFORM_RULES A2–A8,
// A14, A16–A18). What the service's own reports mean (A1, A6, A9) is in kit.ts.
import { isVisible, liveCalls, type Model } from '../model';
import type { Note } from '../note';
import type { CallState, FgsProfile, FgsType, Keeper, NotificationSpec } from '../types';
import { notificationPermissionNeeded } from './notification-permission';
import { FGS_PERMISSION, LIBRARY_SERVICE_TYPES, PROFILE_TYPES, WHILE_IN_USE_TYPES } from './service-types';

type AndroidKeeper = NonNullable<Keeper['android']>;

// The service-type tables live in service-types.ts (shared with the Expo plugin and doctor); re-exported
// here for the importers that know them as the policy's.
export { FGS_PERMISSION, LIBRARY_SERVICE_TYPES, PROFILE_TYPES, WHILE_IN_USE_TYPES };

/** Facts of the app's merged manifest, as the native module reports them (getPlatformInfo). */
interface ManifestFacts {
  declared: readonly string[];
  /** The foregroundServiceType on keepcall's service; unknown (undefined) off a device. */
  serviceTypes?: readonly FgsType[] | undefined;
}

/** Whether the manifest sets keepcall's service up for `profile`: its permissions declared and, when known, its lead type on the service. */
export function declaresProfile(profile: FgsProfile, { declared, serviceTypes }: ManifestFacts): boolean {
  const lead = PROFILE_TYPES[profile][0] as FgsType;
  if (serviceTypes && !serviceTypes.includes(lead)) return false;
  if (!declared.includes(FGS_PERMISSION[lead])) return false;
  return profile !== 'phoneCall' || declared.includes('MANAGE_OWN_CALLS');
}

/**
 * The profile the manifest declares (one source: the Expo plugin's `androidKeepCallAlive.profile`, or the
 * app's own manifest). `phoneCall` when FOREGROUND_SERVICE_PHONE_CALL and MANAGE_OWN_CALLS are declared
 * (and phoneCall is on the service) while media's FOREGROUND_SERVICE_MEDIA_PLAYBACK is not; `media` when
 * media's is declared (both declared: media, the default); `null` when neither is.
 */
export function manifestProfile(facts: ManifestFacts): FgsProfile | null {
  if (declaresProfile('media', facts)) return 'media';
  return declaresProfile('phoneCall', facts) ? 'phoneCall' : null;
}

/**
 * The profile the service runs with: `foregroundService.android.profile` when the app set it, else what
 * the manifest declares, else `media`. A set profile the manifest does not declare while it declares the
 * other cannot start a service: the manifest's is used and the conflict is noted, naming both places.
 */
export function androidProfile(model: Model): { profile: FgsProfile; note?: Note } {
  const explicit = model.config.foregroundService.android.profile;
  const declared = manifestProfile(model.platform);
  if (explicit === undefined) return { profile: declared ?? 'media' };
  if (declared === null || declared === explicit || declaresProfile(explicit, model.platform)) {
    return { profile: explicit };
  }
  const permissions = (profile: FgsProfile) =>
    profile === 'phoneCall'
      ? 'FOREGROUND_SERVICE_PHONE_CALL and MANAGE_OWN_CALLS'
      : 'FOREGROUND_SERVICE_MEDIA_PLAYBACK';
  return {
    profile: declared,
    note: {
      code: 'invalid-config',
      message:
        `foregroundService.android.profile is "${explicit}" in KeepCall.updateConfig, but the manifest declares ` +
        `the ${declared} profile (${permissions(declared)}), not ${permissions(explicit)}: using "${declared}". ` +
        `Fix: remove profile from updateConfig, or set the Expo plugin's androidKeepCallAlive.profile to ` +
        `"${explicit}" and prebuild`,
    },
  };
}

/** What the Android keeper should be, and why it falls short of what the calls need (notes). */
export function desiredAndroid(
  model: Model,
  actual: Keeper,
): { keeper: AndroidKeeper | null; notes: Note[] } {
  const running = actual.android ?? null;
  const calls = liveCalls(model);
  const notes: Note[] = [];

  // A18: swiping the task away ends the keeper, like stopWithTask; an activity destroyed alone does not.
  if (model.taskRemoved) return { keeper: null, notes };
  if (calls.length === 0) {
    const lingering = model.now < model.lingerUntil || model.now < model.adoptUntil;
    return { keeper: running && lingering ? running : null, notes };
  }

  const api = model.platform.apiLevel ?? 0;
  if (!model.platform.declared.includes('FOREGROUND_SERVICE')) {
    notes.push({
      code: 'missing-permission',
      message:
        'FOREGROUND_SERVICE is not declared in the manifest: no call is kept alive (declare it, or use the Expo plugin)',
    });
    return { keeper: running ? running : null, notes };
  }

  const { profile, note } = androidProfile(model);
  if (note) notes.push(note);
  let types = allowedTypes(model, calls, notes, PROFILE_TYPES[profile]);
  if (typesRequired(model) && types.length === 0) {
    notes.push({
      code: 'type-not-declared',
      message: `no foreground-service type is usable on API ${api} (A3): declare ${PROFILE_TYPES[profile]
        .map((type) => FGS_PERMISSION[type])
        .join(' or ')} and the matching foregroundServiceType`,
    });
    // A running service keeps what it may still hold (a type of the profile it started with), its
    // notification current; holding none, it stops (a service without a type is refused on API 34+).
    types = running ? allowedTypes(model, calls, [], running.types) : [];
    if (types.length === 0) return { keeper: null, notes };
  }
  if (notificationPermissionNeeded(api) && model.permissions.notifications === 'denied') {
    notes.push({
      code: 'notifications-blocked',
      message:
        'POST_NOTIFICATIONS is denied: the call is kept alive, its notification hidden (A7); ask with requestNotificationPermission()',
    });
  }

  const visible = isVisible(model.app);
  // A2/A4/A16: never start from the background; a running service may narrow there but only widens while visible (A6).
  if (!running && !visible) {
    // Joined in the background, or the system stopped the service there: the call is not kept alive
    // until the app is visible again, and the app should know.
    notes.push({
      code: 'start-not-allowed',
      message:
        'Android does not start a foreground service from the background (A2): the call is not kept alive until the app is visible',
    });
    return { keeper: null, notes };
  }
  const top = calls[0] as CallState;
  const finalTypes =
    running && !visible
      ? typesInBackground(model, calls, running, types, notes)
      : repromoted(model, running, types);
  if (!finalTypes) return { keeper: null, notes };
  return { keeper: { notification: notificationFor(model, top, notes), types: finalTypes }, notes };
}

/**
 * A running service in the background may drop types but not add any (A6). When none of the types it
 * holds is still wanted (the profile was switched), it keeps those it may still hold until the app is
 * visible, its notification current; holding none where a type is required (API 34+), it stops.
 */
function typesInBackground(
  model: Model,
  calls: CallState[],
  running: AndroidKeeper,
  types: FgsType[],
  notes: Note[],
): FgsType[] | null {
  const kept = types.filter((type) => running.types.includes(type));
  if (kept.length > 0) return kept;
  const still = allowedTypes(model, calls, [], running.types);
  if (still.length === 0 && typesRequired(model)) return null;
  notes.push({
    code: 'start-not-allowed',
    message: `the service keeps [${still}] until the app is visible: no new type from the background (A6)`,
  });
  return still;
}

/**
 * A6: a service whose while-in-use types may lack the access is promoted again now that the app is
 * visible. startForeground() runs only when the types change, so it first drops them, then (once the
 * flag is cleared by that change) takes them back. Dropping them all is allowed: the flag is only set
 * where a service needs no type (below API/target 34).
 */
function repromoted(model: Model, running: AndroidKeeper | null, types: FgsType[]): FgsType[] {
  if (!model.repromote || !running?.types.some((type) => WHILE_IN_USE_TYPES.includes(type))) return types;
  return types.filter((type) => !WHILE_IN_USE_TYPES.includes(type));
}

/** A3: a service needs a declared type, with its FOREGROUND_SERVICE_* permission, from API 34 for target 34+. */
function typesRequired({ platform }: Model): boolean {
  const api = platform.apiLevel ?? 0;
  return api >= 34 && (platform.targetSdk ?? api) >= 34;
}

/** Why a denied runtime permission leaves its type out. */
const DENIED = {
  microphone:
    'RECORD_AUDIO is denied: no microphone type, so the microphone is silent in the background (A4, A5)',
  camera: 'CAMERA is denied: no camera type, so the camera stops in the background (A4, A5)',
};

/** Which of `candidates` the declarations, permissions and media allow, in order; notes say why one is left out. */
function allowedTypes(
  model: Model,
  calls: CallState[],
  notes: Note[],
  candidates: readonly FgsType[],
): FgsType[] {
  const { apiLevel = 0, declared, serviceTypes } = model.platform;
  const wantsAudio = calls.some((call) => call.media.audio);
  const wantsVideo = calls.some((call) => call.media.video);
  const out: FgsType[] = [];
  for (const type of candidates) {
    if (serviceTypes && !serviceTypes.includes(type)) continue;
    // The microphone and camera types exist from API 30 (A5); API 29 keeps mic and camera without them.
    if ((type === 'microphone' || type === 'camera') && apiLevel < 30) continue;
    if (typesRequired(model) && !declared.includes(FGS_PERMISSION[type])) continue;
    if (type === 'phoneCall' && !declared.includes('MANAGE_OWN_CALLS')) {
      notes.push({
        code: 'missing-permission',
        message: 'the phoneCall profile needs MANAGE_OWN_CALLS (A17)',
      });
      continue;
    }
    // A4, A5: the microphone and camera types need their runtime permission and the media on.
    if (type === 'microphone' || type === 'camera') {
      if (!(type === 'microphone' ? wantsAudio : wantsVideo)) continue;
      const permission = model.permissions[type];
      if (permission !== 'granted') {
        if (permission === 'denied') notes.push({ code: 'missing-permission', message: DENIED[type] });
        continue;
      }
    }
    out.push(type);
  }
  return out;
}

/**
 * The notification for the most recent call; its timer starts at the join and survives updates. Android
 * draws two buttons besides Hang up (CallStyle's two custom actions, A14; three buttons in all below API
 * 31): Mute first, then the app's own; one that does not fit is left out and named in `notes`.
 */
export function notificationFor(model: Model, call: CallState, notes: Note[] = []): NotificationSpec {
  const config = model.config.foregroundService.android;
  const override = model.notificationOverride ?? {};
  const muted = call.media.muted;
  const actions: NotificationSpec['actions'] = [{ id: 'hangup', label: config.actionLabels.hangup }];
  if (call.media.audio && config.muteAction) {
    actions.push(
      muted
        ? { id: 'unmute', label: config.actionLabels.unmute }
        : { id: 'mute', label: config.actionLabels.mute },
    );
  }
  for (const { id, label } of config.actions) {
    if (actions.length < 3) actions.push({ kind: 'app', id, label });
    else
      notes.push({
        code: 'invalid-config',
        message: `foregroundService.android.actions: no room for "${id}" beside Hang up and Mute; set muteAction: false`,
      });
  }
  return {
    channelId: override.channelId ?? config.channel.id,
    channelName: override.channelName ?? config.channel.name,
    title: override.title ?? config.notificationTexts.title,
    body: override.body ?? config.notificationTexts.body,
    smallIcon: override.smallIcon ?? config.smallIcon,
    callId: call.id,
    // CallStyle needs a person with a name (A14): an empty one falls back like a missing one.
    person: override.person || call.displayName || config.notificationTexts.title,
    callStyle: (model.platform.apiLevel ?? 0) >= 31,
    category: 'call',
    immediate: true,
    ongoing: true,
    visibility: override.visibility ?? config.lockScreenVisibility,
    startedAt: call.joinedAt ?? call.seenAt,
    muted,
    actions,
    tap: config.tap,
  };
}

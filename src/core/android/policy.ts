// Android policy: what the foreground service and its notification should be now (PLATFORM_RULES A2–A8,
// A14, A16–A18). The types are chosen in allowed-types.ts, the profile in profile.ts, the notification in
// notification.ts; what the service's own reports mean (A1, A6, A9) and what Android remembers across
// events (A4–A6, A18) are in kit.ts and lifecycle.ts.
import { isVisible, liveCalls, type Model } from '../model';
import type { Note } from '../note';
import type { CallState, Keeper } from '../types';
import { allowedTypes, repromoted, typesInBackground, typesRequired } from './allowed-types';
import type { AndroidMemory } from './memory';
import { notificationFor } from './notification';
import { notificationPermissionNeeded } from './notification-permission';
import { androidProfile } from './profile';
import { FGS_PERMISSION, PROFILE_TYPES } from './service-types';

export { androidProfile, manifestProfile } from './profile';
export { FGS_PERMISSION } from './service-types';

/** The service as the policy wants it (the device's may also be marked dismissed). */
export type AndroidKeeper = NonNullable<Keeper['android']>;

/** What the Android keeper should be, and why it falls short of what the calls need (notes). */
export function desiredAndroid(
  model: Model,
  actual: Keeper,
  memory: AndroidMemory,
): { keeper: AndroidKeeper | null; notes: Note[] } {
  const running = actual.android ?? null;
  const calls = liveCalls(model);
  let notes: Note[] = [];

  // A18: swiping the task away ends the keeper, like stopWithTask; an activity destroyed alone does not.
  if (memory.taskRemoved) return { keeper: null, notes };
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
  const types = allowedTypes(model, calls, notes, PROFILE_TYPES[profile]);
  // A service without a type is refused on API 34+, so a running one stops too: no type of another
  // profile can be usable where none of this one's is (the profile is the manifest's whenever the
  // other's lead type is usable, and both share the microphone and camera types).
  if (typesRequired(model) && types.length === 0) {
    // This note names every FOREGROUND_SERVICE_* to declare: those naming one undeclared type go.
    notes = notes.filter((note) => note.code !== 'type-not-declared');
    notes.push({
      code: 'type-not-declared',
      message: `no foreground-service type is usable on API ${api} (A3): declare ${PROFILE_TYPES[profile]
        .map((type) => FGS_PERMISSION[type])
        .join(' or ')} and the matching foregroundServiceType`,
    });
    return { keeper: null, notes };
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
      : repromoted(memory, running, types);
  if (!finalTypes) return { keeper: null, notes };
  return { keeper: { notification: notificationFor(model, top, notes), types: finalTypes }, notes };
}

// Which foreground-service types the Android service may hold now (PLATFORM_RULES A3–A6, A17): the
// manifest's declarations, the runtime permissions, the media, and what the background allows.
import { isVisible, type Model } from '../model';
import type { Note } from '../note';
import type { CallState, FgsType, Keeper } from '../types';
import type { AndroidMemory } from './memory';
import { FGS_PERMISSION, WHILE_IN_USE_PERMISSION, WHILE_IN_USE_TYPES } from './service-types';

type AndroidKeeper = NonNullable<Keeper['android']>;

/**
 * A running service in the background may drop types but not add any (A6). When none of the types it
 * holds is still wanted (the profile was switched), it keeps those it may still hold until the app is
 * visible, its notification current; holding none where a type is required (API 34+), it stops.
 */
export function typesInBackground(
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
export function repromoted(
  memory: AndroidMemory,
  running: AndroidKeeper | null,
  types: FgsType[],
): FgsType[] {
  if (!memory.repromote || !running?.types.some((type) => WHILE_IN_USE_TYPES.includes(type))) return types;
  return types.filter((type) => !WHILE_IN_USE_TYPES.includes(type));
}

/** A3: a service needs a declared type, with its FOREGROUND_SERVICE_* permission, from API 34 for target 34+. */
export function typesRequired({ platform }: Model): boolean {
  const api = platform.apiLevel ?? 0;
  return api >= 34 && (platform.targetSdk ?? api) >= 34;
}

/** Which of `candidates` the declarations, permissions and media allow, in order; notes say why one is left out. */
export function allowedTypes(
  model: Model,
  calls: CallState[],
  notes: Note[],
  candidates: readonly FgsType[],
): FgsType[] {
  const { apiLevel = 0, declared, serviceTypes } = model.platform;
  const wantsAudio = calls.some((call) => call.media.audio);
  const wantsVideo = calls.some((call) => call.media.video);
  const required = typesRequired(model);
  const out: FgsType[] = [];
  for (const type of candidates) {
    if (serviceTypes && !serviceTypes.includes(type)) continue;
    const inUse = type === 'microphone' || type === 'camera' ? type : null;
    // The microphone and camera types exist from API 30 (A5), and are asked for only while the media
    // wants them: an audio-only app need not declare the camera's.
    if (inUse && (apiLevel < 30 || !(inUse === 'camera' ? wantsVideo : wantsAudio))) continue;
    const undeclared = required && !declared.includes(FGS_PERMISSION[type]);
    if (type === 'phoneCall' && !undeclared && !declared.includes('MANAGE_OWN_CALLS')) {
      notes.push({
        code: 'missing-permission',
        message: 'the phoneCall profile needs MANAGE_OWN_CALLS (A17)',
      });
      continue;
    }
    const permission = inUse ? model.permissions[inUse] : 'granted';
    // A3 first (the type needs its declaration whatever the permission), then A4: denied, or never asked
    // (or never reported) with the call in the background, its microphone or camera stopped there; while
    // the app is visible it may still ask. One message per type and cause: reported once while it lasts.
    const why = undeclared
      ? `${FGS_PERMISSION[type]} is not declared (A3)`
      : permission === 'denied' || (permission === 'unknown' && !isVisible(model.app))
        ? `${WHILE_IN_USE_PERMISSION[type]} is ${permission} (A4)`
        : '';
    if (inUse && why) {
      notes.push({
        code: undeclared ? 'type-not-declared' : 'missing-permission',
        message: `${why}: no ${type} type, so the ${type} ${inUse === 'camera' ? 'stops' : 'is silent'} in the background (A5)${
          undeclared
            ? `; declare it, or set the Expo plugin's androidKeepCallAlive${inUse === 'camera' ? '.camera: true' : ''}`
            : ''
        }`,
      });
    }
    if (!undeclared && permission === 'granted') out.push(type);
  }
  return out;
}

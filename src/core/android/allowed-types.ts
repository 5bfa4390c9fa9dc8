// Which foreground-service types the Android service may hold now (PLATFORM_RULES A3–A6, A17): the
// manifest's declarations, the runtime permissions, the media, and what the background allows.
import type { Model } from '../model';
import type { Note } from '../note';
import type { CallState, FgsType, Keeper } from '../types';
import type { AndroidMemory } from './memory';
import { FGS_PERMISSION, WHILE_IN_USE_TYPES } from './service-types';

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

/** Why a denied runtime permission leaves its type out. */
const DENIED = {
  microphone:
    'RECORD_AUDIO is denied: no microphone type, so the microphone is silent in the background (A4, A5)',
  camera: 'CAMERA is denied: no camera type, so the camera stops in the background (A4, A5)',
};

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

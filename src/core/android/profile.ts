// Android's service profiles and the manifest facts they rest on (PLATFORM_RULES A3, A17): which profile
// the manifest declares and which one runs (the FOREGROUND_SERVICE_* tables are in service-types.ts).
import type { Model } from '../model';
import type { Note } from '../note';
import type { FgsProfile, FgsType } from '../types';
import { FGS_PERMISSION, PROFILE_TYPES } from './service-types';

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

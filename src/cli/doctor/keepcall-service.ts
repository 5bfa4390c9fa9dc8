// keepcall's service as the manifest merger leaves it: the library's declaration with the app's override,
// and the profile (media or phoneCall) the app set it up for.
import { manifestProfile } from '../../core/android/policy';
import { LIBRARY_SERVICE_TYPES } from '../../core/android/service-types';
import type { FgsProfile, FgsType } from '../../core/types';
import type { ResolvedPluginProps } from '../../plugin/props';
import { KEEPCALL_LIBRARY_TYPES, KEEPCALL_SERVICE, PROFILE_TYPES } from '../../plugin/requirements';
import { type AndroidProject, APP_MANIFEST } from './android-project';
import type { Problem } from './types';

const PREFIX = 'android.permission.';
const FGS_TYPES: ReadonlySet<string> = new Set(LIBRARY_SERVICE_TYPES);

/** What keepcall's service looks like after the manifest merge. */
export interface KeepCallService {
  types: string[];
  /** The types keepcall will actually ask for, given the profile. */
  used: string[];
  profile: FgsProfile;
  /** The profile the manifest declares, which keepcall's JavaScript follows unless the app sets one. */
  fromManifest: FgsProfile | null;
  exported: string | undefined;
  file: string;
}

/** keepcall's service after the merge: the library's declaration, overridden by the app's; reports a broken override. */
export function keepCallService(
  project: AndroidProject,
  props: ResolvedPluginProps | null,
  add: (problem: Omit<Problem, 'area'>) => void,
): KeepCallService {
  const library = project.keepcall?.components.find((entry) => entry.name === KEEPCALL_SERVICE);
  const libraryTypes = library ? library.types : [...KEEPCALL_LIBRARY_TYPES];
  const override = project.app.components.find(
    (entry) => entry.kind === 'service' && entry.name === KEEPCALL_SERVICE,
  );
  let types = libraryTypes;
  let file = project.keepcall?.file ?? APP_MANIFEST;
  if (override?.node === 'remove') {
    add({
      id: 'keepcall-service-removed',
      file: APP_MANIFEST,
      message: `${KEEPCALL_SERVICE} is removed with tools:node="remove": nothing can keep a call alive`,
      fix: `delete that <service> element from ${APP_MANIFEST}`,
    });
    types = [];
  } else if (override?.hasTypes) {
    types = override.types;
    file = APP_MANIFEST;
    if (types.length === 0) {
      add({
        id: 'no-service-type',
        rule: 'A3',
        file: APP_MANIFEST,
        message: `${KEEPCALL_SERVICE} sets foregroundServiceType="": the service has no type, so every startForeground() keepcall makes with its types is refused and no call is kept alive`,
        fix: `remove that attribute (and its tools:replace), or list the types: android:foregroundServiceType="${libraryTypes.join('|')}"`,
      });
    }
    const differs =
      [...new Set(override.types)].sort().join('|') !== [...new Set(libraryTypes)].sort().join('|');
    if (differs && !override.replaces.includes('android:foregroundServiceType')) {
      add({
        id: 'manifest-merge-conflict',
        file: APP_MANIFEST,
        message: `${KEEPCALL_SERVICE} sets foregroundServiceType="${override.types.join('|')}" without tools:replace: the manifest merger fails against keepcall's "${libraryTypes.join('|')}"`,
        fix: `add tools:replace="android:foregroundServiceType" to that <service> element`,
      });
    }
  }
  if (override && !override.hasTypes && override.replaces.includes('android:foregroundServiceType')) {
    add({
      id: 'manifest-merge-conflict',
      file: APP_MANIFEST,
      message: `${KEEPCALL_SERVICE} has tools:replace="android:foregroundServiceType" but no foregroundServiceType: the manifest merger fails ("tools:replace specified … but no new value specified")`,
      fix: `add android:foregroundServiceType="${libraryTypes.join('|')}" (or the types you want) to that <service> element, or remove the tools:replace`,
    });
  }
  const declared = [project.app, ...project.libraries].flatMap((manifest) =>
    manifest.permissions
      .filter((entry) => !entry.removed && entry.name.startsWith(PREFIX))
      .map((entry) => entry.name.slice(PREFIX.length)),
  );
  const serviceTypes = types.filter((type): type is FgsType => FGS_TYPES.has(type));
  // The engine's own rule (manifestProfile): what the JavaScript profile follows when the app sets none.
  const fromManifest = manifestProfile({ declared, serviceTypes });
  // Neither profile fully declared: the service's types say which one the app meant, so its gaps are named.
  const only = (lead: string, other: string) => declared.includes(lead) && !declared.includes(other);
  const meant: FgsProfile =
    only('FOREGROUND_SERVICE_PHONE_CALL', 'FOREGROUND_SERVICE_MEDIA_PLAYBACK') ||
    (!serviceTypes.includes('mediaPlayback') && serviceTypes.includes('phoneCall'))
      ? 'phoneCall'
      : 'media';
  const profile: FgsProfile = props?.android?.profile ?? fromManifest ?? meant;
  const used = types.filter((type) => PROFILE_TYPES[profile].includes(type as never));
  const exported = override?.exported ?? library?.exported ?? 'false';
  return { types, used, profile, fromManifest, exported, file };
}

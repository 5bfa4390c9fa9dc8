// Expo checks: keepcall's plugin props, and whether the generated native projects still match them.
import { KeepCallError } from '../../core/errors';
import { parsePluginProps, type ResolvedPluginProps, resolvePluginProps } from '../../plugin/props';
import { androidRequirements, iosRequirements } from '../../plugin/requirements';
import { type AndroidProject, APP_MANIFEST } from './android-project';
import type { ExpoProject } from './expo-project';
import type { IosProject } from './ios-project';
import type { KeepCallService } from './keepcall-service';
import type { Problem, Remark } from './types';

const PREBUILD = 'run npx expo prebuild --clean so the native projects are generated again from the config';
const PREBUILD_CLEAN = '`npx expo prebuild --clean` drops what the config no longer asks for';
/** Every permission keepcall's plugin adds for some props: whichever of them the current props do not ask for is a leftover. */
const PLUGIN_PERMISSIONS = [
  ...new Set(
    (['media', 'phoneCall'] as const).flatMap((profile) =>
      [true, false].flatMap(
        (camera) =>
          androidRequirements({
            android: { profile, camera },
            ios: { voip: false, microphonePermission: null, cameraPermission: null },
          })?.permissions ?? [],
      ),
    ),
  ),
];

/** Validates keepcall's plugin props; returns them resolved, or `null` when absent or invalid (with a problem). */
export function checkPluginProps(expo: ExpoProject): {
  props: ResolvedPluginProps | null;
  problems: Problem[];
} {
  if (!expo.keepcall) return { props: null, problems: [] };
  try {
    return { props: resolvePluginProps(parsePluginProps(expo.keepcall.props)), problems: [] };
  } catch (error) {
    if (!(error instanceof KeepCallError)) throw error;
    return {
      props: null,
      problems: [
        {
          id: 'invalid-plugin-props',
          area: 'expo',
          file: expo.file,
          message: error.message,
          fix: 'correct keepcall\'s entry in "plugins" (its props: https://github.com/keepcall/keepcall/blob/main/docs/expo.md#props)',
        },
      ],
    };
  }
}

export interface StaleInput {
  expo: ExpoProject;
  props: ResolvedPluginProps | null;
  android: { project: AndroidProject; service: KeepCallService } | null;
  ios: IosProject | null;
}

/** Compares what the plugin props ask for with what the generated projects hold (a stale prebuild). */
export function checkStalePrebuild(input: StaleInput): { problems: Problem[]; notes: Remark[] } {
  const { expo, props, android, ios } = input;
  const problems: Problem[] = [];
  const notes: Remark[] = [];
  // A config that could not be read says nothing about the plugin: its note was left when loading.
  if (!expo.evaluated) return { problems, notes };
  if (!expo.keepcall) {
    if (!android && !ios) {
      problems.push({
        id: 'plugin-not-configured',
        area: 'expo',
        file: expo.file,
        message: `keepcall's config plugin is not in "plugins": the generated projects will declare nothing keepcall needs`,
        fix: `add ["keepcall", { "androidKeepCallAlive": true, "iosKeepCallAlive": true }] to "plugins" in ${expo.file}`,
      });
    } else {
      notes.push({
        area: 'expo',
        message: `keepcall's config plugin is not in "plugins"; the native projects were checked as they are`,
      });
    }
    return { problems, notes };
  }
  if (!props) return { problems, notes };
  if (!android && !ios) {
    notes.push({
      area: 'expo',
      message:
        'no android/ or ios/ folder: they are generated at build time, so only the plugin props were checked',
    });
  }

  const needsAndroid = androidRequirements(props);
  if (android && needsAndroid) {
    const declared = new Set(
      android.project.app.permissions.filter((entry) => !entry.removed).map((entry) => entry.name),
    );
    const missing = needsAndroid.permissions.filter((name) => !declared.has(`android.permission.${name}`));
    const types = android.service.types.join('|');
    const wanted = needsAndroid.types.join('|');
    const details = [
      ...(missing.length > 0 ? [`lacks ${missing.join(', ')}`] : []),
      ...(types !== wanted
        ? [`gives keepcall's service the types ${types || '(none)'} instead of ${wanted}`]
        : []),
    ];
    // Expo's prebuild only adds: what an earlier config asked for stays until --clean. Another library or
    // the app itself may want it too, so this is a note, not a problem.
    const leftover = PLUGIN_PERMISSIONS.filter(
      (name) => !needsAndroid.permissions.includes(name) && declared.has(`android.permission.${name}`),
    );
    if (leftover.length > 0) {
      notes.push({
        area: 'expo',
        message: `${APP_MANIFEST} still declares ${leftover.join(', ')}, which keepcall's plugin no longer asks for with these props: if nothing else in the app needs ${leftover.length > 1 ? 'them' : 'it'}, ${PREBUILD_CLEAN} (Google Play asks for a declaration of each foreground-service permission an app ships, A12)`,
      });
    }
    if (details.length > 0) {
      problems.push({
        id: 'stale-prebuild',
        area: 'expo',
        file: APP_MANIFEST,
        message: `${expo.file} configures keepcall's plugin, but ${APP_MANIFEST} ${details.join(' and ')}: the prebuild is older than the config`,
        fix: PREBUILD,
      });
    }
  }

  if (ios) {
    const needsIos = iosRequirements(props);
    const raw = ios.plist.UIBackgroundModes;
    const modes = Array.isArray(raw) ? raw : [];
    const missing = [
      ...needsIos.backgroundModes
        .filter((mode) => !modes.includes(mode))
        .map((mode) => `background mode "${mode}"`),
      ...needsIos.usageDescriptions
        .filter(({ key }) => typeof ios.plist[key] !== 'string')
        .map(({ key }) => key),
    ];
    if (!props.ios.voip && modes.includes('voip')) {
      notes.push({
        area: 'expo',
        message: `${ios.file} still has the "voip" background mode, which keepcall's plugin no longer asks for (iosKeepCallAlive is off): if nothing else in the app receives VoIP pushes, ${PREBUILD_CLEAN} (App Review asks what a declared background mode is for)`,
      });
    }
    if (missing.length > 0) {
      problems.push({
        id: 'stale-prebuild',
        area: 'expo',
        file: ios.file,
        message: `${expo.file} configures keepcall's plugin, but ${ios.file} lacks ${missing.join(', ')}: the prebuild is older than the config`,
        fix: PREBUILD,
      });
    }
  }
  return { problems, notes };
}

// The Android half of the plugin: permissions, and the types on keepcall's service through `tools:replace`.
import type { AndroidConfig, ConfigPlugin } from '@expo/config-plugins';
import { type ConfigPluginsModule, loadExpoTooling } from './expo-tooling';
import { type AndroidRequirements, KEEPCALL_SERVICE } from './requirements';

type AndroidManifest = AndroidConfig.Manifest.AndroidManifest;
type Attributes = Record<string, string | undefined>;

/**
 * Adds keepcall's permissions and service override to a parsed AndroidManifest.xml; running it twice changes
 * nothing. Expo's tooling is the app's (looked up from the working folder unless given).
 */
export function applyKeepCallManifest(
  manifest: AndroidManifest,
  needs: AndroidRequirements,
  tooling: ConfigPluginsModule = loadExpoTooling([process.cwd()], "keepcall's config plugin").configPlugins,
): AndroidManifest {
  const { AndroidConfig } = tooling;
  AndroidConfig.Manifest.ensureToolsAvailable(manifest);
  AndroidConfig.Permissions.ensurePermissions(
    manifest,
    needs.permissions.map((name) => `android.permission.${name}`),
  );
  const application = AndroidConfig.Manifest.getMainApplicationOrThrow(manifest);
  application.service ??= [];
  let service = application.service.find((entry) => entry.$['android:name'] === KEEPCALL_SERVICE);
  if (!service) {
    service = { $: { 'android:name': KEEPCALL_SERVICE } };
    application.service.push(service);
  }
  const attributes = service.$ as Attributes;
  attributes['android:exported'] = 'false';
  attributes['android:foregroundServiceType'] = needs.types.join('|');
  // The library manifest declares every type; the app's narrower (or phoneCall) set must win the merge.
  attributes['tools:replace'] = addToList(attributes['tools:replace'], 'android:foregroundServiceType');
  return manifest;
}

/** The config plugin step that edits AndroidManifest.xml, with the app's Expo tooling. */
export const withKeepCallAndroid: ConfigPlugin<{
  needs: AndroidRequirements;
  tooling: ConfigPluginsModule;
}> = (config, { needs, tooling }) =>
  tooling.withAndroidManifest(config, (modConfig) => {
    modConfig.modResults = applyKeepCallManifest(modConfig.modResults, needs, tooling);
    return modConfig;
  });

function addToList(list: string | undefined, item: string): string {
  const items = (list ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  if (!items.includes(item)) items.push(item);
  return items.join(',');
}

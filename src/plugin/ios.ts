// The iOS half of the plugin: background modes and usage descriptions in Info.plist.
import type { ConfigPlugin, InfoPlist } from '@expo/config-plugins';
import type { ConfigPluginsModule } from './expo-tooling';
import { DEFAULT_CAMERA_PERMISSION, DEFAULT_MICROPHONE_PERMISSION } from './props';
import type { IosRequirements } from './requirements';

const DEFAULT_TEXTS = new Set([DEFAULT_MICROPHONE_PERMISSION, DEFAULT_CAMERA_PERMISSION]);

/** Adds keepcall's background modes and missing usage descriptions; never replaces the app's own text. */
export function applyKeepCallInfoPlist(plist: InfoPlist, needs: IosRequirements): InfoPlist {
  const current = plist.UIBackgroundModes;
  const modes = Array.isArray(current) ? [...current] : [];
  for (const mode of needs.backgroundModes) if (!modes.includes(mode)) modes.push(mode);
  plist.UIBackgroundModes = modes;
  for (const { key, text } of needs.usageDescriptions) {
    const existing = plist[key];
    // A text equal to one of keepcall's defaults was written by keepcall, so a configured text may replace it.
    const ours = typeof existing === 'string' && DEFAULT_TEXTS.has(existing);
    if (typeof existing !== 'string' || existing.trim() === '' || ours) plist[key] = text;
  }
  return plist;
}

/** The config plugin step that edits Info.plist, with the app's Expo tooling. */
export const withKeepCallIos: ConfigPlugin<{ needs: IosRequirements; tooling: ConfigPluginsModule }> = (
  config,
  { needs, tooling },
) =>
  tooling.withInfoPlist(config, (modConfig) => {
    modConfig.modResults = applyKeepCallInfoPlist(modConfig.modResults, needs);
    return modConfig;
  });

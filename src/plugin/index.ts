// keepcall's Expo config plugin: `"plugins": [["keepcall", { "androidKeepCallAlive": true, "iosKeepCallAlive": true }]]`.
import type { ConfigPlugin } from '@expo/config-plugins';
import { withKeepCallAndroid } from './android';
import { loadExpoTooling } from './expo-tooling';
import { withKeepCallIos } from './ios';
import { type KeepCallPluginProps, parsePluginProps, resolvePluginProps } from './props';
import { androidRequirements, iosRequirements } from './requirements';

/** Declares what keepcall needs in the app's native projects; bad props throw an error naming the prop. */
export const withKeepCall: ConfigPlugin<KeepCallPluginProps | undefined> = (config, input) => {
  const props = resolvePluginProps(parsePluginProps(input));
  // The app's own Expo tooling, so its mods join the app's (one copy, the version of its Expo SDK).
  const root = (config as { _internal?: { projectRoot?: unknown } })._internal?.projectRoot;
  const roots = typeof root === 'string' ? [root, process.cwd()] : [process.cwd()];
  const tooling = loadExpoTooling(roots, "keepcall's config plugin").configPlugins;
  const android = androidRequirements(props);
  const withAndroid = android ? withKeepCallAndroid(config, { needs: android, tooling }) : config;
  return withKeepCallIos(withAndroid, { needs: iosRequirements(props), tooling });
};

export default withKeepCall;
export { applyKeepCallManifest } from './android';
export { type ExpoTooling, loadExpoTooling, MissingExpoTooling } from './expo-tooling';
export { applyKeepCallInfoPlist } from './ios';
export type { AndroidKeepCallAliveOptions, KeepCallPluginProps, ResolvedPluginProps } from './props';
export {
  DEFAULT_CAMERA_PERMISSION,
  DEFAULT_MICROPHONE_PERMISSION,
  parsePluginProps,
  resolvePluginProps,
} from './props';
export { androidRequirements, iosRequirements, KEEPCALL_SERVICE } from './requirements';

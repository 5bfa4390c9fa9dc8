// keepcall's Expo config plugin: `"plugins": [["keepcall", { "androidKeepCallAlive": true, "iosKeepCallAlive": true }]]`.
import type { ConfigPlugin } from '@expo/config-plugins';
import { withKeepCallAndroid } from './android';
import { withKeepCallIos } from './ios';
import { type KeepCallPluginProps, parsePluginProps, resolvePluginProps } from './props';
import { androidRequirements, iosRequirements } from './requirements';

/** Declares what keepcall needs in the app's native projects; bad props throw an error naming the prop. */
export const withKeepCall: ConfigPlugin<KeepCallPluginProps | undefined> = (config, input) => {
  const props = resolvePluginProps(parsePluginProps(input));
  const android = androidRequirements(props);
  const withAndroid = android ? withKeepCallAndroid(config, android) : config;
  return withKeepCallIos(withAndroid, iosRequirements(props));
};

export default withKeepCall;
export { applyKeepCallManifest } from './android';
export { applyKeepCallInfoPlist } from './ios';
export type { AndroidKeepCallAliveOptions, KeepCallPluginProps, ResolvedPluginProps } from './props';
export {
  DEFAULT_CAMERA_PERMISSION,
  DEFAULT_MICROPHONE_PERMISSION,
  parsePluginProps,
  resolvePluginProps,
} from './props';
export { androidRequirements, iosRequirements, KEEPCALL_SERVICE } from './requirements';

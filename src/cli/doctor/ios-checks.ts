// iOS checks: background modes and the usage descriptions without which capture is refused.
import type { ResolvedPluginProps } from '../../plugin/props';
import type { IosProject } from './ios-project';
import type { Problem, Remark } from './types';

export interface IosCheckInput {
  project: IosProject;
  props: ResolvedPluginProps | null;
  /** Whether the app sends video, so NSCameraUsageDescription is needed. */
  video: boolean;
  expo: boolean;
}

const USAGE: Record<'NSMicrophoneUsageDescription' | 'NSCameraUsageDescription', string> = {
  NSMicrophoneUsageDescription: 'iOS terminates the app the moment the call asks for the microphone',
  NSCameraUsageDescription: 'iOS terminates the app the moment the call asks for the camera',
};

/** Runs the iOS checks. */
export function checkIos(input: IosCheckInput): { problems: Problem[]; notes: Remark[] } {
  const { project, props } = input;
  const problems: Problem[] = [];
  const notes: Remark[] = [];
  const file = project.file;
  const viaPlugin = input.expo ? " (Expo: keepcall's plugin adds it on prebuild)" : '';
  const raw = project.plist.UIBackgroundModes;
  const modes = Array.isArray(raw) ? raw.filter((mode): mode is string => typeof mode === 'string') : [];

  if (!modes.includes('audio')) {
    problems.push({
      id: 'missing-background-mode',
      area: 'ios',
      rule: 'I2',
      file,
      message:
        'UIBackgroundModes lacks "audio": iOS suspends the app seconds after it leaves the screen, and the call with it',
      fix: `add <string>audio</string> to the UIBackgroundModes array in ${file}${viaPlugin}`,
    });
  }
  if (!modes.includes('voip')) {
    if (props?.ios.voip) {
      problems.push({
        id: 'missing-background-mode',
        area: 'ios',
        rule: 'I3',
        file,
        message:
          'UIBackgroundModes lacks "voip", which iosKeepCallAlive asks for: VoIP pushes cannot wake the app',
        fix: `add <string>voip</string> to the UIBackgroundModes array in ${file}${viaPlugin}`,
      });
    } else {
      notes.push({
        area: 'ios',
        message:
          'no "voip" background mode: fine for ongoing calls (audio keeps them alive, I3); needed for incoming VoIP pushes',
      });
    }
  }

  const keys: (keyof typeof USAGE)[] = ['NSMicrophoneUsageDescription'];
  if (input.video) keys.push('NSCameraUsageDescription');
  for (const key of keys) {
    const value = project.plist[key];
    if (typeof value === 'string' && value.trim() !== '') continue;
    problems.push({
      id: 'missing-usage-description',
      area: 'ios',
      file,
      message: `${key} is ${value === undefined ? 'missing' : 'empty'}: ${USAGE[key]}`,
      fix: `add ${key} with a sentence saying why the app needs it to ${file}${viaPlugin}`,
    });
  }
  return { problems, notes };
}

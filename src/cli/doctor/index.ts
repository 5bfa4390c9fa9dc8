// `keepcall doctor`: reads an app's native projects and Expo config, and lists what would keep a call
// from being kept alive on a device, with a fix for each.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkAndroid } from './android-checks';
import { APP_MANIFEST, loadAndroid } from './android-project';
import { checkPluginProps, checkStalePrebuild } from './expo-checks';
import { loadExpo } from './expo-project';
import { checkIos } from './ios-checks';
import { loadIos } from './ios-project';
import { readToolingFrom } from './read';
import { type DoctorReport, type Problem, type Remark, UnreadableProject } from './types';

export type { DoctorReport, Problem, Remark } from './types';
export { UnreadableProject } from './types';

/** Inspects the app at `appDir`; throws UnreadableProject when it is not an app or a file cannot be read. */
export async function doctor(appDir: string): Promise<DoctorReport> {
  const root = resolve(appDir);
  if (!isDirectory(root)) throw new UnreadableProject(appDir, 'no such folder');
  readToolingFrom(root);
  const notes: Remark[] = [];
  const problems: Problem[] = [];
  const expo = await loadExpo(root, notes);
  const android = await loadAndroid(root, notes);
  const ios = await loadIos(root);
  if (!expo && !android && !ios) {
    throw new UnreadableProject(
      appDir,
      'not an app folder: no android/, ios/, app.json or app.config.* here',
    );
  }
  const report: DoctorReport = { appDir: root, inspected: {}, problems, notes };

  const plugin = expo ? checkPluginProps(expo) : { props: null, problems: [] };
  const props = plugin.props;
  let service = null;
  if (android) {
    report.inspected.android = APP_MANIFEST;
    const result = checkAndroid({ project: android, props, expo: expo !== null });
    problems.push(...result.problems);
    notes.push(...result.notes);
    service = result.service;
  }
  if (ios) {
    report.inspected.ios = ios.file;
    const video = props
      ? props.android?.camera !== false && props.ios.cameraPermission !== null
      : service
        ? service.used.includes('camera')
        : true;
    const result = checkIos({ project: ios, props, video, expo: expo !== null });
    problems.push(...result.problems);
    notes.push(...result.notes);
  }
  if (expo) {
    report.inspected.expo = expo.file;
    problems.push(...plugin.problems);
    const stale = checkStalePrebuild({
      expo,
      props,
      android: android && service ? { project: android, service } : null,
      ios,
    });
    problems.push(...stale.problems);
    notes.push(...stale.notes);
  }
  return report;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

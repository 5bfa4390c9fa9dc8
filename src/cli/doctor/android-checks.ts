// Android checks: everything in the merged manifest that would keep a call from being kept alive.
import type { ResolvedPluginProps } from '../../plugin/props';
import {
  KEEPCALL_SERVICE,
  PROFILE_TYPES,
  TYPE_PERMISSION,
  TYPE_RUNTIME_PERMISSION,
} from '../../plugin/requirements';
import { checkPermissionName, nearestName } from './android-permissions';
import { type AndroidProject, APP_MANIFEST, type ManifestComponent } from './android-project';
import { type KeepCallService, keepCallService } from './keepcall-service';
import type { Problem, Remark } from './types';

const PREFIX = 'android.permission.';
/** Every `foregroundServiceType` value Android defines: the ones with a permission, and shortService. */
const SERVICE_TYPES = [...Object.keys(TYPE_PERMISSION), 'shortService'];
/** Types that mean a service captures or carries a call, and would compete with keepcall's. */
const CALL_TYPES = new Set(['microphone', 'camera', 'phoneCall']);
/** Types with a time limit (A9). */
const TIME_LIMITED: Record<string, string> = {
  shortService: 'is stopped after about 3 minutes',
  dataSync: 'is limited to 6 hours a day on Android 15 and is not meant for calls',
  mediaProcessing: 'is limited to 6 hours a day and is not meant for calls',
};
const LOST_WITHOUT: Record<string, string> = {
  microphone: 'the other side hears silence once the app is in the background (A5)',
  camera: 'the camera stops sending frames once the app is in the background (A5)',
  mediaPlayback: 'the service has no type to start with whenever the microphone permission is not granted',
  phoneCall: 'the phoneCall profile cannot start (A17)',
};

export interface AndroidCheckInput {
  project: AndroidProject;
  /** Valid keepcall plugin props, when the app configures the plugin. */
  props: ResolvedPluginProps | null;
  /** Whether the app has an Expo config, so fixes can mention the plugin. */
  expo: boolean;
}

/** Runs every Android check; returns problems and notes. */
export function checkAndroid(input: AndroidCheckInput): {
  problems: Problem[];
  notes: Remark[];
  service: KeepCallService;
} {
  const { project } = input;
  const problems: Problem[] = [];
  const notes: Remark[] = [];
  const add = (problem: Omit<Problem, 'area'>) => problems.push({ area: 'android', ...problem });
  const removed = new Set(
    project.app.permissions.filter((entry) => entry.removed).map((entry) => entry.name),
  );
  const declared = new Set<string>();
  for (const manifest of [project.app, ...project.libraries]) {
    for (const entry of manifest.permissions)
      if (!entry.removed && !removed.has(entry.name)) declared.add(entry.name);
  }
  const has = (short: string) => declared.has(`${PREFIX}${short}`);
  const target = project.targetSdk;
  const declareFix = (short: string) =>
    `add <uses-permission android:name="${PREFIX}${short}"/> to ${APP_MANIFEST}${
      input.expo ? ' (Expo: keepcall\'s plugin with "androidKeepCallAlive" adds it on prebuild)' : ''
    }`;

  if (project.targetSdkSource === null) {
    notes.push({ area: 'android', message: `target SDK not set in android/; assumed ${target}` });
  }
  if (!project.keepcall) {
    notes.push({
      area: 'android',
      message:
        'keepcall is not installed in node_modules: its service was taken as the library declares it by default',
    });
  }

  // A13: names Android does not know are dropped silently.
  for (const manifest of [project.app, ...project.libraries]) {
    for (const entry of manifest.permissions) {
      if (entry.removed) continue;
      const verdict = checkPermissionName(entry.name);
      if (!verdict) continue;
      add({
        id: 'unknown-permission',
        rule: 'A13',
        file: manifest.file,
        message: `uses-permission "${entry.name}" is ignored by Android: ${verdict.reason}`,
        fix: verdict.suggestion
          ? `use "${verdict.suggestion}"`
          : 'remove it, or correct it to a permission Android defines',
      });
    }
  }

  const service = keepCallService(project, input.props, add);
  if (service.fromManifest) {
    // The fact the engine reads on the device (getPlatformInfo's declared permissions), read the same way.
    notes.push({
      area: 'android',
      message: `the manifest declares the ${service.fromManifest} profile: keepcall's JavaScript uses it unless foregroundService.android.profile is set in KeepCall.updateConfig (a different one is reported as a conflict)`,
    });
  }
  const appServices = project.app.components.filter(
    (entry) => entry.kind === 'service' && entry.name !== KEEPCALL_SERVICE && entry.node !== 'remove',
  );

  // aapt2 refuses a type Android does not define, so the app does not build.
  for (const entry of project.app.components) {
    if (entry.kind !== 'service' || entry.node === 'remove') continue;
    for (const type of entry.types) {
      if (SERVICE_TYPES.includes(type)) continue;
      const suggestion = nearestName(type, SERVICE_TYPES);
      const who = entry.name === KEEPCALL_SERVICE ? "keepcall's service" : `service ${entry.name}`;
      add({
        id: 'unknown-service-type',
        file: APP_MANIFEST,
        message: `${who} declares foregroundServiceType "${type}", which Android does not define: the build fails (aapt2 rejects the manifest)`,
        fix: suggestion ? `use "${suggestion}"` : `use one of ${SERVICE_TYPES.join(', ')}`,
      });
    }
  }

  // A3 (and API 28+ for FOREGROUND_SERVICE itself).
  const typed = service.used.length > 0 || appServices.some((entry) => entry.types.length > 0);
  if (typed && target >= 28 && !has('FOREGROUND_SERVICE')) {
    add({
      id: 'missing-fgs-permission',
      rule: 'A3',
      file: APP_MANIFEST,
      message: `${PREFIX}FOREGROUND_SERVICE is not declared: no foreground service can start, so no call is kept alive`,
      fix: declareFix('FOREGROUND_SERVICE'),
    });
  }
  if (target >= 34) {
    for (const type of service.used) {
      const permission = TYPE_PERMISSION[type];
      if (!permission || has(permission)) continue;
      add({
        id: 'missing-fgs-permission',
        rule: 'A3',
        file: APP_MANIFEST,
        message: `keepcall's service declares type "${type}" but ${PREFIX}${permission} is not declared, so keepcall never uses that type: ${LOST_WITHOUT[type] ?? 'it is refused'}`,
        fix: declareFix(permission),
      });
    }
    for (const entry of appServices) {
      for (const type of entry.types) {
        const permission = TYPE_PERMISSION[type];
        if (!permission || has(permission)) continue;
        add({
          id: 'missing-fgs-permission',
          rule: 'A3',
          file: APP_MANIFEST,
          message: `service ${entry.name} declares type "${type}" but ${PREFIX}${permission} is not declared: starting it with that type throws a SecurityException`,
          fix: declareFix(permission),
        });
      }
    }
  }

  // A9: time-limited types end a call early.
  for (const type of service.types) {
    if (!TIME_LIMITED[type]) continue;
    add({
      id: 'unsuitable-service-type',
      rule: 'A9',
      file: APP_MANIFEST,
      message: `keepcall's service declares type "${type}", which ${TIME_LIMITED[type]}`,
      fix: `declare only ${PROFILE_TYPES[service.profile].join('|')} on ${KEEPCALL_SERVICE}`,
    });
  }
  for (const entry of appServices) {
    if (!entry.types.some((type) => CALL_TYPES.has(type))) continue;
    for (const type of entry.types) {
      if (!TIME_LIMITED[type]) continue;
      add({
        id: 'unsuitable-service-type',
        rule: 'A9',
        file: APP_MANIFEST,
        message: `call service ${entry.name} declares type "${type}", which ${TIME_LIMITED[type]}`,
        fix: `use microphone/camera/phoneCall/mediaPlayback types for a call, or let keepcall's service carry the call`,
      });
    }
  }

  // A7: without POST_NOTIFICATIONS the ongoing-call notification is hidden on API 33+.
  if (target >= 33 && !has('POST_NOTIFICATIONS')) {
    add({
      id: 'missing-post-notifications',
      rule: 'A7',
      file: APP_MANIFEST,
      message: `${PREFIX}POST_NOTIFICATIONS is not declared (target SDK ${target}): the ongoing-call notification, with its hang-up button, is never shown`,
      fix: declareFix('POST_NOTIFICATIONS'),
    });
  }

  // A17: phoneCall needs MANAGE_OWN_CALLS.
  const phoneCallServices = [
    ...(service.used.includes('phoneCall') ? ["keepcall's service"] : []),
    ...appServices
      .filter((entry) => entry.types.includes('phoneCall'))
      .map((entry) => `service ${entry.name}`),
  ];
  if (phoneCallServices.length > 0 && !has('MANAGE_OWN_CALLS')) {
    add({
      id: 'phone-call-without-manage-own-calls',
      rule: 'A17',
      file: APP_MANIFEST,
      message: `${phoneCallServices.join(', ')} uses type "phoneCall" but ${PREFIX}MANAGE_OWN_CALLS is not declared: startForeground() throws a SecurityException`,
      fix: declareFix('MANAGE_OWN_CALLS'),
    });
  }

  // A4: while-in-use types need their runtime permission declared (and granted at run time).
  const runtimeNeeds = [
    ...service.used.map((type) => ({ type, who: "keepcall's service" })),
    ...appServices.flatMap((entry) => entry.types.map((type) => ({ type, who: `service ${entry.name}` }))),
  ];
  const reported = new Set<string>();
  for (const { type, who } of runtimeNeeds) {
    const permission = TYPE_RUNTIME_PERMISSION[type];
    if (!permission || has(permission) || reported.has(`${who}:${permission}`)) continue;
    reported.add(`${who}:${permission}`);
    add({
      id: 'missing-runtime-permission',
      rule: 'A4',
      file: APP_MANIFEST,
      message: `${who} uses type "${type}" but ${PREFIX}${permission} is not declared: it can never be granted, so startForeground() with "${type}" throws a SecurityException`,
      fix: declareFix(permission),
    });
  }

  // A11: components anyone can start or signal.
  if (service.exported === 'true') {
    add({
      id: 'exported-component',
      rule: 'A11',
      file: service.file,
      message: `keepcall's service is exported: any app can start or stop the ongoing-call service`,
      fix: `set android:exported="false" on ${KEEPCALL_SERVICE}`,
    });
  }
  for (const entry of project.app.components) {
    if (entry.name === KEEPCALL_SERVICE || entry.exported !== 'true' || entry.permission) continue;
    add({
      id: 'exported-component',
      rule: 'A11',
      file: APP_MANIFEST,
      message: `${entry.kind} ${entry.name} is exported without a permission: any app can ${entry.kind === 'service' ? 'start or bind it' : 'send it broadcasts'}`,
      fix: `set android:exported="false" on ${entry.name}, or guard it with android:permission`,
    });
  }

  // Another foreground service carrying the call's types competes with keepcall's.
  const mine = new Set(service.used.filter((type) => CALL_TYPES.has(type)));
  const others = [
    ...appServices.map((entry) => ({ entry, file: APP_MANIFEST })),
    ...project.libraries.flatMap((library) =>
      library.components
        .filter(
          (entry) =>
            entry.kind === 'service' && entry.name !== KEEPCALL_SERVICE && library !== project.keepcall,
        )
        .filter((entry) => !removedByApp(project, entry.name))
        .map((entry) => ({ entry: overridden(project, entry), file: library.file })),
    ),
  ];
  const seen = new Set<string>();
  for (const { entry, file } of others) {
    const shared = entry.types.filter((type) => mine.has(type));
    if (shared.length === 0 || seen.has(entry.name)) continue;
    seen.add(entry.name);
    add({
      id: 'conflicting-service',
      file,
      message: `service ${entry.name} also declares ${shared.map((type) => `"${type}"`).join(', ')}: if it runs during a call there are two ongoing notifications and two services holding the microphone/camera`,
      fix: `remove it from the merged manifest (<service android:name="${entry.name}" tools:node="remove"/> in ${APP_MANIFEST}) or stop using it for calls`,
    });
  }

  return { problems, notes, service };
}

function removedByApp(project: AndroidProject, name: string): boolean {
  return project.app.components.some((entry) => entry.name === name && entry.node === 'remove');
}

/** A library service as the app's `tools:replace` override leaves it. */
function overridden(project: AndroidProject, entry: ManifestComponent): ManifestComponent {
  const override = project.app.components.find((other) => other.name === entry.name && other.hasTypes);
  return override ?? entry;
}

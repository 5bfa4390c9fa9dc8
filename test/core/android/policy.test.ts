// desiredAndroid as a table: the model's facts in, the foreground service it wants (its types, or none)
// and the notes that say why it falls short out. Rule ids are PLATFORM_RULES'. Unless a row says
// otherwise: API 34 (target 34), the media profile's declarations, every permission granted, the app in
// the foreground, nothing running, one joined audio call `c1` (see ../policy-tables.ts).
import { describe, expect, it } from 'vitest';
import type { FgsType, NotificationSpec } from '../../../src/core/types';
import {
  type AndroidFacts,
  BOTH_DECLARED,
  call,
  decideAndroid,
  NOW,
  type NoteRow,
  notesLike,
  PHONE_DECLARED,
  runningService,
} from '../policy-tables';

interface Row extends AndroidFacts {
  name: string;
  /** The service's types in the order asked for; `null` no service; `'as running'` the running one untouched. */
  want: FgsType[] | null | 'as running';
  notes?: NoteRow[];
}

const MIC_DENIED: NoteRow = ['missing-permission', 'RECORD_AUDIO is denied'];
const CAMERA_DENIED: NoteRow = ['missing-permission', 'CAMERA is denied'];
const BACKGROUND_START: NoteRow = [
  'start-not-allowed',
  'does not start a foreground service from the background',
];
/** A3: a type the media wants, its FOREGROUND_SERVICE_* undeclared: named, with the Expo plugin's option. */
const MIC_UNDECLARED: NoteRow = [
  'type-not-declared',
  "FOREGROUND_SERVICE_MICROPHONE is not declared (A3): no microphone type, so the microphone is silent in the background (A5); declare it, or set the Expo plugin's androidKeepCallAlive",
];
const CAMERA_UNDECLARED: NoteRow = [
  'type-not-declared',
  "FOREGROUND_SERVICE_CAMERA is not declared (A3): no camera type, so the camera stops in the background (A5); declare it, or set the Expo plugin's androidKeepCallAlive.camera: true",
];
const MIC_UNKNOWN: NoteRow = [
  'missing-permission',
  'RECORD_AUDIO is unknown (A4): no microphone type, so the microphone is silent in the background',
];
const CAMERA_UNKNOWN: NoteRow = [
  'missing-permission',
  'CAMERA is unknown (A4): no camera type, so the camera stops in the background',
];
const NO_TYPE: NoteRow = ['type-not-declared', 'no foreground-service type is usable on API 34 (A3)'];
const VIDEO = { media: { video: true } };
/** The note for a profile set in updateConfig that the manifest does not declare. */
const conflict = (set: string, used: string): NoteRow => [
  'invalid-config',
  `profile is "${set}" in KeepCall.updateConfig, but the manifest declares the ${used}`,
];

function check(row: Row): void {
  const { keeper, notes } = decideAndroid(row);
  if (row.want === 'as running') expect(keeper).toEqual(runningService(row));
  else expect(keeper?.types ?? null).toEqual(row.want);
  expect(notes).toEqual(notesLike(row.notes ?? []));
}

describe('desiredAndroid: task removal (A18)', () => {
  it.each<Row>([
    {
      name: 'A18 the task was swiped away: no service, though a call is live and the service runs',
      taskRemoved: true,
      running: ['mediaPlayback', 'microphone'],
      want: null,
    },
    {
      name: 'A18 the task was swiped away, the app in the background: nothing, and nothing to say',
      taskRemoved: true,
      app: 'background',
      want: null,
    },
    {
      name: 'A18 an activity destroyed on its own (task kept): the running service stays',
      app: 'destroyed',
      running: ['mediaPlayback', 'microphone'],
      want: ['mediaPlayback', 'microphone'],
    },
    {
      name: 'A18/A2 an activity destroyed, nothing running: not started from there',
      app: 'destroyed',
      want: null,
      notes: [BACKGROUND_START],
    },
  ])('$name', check);
});

describe('desiredAndroid: after the last call (stop debounce) and after a reload (adopt grace)', () => {
  it.each<Row>([
    { name: 'linger: no call, no grace: no service', calls: [], running: ['mediaPlayback'], want: null },
    {
      name: 'linger: the last call left within stopDebounceMs, the running service is kept as it is',
      calls: [],
      lingerUntil: NOW + 1,
      running: ['mediaPlayback', 'microphone'],
      want: 'as running',
    },
    {
      name: 'linger: in the background too (nothing is started, so A2 does not apply)',
      calls: [],
      app: 'background',
      lingerUntil: NOW + 1,
      running: ['mediaPlayback'],
      want: 'as running',
    },
    {
      name: 'linger: nothing running: nothing is started',
      calls: [],
      lingerUntil: NOW + 1,
      want: null,
    },
    {
      name: 'linger: ends at lingerUntil: the service stops',
      calls: [],
      lingerUntil: NOW,
      running: ['mediaPlayback'],
      want: null,
    },
    {
      name: 'adopt grace: a service found after a reload waits for its call to be tracked again',
      calls: [],
      adoptUntil: NOW + 1,
      running: ['mediaPlayback', 'microphone'],
      want: 'as running',
    },
    {
      name: 'adopt grace over: the adopted service stops',
      calls: [],
      adoptUntil: NOW,
      running: ['mediaPlayback', 'microphone'],
      want: null,
    },
    {
      name: 'live calls: a call still joining is live: the service starts at joining',
      calls: [call('c1', { phase: 'joining' })],
      want: ['mediaPlayback', 'microphone'],
    },
  ])('$name', check);
});

describe('desiredAndroid: FOREGROUND_SERVICE and the profile (manifest choice, A17)', () => {
  it.each<Row>([
    {
      name: 'manifest: FOREGROUND_SERVICE undeclared: no service, said once',
      declared: ['FOREGROUND_SERVICE_MEDIA_PLAYBACK', 'FOREGROUND_SERVICE_MICROPHONE'],
      want: null,
      notes: [['missing-permission', 'FOREGROUND_SERVICE is not declared']],
    },
    {
      name: 'manifest: FOREGROUND_SERVICE undeclared, a service already runs (adopted): left as it is',
      declared: [],
      running: ['mediaPlayback'],
      want: 'as running',
      notes: [['missing-permission', 'FOREGROUND_SERVICE is not declared']],
    },
    {
      name: 'profile: unset, the manifest declares media: media types',
      want: ['mediaPlayback', 'microphone'],
    },
    {
      name: 'profile: unset, the manifest declares phoneCall (with MANAGE_OWN_CALLS): phoneCall types',
      declared: PHONE_DECLARED,
      want: ['phoneCall', 'microphone'],
    },
    {
      name: 'profile: unset, both declared: media, the default',
      declared: BOTH_DECLARED,
      want: ['mediaPlayback', 'microphone'],
    },
    {
      name: 'profile: phoneCall set, both declared: phoneCall',
      declared: BOTH_DECLARED,
      config: { foregroundService: { android: { profile: 'phoneCall' } } },
      want: ['phoneCall', 'microphone'],
    },
    {
      name: 'profile: phoneCall set, the manifest declares only media: media used, the conflict noted',
      config: { foregroundService: { android: { profile: 'phoneCall' } } },
      want: ['mediaPlayback', 'microphone'],
      notes: [conflict('phoneCall', 'media')],
    },
    {
      name: 'profile: media set, the manifest declares only phoneCall: phoneCall used, the conflict noted',
      declared: PHONE_DECLARED,
      config: { foregroundService: { android: { profile: 'media' } } },
      want: ['phoneCall', 'microphone'],
      notes: [conflict('media', 'phoneCall')],
    },
    {
      name: "profile: phoneCall permissions declared but phoneCall not on keepcall's service: not that profile (media)",
      declared: PHONE_DECLARED,
      serviceTypes: ['mediaPlayback', 'microphone', 'camera'],
      want: ['microphone'],
    },
    {
      name: 'A17 FOREGROUND_SERVICE_PHONE_CALL without MANAGE_OWN_CALLS is not the phoneCall profile: media',
      declared: ['FOREGROUND_SERVICE', 'FOREGROUND_SERVICE_PHONE_CALL', 'FOREGROUND_SERVICE_MICROPHONE'],
      serviceTypes: 'unknown',
      want: ['microphone'],
    },
    {
      name: 'A17 phoneCall set, MANAGE_OWN_CALLS missing, API 34: phoneCall refused and no type usable',
      declared: ['FOREGROUND_SERVICE', 'FOREGROUND_SERVICE_PHONE_CALL'],
      serviceTypes: 'unknown',
      config: { foregroundService: { android: { profile: 'phoneCall' } } },
      want: null,
      notes: [['missing-permission', 'needs MANAGE_OWN_CALLS (A17)'], NO_TYPE],
    },
    {
      name: 'A17 phoneCall set, MANAGE_OWN_CALLS missing, API 33: phoneCall refused, the microphone type kept',
      api: 33,
      declared: ['FOREGROUND_SERVICE', 'FOREGROUND_SERVICE_PHONE_CALL'],
      serviceTypes: 'unknown',
      config: { foregroundService: { android: { profile: 'phoneCall' } } },
      want: ['microphone'],
      notes: [['missing-permission', 'needs MANAGE_OWN_CALLS (A17)']],
    },
  ])('$name', check);
});

describe('desiredAndroid: declared types (A3)', () => {
  it.each<Row>([
    {
      name: 'A3 API 34 target 34: a type whose FOREGROUND_SERVICE_* is undeclared is left out, said why (camera)',
      declared: ['FOREGROUND_SERVICE', 'FOREGROUND_SERVICE_MEDIA_PLAYBACK', 'FOREGROUND_SERVICE_MICROPHONE'],
      calls: [call('c1', VIDEO)],
      want: ['mediaPlayback', 'microphone'],
      notes: [CAMERA_UNDECLARED],
    },
    {
      name: 'A3 API 34 target 34: FOREGROUND_SERVICE_MICROPHONE undeclared on an audio call, said why',
      declared: ['FOREGROUND_SERVICE', 'FOREGROUND_SERVICE_MEDIA_PLAYBACK', 'FOREGROUND_SERVICE_CAMERA'],
      want: ['mediaPlayback'],
      notes: [MIC_UNDECLARED],
    },
    {
      name: 'A3 FOREGROUND_SERVICE_CAMERA undeclared on an audio call (an audio-only app): nothing said',
      declared: ['FOREGROUND_SERVICE', 'FOREGROUND_SERVICE_MEDIA_PLAYBACK', 'FOREGROUND_SERVICE_MICROPHONE'],
      want: ['mediaPlayback', 'microphone'],
    },
    {
      name: 'A3 undeclared and CAMERA denied: the declaration is said (the type needs it whatever the permission)',
      declared: ['FOREGROUND_SERVICE', 'FOREGROUND_SERVICE_MEDIA_PLAYBACK', 'FOREGROUND_SERVICE_MICROPHONE'],
      calls: [call('c1', VIDEO)],
      permissions: { camera: 'denied' },
      want: ['mediaPlayback', 'microphone'],
      notes: [CAMERA_UNDECLARED],
    },
    {
      name: 'A3 a running service in the background, camera undeclared: the same note, the service as it may be',
      app: 'background',
      declared: ['FOREGROUND_SERVICE', 'FOREGROUND_SERVICE_MEDIA_PLAYBACK', 'FOREGROUND_SERVICE_MICROPHONE'],
      calls: [call('c1', VIDEO)],
      running: ['mediaPlayback', 'microphone'],
      want: ['mediaPlayback', 'microphone'],
      notes: [CAMERA_UNDECLARED],
    },
    {
      name: 'A3 API 33: FOREGROUND_SERVICE_CAMERA is not required, nothing said',
      api: 33,
      declared: ['FOREGROUND_SERVICE', 'FOREGROUND_SERVICE_MEDIA_PLAYBACK', 'FOREGROUND_SERVICE_MICROPHONE'],
      calls: [call('c1', VIDEO)],
      want: ['mediaPlayback', 'microphone', 'camera'],
    },
    {
      name: 'A3 API 34 target 33: types are not required, so undeclared ones are used',
      targetSdk: 33,
      declared: ['FOREGROUND_SERVICE'],
      serviceTypes: 'unknown',
      want: ['mediaPlayback', 'microphone'],
    },
    {
      name: 'A3 API 34 target 34, no FOREGROUND_SERVICE_* declared: no service, said once (no note per type)',
      declared: ['FOREGROUND_SERVICE'],
      want: null,
      notes: [
        ['type-not-declared', 'declare FOREGROUND_SERVICE_MEDIA_PLAYBACK or FOREGROUND_SERVICE_MICROPHONE'],
      ],
    },
    {
      name: "A3 a type not on keepcall's service in the merged manifest is left out",
      serviceTypes: ['mediaPlayback'],
      want: ['mediaPlayback'],
    },
    {
      name: 'A3 a running service whose last usable type is gone (RECORD_AUDIO revoked) stops',
      declared: ['FOREGROUND_SERVICE', 'FOREGROUND_SERVICE_MICROPHONE'],
      serviceTypes: 'unknown',
      permissions: { microphone: 'denied' },
      running: ['microphone'],
      want: null,
      notes: [MIC_DENIED, NO_TYPE],
    },
    {
      name: 'A3 below API 34 a service needs no type: started with none when its service declares none',
      api: 33,
      serviceTypes: [],
      want: [],
    },
  ])('$name', check);
});

describe('desiredAndroid: microphone and camera types (A4, A5)', () => {
  it.each<Row>([
    {
      name: 'A4 RECORD_AUDIO granted on an audio call: microphone type',
      want: ['mediaPlayback', 'microphone'],
    },
    {
      name: 'A4 RECORD_AUDIO denied: no microphone type, said why',
      permissions: { microphone: 'denied' },
      want: ['mediaPlayback'],
      notes: [MIC_DENIED],
    },
    {
      name: 'A4 RECORD_AUDIO never asked (unknown), the app visible: no microphone type, nothing said (it may still ask)',
      permissions: { microphone: 'unknown' },
      want: ['mediaPlayback'],
    },
    {
      name: 'A4 RECORD_AUDIO unknown, the call gone to the background: silent there, said why',
      app: 'background',
      permissions: { microphone: 'unknown' },
      running: ['mediaPlayback'],
      want: ['mediaPlayback'],
      notes: [MIC_UNKNOWN],
    },
    {
      name: 'A4 RECORD_AUDIO unknown in the background, the call without audio: nothing to lose, nothing said',
      app: 'background',
      calls: [call('c1', { media: { audio: false } })],
      permissions: { microphone: 'unknown' },
      running: ['mediaPlayback'],
      want: ['mediaPlayback'],
    },
    {
      name: 'A4 CAMERA unknown, a video call in the background: the camera stops there, said why',
      app: 'background',
      calls: [call('c1', VIDEO)],
      permissions: { camera: 'unknown' },
      running: ['mediaPlayback', 'microphone'],
      want: ['mediaPlayback', 'microphone'],
      notes: [CAMERA_UNKNOWN],
    },
    {
      name: 'A4 CAMERA granted on a video call: camera type',
      calls: [call('c1', VIDEO)],
      want: ['mediaPlayback', 'microphone', 'camera'],
    },
    {
      name: 'A4 CAMERA denied on a video call: no camera type, said why',
      calls: [call('c1', VIDEO)],
      permissions: { camera: 'denied' },
      want: ['mediaPlayback', 'microphone'],
      notes: [CAMERA_DENIED],
    },
    {
      name: 'A4 both denied on a video call: both said, microphone first',
      calls: [call('c1', VIDEO)],
      permissions: { microphone: 'denied', camera: 'denied' },
      want: ['mediaPlayback'],
      notes: [MIC_DENIED, CAMERA_DENIED],
    },
    {
      name: 'A5 the microphone type only while a call sends audio (video only: camera)',
      calls: [call('c1', { media: { audio: false, video: true } })],
      want: ['mediaPlayback', 'camera'],
    },
    {
      name: 'A5 a muted call keeps its microphone type (mute is not audio off)',
      calls: [call('c1', { media: { muted: true } })],
      want: ['mediaPlayback', 'microphone'],
    },
    {
      name: 'A5 a denied camera is not mentioned while no call has video',
      permissions: { camera: 'denied' },
      want: ['mediaPlayback', 'microphone'],
    },
    {
      name: 'A5 any call with video asks for the camera type (the shown call need not have it)',
      calls: [call('c1', { order: 2 }), call('c2', { ...VIDEO, joinedAt: 900 })],
      want: ['mediaPlayback', 'microphone', 'camera'],
    },
    {
      name: 'A5 API 29: no microphone or camera type (they exist from API 30)',
      api: 29,
      calls: [call('c1', VIDEO)],
      want: ['mediaPlayback'],
    },
    {
      name: 'A5 API 30 target 30: microphone type without its FOREGROUND_SERVICE_* (not required below 34)',
      api: 30,
      declared: ['FOREGROUND_SERVICE'],
      serviceTypes: 'unknown',
      want: ['mediaPlayback', 'microphone'],
    },
  ])('$name', check);
});

describe('desiredAndroid: notification permission (A7)', () => {
  it.each<Row>([
    {
      name: 'A7 API 33 POST_NOTIFICATIONS denied: kept alive, notification hidden, said why',
      api: 33,
      permissions: { notifications: 'denied' },
      want: ['mediaPlayback', 'microphone'],
      notes: [['notifications-blocked', 'POST_NOTIFICATIONS is denied']],
    },
    {
      name: 'A7 API 32 notifications "denied": no runtime permission before 33, nothing said',
      api: 32,
      permissions: { notifications: 'denied' },
      want: ['mediaPlayback', 'microphone'],
    },
    {
      name: 'A7 API 34 notifications never asked (unknown): nothing said',
      permissions: { notifications: 'unknown' },
      want: ['mediaPlayback', 'microphone'],
    },
  ])('$name', check);
});

describe('desiredAndroid: never from the background (A2, A4, A16)', () => {
  it.each<Row>([
    { name: 'A2 joined while visible: started', want: ['mediaPlayback', 'microphone'] },
    {
      name: 'A2 joined in the background, nothing running: not started, said why',
      app: 'background',
      want: null,
      notes: [BACKGROUND_START],
    },
    {
      name: 'A2 inactive is not visible: not started',
      app: 'inactive',
      want: null,
      notes: [BACKGROUND_START],
    },
    { name: 'A2 picture-in-picture is visible: started', app: 'pip', want: ['mediaPlayback', 'microphone'] },
    {
      name: 'A16 API 37 target 37 in the background: not started (it would be a silent call)',
      api: 37,
      app: 'background',
      calls: [call('c1', VIDEO)],
      want: null,
      notes: [BACKGROUND_START],
    },
    {
      name: 'A2 + A7 in the background with notifications denied: both said, permission first',
      app: 'background',
      permissions: { notifications: 'denied' },
      want: null,
      notes: [['notifications-blocked', 'POST_NOTIFICATIONS is denied'], BACKGROUND_START],
    },
  ])('$name', check);
});

/** The phoneCall profile's declarations with only the microphone type besides. */
const PHONE_WITHOUT_CAMERA = [
  'FOREGROUND_SERVICE',
  'FOREGROUND_SERVICE_PHONE_CALL',
  'MANAGE_OWN_CALLS',
  'FOREGROUND_SERVICE_MICROPHONE',
];

describe('desiredAndroid: widening only while visible, re-promotion (A6)', () => {
  it.each<Row>([
    {
      name: 'A6 running in the background, video turned on: no camera type until visible',
      app: 'background',
      calls: [call('c1', VIDEO)],
      running: ['mediaPlayback', 'microphone'],
      want: ['mediaPlayback', 'microphone'],
    },
    {
      name: 'A6 running in the background may narrow: audio off drops the microphone type',
      app: 'background',
      calls: [call('c1', { media: { audio: false } })],
      running: ['mediaPlayback', 'microphone'],
      want: ['mediaPlayback'],
    },
    {
      name: 'A6 visible again: the camera type is added',
      calls: [call('c1', VIDEO)],
      running: ['mediaPlayback', 'microphone'],
      want: ['mediaPlayback', 'microphone', 'camera'],
    },
    {
      name: 'A6 profile switched while in the background: keeps mediaPlayback until visible, said',
      app: 'background',
      declared: BOTH_DECLARED,
      config: { foregroundService: { android: { profile: 'phoneCall' } } },
      running: ['mediaPlayback'],
      want: ['mediaPlayback'],
      notes: [['start-not-allowed', 'keeps [mediaPlayback] until the app is visible']],
    },
    {
      name: 'A6 profile switched while visible: the new profile at once',
      declared: BOTH_DECLARED,
      config: { foregroundService: { android: { profile: 'phoneCall' } } },
      running: ['mediaPlayback'],
      want: ['phoneCall', 'microphone'],
    },
    {
      name: 'A6 API 34 in the background, nothing held may still be held: the service stops',
      app: 'background',
      declared: PHONE_WITHOUT_CAMERA,
      permissions: { microphone: 'denied' },
      running: ['microphone'],
      want: null,
      notes: [MIC_DENIED],
    },
    {
      name: 'A6 API 33 in the same case: a service needs no type there, it runs typeless until visible',
      api: 33,
      app: 'background',
      declared: PHONE_WITHOUT_CAMERA,
      permissions: { microphone: 'denied' },
      running: ['microphone'],
      want: [],
      notes: [MIC_DENIED, ['start-not-allowed', 'keeps [] until the app is visible']],
    },
    {
      name: 'A6 re-promotion, first half: visible after taking microphone in the background, it is dropped',
      api: 33,
      repromote: true,
      running: ['mediaPlayback', 'microphone'],
      want: ['mediaPlayback'],
    },
    {
      name: 'A6 re-promotion, second half: running without while-in-use types, they are taken back',
      api: 33,
      repromote: true,
      running: ['mediaPlayback'],
      want: ['mediaPlayback', 'microphone'],
    },
    {
      name: 'A6 re-promotion waits while the app is in the background',
      api: 33,
      app: 'background',
      repromote: true,
      running: ['mediaPlayback', 'microphone'],
      want: ['mediaPlayback', 'microphone'],
    },
    {
      name: 'A6 no re-promotion flag: the running types stay',
      api: 33,
      running: ['mediaPlayback', 'microphone'],
      want: ['mediaPlayback', 'microphone'],
    },
  ])('$name', check);
});

/** A notification row: the facts, the buttons in order (`app:<id>` for the app's), the fields that matter. */
interface NotificationRow extends AndroidFacts {
  name: string;
  actions?: string[];
  spec?: Partial<NotificationSpec>;
  notes?: NoteRow[];
}

const TWO_APP_ACTIONS = [
  { id: 'raise', label: 'Raise hand' },
  { id: 'share', label: 'Share' },
];
/** Every field an app may replace in the notification (buildOngoingConferenceNotification). */
const OVERRIDE = {
  title: 'T',
  body: 'B',
  smallIcon: 'ic',
  channelId: 'ch',
  channelName: 'Ch',
  visibility: 'secret',
  person: 'P',
} as const;
const THREE_APP_ACTIONS = [...TWO_APP_ACTIONS, { id: 'chat', label: 'Chat' }];

describe('desiredAndroid: the ongoing-call notification (A8, A14, actions)', () => {
  it.each<NotificationRow>([
    {
      name: 'A8 shown at once: category call, FOREGROUND_SERVICE_IMMEDIATE, ongoing, with buttons',
      api: 31,
      spec: { category: 'call', immediate: true, ongoing: true },
      actions: ['hangup', 'mute'],
    },
    { name: 'A14 CallStyle from API 31', api: 31, spec: { callStyle: true } },
    { name: 'A14 no CallStyle on API 30', api: 30, spec: { callStyle: false } },
    {
      name: "A14 CallStyle's person: the call's display name",
      calls: [call('c1', { displayName: 'Ada' })],
      spec: { person: 'Ada' },
    },
    {
      name: 'A14 an empty display name falls back to the title, so CallStyle has a person',
      calls: [call('c1', { displayName: '' })],
      spec: { person: 'Call in progress' },
    },
    {
      name: 'A14 a blank display name (spaces) falls back to the title too',
      calls: [call('c1', { displayName: '  ' })],
      spec: { person: 'Call in progress' },
    },
    {
      name: "A14 the app's override person wins over the display name",
      calls: [call('c1', { displayName: 'Ada' })],
      notificationOverride: { person: 'Team standup' },
      spec: { person: 'Team standup' },
    },
    {
      name: "notification: the app's override replaces title, body, icon, channel, visibility and person",
      notificationOverride: OVERRIDE,
      spec: OVERRIDE,
    },
    {
      name: 'notification: config texts, channel, lock-screen visibility and tap target',
      config: {
        foregroundService: {
          android: {
            notificationTexts: { title: 'On air' },
            channel: { id: 'calls' },
            lockScreenVisibility: 'private',
            tap: { kind: 'uri', uri: 'app://call' },
          },
        },
      },
      spec: {
        title: 'On air',
        body: 'Tap to return to the call',
        channelId: 'calls',
        visibility: 'private',
        tap: { kind: 'uri', uri: 'app://call' },
      },
    },
    { name: 'notification: the timer counts from the join', spec: { startedAt: 1000 } },
    {
      name: 'notification: a call still joining: the timer counts from when keepcall first saw it',
      calls: [call('c1', { phase: 'joining', seenAt: 700 })],
      spec: { startedAt: 700 },
    },
    {
      name: 'notification: two joined calls, the most recently joined one is shown',
      calls: [call('c1', { order: 1 }), call('c2', { order: 2 })],
      spec: { callId: 'c2' },
    },
    {
      name: 'notification: a joined call is shown before a newer one still joining',
      calls: [call('c1', { order: 1 }), call('c2', { phase: 'joining', order: 2 })],
      spec: { callId: 'c1' },
    },
    {
      name: 'actions: an audio call has Hang up, then Mute',
      actions: ['hangup', 'mute'],
      spec: { muted: false },
    },
    {
      name: 'actions: a muted call has Unmute',
      calls: [call('c1', { media: { muted: true } })],
      actions: ['hangup', 'unmute'],
      spec: { muted: true },
    },
    {
      name: 'actions: a call without audio has no Mute',
      calls: [call('c1', { media: { audio: false, video: true } })],
      actions: ['hangup'],
    },
    {
      name: 'actions: muteAction off leaves Hang up alone',
      config: { foregroundService: { android: { muteAction: false } } },
      actions: ['hangup'],
    },
    {
      name: "actions: one of the app's after Mute",
      config: { foregroundService: { android: { actions: [{ id: 'raise', label: 'Raise hand' }] } } },
      actions: ['hangup', 'mute', 'app:raise'],
    },
    {
      name: "actions overflow: two of the app's beside Mute, the second left out and named",
      config: { foregroundService: { android: { actions: TWO_APP_ACTIONS } } },
      actions: ['hangup', 'mute', 'app:raise'],
      notes: [['invalid-config', 'no room for "share" beside Hang up and Mute; set muteAction: false']],
    },
    {
      name: "actions: two of the app's with muteAction off, both shown",
      config: { foregroundService: { android: { muteAction: false, actions: TWO_APP_ACTIONS } } },
      actions: ['hangup', 'app:raise', 'app:share'],
    },
    {
      name: "actions: two of the app's on a call without audio (no Mute), both shown",
      calls: [call('c1', { media: { audio: false, video: true } })],
      config: { foregroundService: { android: { actions: TWO_APP_ACTIONS } } },
      actions: ['hangup', 'app:raise', 'app:share'],
    },
    {
      name: "actions overflow: three of the app's with muteAction off, the third named",
      config: { foregroundService: { android: { muteAction: false, actions: THREE_APP_ACTIONS } } },
      actions: ['hangup', 'app:raise', 'app:share'],
      notes: [['invalid-config', 'no room for "chat"']],
    },
    {
      name: 'actions: labels come from actionLabels',
      calls: [call('c1', { media: { muted: true } })],
      config: { foregroundService: { android: { actionLabels: { hangup: 'End', unmute: 'Talk' } } } },
      spec: {
        actions: [
          { id: 'hangup', label: 'End' },
          { id: 'unmute', label: 'Talk' },
        ],
      },
    },
  ])('$name', (row) => {
    const { keeper, notes } = decideAndroid(row);
    const notification = keeper?.notification;
    if (!notification) throw new Error('no notification: the row must describe a running service');
    if (row.actions) {
      expect(
        notification.actions.map((action) => ('kind' in action ? `app:${action.id}` : action.id)),
      ).toEqual(row.actions);
    }
    expect(notification).toMatchObject(row.spec ?? {});
    expect(notes).toEqual(notesLike(row.notes ?? []));
  });
});

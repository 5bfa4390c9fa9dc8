// The pure diffs as tables: what the device holds (actual) × what the policy wants (desired) → the commands
// that move one to the other. Every row also checks the two laws of a diff: applying its commands gives
// what was wanted (convergence), and diffing again asks for nothing (idempotence:
// reconcile(apply(actual, commands), desired) = []). Properties then check both over generated keepers.
// Commands are written short: `callkit.mute c1 on`, `service.update [mediaPlayback]`, `web.session c1`.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyAndroid, reconcileAndroid } from '../../src/core/android/diff';
import { applyIos, reconcileIos } from '../../src/core/ios/diff';
import { idRecord } from '../../src/core/records';
import type {
  CallKitCall,
  CallKitEndReason,
  CallKitProvider,
  Command,
  FgsType,
  Keeper,
  MediaSessionSpec,
  WebNotificationSpec,
} from '../../src/core/types';
import { applyWeb, EMPTY_WEB, reconcileWeb } from '../../src/core/web/diff';
import {
  type AndroidKeeper,
  CALLKIT_CAPABILITIES,
  callKitSettings,
  SHOWN_BEFORE,
  type WebKeeper,
} from './policy-tables';

/** One command as a table cell. */
function brief(command: Command): string {
  switch (command.kind) {
    case 'service.start':
    case 'service.update':
      return `${command.kind} [${command.types.join(', ')}]${command.notification.muted ? ' muted' : ''}`;
    case 'service.stop':
      return command.kind;
    case 'callkit.configure':
      return `${command.kind} ${command.provider.appName}`;
    case 'callkit.start':
      return `${command.kind} ${command.callId} ${command.uuid}`;
    case 'callkit.connecting':
    case 'callkit.connected':
      return `${command.kind} ${command.callId}`;
    case 'callkit.update':
      return `${command.kind} ${command.callId} ${command.hasVideo ? 'video' : 'audio'} ${command.handle.value}`;
    case 'callkit.end':
      return `${command.kind} ${command.callId} ${command.uuid} ${command.reason}`;
    case 'callkit.mute':
      return `${command.kind} ${command.callId} ${command.muted ? 'on' : 'off'}`;
    case 'callkit.hold':
      return `${command.kind} ${command.callId} ${command.held ? 'on' : 'off'}`;
    case 'web.session':
      return `${command.kind} ${command.session?.callId ?? 'none'}`;
    case 'web.notification':
      return `${command.kind} ${command.notification?.callId ?? 'none'}`;
    case 'web.wakeLock':
      return `${command.kind} ${command.held ? 'on' : 'off'}`;
    case 'web.unloadGuard':
      return `${command.kind} ${command.armed ? 'on' : 'off'}`;
  }
}

/** A platform's diff, how a command changes actual, and its part of a keeper as the diff compares it. */
interface Diff {
  reconcile(actual: Keeper, desired: Keeper, endReasons: ReadonlyMap<string, CallKitEndReason>): Command[];
  apply(actual: Keeper, command: Command): Keeper;
  view(keeper: Keeper): unknown;
}
const ANDROID: Diff = {
  reconcile: reconcileAndroid,
  apply: applyAndroid,
  // Types are a set: the order they were asked in changes nothing; never reported is not running.
  view: ({ android }) => (android ? { ...android, types: [...android.types].sort() } : null),
};
const IOS: Diff = {
  reconcile: reconcileIos,
  apply: applyIos,
  view: ({ ios, iosProvider }) => ({ ios: { ...ios }, iosProvider }),
};
// A page that never reported exposes nothing.
const WEB: Diff = { reconcile: reconcileWeb, apply: applyWeb, view: ({ web }) => web ?? EMPTY_WEB };

/** The row's commands, and the device after them: what it wanted (converges), and nothing more to do (idempotent). */
function checkDiff(
  diff: Diff,
  actual: Keeper,
  desired: Keeper,
  endReasons = new Map<string, CallKitEndReason>(),
) {
  const commands = diff.reconcile(actual, desired, endReasons);
  const after = commands.reduce(diff.apply, actual);
  return {
    commands: commands.map(brief),
    after,
    converged: () => expect(diff.view(after)).toEqual(diff.view(desired)),
    idempotent: () => expect(diff.reconcile(after, desired, endReasons)).toEqual([]),
  };
}

// ---------------------------------------------------------------------------------------------- Android

function service(types: FgsType[], muted = false): AndroidKeeper {
  return { notification: { ...SHOWN_BEFORE, muted }, types };
}

describe('reconcileAndroid: the one command that moves the service', () => {
  it.each<{ name: string; actual: Keeper['android']; desired: Keeper['android']; commands: string[] }>([
    { name: 'nothing runs, nothing wanted: nothing', actual: null, desired: null, commands: [] },
    {
      name: 'never reported (undefined), nothing wanted: nothing',
      actual: undefined,
      desired: null,
      commands: [],
    },
    {
      name: 'nothing runs, a service wanted: start',
      actual: null,
      desired: service(['mediaPlayback', 'microphone']),
      commands: ['service.start [mediaPlayback, microphone]'],
    },
    {
      name: 'running, nothing wanted: stop',
      actual: service(['mediaPlayback']),
      desired: null,
      commands: ['service.stop'],
    },
    {
      name: 'running as wanted: nothing',
      actual: service(['mediaPlayback', 'microphone']),
      desired: service(['mediaPlayback', 'microphone']),
      commands: [],
    },
    {
      name: 'the same types in another order: nothing (types are a set)',
      actual: service(['microphone', 'mediaPlayback']),
      desired: service(['mediaPlayback', 'microphone']),
      commands: [],
    },
    {
      name: 'the notification changed (muted): update',
      actual: service(['mediaPlayback']),
      desired: service(['mediaPlayback'], true),
      commands: ['service.update [mediaPlayback] muted'],
    },
    {
      name: 'wider types: update',
      actual: service(['mediaPlayback']),
      desired: service(['mediaPlayback', 'microphone', 'camera']),
      commands: ['service.update [mediaPlayback, microphone, camera]'],
    },
    {
      name: 'narrower types: update',
      actual: service(['mediaPlayback', 'microphone']),
      desired: service(['mediaPlayback']),
      commands: ['service.update [mediaPlayback]'],
    },
    {
      name: 'a typeless service (below API 34), as wanted: nothing',
      actual: service([]),
      desired: service([]),
      commands: [],
    },
  ])('$name', (row) => {
    const diff = checkDiff(ANDROID, { android: row.actual }, { android: row.desired });
    expect(diff.commands).toEqual(row.commands);
    diff.converged();
    diff.idempotent();
  });

  it('a start carries the whole notification, the types and what a refusal falls back to (A1)', () => {
    const one = service(['mediaPlayback']);
    expect(reconcileAndroid({ android: null }, { android: one })).toEqual([
      { kind: 'service.start', notification: one.notification, types: ['mediaPlayback'], fallbacks: [] },
    ]);
    const two = service(['mediaPlayback', 'microphone']);
    expect(reconcileAndroid({ android: null }, { android: two })).toEqual([
      {
        kind: 'service.start',
        notification: two.notification,
        types: ['mediaPlayback', 'microphone'],
        fallbacks: [['mediaPlayback'], ['microphone']],
      },
    ]);
  });
});

// -------------------------------------------------------------------------------------------------- iOS

function entry(uuid: string, phase: CallKitCall['phase'], extra: Partial<CallKitCall> = {}): CallKitCall {
  return { uuid, phase, muted: false, held: false, hasVideo: false, ...extra };
}

interface IosRow {
  name: string;
  actual: [string, CallKitCall][];
  desired: [string, CallKitCall][];
  endReasons?: [string, CallKitEndReason][];
  commands: string[];
}

function iosDiff(row: IosRow) {
  return checkDiff(
    IOS,
    { ios: idRecord(row.actual) },
    { ios: idRecord(row.desired) },
    new Map(row.endReasons ?? []),
  );
}

describe('reconcileIos: the CallKit transactions', () => {
  it.each<IosRow>([
    { name: 'nothing held, nothing wanted: nothing', actual: [], desired: [], commands: [] },
    {
      name: 'I4, I5 a new call: start, then connecting at once',
      actual: [],
      desired: [['c1', entry('U1', 'connecting')]],
      commands: ['callkit.start c1 U1', 'callkit.connecting c1'],
    },
    {
      name: 'I5 a new call already joined, muted and held: start, connecting, connected, mute, hold',
      actual: [],
      desired: [['c1', entry('U1', 'connected', { muted: true, held: true })]],
      commands: [
        'callkit.start c1 U1',
        'callkit.connecting c1',
        'callkit.connected c1',
        'callkit.mute c1 on',
        'callkit.hold c1 on',
      ],
    },
    {
      name: 'I5 connecting → connected',
      actual: [['c1', entry('U1', 'connecting')]],
      desired: [['c1', entry('U1', 'connected')]],
      commands: ['callkit.connected c1'],
    },
    {
      name: 'I6 muted',
      actual: [['c1', entry('U1', 'connected')]],
      desired: [['c1', entry('U1', 'connected', { muted: true })]],
      commands: ['callkit.mute c1 on'],
    },
    {
      name: 'I6 unmuted',
      actual: [['c1', entry('U1', 'connected', { muted: true })]],
      desired: [['c1', entry('U1', 'connected')]],
      commands: ['callkit.mute c1 off'],
    },
    {
      name: 'I9 held, then unheld',
      actual: [['c1', entry('U1', 'connected', { held: true })]],
      desired: [['c1', entry('U1', 'connected')]],
      commands: ['callkit.hold c1 off'],
    },
    {
      name: 'I5 a call no longer wanted: ended, locally by default',
      actual: [['c1', entry('U1', 'connected')]],
      desired: [],
      commands: ['callkit.end c1 U1 local'],
    },
    {
      name: 'I5 a call the other side ended: ended with that reason',
      actual: [['c1', entry('U1', 'connected')]],
      desired: [],
      endReasons: [['c1', 'remote']],
      commands: ['callkit.end c1 U1 remote'],
    },
    {
      name: 'I8 the call is known to CallKit under another UUID: that one ends, this one starts',
      actual: [['c1', entry('U-old', 'connected')]],
      desired: [['c1', entry('U1', 'connected')]],
      commands: [
        'callkit.end c1 U-old local',
        'callkit.start c1 U1',
        'callkit.connecting c1',
        'callkit.connected c1',
      ],
    },
    {
      name: 'ends come before starts: one call leaves, another joins',
      actual: [['c1', entry('U1', 'connected')]],
      desired: [['c2', entry('U2', 'connecting')]],
      commands: ['callkit.end c1 U1 local', 'callkit.start c2 U2', 'callkit.connecting c2'],
    },
    {
      name: 'call ids such as __proto__ and constructor are ids like any other',
      actual: [['constructor', entry('U1', 'connected')]],
      desired: [['__proto__', entry('U2', 'connecting')]],
      commands: [
        'callkit.end constructor U1 local',
        'callkit.start __proto__ U2',
        'callkit.connecting __proto__',
      ],
    },
  ])('$name', (row) => {
    const diff = iosDiff(row);
    expect(diff.commands).toEqual(row.commands);
    diff.converged();
    diff.idempotent();
  });

  it('I5 never a step back: CallKit has it connected, connecting is wanted: nothing (CallKit cannot un-connect)', () => {
    const diff = iosDiff({
      name: '',
      actual: [['c1', entry('U1', 'connected')]],
      desired: [['c1', entry('U1', 'connecting')]],
      commands: [],
    });
    expect(diff.commands).toEqual([]);
    diff.idempotent();
  });

  // Once started, what the system UI shows of a call (video, the caller's name) changes only through an
  // update: the start and the connected report carry it, nothing else did, so a call whose video turned on
  // stayed an "audio call" and a name that arrived late never replaced the call id on the lock screen.
  it.each<IosRow>([
    {
      name: 'video turned on in a connected call: CallKit is told',
      actual: [['c1', entry('U1', 'connected')]],
      desired: [['c1', entry('U1', 'connected', { hasVideo: true })]],
      commands: ['callkit.update c1 video c1'],
    },
    {
      name: 'video turned off again: CallKit is told',
      actual: [['c1', entry('U1', 'connected', { hasVideo: true })]],
      desired: [['c1', entry('U1', 'connected')]],
      commands: ['callkit.update c1 audio c1'],
    },
    {
      name: 'the display name arrived after the call connected: CallKit names the call by it',
      actual: [['c1', entry('U1', 'connected')]],
      desired: [['c1', entry('U1', 'connected', { displayName: 'Ada' })]],
      commands: ['callkit.update c1 audio Ada'],
    },
    {
      name: 'video on while still connecting: an update, the call stays connecting',
      actual: [['c1', entry('U1', 'connecting')]],
      desired: [['c1', entry('U1', 'connecting', { hasVideo: true })]],
      commands: ['callkit.update c1 video c1'],
    },
    {
      name: 'video and the name change as the call connects: the connected report carries them, no update',
      actual: [['c1', entry('U1', 'connecting')]],
      desired: [['c1', entry('U1', 'connected', { hasVideo: true, displayName: 'Ada' })]],
      commands: ['callkit.connected c1'],
    },
    {
      name: 'muted with video on: the mute and the update, each once',
      actual: [['c1', entry('U1', 'connected')]],
      desired: [['c1', entry('U1', 'connected', { hasVideo: true, muted: true })]],
      commands: ['callkit.update c1 video c1', 'callkit.mute c1 on'],
    },
  ])('$name', (row) => {
    const diff = iosDiff(row);
    expect(diff.commands).toEqual(row.commands);
    diff.converged();
    diff.idempotent();
  });

  it('an update carries video, the name and the handle the start would give (callKitHandle)', () => {
    const [update] = reconcileIos(
      { ios: idRecord([['c1', entry('U1', 'connected')]]) },
      { ios: idRecord([['c1', entry('U1', 'connected', { hasVideo: true, displayName: 'Ada' })]]) },
      new Map(),
    );
    expect(update).toEqual({
      kind: 'callkit.update',
      callId: 'c1',
      uuid: 'U1',
      hasVideo: true,
      displayName: 'Ada',
      handle: { type: 'generic', value: 'Ada' },
    });
  });

  it('a start carries the handle, the audio session and the capabilities (callKitStart)', () => {
    const [start] = reconcileIos(
      { ios: idRecord() },
      { ios: idRecord([['c1', entry('U1', 'connecting', { hasVideo: true, displayName: 'Ada' })]]) },
      new Map(),
    );
    expect(start).toEqual({
      kind: 'callkit.start',
      callId: 'c1',
      uuid: 'U1',
      hasVideo: true,
      displayName: 'Ada',
      handle: { type: 'generic', value: 'Ada' },
      audio: { category: 'playAndRecord', mode: 'videoChat', allowBluetooth: true },
      capabilities: CALLKIT_CAPABILITIES,
    });
  });
});

interface ProviderRow extends IosRow {
  /** The settings CallKit's provider has (actual) and should have (desired); none: never configured. */
  has?: CallKitProvider;
  wants?: CallKitProvider;
}

// What the policy decides (tables in ios.test.ts) is when the settings may change; the diff sends them
// when they differ, before any start, so CallKit shows a new call with them.
describe("reconcileIos: CallKit's provider settings", () => {
  it.each<ProviderRow>([
    {
      name: 'configure first: never configured, a call to start: the settings, then the start',
      actual: [],
      desired: [['c1', entry('U1', 'connecting')]],
      wants: callKitSettings('Meet'),
      commands: ['callkit.configure Meet', 'callkit.start c1 U1', 'callkit.connecting c1'],
    },
    {
      name: 'configured so already: the start alone',
      actual: [],
      desired: [['c1', entry('U1', 'connecting')]],
      has: callKitSettings('Meet'),
      wants: callKitSettings('Meet'),
      commands: ['callkit.start c1 U1', 'callkit.connecting c1'],
    },
    {
      name: 'a config change while a call is live (the policy keeps what CallKit has): nothing is sent',
      actual: [['c1', entry('U1', 'connected')]],
      desired: [['c1', entry('U1', 'connected')]],
      has: callKitSettings('Meet'),
      wants: callKitSettings('Meet'),
      commands: [],
    },
    {
      name: 'after the call ended, the new settings go out before the next call starts',
      actual: [],
      desired: [['c2', entry('U2', 'connecting')]],
      has: callKitSettings('Meet'),
      wants: callKitSettings('Renamed'),
      commands: ['callkit.configure Renamed', 'callkit.start c2 U2', 'callkit.connecting c2'],
    },
    {
      name: 'settings that differ in one field only (video): sent',
      actual: [],
      desired: [],
      has: callKitSettings('Meet'),
      wants: { ...callKitSettings('Meet'), supportsVideo: false },
      commands: ['callkit.configure Meet'],
    },
    {
      name: 'no settings wanted (nothing to start, never configured): nothing',
      actual: [],
      desired: [],
      commands: [],
    },
  ])('$name', (row) => {
    const keeper = (calls: [string, CallKitCall][], provider?: CallKitProvider): Keeper =>
      provider ? { ios: idRecord(calls), iosProvider: provider } : { ios: idRecord(calls) };
    const diff = checkDiff(IOS, keeper(row.actual, row.has), keeper(row.desired, row.wants));
    expect(diff.commands).toEqual(row.commands);
    diff.converged();
    diff.idempotent();
  });

  it('a configure carries every setting the policy chose, as they are', () => {
    const wants = { ...callKitSettings('Meet'), iconTemplateImageName: 'Icon' };
    expect(reconcileIos({ ios: idRecord() }, { ios: idRecord(), iosProvider: wants }, new Map())).toEqual([
      { kind: 'callkit.configure', provider: wants },
    ]);
  });
});

// -------------------------------------------------------------------------------------------------- web

const SESSION: MediaSessionSpec = {
  callId: 'c1',
  title: 'Call in progress',
  artist: 'Call in progress',
  actions: ['hangup', 'togglemicrophone', 'togglecamera'],
  microphoneActive: true,
  cameraActive: false,
};
const NOTIFICATION: WebNotificationSpec = {
  callId: 'c1',
  tag: 'keepcall-ongoing-call',
  title: 'Call in progress',
  body: 'Your call continues in the background',
  actions: [
    { action: 'return', title: 'Return to call' },
    { action: 'hangup', title: 'Hang up' },
  ],
};

function page(parts: Partial<WebKeeper> = {}): WebKeeper {
  return { ...EMPTY_WEB, ...parts };
}

describe('reconcileWeb: one command per part that differs', () => {
  it.each<{ name: string; actual: Keeper['web']; desired: Keeper['web']; commands: string[] }>([
    { name: 'nothing exposed, nothing wanted: nothing', actual: page(), desired: page(), commands: [] },
    {
      name: 'never reported (undefined) is nothing exposed',
      actual: undefined,
      desired: page(),
      commands: [],
    },
    {
      name: 'W3 a session wanted: web.session',
      actual: page(),
      desired: page({ session: SESSION }),
      commands: ['web.session c1'],
    },
    {
      name: 'W3 the session changed (muted): web.session again',
      actual: page({ session: SESSION }),
      desired: page({ session: { ...SESSION, microphoneActive: false } }),
      commands: ['web.session c1'],
    },
    {
      name: 'the session no longer wanted: cleared',
      actual: page({ session: SESSION }),
      desired: page(),
      commands: ['web.session none'],
    },
    {
      name: 'W5 the page hidden: web.notification',
      actual: page({ session: SESSION }),
      desired: page({ session: SESSION, notification: NOTIFICATION }),
      commands: ['web.notification c1'],
    },
    {
      name: 'W5 the page visible again: the notification closed',
      actual: page({ session: SESSION, notification: NOTIFICATION }),
      desired: page({ session: SESSION }),
      commands: ['web.notification none'],
    },
    {
      name: 'W4 a wake lock wanted: web.wakeLock on',
      actual: page({ session: SESSION }),
      desired: page({ session: SESSION, wakeLock: true }),
      commands: ['web.wakeLock on'],
    },
    {
      name: 'all three differ: session, notification, wake lock, in that order',
      actual: page({ session: SESSION, notification: NOTIFICATION, wakeLock: true }),
      desired: page(),
      commands: ['web.session none', 'web.notification none', 'web.wakeLock off'],
    },
  ])('$name', (row) => {
    const diff = checkDiff(WEB, { web: row.actual }, { web: row.desired });
    expect(diff.commands).toEqual(row.commands);
    diff.converged();
    diff.idempotent();
  });

  it('a keeper without a web part asks nothing of the page', () => {
    expect(reconcileWeb({ web: page({ session: SESSION }) }, {}, new Map())).toEqual([]);
  });
});

// ------------------------------------------------------------------------------------------- properties

const types = fc.subarray<FgsType>(['mediaPlayback', 'microphone', 'camera', 'phoneCall']);
const androidPart = fc.option(
  fc.record({ types, muted: fc.boolean(), person: fc.constantFrom('Ada', 'Bo') }).map(
    ({ types, muted, person }): AndroidKeeper => ({
      notification: { ...SHOWN_BEFORE, muted, person },
      types,
    }),
  ),
  { nil: null },
);
const callKitCall = fc.record(
  {
    uuid: fc.constantFrom('U1', 'U2'),
    phase: fc.constantFrom<CallKitCall['phase']>('connecting', 'connected'),
    muted: fc.boolean(),
    held: fc.boolean(),
    hasVideo: fc.boolean(),
    displayName: fc.constantFrom('Ada', 'Bo'),
  },
  { requiredKeys: ['uuid', 'phase', 'muted', 'held', 'hasVideo'] },
);
const iosPart = fc
  .dictionary(fc.constantFrom('c1', 'c2', '__proto__', 'constructor'), callKitCall, { maxKeys: 3 })
  .map((record) => idRecord(Object.entries(record)));
const webPart = fc.record({
  session: fc.option(fc.constant(SESSION), { nil: null }),
  notification: fc.option(fc.constant(NOTIFICATION), { nil: null }),
  wakeLock: fc.boolean(),
  unloadGuard: fc.boolean(),
});

describe('the laws over generated keepers', () => {
  it('Android: any actual × desired converges in one command, and a second diff asks nothing', () => {
    fc.assert(
      fc.property(androidPart, androidPart, (actual, desired) => {
        const diff = checkDiff(ANDROID, { android: actual }, { android: desired });
        expect(diff.commands.length).toBeLessThanOrEqual(1);
        diff.converged();
        diff.idempotent();
      }),
    );
  });

  it('iOS: any actual × desired, a second diff asks nothing; the calls, uuids, mute, hold, video, name and connection converge', () => {
    fc.assert(
      fc.property(iosPart, iosPart, (actual, desired) => {
        const diff = checkDiff(IOS, { ios: actual }, { ios: desired });
        diff.idempotent();
        // Everything but a step back: connected never returns to connecting (I5).
        const after = diff.after.ios ?? {};
        expect(Object.keys(after).sort()).toEqual(Object.keys(desired).sort());
        for (const [id, want] of Object.entries(desired)) {
          const got = after[id];
          expect({ ...got, phase: want.phase }).toEqual(want);
          if (want.phase === 'connected') expect(got?.phase).toBe('connected');
        }
      }),
    );
  });

  it('web: any actual × desired converges, and a second diff asks nothing', () => {
    fc.assert(
      fc.property(webPart, webPart, (actual, desired) => {
        const diff = checkDiff(WEB, { web: actual }, { web: desired });
        diff.converged();
        diff.idempotent();
      }),
    );
  });
});

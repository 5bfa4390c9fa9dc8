// desiredIos as a table: the model's facts and what CallKit holds in, the CallKit calls it wants (by call
// id), the provider settings it should have and the notes out; then what a `callkit.start` and the provider
// carry (callKitStart, callKitProvider).
// Unless a row says otherwise: enableOngoingCalls on, CallKit holds nothing, one joined audio call `c1`
// known to CallKit as `U-c1` (see ../policy-tables.ts).
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/core/config';
import { callKitProvider, callKitStart } from '../../../src/core/ios/policy';
import type { CallKitCall, CallKitProvider } from '../../../src/core/types';
import {
  CALLKIT_CAPABILITIES,
  call,
  callKitSettings,
  decideIos,
  type IosFacts,
  NOW,
  type NoteRow,
  notesLike,
} from '../policy-tables';

/** A CallKit call as the policy states it: not muted, not held, no video unless said. */
function callKit(uuid: string, phase: CallKitCall['phase'], extra: Partial<CallKitCall> = {}): CallKitCall {
  return { uuid, phase, muted: false, held: false, hasVideo: false, ...extra };
}

interface Row extends IosFacts {
  name: string;
  /** What CallKit should hold, by call id. */
  want: Record<string, CallKitCall>;
  notes?: NoteRow[];
}

const OFF: NoteRow = ['unsupported', 'enableOngoingCalls is off: calls are not reported to CallKit'];

describe('desiredIos: which calls CallKit holds, in which phase (I3–I10)', () => {
  it.each<Row>([
    { name: 'I5 no call: CallKit holds nothing', calls: [], want: {} },
    {
      name: 'I4 a call still joining is started in CallKit, connecting, so CallKit activates the audio first',
      calls: [call('c1', { phase: 'joining' })],
      want: { c1: callKit('U-c1', 'connecting') },
    },
    { name: 'I5 a joined call is connected', want: { c1: callKit('U-c1', 'connected') } },
    {
      name: 'I5 a reconnecting call stays connected',
      calls: [call('c1', { phase: 'reconnecting' })],
      want: { c1: callKit('U-c1', 'connected') },
    },
    {
      name: 'I5 never a step back: CallKit reports it connected, the call joins again, it stays connected',
      calls: [call('c1', { phase: 'joining' })],
      device: { c1: callKit('U-c1', 'connected') },
      want: { c1: callKit('U-c1', 'connected') },
    },
    {
      name: 'I6 mute follows the call',
      calls: [call('c1', { media: { muted: true } })],
      want: { c1: callKit('U-c1', 'connected', { muted: true }) },
    },
    {
      name: 'I6 CallKit unmuted it but the call is muted: the call wins',
      calls: [call('c1', { media: { muted: true } })],
      device: { c1: callKit('U-c1', 'connected') },
      want: { c1: callKit('U-c1', 'connected', { muted: true }) },
    },
    {
      name: 'I5 video and the display name follow the call',
      calls: [call('c1', { media: { video: true }, displayName: 'Ada' })],
      want: { c1: callKit('U-c1', 'connected', { hasVideo: true, displayName: 'Ada' }) },
    },
    {
      name: 'I3 an empty display name is left out, like a missing one: CallKit names the call by its id',
      calls: [call('c1', { displayName: '' })],
      want: { c1: callKit('U-c1', 'connected') },
    },
    {
      name: 'I3 a blank display name (spaces) is left out too',
      calls: [call('c1', { displayName: '   ' })],
      want: { c1: callKit('U-c1', 'connected') },
    },
    {
      name: 'I9 the system held the call (phase held): held',
      calls: [call('c1', { phase: 'held' })],
      want: { c1: callKit('U-c1', 'connected', { held: true }) },
    },
    {
      name: 'I6, I9 CallKit holds it held (adopted after a reload): it stays held until the system says',
      device: { c1: callKit('U-c1', 'connected', { held: true }) },
      want: { c1: callKit('U-c1', 'connected', { held: true }) },
    },
    {
      name: 'I8 CallKit holds it held under another UUID: that is another CallKit call, this one is not held',
      device: { c1: callKit('U-old', 'connected', { held: true }) },
      want: { c1: callKit('U-c1', 'connected') },
    },
    {
      name: 'I8 the UUID comes from what iOS remembers (call id → UUID)',
      uuids: [['c1', 'F00D']],
      want: { c1: callKit('F00D', 'connected') },
    },
    {
      name: 'I8 a call without a UUID yet is not reported',
      uuids: [],
      want: {},
    },
    {
      name: 'I8 two calls: both reported, each by its UUID, each in its own phase',
      calls: [call('c1'), call('c2', { phase: 'joining', order: 2 })],
      want: { c1: callKit('U-c1', 'connected'), c2: callKit('U-c2', 'connecting') },
    },
    {
      name: 'I10 enableOngoingCalls off: nothing reported to CallKit, said why',
      enableOngoingCalls: false,
      want: {},
      notes: [OFF],
    },
    {
      name: 'I10 enableOngoingCalls off and no call: nothing to say',
      enableOngoingCalls: false,
      calls: [],
      want: {},
    },
    {
      name: 'I10 enableOngoingCalls off: a call CallKit already holds is ended',
      enableOngoingCalls: false,
      device: { c1: callKit('U-c1', 'connected') },
      want: {},
      notes: [OFF],
    },
  ])('$name', check);
});

describe('desiredIos: after a JavaScript reload (adopt grace, I8)', () => {
  it.each<Row>([
    {
      name: 'I8 adopt grace: a call CallKit holds waits, untouched, for the app to track it again',
      calls: [],
      adoptUntil: NOW + 1,
      device: { c1: callKit('U-c1', 'connected', { muted: true, held: true }) },
      want: { c1: callKit('U-c1', 'connected', { muted: true, held: true }) },
    },
    {
      name: 'I8, I10 adopt grace, enableOngoingCalls not set yet: adopted calls still wait (setPushConfig comes later)',
      calls: [],
      enableOngoingCalls: false,
      adoptUntil: NOW + 1,
      device: { c1: callKit('U-c1', 'connected') },
      want: { c1: callKit('U-c1', 'connected') },
    },
    {
      name: 'I8 adopt grace: a call that ended since is not kept',
      calls: [],
      adoptUntil: NOW + 1,
      device: { c1: callKit('U-c1', 'connected') },
      ended: [['c1', 'remote']],
      want: {},
    },
    {
      name: 'I8 adopt grace over: an untracked CallKit call is ended',
      calls: [],
      adoptUntil: NOW,
      device: { c1: callKit('U-c1', 'connected') },
      want: {},
    },
    {
      name: 'I8 adopt grace: a tracked call replaces what CallKit held for it',
      adoptUntil: NOW + 1,
      calls: [call('c1', { media: { muted: true } })],
      device: { c1: callKit('U-c1', 'connecting') },
      want: { c1: callKit('U-c1', 'connected', { muted: true }) },
    },
  ])('$name', check);
});

function check(row: Row): void {
  const { keeper, notes } = decideIos(row);
  expect({ ...keeper }).toEqual(row.want);
  expect(notes).toEqual(notesLike(row.notes ?? []));
}

interface ProviderRow extends IosFacts {
  name: string;
  /** The settings CallKit's provider should have; none: never configured, nothing to configure yet. */
  want: CallKitProvider | undefined;
}

// A call holds the audio session from its start: reconfiguring CallKit then is what issue 16 forbids.
describe("desiredIos: CallKit's provider settings, set before a call starts, never while one is live", () => {
  it.each<ProviderRow>([
    {
      name: 'configure first: never configured, a call to start: the settings come from the config',
      calls: [call('c1', { phase: 'joining' })],
      config: { ios: { appName: 'Meet' } },
      want: callKitSettings('Meet'),
    },
    {
      name: 'configured as the config says: the same settings (nothing to send)',
      calls: [call('c1', { phase: 'joining' })],
      config: { ios: { appName: 'Meet' } },
      configured: callKitSettings('Meet'),
      want: callKitSettings('Meet'),
    },
    {
      name: 'the config changed while CallKit holds a call: the settings it has stay',
      device: { c1: callKit('U-c1', 'connected') },
      config: { ios: { appName: 'Renamed' } },
      configured: callKitSettings('Meet'),
      want: callKitSettings('Meet'),
    },
    {
      name: 'the config changed, a second call starts while the first is live: the settings still wait',
      calls: [call('c1'), call('c2', { phase: 'joining', order: 2 })],
      device: { c1: callKit('U-c1', 'connected') },
      config: { ios: { appName: 'Renamed' } },
      configured: callKitSettings('Meet'),
      want: callKitSettings('Meet'),
    },
    {
      name: 'the call ended (CallKit holds none): the next call starts under the new settings',
      calls: [call('c2', { phase: 'joining' })],
      config: { ios: { appName: 'Renamed' } },
      configured: callKitSettings('Meet'),
      want: callKitSettings('Renamed'),
    },
    {
      name: 'no call to start: nothing is configured yet',
      calls: [],
      config: { ios: { appName: 'Meet' } },
      want: undefined,
    },
    {
      name: 'no call to start: the settings CallKit has stay until one starts',
      calls: [],
      config: { ios: { appName: 'Renamed' } },
      configured: callKitSettings('Meet'),
      want: callKitSettings('Meet'),
    },
    {
      name: 'I8 after a reload, a call CallKit holds waits for tracking: its settings stay',
      calls: [],
      adoptUntil: NOW + 1,
      device: { c1: callKit('U-c1', 'connected') },
      config: { ios: { appName: 'Renamed' } },
      configured: callKitSettings('Meet'),
      want: callKitSettings('Meet'),
    },
    {
      name: 'I10 enableOngoingCalls off: no call goes to CallKit, so nothing is configured',
      enableOngoingCalls: false,
      config: { ios: { appName: 'Meet' } },
      want: undefined,
    },
  ])('$name', (row) => {
    expect(decideIos(row).provider).toEqual(row.want);
  });
});

describe('callKitStart: what CallKit is told when a call starts (I3, I9)', () => {
  it.each<{ name: string; entry: CallKitCall; handle: string; mode: 'voiceChat' | 'videoChat' }>([
    {
      name: 'I3 an audio call: playAndRecord, voiceChat, Bluetooth hands-free; named by its call id',
      entry: callKit('U', 'connecting'),
      handle: 'c1',
      mode: 'voiceChat',
    },
    {
      name: 'I3 a video call: videoChat; named by its display name',
      entry: callKit('U', 'connecting', { hasVideo: true, displayName: 'Ada' }),
      handle: 'Ada',
      mode: 'videoChat',
    },
    {
      name: 'I3 a call with an empty display name, as the policy states it: named by its call id (as A14, W3)',
      entry: decideIos({ calls: [call('c1', { displayName: '' })] }).keeper.c1 as CallKitCall,
      handle: 'c1',
      mode: 'voiceChat',
    },
  ])('$name', ({ entry, handle, mode }) => {
    expect(callKitStart('c1', entry)).toEqual({
      handle: { type: 'generic', value: handle },
      audio: { category: 'playAndRecord', mode, allowBluetooth: true },
      // I9: the system may hold the call; merging and DTMF are the SDK's business, not offered.
      capabilities: CALLKIT_CAPABILITIES,
    });
  });
});

describe('callKitProvider: how CallKit shows the app', () => {
  it.each([
    {
      name: 'provider: defaults, the app name, video, not in Recents, two groups of one call, generic handles',
      ios: DEFAULT_CONFIG.ios,
      want: {
        appName: '',
        supportsVideo: true,
        includesCallsInRecents: false,
        maximumCallGroups: 2,
        maximumCallsPerCallGroup: 1,
        handleType: 'generic',
      },
    },
    {
      name: 'provider: settings pass through; an icon only when set',
      ios: {
        appName: 'Meet',
        supportsVideo: false,
        includesCallsInRecents: true,
        iconTemplateImageName: 'Icon',
      },
      want: {
        appName: 'Meet',
        supportsVideo: false,
        includesCallsInRecents: true,
        iconTemplateImageName: 'Icon',
        maximumCallGroups: 2,
        maximumCallsPerCallGroup: 1,
        handleType: 'generic',
      },
    },
  ])('$name', ({ ios, want }) => {
    expect(callKitProvider(ios)).toEqual(want);
  });
});

// The iOS model runs CallKit as iOS would: I1–I10.
import { describe, expect, it } from 'vitest';
import type { Command, PortEvent } from '../../../src/core/types';
import { createIosDevice, type IosDeviceOptions } from '../../../src/testing';
import { callKitConfigure, callKitStart, outcome } from '../helpers';

function device(options: IosDeviceOptions = {}) {
  const d = createIosDevice({ backgroundModes: ['audio', 'voip'], ...options });
  const events: PortEvent[] = [];
  d.subscribe((event) => events.push(event));
  return { d, events };
}
const UUID = 'A0000000-0000-4000-8000-000000000001';
const startCall = (callId = 'c1', uuid = UUID): Command => callKitStart(callId, uuid);

describe('I1–I3: what keeps the app running in the background', () => {
  it('I1: nothing keeps it: running for a few seconds, then suspended', () => {
    const { d } = device({ backgroundModes: [] });
    d.setApp('background');
    expect(d.observe().processAlive).toBe(true);
    d.advance(5000);
    expect(d.observe().processAlive).toBe(false);
  });

  it('I2/I3: the audio mode plus the CallKit-activated session keeps it running; voip alone does not', async () => {
    const audio = device({ backgroundModes: ['audio'] });
    await audio.d.run(startCall());
    audio.d.setApp('background');
    audio.d.advance(60_000);
    expect(audio.d.observe().processAlive).toBe(true);

    const voip = device({ backgroundModes: ['voip'] });
    await voip.d.run(startCall());
    voip.d.setApp('background');
    voip.d.advance(60_000);
    expect(voip.d.observe().processAlive).toBe(false);
  });

  it('I3: a held call may be suspended: unknown', async () => {
    const { d } = device();
    await d.run(startCall());
    d.setApp('background');
    d.systemHold('c1', true);
    d.advance(60_000);
    expect(d.observe().processAlive).toBe('unknown');
  });
});

describe('I4: CallKit owns the audio session', () => {
  it('starting the call activates the session and reports it', async () => {
    const { d, events } = device();
    await d.run(startCall());
    expect(events).toEqual([{ type: 'audio.activated' }]);
    expect(d.observe().audioSessionActive).toBe(true);
  });

  it('WebRTC audio started before the CallKit call is replaced: no audio; started after: audio', async () => {
    const late = device();
    late.d.startMedia();
    await late.d.run(startCall());
    expect(late.d.observe().audioPlays).toBe(false);

    const early = device();
    await early.d.run(startCall());
    early.d.startMedia();
    expect(early.d.observe().audioPlays).toBe(true);
  });
});

describe('I5: start → connecting → connected → end', () => {
  it('follows the phases and deactivates the session at the end', async () => {
    const { d, events } = device();
    await d.run(startCall());
    await d.run({ kind: 'callkit.connected', callId: 'c1', uuid: UUID, hasVideo: true, displayName: 'Bob' });
    expect(d.observe().calls.c1).toMatchObject({
      uuid: UUID,
      phase: 'connected',
      hasVideo: true,
      displayName: 'Bob',
    });
    await d.run({ kind: 'callkit.end', callId: 'c1', uuid: UUID, reason: 'local' });
    expect(d.observe().calls).toEqual({});
    expect(events.at(-1)).toEqual({ type: 'audio.deactivated' });
  });
});

describe('reportCall(with:updated:): what the system UI shows of a live call', () => {
  const update = (extra: { displayName?: string; value: string; hasVideo: boolean }): Command => {
    const { value, ...rest } = extra;
    return { kind: 'callkit.update', callId: 'c1', uuid: UUID, ...rest, handle: { type: 'generic', value } };
  };

  it('an update turns video on and names the caller; the snapshot says what was sent', async () => {
    const { d } = device();
    await d.run(startCall());
    await d.run({ kind: 'callkit.connected', callId: 'c1', uuid: UUID, hasVideo: false });
    expect(d.observe().screen.c1).toEqual({ caller: 'c1', video: false });
    await d.run(update({ hasVideo: true, displayName: 'Ada', value: 'Ada' }));
    expect(d.observe().screen.c1).toEqual({ caller: 'Ada', video: true });
    expect(d.observe().reports.c1).toMatchObject({ handle: { value: 'Ada' }, localizedCallerName: 'Ada' });
    expect((await d.snapshot()).ios?.c1).toMatchObject({
      phase: 'connected',
      hasVideo: true,
      displayName: 'Ada',
    });
  });

  it('CallKit keeps a name already shown when an update carries none (its unset properties are unchanged)', async () => {
    const { d } = device();
    await d.run(startCall());
    await d.run(update({ hasVideo: false, displayName: 'Ada', value: 'Ada' }));
    await d.run(update({ hasVideo: false, value: 'c1' }));
    expect(d.observe().screen.c1?.caller).toBe('Ada');
    expect(d.observe().calls.c1?.displayName).toBeUndefined();
  });

  it('I8: an update of a call CallKit does not hold fails', async () => {
    const { d } = device();
    await expect(d.run(update({ hasVideo: true, value: 'c1' }))).rejects.toMatchObject({
      code: 'callkit-transaction-failed',
    });
  });
});

describe('I6/I9: actions from the system UI', () => {
  it('end, mute and hold are reported with source callkit; the session follows hold (I9)', async () => {
    const { d, events } = device();
    await d.run(startCall());
    d.systemMute('c1', true);
    d.systemHold('c1', true);
    d.systemHold('c1', false);
    d.systemEnd('c1');
    expect(events).toEqual([
      { type: 'audio.activated' },
      { type: 'mute', callId: 'c1', muted: true, source: 'callkit' },
      { type: 'hold', callId: 'c1', held: true, source: 'callkit' },
      { type: 'audio.deactivated' },
      { type: 'hold', callId: 'c1', held: false, source: 'callkit' },
      { type: 'audio.activated' },
      { type: 'callkit.ended', callId: 'c1', reason: 'local' },
      { type: 'audio.deactivated' },
    ]);
  });
});

describe('I7: every VoIP push must be reported to CallKit', () => {
  it('an unreported push kills the app; a reported one shows a call; without voip mode none arrives', () => {
    const bad = device();
    bad.d.deliverVoipPush(false);
    expect(bad.d.observe()).toMatchObject({ processAlive: false, crashed: { rule: 'I7' } });

    const good = device();
    good.d.deliverVoipPush(true, 'incoming');
    expect(good.d.observe().crashed).toBeNull();
    expect(Object.keys(good.d.observe().calls)).toEqual(['incoming']);

    const none = device({ backgroundModes: ['audio'] });
    none.d.deliverVoipPush(false);
    expect(none.d.observe().crashed).toBeNull();
  });
});

describe('I8: actions on a UUID CallKit no longer has fail', () => {
  it('ending a call the system already ended rejects with unknownCallUUID', async () => {
    const { d } = device();
    await d.run(startCall());
    d.systemEnd('c1');
    const error = await d
      .run({ kind: 'callkit.end', callId: 'c1', uuid: UUID, reason: 'local' })
      .catch((e) => e);
    expect(error).toMatchObject({ code: 'callkit-transaction-failed' });
    expect(String(error.message)).toContain('unknownCallUUID');
    expect(await outcome(d.run({ kind: 'callkit.mute', callId: 'c1', uuid: UUID, muted: true }))).toBe(
      'callkit-transaction-failed',
    );
  });

  it('the UUID map survives a JavaScript reload', async () => {
    const { d, events } = device();
    await d.run(startCall());
    d.reloadJs();
    d.systemMute('c1', true);
    expect(events).toHaveLength(1);
    expect(await d.snapshot()).toEqual({
      ios: { c1: { uuid: UUID, phase: 'connecting', muted: true, held: false, hasVideo: false } },
    });
  });
});

describe('I10: CallKit may be unavailable (China)', () => {
  it('CallKit commands reject as unsupported; the audio mode still keeps a call with its own session alive', async () => {
    const { d } = device({ callKitAvailable: false, backgroundModes: ['audio'] });
    expect(await outcome(d.run(startCall()))).toBe('unsupported');
    d.startMedia();
    d.setApp('background');
    d.advance(60_000);
    expect(d.observe()).toMatchObject({ processAlive: true, audioPlays: true, calls: {} });
  });

  it('service and web commands are unsupported on iOS', async () => {
    const { d } = device();
    expect(await outcome(d.run({ kind: 'service.stop' }))).toBe('unsupported');
    expect(await outcome(d.run({ kind: 'web.session', session: null }))).toBe('unsupported');
  });
});

describe('options', () => {
  it('names a bad or misspelt option and what is allowed', () => {
    expect(() => createIosDevice({ backgroundModes: ['voip', 'fetch' as never] })).toThrow(
      /backgroundModes\[1\]: got "fetch", allowed: audio, voip/,
    );
    expect(() => createIosDevice({ callKitAvailable: 0 as never })).toThrow(
      /callKitAvailable: got 0, allowed: true or false/,
    );
    expect(() => createIosDevice({ backgroundMode: ['audio'] } as never)).toThrow(
      /backgroundMode: not an option, allowed: backgroundModes, callKitAvailable, app, clock/,
    );
  });
});

describe('I4: who owns WebRTC audio (issue 16)', () => {
  it('a CallKit call: manual audio, enabled by each activation; WebRTC gets its own audio back after the last call', async () => {
    const { d } = device();
    expect(d.observe()).toMatchObject({ audioOwner: 'webrtc', audioPlays: false });
    await d.run(startCall());
    d.startMedia();
    expect(d.observe()).toMatchObject({ audioOwner: 'callkit', rtcAudioEnabled: true, audioPlays: true });

    // Held: CallKit deactivates the session and WebRTC's audio unit stops until the unhold (I9).
    d.systemHold('c1', true);
    expect(d.observe()).toMatchObject({ audioOwner: 'callkit', rtcAudioEnabled: false, audioPlays: false });
    d.systemHold('c1', false);
    expect(d.observe()).toMatchObject({ rtcAudioEnabled: true, audioPlays: true });

    await d.run({ kind: 'callkit.end', callId: 'c1', uuid: UUID, reason: 'local' });
    d.stopMedia();
    expect(d.observe().audioOwner).toBe('webrtc');
    // The next call goes without CallKit (enableOngoingCalls turned off): WebRTC's own audio plays.
    d.startMedia();
    expect(d.observe()).toMatchObject({ audioOwner: 'webrtc', audioSessionActive: false, audioPlays: true });
  });

  it('manual audio is taken only when CallKit performs the start: a refused start leaves WebRTC its audio', async () => {
    const { d } = device({ callKitAvailable: false });
    expect(await outcome(d.run(startCall()))).toBe('unsupported');
    d.startMedia();
    expect(d.observe()).toMatchObject({ audioOwner: 'webrtc', audioPlays: true });

    const twice = device();
    await twice.d.run(startCall());
    expect(await outcome(twice.d.run(startCall()))).toBe('callkit-transaction-failed');
    twice.d.startMedia();
    expect(twice.d.observe()).toMatchObject({ audioOwner: 'callkit', audioPlays: true });
  });

  it('providerDidReset ends every call (failed) and gives WebRTC its own audio back', async () => {
    const { d, events } = device();
    await d.run(startCall());
    await d.run(startCall('c2', 'A0000000-0000-4000-8000-000000000002'));
    d.startMedia();
    d.providerReset();
    expect(events.filter((e) => e.type === 'callkit.ended')).toEqual([
      { type: 'callkit.ended', callId: 'c1', reason: 'failed' },
      { type: 'callkit.ended', callId: 'c2', reason: 'failed' },
    ]);
    expect(d.observe()).toMatchObject({ calls: {}, audioOwner: 'webrtc', audioSessionActive: false });
    // WebRTC's media still runs: in automatic audio it activates its own session and plays again.
    expect(d.observe().audioPlays).toBe(true);
  });

  it('a suspended app plays nothing', async () => {
    const { d } = device({ backgroundModes: [] });
    d.startMedia();
    d.setApp('background');
    d.advance(60_000);
    expect(d.observe()).toMatchObject({ processAlive: false, audioPlays: false });
  });
});

describe('I9: the system holds only a call reported holdable', () => {
  it('a call started without supportsHolding offers only "End & Accept": systemHold throws', async () => {
    const { d } = device();
    await d.run(callKitStart('c1', UUID, { supportsHolding: false }));
    expect(() => d.systemHold('c1', true)).toThrow(/supportsHolding.*End & Accept/);
    expect(d.observe().calls.c1?.held).toBe(false);

    const holdable = device();
    await holdable.d.run(startCall());
    expect(holdable.d.observe().reports.c1).toEqual({
      handle: { type: 'generic', value: 'c1' },
      audio: { category: 'playAndRecord', mode: 'voiceChat', allowBluetooth: true },
      capabilities: {
        supportsHolding: true,
        supportsGrouping: false,
        supportsUngrouping: false,
        supportsDTMF: false,
      },
    });
    holdable.d.systemHold('c1', true);
    expect(holdable.d.observe().calls.c1?.held).toBe(true);
  });
});

describe("CallKit's provider settings (configureCallKit)", () => {
  const settings = callKitConfigure('Meet').provider;
  const reconfiguredLive = (log: { what: string }[]) =>
    log.filter((entry) => entry.what.includes('reconfigured while CallKit holds a call'));

  it('are set and reported by the snapshot, leave the audio alone, and a change under a live call is logged (I4)', async () => {
    const { d } = device();
    expect((await d.snapshot()).iosProvider).toBeUndefined();
    await d.run(callKitConfigure('Meet'));
    expect(d.observe()).toMatchObject({
      provider: settings,
      audioOwner: 'webrtc',
      audioSessionActive: false,
    });
    expect((await d.snapshot()).iosProvider).toEqual(settings);
    expect(reconfiguredLive(d.log)).toEqual([]);

    await d.run(startCall());
    await d.run(callKitConfigure('Renamed'));
    expect(reconfiguredLive(d.log)).toHaveLength(1);
    expect(d.observe()).toMatchObject({ provider: { appName: 'Renamed' }, audioOwner: 'callkit' });
  });

  it('are the app’s own, no transaction: set even where CallKit refuses calls (I10)', async () => {
    const { d } = device({ callKitAvailable: false });
    await d.run(callKitConfigure('Meet'));
    expect(d.observe().provider).toEqual(settings);
  });
});

// The iOS model runs CallKit as iOS would: I1–I10.
import { describe, expect, it } from 'vitest';
import type { Command, PortEvent } from '../../src/core/types';
import { createIosDevice, type IosDeviceOptions } from '../../src/testing';
import { callKitStart, outcome } from './helpers';

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

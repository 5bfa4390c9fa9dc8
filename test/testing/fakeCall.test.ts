// The fake call behaves like a real SDK's call from keepcall's point of view.
import { describe, expect, it } from 'vitest';
import type { CallSignal } from '../../src/core/types';
import { createFakeCall, createVirtualClock } from '../../src/testing';

describe('createFakeCall', () => {
  it('names a bad id or a misspelt option', () => {
    expect(() => createFakeCall('')).toThrow(/id: got "", allowed: a non-empty string/);
    expect(() => createFakeCall('c1', { leaveOnHangUp: false } as never)).toThrow(
      /leaveOnHangUp: not an option, allowed: displayName, leaveOnHangup, echoMute, failHangup/,
    );
  });

  it('delivers signals, records hangups and mutes, and leaves after a hangup', async () => {
    const call = createFakeCall('c1', { displayName: 'Alice' });
    const seen: CallSignal[] = [];
    const off = call.subscribe((signal) => seen.push(signal));
    call.joined(100, { video: true });
    await call.setMuted(true);
    await call.hangup();
    expect(seen).toEqual([
      { type: 'joined', at: 100, media: { audio: true, video: true, muted: false } },
      { type: 'media', media: { audio: true, video: true, muted: true } },
      { type: 'left' },
    ]);
    expect(call.hangups).toBe(1);
    expect(call.muteCalls).toEqual([true]);
    // The media last signalled, as a copy: changing it changes nothing the call holds.
    const media = call.media as { muted: boolean };
    expect(media).toEqual({ audio: true, video: true, muted: true });
    media.muted = false;
    expect(call.media.muted).toBe(true);
    off();
    expect(call.listenerCount).toBe(0);
    expect(call.displayName).toBe('Alice');
  });

  it('can stay silent on hangup or fail it', async () => {
    const quiet = createFakeCall('q', { leaveOnHangup: false, failHangup: new Error('network') });
    const seen: CallSignal[] = [];
    quiet.subscribe((signal) => seen.push(signal));
    await expect(quiet.hangup()).rejects.toThrow('network');
    expect(seen).toEqual([]);
  });
});

describe('createVirtualClock', () => {
  it('fires timers in due order, only when advanced', () => {
    const clock = createVirtualClock(0);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('b'), 20);
    const a = clock.setTimeout(() => fired.push('never'), 5);
    clock.setTimeout(() => fired.push('a'), 10);
    clock.clearTimeout(a);
    clock.advance(15);
    expect(fired).toEqual(['a']);
    expect(clock.now()).toBe(15);
    clock.advance(5);
    expect(fired).toEqual(['a', 'b']);
    expect(() => clock.advance(-1)).toThrow(/ms must be a finite number >= 0, got -1/);
  });
});

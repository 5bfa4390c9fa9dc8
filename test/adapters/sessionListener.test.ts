// The CometChat-style adapter, wired as seed 004 wires its listener: the SDK calls the listener's
// callbacks; the app registers `call.listener` once and tracks `call` instead of calling
// launch()/abort() by hand. There is no JavaScript CometChat calls SDK to install, so the "SDK"
// here is the app-side registration the seed shows, calling the callbacks in the SDK's order.
import { describe, expect, it } from 'vitest';
import { fromSessionStatus, type SessionStatusListener } from '../../src/adapters/sessionListener';
import { KeepCallError } from '../../src/core/errors';
import { record } from './standins';

function session() {
  const listeners: SessionStatusListener[] = [];
  const sdk = {
    mutedWith: [] as boolean[],
    left: 0,
    addSessionStatusListener: (listener: SessionStatusListener) => listeners.push(listener),
    leaveSession: () => {
      sdk.left += 1;
      for (const listener of listeners) listener.onSessionLeft();
    },
    muteAudio: (muted: boolean) => sdk.mutedWith.push(muted),
    emit: (name: keyof SessionStatusListener) => {
      for (const listener of listeners) listener[name]();
    },
  };
  const call = fromSessionStatus({
    id: 'session-9',
    displayName: 'Ada',
    leave: () => sdk.leaveSession(),
    setMuted: (muted) => {
      sdk.muteAudio(muted);
    },
  });
  sdk.addSessionStatusListener(call.listener);
  return { sdk, call, log: record(call) };
}

describe('fromSessionStatus', () => {
  it('rejects missing controls, naming the field and what was given', () => {
    const bad = { id: 'x', leave: () => {} } as unknown as Parameters<typeof fromSessionStatus>[0];
    expect(() => fromSessionStatus(bad)).toThrow(KeepCallError);
    expect(() => fromSessionStatus(bad)).toThrow('options.setMuted must be a function; given undefined');
  });

  it('turns joined, connection lost, restored and left into joined, reconnecting, joined, left', () => {
    const { sdk, call, log } = session();
    expect(call.displayName).toBe('Ada');
    call.joining();
    sdk.emit('onSessionJoined');
    sdk.emit('onConnectionLost');
    sdk.emit('onConnectionRestored');
    sdk.emit('onSessionLeft');
    expect(log.types()).toEqual(['joining', 'joined', 'reconnecting', 'joined', 'left']);
  });

  it('reads a closed connection and a timed-out session as closed, naming why', () => {
    const first = session();
    first.sdk.emit('onSessionJoined');
    first.sdk.emit('onConnectionLost');
    first.sdk.emit('onConnectionClosed');
    expect(first.log.signals.at(-1)).toEqual({ type: 'closed', reason: 'connection-closed' });
    const second = session();
    second.sdk.emit('onSessionJoined');
    second.sdk.emit('onSessionTimedOut');
    expect(second.log.signals.at(-1)).toEqual({ type: 'closed', reason: 'session-timed-out' });
  });

  it('hangs up through the SDK leave, whose onSessionLeft ends the call', async () => {
    const { sdk, call, log } = session();
    sdk.emit('onSessionJoined');
    await call.hangup();
    expect(sdk.left).toBe(1);
    expect(log.types()).toEqual(['joined', 'left']);
  });

  it('mutes through the SDK and reports the new media; setMedia reports camera changes', async () => {
    const { sdk, call, log } = session();
    sdk.emit('onSessionJoined');
    expect(log.signals[0]).toMatchObject({ media: { audio: true, video: false, muted: false } });
    await call.setMuted(true);
    expect(sdk.mutedWith).toEqual([true]);
    expect(log.signals.at(-1)).toEqual({ type: 'media', media: { audio: true, video: false, muted: true } });
    call.setMedia({ video: true });
    expect(log.signals.at(-1)).toEqual({ type: 'media', media: { audio: true, video: true, muted: true } });
    expect(call.setCameraEnabled).toBeUndefined(); // no SDK control given: the camera button is not offered
  });

  it('turns the camera through the SDK when the app gives the control', async () => {
    const paused: boolean[] = [];
    const call = fromSessionStatus({
      id: 's',
      leave: () => {},
      setMuted: () => {},
      setCameraEnabled: (enabled) => {
        paused.push(!enabled);
      },
      media: { video: true },
    });
    const log = record(call);
    call.listener.onSessionJoined();
    await call.setCameraEnabled?.(false);
    expect(paused).toEqual([true]);
    expect(log.signals.at(-1)).toEqual({ type: 'media', media: { audio: true, video: false, muted: false } });
  });
});

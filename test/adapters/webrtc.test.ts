// The RTCPeerConnection adapter. Node has no RTCPeerConnection, so this drives a minimal
// EventTarget stand-in that changes state and fires events the way the browser does (including
// `close()` firing no event, per the WebRTC spec); the web e2e exercises a real one in Chromium.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { fromPeerConnection, type PeerConnectionLike } from '../../src/adapters/webrtc';
import { KeepCallError } from '../../src/core/errors';
import { record, StandInTrack } from './standins';

class StandInPeerConnection extends EventTarget {
  connectionState: string | undefined = 'new';
  iceConnectionState = 'new';
  readonly senders: { track: StandInTrack | null }[] = [];
  getSenders(): { track: StandInTrack | null }[] {
    return this.senders;
  }
  addTrack(track: StandInTrack): void {
    this.senders.push({ track });
    this.dispatchEvent(new Event('negotiationneeded'));
  }
  /** The browser moving the connection on and announcing it. */
  move(state: string): void {
    this.connectionState = state;
    this.dispatchEvent(new Event('connectionstatechange'));
  }
  close(): void {
    this.connectionState = 'closed';
  }
}

function setup() {
  const connection = new StandInPeerConnection();
  const mic = new StandInTrack('audio');
  const camera = new StandInTrack('video');
  connection.addTrack(mic);
  connection.addTrack(camera);
  const call = fromPeerConnection(connection, { id: 'p2p-1' });
  return { connection, mic, camera, call, log: record(call) };
}

describe('fromPeerConnection', () => {
  it('accepts the browser RTCPeerConnection type', () => {
    expectTypeOf<RTCPeerConnection>().toExtend<PeerConnectionLike>();
  });

  it('needs an id, naming what was given', () => {
    expect(() => fromPeerConnection(new StandInPeerConnection(), { id: '' })).toThrow(KeepCallError);
    expect(() => fromPeerConnection(new StandInPeerConnection(), { id: '' })).toThrow(
      /options\.id.*given ""/,
    );
  });

  it('reads new/connecting as joining, connected as joined, disconnected as reconnecting', () => {
    const { connection, log } = setup();
    connection.move('connecting');
    connection.move('connected');
    connection.move('disconnected');
    connection.move('connected');
    // The camera is on before the join completes: the engine hears it at once, not only at `joined`.
    expect(log.types()).toEqual(['joining', 'media', 'joined', 'reconnecting', 'joined']);
    expect(log.signals[1]).toEqual({ type: 'media', media: { audio: true, video: true, muted: false } });
    expect(log.signals[2]).toMatchObject({ media: { audio: true, video: true, muted: false } });
  });

  it('reads failed as closed, naming the state', () => {
    const { connection, log } = setup();
    connection.move('connected');
    connection.move('disconnected');
    connection.move('failed');
    expect(log.signals.at(-1)).toEqual({ type: 'closed', reason: 'failed' });
  });

  it('falls back to the ICE state where connectionState is missing', () => {
    const connection = new StandInPeerConnection();
    connection.connectionState = undefined;
    connection.iceConnectionState = 'checking';
    const log = record(fromPeerConnection(connection, { id: 'legacy' }));
    connection.iceConnectionState = 'completed';
    connection.dispatchEvent(new Event('iceconnectionstatechange'));
    expect(log.types()).toEqual(['joining', 'joined']);
  });

  it('mutes by disabling the audio tracks and reports it; refresh() picks up the app toggling the camera', async () => {
    const { connection, mic, camera, call, log } = setup();
    connection.move('connected');
    await call.setMuted(true);
    expect(mic.enabled).toBe(false);
    expect(log.signals.at(-1)).toEqual({ type: 'media', media: { audio: true, video: true, muted: true } });
    camera.enabled = false;
    call.refresh();
    expect(log.signals.at(-1)).toEqual({ type: 'media', media: { audio: true, video: false, muted: true } });
  });

  it('turns the camera off and on by disabling the video tracks, without stopping them', async () => {
    const { connection, camera, call, log } = setup();
    connection.move('connected');
    await call.setCameraEnabled?.(false);
    expect(camera.enabled).toBe(false);
    expect(camera.readyState).toBe('live');
    expect(log.signals.at(-1)).toEqual({ type: 'media', media: { audio: true, video: false, muted: false } });
    await call.setCameraEnabled?.(true);
    expect(log.signals.at(-1)).toEqual({ type: 'media', media: { audio: true, video: true, muted: false } });
  });

  it('reports a microphone that went away as no audio', () => {
    const { connection, mic, log } = setup();
    connection.move('connected');
    mic.end();
    expect(log.signals.at(-1)).toEqual({ type: 'media', media: { audio: false, video: true, muted: true } });
  });

  it('lets go of the tracks once untracked: a track ending afterwards reports nothing', () => {
    const { connection, mic, log } = setup();
    connection.move('connected');
    log.stop();
    mic.end();
    connection.move('failed');
    expect(log.types()).toEqual(['joining', 'media', 'joined']);
  });

  it('hangs up by running the app hook, closing the connection and stopping the tracks; reports left', async () => {
    const connection = new StandInPeerConnection();
    const mic = new StandInTrack('audio');
    connection.addTrack(mic);
    const order: string[] = [];
    const call = fromPeerConnection(connection, {
      id: 'p2p-2',
      onHangup: () => {
        order.push(`hook while ${connection.connectionState}`);
      },
    });
    const log = record(call);
    connection.move('connected');
    await call.hangup();
    expect(order).toEqual(['hook while connected']);
    expect(connection.connectionState).toBe('closed');
    expect(mic.readyState).toBe('ended');
    expect(log.types()).toEqual(['joining', 'joined', 'left']);
    await call.hangup();
    expect(log.types()).toEqual(['joining', 'joined', 'left']);
  });

  it('ends the call locally even when the hang-up hook fails (signaling down), and says why', async () => {
    const connection = new StandInPeerConnection();
    const mic = new StandInTrack('audio');
    connection.addTrack(mic);
    const call = fromPeerConnection(connection, {
      id: 'p2p-3',
      onHangup: () => Promise.reject(new Error('signaling socket closed')),
    });
    const log = record(call);
    connection.move('connected');
    await expect(call.hangup()).rejects.toThrow('signaling socket closed');
    expect(connection.connectionState).toBe('closed');
    expect(mic.readyState).toBe('ended');
    expect(log.types().at(-1)).toBe('left');
  });

  it('with restartsIce, a failed connection is a reconnect that can recover; without, it is the end', () => {
    const restarting = new StandInPeerConnection();
    restarting.addTrack(new StandInTrack('audio'));
    const log = record(fromPeerConnection(restarting, { id: 'ice', restartsIce: true }));
    restarting.move('connected');
    restarting.move('disconnected');
    restarting.move('failed');
    restarting.move('connecting'); // the app's restartIce()
    restarting.move('connected');
    expect(log.types()).toEqual(['joining', 'joined', 'reconnecting', 'joining', 'joined']);
    restarting.move('closed');
    expect(log.signals.at(-1)).toEqual({ type: 'closed', reason: 'closed' });
  });
});

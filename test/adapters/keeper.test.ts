// Adapters end to end with the engine and the Android model from keepcall/testing: what a user
// sees in the notification shade while a real SDK's call reconnects, ends, or is hung up from it.
import { CallingState, StreamVideoClient } from '@stream-io/video-client';
import { ConnectionState, LogLevel, Room, setLogLevel } from 'livekit-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromLiveKitRoom } from '../../src/adapters/livekit';
import { fromStreamCall } from '../../src/adapters/stream';
import { createRuntime } from '../../src/core/universal';
import { createAndroidDevice } from '../../src/testing';

async function phone() {
  const device = createAndroidDevice({
    apiLevel: 34,
    declared: ['FOREGROUND_SERVICE', 'FOREGROUND_SERVICE_MEDIA_PLAYBACK', 'FOREGROUND_SERVICE_MICROPHONE'],
    serviceTypes: ['mediaPlayback', 'microphone'],
    granted: ['RECORD_AUDIO', 'POST_NOTIFICATIONS'],
  });
  const runtime = createRuntime({
    port: device,
    platform: device.platformInfo(),
    clock: device.clock,
    permissions: { microphone: 'granted', notifications: 'granted' },
  });
  await runtime.start();
  return { device, runtime };
}

/** The room's own state setter (private in its types; its engine calls it on every transition). */
const setState = (room: Room, state: ConnectionState) =>
  (room as unknown as { setAndEmitConnectionState(s: ConnectionState): boolean }).setAndEmitConnectionState(
    state,
  );

let stream: StreamVideoClient;
beforeAll(() => {
  setLogLevel(LogLevel.silent);
  stream = new StreamVideoClient({ apiKey: 'offline-test-key' });
});
afterAll(async () => {
  await stream.disconnectUser();
});

describe('adapters driving the keeper on an Android 14 model', () => {
  it('a LiveKit reconnect in the background keeps the notification, however long it lasts', async () => {
    const { device, runtime } = await phone();
    const room = new Room();
    runtime.track(fromLiveKitRoom(room, { id: 'standup' }));
    setState(room, ConnectionState.Connecting);
    setState(room, ConnectionState.Connected);
    await runtime.idle();
    expect(device.observe().notification?.visible).toBe(true);
    device.setApp('background');
    setState(room, ConnectionState.Reconnecting);
    device.advance(60_000); // far past the stop debounce
    await runtime.idle();
    expect(device.observe().service.foreground).toBe(true);
    expect(device.observe().notification?.visible).toBe(true);
    setState(room, ConnectionState.Connected);
    await runtime.idle();
    expect(device.observe().service.foreground).toBe(true);
    expect(device.observe().crashed).toBeNull();
  });

  it('the notification hang-up disconnects the LiveKit room and the service stops', async () => {
    const { device, runtime } = await phone();
    const room = new Room();
    runtime.track(fromLiveKitRoom(room, { id: 'standup' }));
    setState(room, ConnectionState.Connected);
    await runtime.idle();
    device.setApp('background');
    device.tapAction('hangup');
    await runtime.idle();
    expect(room.state).toBe(ConnectionState.Disconnected);
    device.advance(10_000);
    await runtime.idle();
    expect(device.observe().service.running).toBe(false);
    expect(device.observe().notification).toBeNull();
  });

  it('a Stream call joined again after it was left is kept again: the second join is a session of its own', async () => {
    const { device, runtime } = await phone();
    const call = stream.call('default', 'keeper-rejoin');
    runtime.track(fromStreamCall(call));
    for (const round of [1, 2]) {
      call.state.setCallingState(CallingState.JOINING);
      call.state.setCallingState(CallingState.JOINED);
      await runtime.idle();
      expect(runtime.getState().model.calls.get(call.cid)?.phase, `join ${round}`).toBe('joined');
      expect(device.observe().notification?.visible, `join ${round}`).toBe(true);
      call.state.setCallingState(CallingState.LEFT);
      device.advance(10_000);
      await runtime.idle();
      expect(device.observe().service.running, `after leave ${round}`).toBe(false);
    }
  });

  it('a LiveKit room still joining with the camera on from the lobby is kept with the camera type', async () => {
    const device = createAndroidDevice({
      apiLevel: 34,
      declared: [
        'FOREGROUND_SERVICE',
        'FOREGROUND_SERVICE_MEDIA_PLAYBACK',
        'FOREGROUND_SERVICE_MICROPHONE',
        'FOREGROUND_SERVICE_CAMERA',
      ],
      serviceTypes: ['mediaPlayback', 'microphone', 'camera'],
      granted: ['RECORD_AUDIO', 'CAMERA', 'POST_NOTIFICATIONS'],
    });
    const runtime = createRuntime({
      port: device,
      platform: device.platformInfo(),
      clock: device.clock,
      permissions: { microphone: 'granted', camera: 'granted', notifications: 'granted' },
    });
    await runtime.start();
    const room = new Room();
    // The lobby turned the camera on: LiveKit says so before the room connects.
    Object.defineProperty(room.localParticipant, 'isCameraEnabled', { get: () => true });
    runtime.track(fromLiveKitRoom(room, { id: 'lobby' }));
    setState(room, ConnectionState.Connecting);
    await runtime.idle();
    // Still joining when the app goes to the background: the camera type is there already (A4, A6).
    expect(runtime.getState().model.calls.get('lobby')?.media.video).toBe(true);
    expect(device.observe().service.types).toContain('camera');
    device.setApp('background');
    device.advance(10_000);
    await runtime.idle();
    expect(device.observe().cameraCaptures).toBe(true);
  });

  it('a Stream call whose reconnect failed ends the keeper', async () => {
    const { device, runtime } = await phone();
    const call = stream.call('default', 'keeper-1');
    runtime.track(fromStreamCall(call));
    call.state.setCallingState(CallingState.JOINING);
    call.state.setCallingState(CallingState.JOINED);
    await runtime.idle();
    expect(device.observe().notification?.visible).toBe(true);
    call.state.setCallingState(CallingState.RECONNECTING);
    device.advance(10_000);
    await runtime.idle();
    expect(device.observe().service.foreground).toBe(true);
    call.state.setCallingState(CallingState.RECONNECTING_FAILED);
    device.advance(10_000);
    await runtime.idle();
    expect(device.observe().service.running).toBe(false);
  });
});

// The Stream adapter against the real `@stream-io/video-client`: a real client and real `Call`
// objects, driven through the SDK's own state setters (`call.state.setCallingState`, the device
// managers). Joining a call for real needs Stream's servers, so the calling state is set the way
// the SDK sets it during a join; the microphone is the SDK's own manager over a stand-in
// `getUserMedia` (Node has no capture devices).
import { type Call, CallingState, OwnCapability, StreamVideoClient } from '@stream-io/video-client';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { fromStreamCall, fromStreamClient, streamCallOf } from '../../src/adapters/stream';
import type { CallLike } from '../../src/core/types';
import { createAndroidDevice, createFakeCall } from '../../src/testing';
import { withKeepcall } from '../testing/drivers';
import { ALL_GRANTED, MEDIA_MANIFEST } from '../testing/helpers';
import { record, StandInStream, StandInTrack } from './standins';

let client: StreamVideoClient;
let counter = 0;
const freshCall = () => client.call('default', `call-${++counter}`);
/** A call whose microphone can be enabled in Node: the SDK's silence detectors need Web Audio. */
const micCall = async () => {
  const call = freshCall();
  await call.microphone.disableSpeakingWhileMutedNotification();
  call.microphone.setSilenceThreshold(0);
  return call;
};

beforeAll(() => {
  Object.defineProperty(globalThis, 'navigator', {
    configurable: true,
    value: {
      userAgent: 'node',
      mediaDevices: {
        getUserMedia: async (constraints: { audio?: unknown }) =>
          new StandInStream([new StandInTrack(constraints.audio ? 'audio' : 'video')]),
        enumerateDevices: async () => [],
        addEventListener: () => {},
        removeEventListener: () => {},
      },
      permissions: {
        query: async () => ({ state: 'granted', addEventListener: () => {}, removeEventListener: () => {} }),
      },
    },
  });
  client = new StreamVideoClient({ apiKey: 'offline-test-key' });
});

afterAll(async () => {
  await client.disconnectUser();
});

describe('fromStreamCall', () => {
  it('reports the calling state as joining, joined, reconnecting and left, keyed by the cid', () => {
    const call = freshCall();
    const adapted = fromStreamCall(call);
    expect(adapted.id).toBe(call.cid);
    const log = record(adapted);
    expect(log.signals).toEqual([]); // idle: nothing to keep alive yet
    call.state.setCallingState(CallingState.JOINING);
    call.state.setCallingState(CallingState.JOINED);
    call.state.setCallingState(CallingState.RECONNECTING);
    call.state.setCallingState(CallingState.JOINED);
    call.state.setCallingState(CallingState.LEFT);
    expect(log.types()).toEqual(['joining', 'joined', 'reconnecting', 'joined', 'left']);
  });

  it('never reads a reconnect, a migration or an offline spell as an end', () => {
    const call = freshCall();
    const log = record(fromStreamCall(call));
    call.state.setCallingState(CallingState.JOINED);
    for (const state of [CallingState.MIGRATING, CallingState.OFFLINE, CallingState.RECONNECTING]) {
      call.state.setCallingState(state);
    }
    expect(log.types()).toEqual(['joined', 'reconnecting']);
    expect(log.types()).not.toContain('left');
    expect(log.types()).not.toContain('closed');
  });

  it('reports a failed reconnect as closed, with the reason', () => {
    const call = freshCall();
    const log = record(fromStreamCall(call));
    call.state.setCallingState(CallingState.JOINED);
    call.state.setCallingState(CallingState.RECONNECTING);
    call.state.setCallingState(CallingState.RECONNECTING_FAILED);
    expect(log.signals.at(-1)).toEqual({ type: 'closed', reason: 'reconnecting-failed' });
  });

  it('keeps the join time across a reconnect so the notification timer does not restart', async () => {
    const call = freshCall();
    const log = record(fromStreamCall(call));
    call.state.setCallingState(CallingState.JOINED);
    await new Promise((resolve) => setTimeout(resolve, 5));
    call.state.setCallingState(CallingState.RECONNECTING);
    call.state.setCallingState(CallingState.JOINED);
    const joins = log.signals.flatMap((signal) => (signal.type === 'joined' ? [signal.at] : []));
    expect(joins).toHaveLength(2);
    expect(joins[1]).toBe(joins[0]);
  });

  it('reports where the call already stands when tracked late', () => {
    const call = freshCall();
    call.state.setCallingState(CallingState.JOINED);
    expect(record(fromStreamCall(call)).types()).toEqual(['joined']);
  });

  it('reports no audio for a listen-only participant (no microphone, no send-audio capability)', () => {
    const call = freshCall();
    const log = record(fromStreamCall(call));
    call.state.setCallingState(CallingState.JOINED);
    expect(log.signals.at(-1)).toMatchObject({ media: { audio: false, video: false, muted: true } });
  });

  it('derives media from the microphone and camera managers and the send-audio capability', async () => {
    const call = await micCall();
    const log = record(fromStreamCall(call));
    // While joining, the managers capture without publishing (publishing needs Stream's SFU).
    call.state.setCallingState(CallingState.JOINING);
    call.state.setOwnCapabilities([OwnCapability.SEND_AUDIO]);
    expect(log.signals.at(-1)).toEqual({ type: 'media', media: { audio: true, video: false, muted: true } });
    await call.microphone.enable();
    expect(log.signals.at(-1)).toEqual({ type: 'media', media: { audio: true, video: false, muted: false } });
    call.camera.state.setStatus('enabled');
    call.state.setCallingState(CallingState.JOINED);
    expect(log.signals.at(-1)).toMatchObject({
      type: 'joined',
      media: { audio: true, video: true, muted: false },
    });
  });

  it('mutes and unmutes through the SDK microphone manager', async () => {
    const call = await micCall();
    const adapted = fromStreamCall(call);
    const log = record(adapted);
    // Joining, not joined: a joined call would publish the track, which needs Stream's SFU.
    call.state.setCallingState(CallingState.JOINING);
    await call.microphone.enable();
    await adapted.setMuted(true);
    expect(call.microphone.state.status).toBe('disabled');
    expect(log.signals.at(-1)).toMatchObject({ type: 'media', media: { muted: true } });
    await adapted.setMuted(false);
    expect(call.microphone.state.status).toBe('enabled');
    expect(log.signals.at(-1)).toMatchObject({ type: 'media', media: { muted: false } });
  });

  it('hangs up with leave(), and a second hang-up does not throw', async () => {
    const call = freshCall();
    const adapted = fromStreamCall(call);
    const log = record(adapted);
    call.state.setCallingState(CallingState.JOINED);
    await adapted.hangup();
    expect(call.state.callingState).toBe(CallingState.LEFT);
    expect(log.types()).toEqual(['joined', 'left']);
    await expect(adapted.hangup()).resolves.toBeUndefined();
  });

  it('stops reporting once unsubscribed', () => {
    const call = freshCall();
    const log = record(fromStreamCall(call));
    call.state.setCallingState(CallingState.JOINED);
    log.stop();
    call.state.setCallingState(CallingState.LEFT);
    expect(log.types()).toEqual(['joined']);
  });
});

describe('fromStreamClient', () => {
  it('finds the call the client already holds, by cid or by bare id', async () => {
    const call = freshCall();
    call.state.setCallingState(CallingState.JOINED);
    // The client registers calls it watches or joins; a join does this through the coordinator.
    const store = (client as unknown as { writeableStateStore: { registerCall(call: Call): void } })
      .writeableStateStore;
    store.registerCall(call);
    const found = await fromStreamClient(client).getCall(call.cid);
    expect(found?.id).toBe(call.cid);
    await found?.hangup();
    expect(call.state.callingState).toBe(CallingState.LEFT);
    const byBareId = await fromStreamClient(client).getCall(call.id);
    expect(byBareId?.id).toBe(call.cid);
  });

  it('makes a handle on the client for a call it does not hold yet', async () => {
    const found = await fromStreamClient(client, { callType: 'audio_room' }).getCall('room-7');
    expect(found?.id).toBe('audio_room:room-7');
  });
});

describe('the Stream Call behind keepcall’s call', () => {
  it('taskToRun receives keepcall’s call; streamCallOf gives back the Stream Call, typed', async () => {
    const call = freshCall();
    const adapted = fromStreamCall(call, { displayName: 'Ada' });
    expect(adapted.sdkCall).toBe(call);
    const device = createAndroidDevice({ apiLevel: 34, ...MEDIA_MANIFEST, granted: ALL_GRANTED });
    const keep = await withKeepcall(device);
    const received: CallLike[] = [];
    const streamCalls: Array<Call | undefined> = [];
    keep.runtime.updateConfig({
      foregroundService: {
        android: {
          taskToRun: async (task) => {
            received.push(task);
            // What the migration guide shows: Stream's own API from inside the task.
            const own = streamCallOf(task);
            streamCalls.push(own);
            expectTypeOf(own).toEqualTypeOf<Call | undefined>();
          },
        },
      },
    });
    keep.runtime.track(adapted);
    call.state.setCallingState(CallingState.JOINED);
    await keep.settle();
    expect(device.observe().service.running).toBe(true);
    expect(received).toEqual([adapted]);
    expect(received[0]?.id).toBe(call.cid);
    expect(streamCalls).toHaveLength(1);
    expect(streamCalls[0]).toBe(call);
  });

  it('a call fromStreamCall did not make has no Stream Call', () => {
    expect(streamCallOf(createFakeCall('plain'))).toBeUndefined();
    // A copy of the adapter's result is not the call keepcall tracks: no lookup by look-alike.
    expect(streamCallOf({ ...fromStreamCall(freshCall()) })).toBeUndefined();
  });
});

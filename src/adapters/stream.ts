// Stream Video (`@stream-io/video-client`): a `Call` and a `StreamVideoClient` as keepcall sees them.
// Types only are imported so the app's own copy of the SDK is the only one in its bundle.
import type { Call, StreamVideoClient } from '@stream-io/video-client';
import type { CallLike, ClientLike, Media } from '../core/types';
import { sdkLink } from './sdk';
import { type AdapterPhase, type Reading, signalSource } from './signals';

/** Options for {@link fromStreamCall}. */
export interface StreamCallOptions {
  /** The person the notification and CallKit show; none by default. */
  displayName?: string;
}

// `callingState` values, as strings so the SDK's enum need not be imported at run time.
const PHASES: Readonly<Record<string, AdapterPhase>> = {
  unknown: 'idle',
  idle: 'idle',
  ringing: 'idle',
  joining: 'joining',
  joined: 'joined',
  // A migration to another SFU and an offline spell both end in a rejoin: keep the keeper.
  reconnecting: 'reconnecting',
  migrating: 'reconnecting',
  offline: 'reconnecting',
  left: 'left',
  'reconnecting-failed': 'closed',
};

/** keepcall's call for a Stream `Call`, with that `Call` as `sdkCall`. */
export type StreamCallLike = CallLike & { readonly sdkCall: Call };

const streamCalls = sdkLink<Call>();

/**
 * The Stream `Call` behind a call keepcall hands back (taskToRun's `call`, an event's call), or undefined
 * when fromStreamCall did not make it.
 */
export function streamCallOf(call: CallLike): Call | undefined {
  return streamCalls.of(call);
}

/** Turns a Stream Video `Call` into a `CallLike` whose id is the call's `cid` (`type:id`). */
export function fromStreamCall(call: Call, options: StreamCallOptions = {}): StreamCallLike {
  const read = (): Reading => {
    const state = String(call.state.callingState);
    const phase = PHASES[state] ?? 'idle';
    return phase === 'closed'
      ? { phase, media: readMedia(call), reason: state }
      : { phase, media: readMedia(call) };
  };
  const subscribe = signalSource(read, (onChange) => {
    const subscriptions = [
      call.state.callingState$.subscribe(onChange),
      call.state.ownCapabilities$.subscribe(onChange),
      call.microphone.state.status$.subscribe(onChange),
      call.camera.state.status$.subscribe(onChange),
    ];
    return () => {
      for (const subscription of subscriptions) subscription.unsubscribe();
    };
  });
  const adapted: CallLike = {
    id: call.cid,
    subscribe,
    hangup: async () => {
      // Stream throws when leaving twice; a hang-up that races the SDK's own leave is not an error.
      if (String(call.state.callingState) === 'left') return;
      await call.leave();
    },
    setMuted: async (muted) => {
      if (muted) await call.microphone.disable();
      else await call.microphone.enable();
    },
    setCameraEnabled: async (enabled) => {
      if (enabled) await call.camera.enable();
      else await call.camera.disable();
    },
  };
  if (options.displayName !== undefined) adapted.displayName = options.displayName;
  return streamCalls.attach(adapted, call);
}

function readMedia(call: Call): Media {
  const microphone = call.microphone.state.status;
  // A participant allowed to send audio keeps the microphone type while muted, so unmuting from the
  // notification still captures in the background (the type cannot be added there later).
  const canSendAudio = call.state.ownCapabilities.some((capability) => String(capability) === 'send-audio');
  return {
    audio: microphone !== undefined || canSendAudio,
    video: call.camera.state.status === 'enabled',
    muted: microphone !== 'enabled',
  };
}

/** Options for {@link fromStreamClient}. */
export interface StreamClientOptions {
  /** The call type used when an id carries none (`abc` rather than `default:abc`). */
  callType?: string;
  /** The display name for a call found again; none by default. */
  displayName?: (call: Call) => string | undefined;
}

/**
 * Turns a `StreamVideoClient` into the `ClientLike` that `setPushConfig({ createClient })` returns:
 * it finds a call the client already holds, or makes the client's handle for it.
 */
export function fromStreamClient(client: StreamVideoClient, options: StreamClientOptions = {}): ClientLike {
  return {
    getCall: (callId) => {
      const separator = callId.indexOf(':');
      const type = separator > 0 ? callId.slice(0, separator) : (options.callType ?? 'default');
      const id = separator > 0 ? callId.slice(separator + 1) : callId;
      const call = client.state.calls.find((held) => held.cid === `${type}:${id}`) ?? client.call(type, id);
      const displayName = options.displayName?.(call);
      return fromStreamCall(call, displayName === undefined ? {} : { displayName });
    },
  };
}

// The contract with a calling SDK (a call, its signals, a client to find it again) and the engine's
// record of one call.

/** What a call is sending and receiving. */
export interface Media {
  audio: boolean;
  video: boolean;
  muted: boolean;
}

/** What a calling SDK tells keepcall about one call. */
export type CallSignal =
  | { type: 'joining' }
  /**
   * `at`: when the session joined, ms since epoch on the device's clock (the notification's timer counts
   * from it); the same for a reconnect of that session, later for a new one. A `joined` no later than an
   * end is taken as that ended session's, delivered late.
   */
  | { type: 'joined'; at: number; media: Media }
  | { type: 'reconnecting' }
  | { type: 'left' }
  | { type: 'closed'; reason?: string }
  | { type: 'media'; media: Media };

/** The whole contract with a calling SDK: an id, its signals, and two controls. */
export interface CallLike {
  id: string;
  /** Who the call is with, as the notification, CallKit and Media Session show it; empty or blank counts as none. */
  displayName?: string;
  subscribe(listener: (signal: CallSignal) => void): () => void;
  hangup(): Promise<void>;
  setMuted(muted: boolean): Promise<void>;
  /** Optional: lets the Media Session camera button and PiP controls turn the camera on and off. */
  setCameraEnabled?(enabled: boolean): Promise<void>;
}

/** A client that can find a call again after the app was started in the background. */
export interface ClientLike {
  getCall(callId: string): CallLike | undefined | Promise<CallLike | undefined>;
}

/** Where a tracked call stands; `held` by the system for another call (iOS). */
export type CallPhase = 'joining' | 'joined' | 'reconnecting' | 'held';

/** One call as the engine knows it. */
export interface CallState {
  id: string;
  phase: CallPhase;
  media: Media;
  /** When the call was joined (ms since epoch); the notification's timer counts from here. */
  joinedAt?: number;
  /** When keepcall first saw the call; the timer's start before the join completes. */
  seenAt: number;
  /** Monotonic order of arrival, renewed at the first join; the most recently joined call is shown. */
  order: number;
  displayName?: string;
}

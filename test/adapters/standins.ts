// Stand-ins for the browser's capture objects, which Node lacks. The SDKs under test are real;
// only the microphone/camera underneath them is simulated (the web e2e uses Chromium's real ones).
import type { CallLike, CallSignal } from '../../src/core/types';

/** A `MediaStreamTrack` with the fields and events the SDKs touch. */
export class StandInTrack extends EventTarget {
  readonly id = `track-${Math.random().toString(36).slice(2)}`;
  readonly label: string;
  enabled = true;
  muted = false;
  readyState: 'live' | 'ended' = 'live';
  constructor(readonly kind: 'audio' | 'video') {
    super();
    this.label = `${kind} stand-in`;
  }
  getSettings(): { deviceId: string } {
    return { deviceId: 'default' };
  }
  getConstraints(): Record<string, never> {
    return {};
  }
  getCapabilities(): Record<string, never> {
    return {};
  }
  applyConstraints(): Promise<void> {
    return Promise.resolve();
  }
  stop(): void {
    this.readyState = 'ended';
  }
  clone(): StandInTrack {
    return new StandInTrack(this.kind);
  }
  /** What the browser does when the device goes away: the track ends and says so. */
  end(): void {
    this.readyState = 'ended';
    this.dispatchEvent(new Event('ended'));
  }
}

/** A `MediaStream` over stand-in tracks. */
export class StandInStream extends EventTarget {
  readonly id = `stream-${Math.random().toString(36).slice(2)}`;
  constructor(private readonly tracks: StandInTrack[]) {
    super();
  }
  getTracks(): StandInTrack[] {
    return this.tracks;
  }
  getAudioTracks(): StandInTrack[] {
    return this.tracks.filter((track) => track.kind === 'audio');
  }
  getVideoTracks(): StandInTrack[] {
    return this.tracks.filter((track) => track.kind === 'video');
  }
}

/** Subscribes to a call and keeps every signal it reports, in order. */
export function record(call: CallLike): { signals: CallSignal[]; types: () => string[]; stop: () => void } {
  const signals: CallSignal[] = [];
  const stop = call.subscribe((signal) => signals.push(signal));
  return { signals, types: () => signals.map((signal) => signal.type), stop };
}

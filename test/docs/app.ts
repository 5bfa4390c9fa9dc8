// The prelude of the docs' code blocks: names every reader's app has of its own (its call, its SDK's
// client, its signaling), declared, not implemented. A block imports what it uses: `from './app'`.
import type { Call, StreamVideoClient } from '@stream-io/video-client';
import type { CallLike } from 'keepcall';

/** The app's call, as keepcall sees it: a CallLike, or an adapter's result. */
export declare const call: CallLike;
/** The app's way to rebuild its SDK client from the background (setPushConfig's createClient). */
export declare function createClient(): Promise<import('keepcall').ClientLike>;
/** The calling SDK's own call object (a Stream call in the Stream examples). */
export declare const streamCall: Call;
/** The app's Stream API key and signed-in user, and how it makes a Stream client for them. */
export declare const apiKey: string;
export declare const user: { id: string };
export declare function makeClient(): StreamVideoClient;
/** LiveKit's server address and the app's token and room name for it. */
export declare const url: string;
export declare const token: string;
export declare const roomName: string;
/** The app's WebRTC pieces: its RTC configuration, local media, room id and signaling channel. */
export declare const rtcConfig: RTCConfiguration;
export declare const localStream: MediaStream;
export declare const roomId: string;
export declare const signaling: { send(message: { type: string }): void };
/** A session-listener SDK's session (the CometChat shape) and its id. */
export declare const sessionId: string;
export declare const callSession: {
  leaveSession(): void;
  muteAudio(muted: boolean): void;
  pauseVideo(paused: boolean): void;
  addSessionStatusListener(listener: object): void;
};
/** What the app's own UI and media layer offer. */
export declare const joinButton: HTMLButtonElement;
export declare function joinTheCall(): Promise<void>;
export declare const myVideoTile: HTMLElement;
export declare const myWebRtc: { setAudioEnabled(enabled: boolean): void };
export declare const session: { leave(): void; setMuted(muted: boolean): void };

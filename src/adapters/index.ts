// Every adapter in one place; apps import the one they use (`keepcall/adapters/livekit`, …) so
// only that one is bundled. None imports its SDK at run time.
export { fromLiveKitRoom, type LiveKitCallLike, type LiveKitRoomOptions, liveKitRoomOf } from './livekit';
export {
  fromSessionStatus,
  type SessionStatusCall,
  type SessionStatusListener,
  type SessionStatusOptions,
} from './sessionListener';
export {
  fromStreamCall,
  fromStreamClient,
  type StreamCallLike,
  type StreamCallOptions,
  type StreamClientOptions,
  streamCallOf,
} from './stream';
export {
  fromPeerConnection,
  type LocalTrackLike,
  type PeerConnectionCall,
  type PeerConnectionCallOptions,
  type PeerConnectionLike,
} from './webrtc';

// iOS's part of the vocabulary: CallKit's calls, handles, audio session and provider, as keepcall hands
// them to native code (PLATFORM_RULES I1–I10).

/** How CallKit names the other party of a call (`CXHandle`). */
export interface CallKitHandle {
  type: 'generic' | 'phoneNumber' | 'emailAddress';
  value: string;
}

/** The audio session a CallKit call asks for: `AVAudioSession` category and mode, Bluetooth hands-free. */
export interface CallKitAudio {
  category: 'playAndRecord';
  mode: 'voiceChat' | 'videoChat';
  /** `.allowBluetooth` (HFP): a Bluetooth headset can carry both directions of the call. */
  allowBluetooth: boolean;
}

/** What the system may do with a call (`CXCallUpdate`), reported once CallKit started it. */
export interface CallKitCapabilities {
  /** The system can hold it for another call (an incoming cellular call: "Hold & Accept", I9). */
  supportsHolding: boolean;
  supportsGrouping: boolean;
  supportsUngrouping: boolean;
  supportsDTMF: boolean;
}

/** How CallKit's provider shows the app's calls (`CXProviderConfiguration`). */
export interface CallKitProvider {
  /** The app's display name when empty. */
  appName: string;
  supportsVideo: boolean;
  includesCallsInRecents: boolean;
  iconTemplateImageName?: string;
  maximumCallGroups: number;
  maximumCallsPerCallGroup: number;
  /** The one handle type the app's calls are named by. */
  handleType: CallKitHandle['type'];
}

/** A CallKit call as keepcall wants it (or as the device holds it). */
export interface CallKitCall {
  uuid: string;
  phase: 'connecting' | 'connected';
  muted: boolean;
  held: boolean;
  hasVideo: boolean;
  displayName?: string;
}

/** Why a call ended, as CallKit is told: ended here (`local`), by the other side (`remote`), or it failed. */
export type CallKitEndReason = 'local' | 'remote' | 'failed';

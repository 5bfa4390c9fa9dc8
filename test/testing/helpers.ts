// Shared fixtures for the platform-model tests.
import type { Command } from '../../src/core/types';
import type { AndroidDeviceOptions, AndroidNotification } from '../../src/testing';
import { MEDIA_PROFILE_PERMISSIONS } from '../../src/testing/android/manifest';

/** A CallStyle notification as keepcall's policy builds it. */
export function callNotification(
  callId = 'c1',
  overrides: Partial<AndroidNotification> = {},
): AndroidNotification {
  return {
    channelId: 'keepcall_ongoing',
    channelName: 'Ongoing calls',
    title: 'Call in progress',
    body: 'Tap to return to the call',
    smallIcon: 'ic_keepcall_call',
    callId,
    person: 'Alice',
    callStyle: true,
    category: 'call',
    immediate: true,
    ongoing: true,
    visibility: 'public',
    startedAt: 1_750_000_000_000,
    muted: false,
    actions: [
      { id: 'hangup', label: 'Hang up' },
      { id: 'mute', label: 'Mute' },
    ],
    ...overrides,
  };
}

/** A manifest that declares everything keepcall's media profile needs. */
export const MEDIA_MANIFEST = {
  declared: [...MEDIA_PROFILE_PERMISSIONS],
  serviceTypes: ['mediaPlayback', 'microphone', 'camera'],
} satisfies Partial<AndroidDeviceOptions>;

/** Every runtime permission granted. */
export const ALL_GRANTED = [
  'RECORD_AUDIO',
  'CAMERA',
  'POST_NOTIFICATIONS',
] satisfies AndroidDeviceOptions['granted'];

/** The code of the KeepCallError a promise rejects with, or 'resolved'. */
export async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

/** A `callkit.start` as keepcall's policy sends it: generic handle, voice chat with Bluetooth, holdable. */
export function callKitStart(
  callId: string,
  uuid: string,
  options: { hasVideo?: boolean; displayName?: string; supportsHolding?: boolean } = {},
): Extract<Command, { kind: 'callkit.start' }> {
  const hasVideo = options.hasVideo ?? false;
  return {
    kind: 'callkit.start',
    callId,
    uuid,
    hasVideo,
    ...(options.displayName !== undefined && { displayName: options.displayName }),
    handle: { type: 'generic', value: options.displayName ?? callId },
    audio: { category: 'playAndRecord', mode: hasVideo ? 'videoChat' : 'voiceChat', allowBluetooth: true },
    capabilities: {
      supportsHolding: options.supportsHolding ?? true,
      supportsGrouping: false,
      supportsUngrouping: false,
      supportsDTMF: false,
    },
  };
}

/** A `callkit.configure` as keepcall's policy sends it for an app called `appName` with default settings. */
export function callKitConfigure(appName: string): Extract<Command, { kind: 'callkit.configure' }> {
  return {
    kind: 'callkit.configure',
    provider: {
      appName,
      supportsVideo: true,
      includesCallsInRecents: false,
      maximumCallGroups: 2,
      maximumCallsPerCallGroup: 1,
      handleType: 'generic',
    },
  };
}

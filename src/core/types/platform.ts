// The app and the device as the engine sees them: which platform, where the app stands, what the user
// granted, what the app declared.
import type { FgsType } from './android';

/** Where the app stands, as the platform reports it. `pip` counts as visible. */
export type AppState = 'active' | 'inactive' | 'background' | 'pip' | 'destroyed';
/** A runtime permission's state. */
export type Permission = 'granted' | 'denied' | 'unknown';
/** The platform a runtime drives. */
export type Os = 'android' | 'ios' | 'web';

/** Facts about the device and the app's declarations. */
export interface PlatformInfo {
  os: Os;
  /** Android API level (SDK_INT). */
  apiLevel?: number;
  /** Android target SDK. */
  targetSdk?: number;
  /** Permissions the app declares in its manifest, short names (`FOREGROUND_SERVICE_MICROPHONE`). */
  declared: string[];
  /** The `foregroundServiceType`s declared on keepcall's service in the merged manifest. */
  serviceTypes?: FgsType[];
  /** Web: how many buttons a notification shows (`Notification.maxActions`); 2 when unknown (W5). */
  notificationActions?: number;
  /** Web: whether Document Picture-in-Picture exists (`window.documentPictureInPicture`); assumed when unknown (W3). */
  pictureInPicture?: boolean;
  /** Web: this page's name to keepcall's service worker, which serves every tab of the app. */
  pageId?: string;
}

/** The runtime permissions the keeper depends on. */
export interface Permissions {
  notifications: Permission;
  microphone: Permission;
  camera: Permission;
}

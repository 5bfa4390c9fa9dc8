// What the Android model holds while it runs: its service and its posted notification. Apart from the
// device so that the observation (observe.ts) reads them without importing the device that observes.
import type { AndroidFgsType, AndroidNotification } from './types';

/** What a first promotion falls back to, in order, when the requested types are refused (the command's). */
export type Fallbacks = readonly (readonly AndroidFgsType[])[];

/** The service as the model holds it. */
export interface ServiceState {
  phase: 'starting' | 'foreground';
  requested: AndroidFgsType[];
  /** What the first promotion falls back to, in order, when `requested` is refused (the command's). */
  fallbacks: Fallbacks;
  spec: AndroidNotification;
  types: AndroidFgsType[];
  /** Holds while-in-use capabilities (A4/A5/A16). */
  whileInUse: boolean;
  /**
   * While-in-use types added by a re-promotion from the background where startForeground() does not
   * throw (below API/target 34): whether they get the capability the rules do not settle (A4–A6).
   */
  unsure: AndroidFgsType[];
  fromBoot: boolean;
  stopRequested: boolean;
  timers: unknown[];
}

/** The posted notification. */
export interface PostedNotification {
  rendered: AndroidNotification;
  shownAt: number;
  dismissed: boolean;
}

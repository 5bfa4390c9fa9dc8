// What iOS's part of the engine remembers beyond the shared model.
import type { CallKitEndReason } from '../types';

/** iOS's scratch state: kept by its ledger (ledger.ts), read by its policy and diff. */
export interface IosMemory {
  /** Call id → CallKit UUID; the device's wins on a reload (I8). */
  uuids: Map<string, string>;
  /** Why recently ended calls ended, for the CallKit end reason. */
  ended: Map<string, CallKitEndReason>;
}

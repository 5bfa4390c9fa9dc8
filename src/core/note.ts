import type { KeepCallErrorCode } from './types';

/** Why the desired keeper falls short of what the calls need; surfaced once as an `error` event. */
export interface Note {
  code: KeepCallErrorCode;
  message: string;
  callId?: string;
}

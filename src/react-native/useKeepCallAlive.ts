import { useEffect } from 'react';
import type { CallLike } from '../core/types';
import { binding } from './instance';

/** Keeps `call` alive in the background while the component is mounted; pass null for none. */
export function useKeepCallAlive(call: CallLike | null | undefined): void {
  useEffect(() => (call ? binding.KeepCall.track(call) : undefined), [call]);
}

// The SDK's own object behind an adapter's call. keepcall hands back its own call (taskToRun, events), not
// the SDK's; an adapter's result carries the SDK object as `sdkCall`, and each adapter's `…Of(call)` finds it
// from any CallLike keepcall gives back, typed, or undefined for a call that adapter did not make.
import type { CallLike } from '../core/types';

/** One adapter's link from the calls it made to their SDK objects. */
export interface SdkLink<Sdk extends object> {
  /** Records that `call` wraps `sdk`; returns `call` with `sdkCall` set. */
  attach<C extends CallLike>(call: C, sdk: Sdk): C & { readonly sdkCall: Sdk };
  /** The SDK object behind `call` when this adapter made it. */
  of(call: CallLike): Sdk | undefined;
}

/** A new link; a WeakMap per adapter, so one adapter's lookup never returns another SDK's object. */
export function sdkLink<Sdk extends object>(): SdkLink<Sdk> {
  const objects = new WeakMap<CallLike, Sdk>();
  return {
    attach(call, sdk) {
      objects.set(call, sdk);
      return Object.assign(call, { sdkCall: sdk });
    },
    of: (call) => objects.get(call),
  };
}

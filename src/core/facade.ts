// The singleton users import as `KeepCall`: config can be set before the platform is ready; the
// runtime is built on first use over the binding's port.
import { checkCall } from './call-input';
import type { ConfigInput, PushConfig } from './config';
import type { ConfigChecks, Runtime, RuntimeEvent, RuntimeState } from './engine/contract';
import { createPlatformRuntime, type PlatformRuntimeOptions } from './engine/runtime';
import type { CallLike } from './types';

export interface KeepCallApi {
  /** Deep-merges validated options over the defaults; throws KeepCallError('invalid-config'). */
  updateConfig(input: ConfigInput): void;
  /** Enables CallKit reporting and sets `createClient`; the first call wins. */
  setPushConfig(config: PushConfig): void;
  /** Keeps this call alive in the background until it leaves or closes; returns untrack. */
  track(call: CallLike): () => void;
  /** Listens to errors, commands, state changes, audio-session events, notification taps and app actions. */
  on(listener: (event: RuntimeEvent) => void): () => void;
  /** The model, what the device holds and what it should hold. */
  getState(): RuntimeState;
  /** The engine itself, built on first use. */
  runtime(): Runtime;
}

/** Builds a lazily-started KeepCall over the port `connect` returns; `checks` validate input early. */
export function createKeepCall(
  connect: () => Omit<PlatformRuntimeOptions, 'config' | 'push' | 'checks'>,
  checks?: ConfigChecks,
): KeepCallApi {
  let runtime: Runtime | undefined;
  const configs: ConfigInput[] = [];

  function get(): Runtime {
    if (runtime) return runtime;
    const created = createPlatformRuntime(checks ? { ...connect(), checks } : connect());
    runtime = created;
    for (const input of configs) created.updateConfig(input);
    void created.start();
    return created;
  }

  return {
    updateConfig(input) {
      // The checked copy goes on: the engine merges what was validated, read once.
      const patch = checks ? checks.config(input) : input;
      if (runtime) runtime.updateConfig(patch);
      else configs.push(patch);
    },
    setPushConfig(input) {
      const config = checks ? checks.push(input) : input;
      // An app that can be asked to act from the background (a notification hang-up after a
      // reload, a CallKit end) must be listening to the device from now on.
      get().setPushConfig(config);
    },
    track(call) {
      // Checked before the engine is built: a rejected call changes nothing, not even that.
      const checked = checkCall(call);
      return get().track(checked);
    },
    on(listener) {
      // Listening starts the engine, so no error from its first snapshot is missed.
      return get().on(listener);
    },
    getState() {
      return get().getState();
    },
    runtime: get,
  };
}

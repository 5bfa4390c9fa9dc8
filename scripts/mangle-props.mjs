// Property names private to keepcall's engine, shortened in what ships for React Native (dist/rn, built
// by build-rn.mjs) and in the bundle bench that measures it. Minifiers never shorten property names, and
// Metro's does not mangle them either, so the functions-over-one-record engine (src/core/engine/state.ts)
// would ship every `e.snapshotting` in full. Only names nothing outside src/core and src/react-native
// reads belong here: no field of a public type (the model, getState(), events, config, commands, the
// keeper, the native module's spec), no name read through a string, no built-in's method.
// test/build/mangle-props.test.ts checks the list against those, and runs the mangled engine.
export const MANGLED_NAMES = [
  // The engine's record (src/core/engine/state.ts).
  'execute',
  'parts',
  'trusting',
  'inFlight',
  'pumping',
  'dirty',
  'pending',
  'commandsRun',
  'idleWaiters',
  'undecidable',
  'disposed',
  'endedToForget',
  'timer',
  'timerAt',
  'tries',
  'retryTimer',
  'deferred',
  'superseded',
  'started',
  'snapshotting',
  'listeners',
  'delivering',
  'queued',
  'notes',
  'reach',
  'follower',
  // The call tracker and its handles (src/core/engine/calls.ts).
  'handles',
  'lastJoinedAt',
  'endedAt',
  'phaseBeforeHold',
  'added',
  'removeCall',
  'retry',
  'changed',
  'failed',
  'untrackAll',
  // What a kit's reducer returns (Reduction, src/core/platform-kit.ts).
  'holdCall',
  'holdCommand',
  'hangUp',
  'refresh',
  'control',
  'decide',
  // What a kit is (PlatformKit, src/core/platform-kit.ts).
  'empty',
  'reconcile',
  'applied',
  'adopt',
  'adopted',
  'awaitsTracking',
  'follow',
  'lingerMs',
  'callAdded',
  'callEnded',
  'forgetEnded',
  'completes',
  'blocked',
  'allowedPart',
  'afterFailure',
  'retryAfterMs',
  'callFor',
];

/** esbuild's `mangleProps`: exactly the names above. */
export const MANGLE_PROPS = new RegExp(`^(${MANGLED_NAMES.join('|')})$`);

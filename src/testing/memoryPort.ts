// A Port with no device behind it: every command succeeds at once (unless told to fail) and moves the
// keeper it holds through the core's own pure `apply`, so a test of the engine sees exactly what the
// engine believes a device did. For what a device would refuse or do on its own, use the models.
import { applyAndroid } from '../core/android/diff';
import { isErrorCode, KeepCallError } from '../core/errors';
import { applyIos } from '../core/ios/diff';
import type { Command, CommandKind, KeepCallErrorCode, Keeper, Os, Port, PortEvent } from '../core/types';
import { applyWeb, EMPTY_WEB } from '../core/web/diff';
import { HISTORY_LIMIT } from './emitter';
import { checkInteger, checkKnownKeys, checkOneOf } from './validate';

/** How a command the port was told to fail is refused. */
export interface MemoryPortFailure {
  /** The rejection's message; default names the command. */
  message?: string;
  /** The rejection's `cause` (CallKit's `{ reason }`, say). */
  cause?: unknown;
  /** Only commands for this call fail. */
  callId?: string;
  /** How many matching commands fail; default 1, `Infinity` for every one. */
  times?: number;
}

/** How a memory port records. */
export interface MemoryPortOptions {
  /** How many of the latest commands `commands` keeps: HISTORY_LIMIT unless told; 0 for a bench that counts `runs`. */
  keep?: number;
}

/** An in-memory Port a test drives: what it ran, what it holds, and the reports it sends. */
export interface MemoryPort extends Port {
  /** The commands run, refused ones included, oldest first: the latest HISTORY_LIMIT (or `keep`). */
  readonly commands: Command[];
  /** How many commands were run in all, refused ones included (not bounded). */
  readonly runs: number;
  /** What the port holds and `snapshot()` gives; set it to change the device behind the engine's back. */
  state: Keeper;
  /** How many listeners are subscribed now. */
  readonly listenerCount: number;
  /** Reports `event` to every subscriber, numbered `seq` when given; `state` is left as it is (a report may be stale). */
  emit(event: PortEvent, seq?: number): void;
  /** Makes the next command of `kind` (for `failure.callId`, when given) reject with KeepCallError(`code`). */
  fail(kind: CommandKind, code: KeepCallErrorCode, failure?: MemoryPortFailure): void;
}

// A Record over the union, so a command kind added to the core fails to compile here until listed.
const COMMAND_KINDS: Record<CommandKind, true> = {
  'service.start': true,
  'service.update': true,
  'service.stop': true,
  'callkit.configure': true,
  'callkit.start': true,
  'callkit.connecting': true,
  'callkit.connected': true,
  'callkit.update': true,
  'callkit.end': true,
  'callkit.mute': true,
  'callkit.hold': true,
  'web.session': true,
  'web.notification': true,
  'web.wakeLock': true,
  'web.unloadGuard': true,
};
const OSES: readonly Os[] = ['android', 'ios', 'web'];
const FAILURE_KEYS: readonly (keyof MemoryPortFailure)[] = ['message', 'cause', 'callId', 'times'];

interface PendingFailure {
  kind: CommandKind;
  code: KeepCallErrorCode;
  message: string;
  cause: unknown;
  callId: string | undefined;
  left: number;
}

/** `keeper` after `command` succeeded, as the engine's kits apply it on every platform. */
function applied(keeper: Keeper, command: Command): Keeper {
  return applyWeb(applyIos(applyAndroid(keeper, command), command), command);
}

/** What an idle device of each platform holds: no service, no CallKit call, nothing in the browser. */
function idle(os: Os): Keeper {
  if (os === 'android') return { android: null };
  if (os === 'ios') return { ios: {} };
  return { web: EMPTY_WEB };
}

/** Creates an in-memory Port holding `initial`: an idle device of that platform, or the keeper given. */
export function createMemoryPort(initial: Os | Keeper, options: MemoryPortOptions = {}): MemoryPort {
  if (typeof initial === 'string') checkOneOf('initial', initial, OSES);
  else if (typeof initial !== 'object' || initial === null || Array.isArray(initial)) {
    throw new RangeError(
      `initial: got ${JSON.stringify(initial)}, allowed: ${OSES.join(', ')} or a keeper such as { ios: {} }`,
    );
  } else checkKnownKeys(initial, OSES);
  checkKnownKeys(options, ['keep']);
  const keep = checkInteger('keep', options.keep ?? HISTORY_LIMIT, 0, Number.MAX_SAFE_INTEGER);
  // Replaced, never mutated, on (un)subscribe: emit walks the array it started with.
  let listeners: ((event: PortEvent, seq?: number) => void)[] = [];
  let failures: PendingFailure[] = [];
  // Trimmed when read, and in chunks while running: an exact bound on every run would move the whole
  // array each time (Array#shift). Kept commands outlive the young generation, which costs a bench
  // about a tenth of its Android figure: it keeps none.
  const commands: Command[] = [];
  let runs = 0;

  const failureFor = (command: Command): PendingFailure | undefined =>
    failures.find(
      (failure) =>
        failure.kind === command.kind &&
        (failure.callId === undefined || ('callId' in command && command.callId === failure.callId)),
    );

  const port: MemoryPort = {
    get commands() {
      if (commands.length > keep) commands.splice(0, commands.length - keep);
      return commands;
    },
    state: typeof initial === 'string' ? idle(initial) : initial,
    get runs() {
      return runs;
    },
    get listenerCount() {
      return listeners.length;
    },
    run(command) {
      runs += 1;
      if (keep > 0) {
        commands.push(command);
        if (commands.length >= 2 * keep) commands.splice(0, keep);
      }
      const failure = failures.length === 0 ? undefined : failureFor(command);
      if (failure !== undefined) {
        failure.left -= 1;
        if (failure.left <= 0) failures = failures.filter((pending) => pending !== failure);
        const options = failure.cause === undefined ? {} : { cause: failure.cause };
        return Promise.reject(new KeepCallError(failure.code, failure.message, options));
      }
      port.state = applied(port.state, command);
      return Promise.resolve(undefined);
    },
    snapshot() {
      return Promise.resolve(port.state);
    },
    subscribe(listener) {
      listeners = [...listeners, listener];
      return () => {
        listeners = listeners.filter((l) => l !== listener);
      };
    },
    emit(event, seq) {
      for (const listener of listeners) listener(event, seq);
    },
    fail(kind, code, failure = {}) {
      if (typeof kind !== 'string' || !Object.hasOwn(COMMAND_KINDS, kind)) {
        throw new RangeError(
          `kind: got ${JSON.stringify(kind)}, allowed: ${Object.keys(COMMAND_KINDS).join(', ')}`,
        );
      }
      if (!isErrorCode(code)) {
        throw new RangeError(`code: got ${JSON.stringify(code)}, allowed: a KeepCallErrorCode`);
      }
      checkKnownKeys(failure, FAILURE_KEYS);
      const times = failure.times ?? 1;
      if (times !== Number.POSITIVE_INFINITY && !(Number.isInteger(times) && times >= 1)) {
        throw new RangeError(
          `times: got ${typeof times === 'number' ? times : JSON.stringify(times)}, allowed: a whole number from 1, or Infinity`,
        );
      }
      for (const field of ['message', 'callId'] as const) {
        const value = failure[field];
        if (value !== undefined && typeof value !== 'string') {
          throw new RangeError(`${field}: got ${JSON.stringify(value)}, allowed: a string`);
        }
      }
      failures = [
        ...failures,
        {
          kind,
          code,
          message: failure.message ?? `the memory port was told to fail ${kind}`,
          cause: failure.cause,
          callId: failure.callId,
          left: times,
        },
      ];
    },
  };
  return port;
}

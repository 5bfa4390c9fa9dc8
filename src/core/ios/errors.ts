// CallKit's refusals by name. Native code rejects a CallKit method with the name of the
// CXErrorCodeRequestTransactionError code as its reject code (its message is the system's localized
// text, which names nothing); the binding keeps that name as the failure's `reason`.
import { KeepCallError } from '../errors';

/** The CXErrorCodeRequestTransactionError codes native code names (newer codes arrive as `unknown`). */
export const CALLKIT_TRANSACTION_ERRORS = [
  'unknown',
  'unentitled',
  'unknownCallProvider',
  'emptyTransaction',
  'unknownCallUUID',
  'callUUIDAlreadyExists',
  'invalidAction',
  'maximumCallGroupsReached',
] as const;

/** One of CallKit's transaction error names. */
export type CallKitTransactionError = (typeof CALLKIT_TRANSACTION_ERRORS)[number];

/** Whether a native reject code is one of CallKit's transaction error names. */
export function isCallKitTransactionError(code: unknown): code is CallKitTransactionError {
  return (CALLKIT_TRANSACTION_ERRORS as readonly unknown[]).includes(code);
}

/** A refused CallKit transaction, named by CallKit's code. */
export function callKitRefusal(
  reason: CallKitTransactionError,
  message: string,
  cause?: unknown,
): KeepCallError {
  return new KeepCallError('callkit-transaction-failed', `${reason}: ${message}`, {
    cause: cause === undefined ? { reason } : { reason, error: cause },
  });
}

/** The CallKit error name behind a failure, through every layer that wrapped it. */
export function callKitReason(error: unknown): CallKitTransactionError | undefined {
  const seen = new Set<unknown>();
  for (let at = error; typeof at === 'object' && at !== null && !seen.has(at); ) {
    seen.add(at);
    const reason = (at as { reason?: unknown }).reason;
    if (isCallKitTransactionError(reason)) return reason;
    at = (at as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The closed set of failure names users can switch on: one list, from which the type is derived. */
const CODES = [
  'start-not-allowed',
  'missing-permission',
  'type-not-declared',
  'did-not-start-in-time',
  'timeout',
  'notifications-blocked',
  'callkit-transaction-failed',
  'create-client-failed',
  'invalid-config',
  'task-failed',
  'call-control-failed',
  'unsupported',
  'port-failed',
] as const;

/** A closed set of failure names users can switch on. */
export type KeepCallErrorCode = (typeof CODES)[number];

/** An error keepcall reports; `code` names the platform failure so apps can switch on it. */
export class KeepCallError extends Error {
  // `declare`: assigned in the constructor, so no class-field helper is emitted for ES2020.
  declare readonly code: KeepCallErrorCode;
  /** The call concerned, when there is one. */
  declare readonly callId?: string;

  /** Builds an error with a closed-set code and a message for people. */
  constructor(code: KeepCallErrorCode, message: string, options?: { callId?: string; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    const callId = options?.callId;
    Object.assign(this, { name: 'KeepCallError', code }, callId === undefined ? {} : { callId });
  }
}

/** What was thrown, in words: an Error's message, or the value itself. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Turns anything a port threw into a KeepCallError, keeping a code when it has one. */
export function toKeepCallError(error: unknown, fallback: KeepCallErrorCode = 'port-failed'): KeepCallError {
  if (error instanceof KeepCallError) return error;
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (isErrorCode(code)) {
    return new KeepCallError(code, typeof message === 'string' ? message : code, { cause: error });
  }
  return new KeepCallError(fallback, messageOf(error), {
    cause: error,
  });
}

/** Whether a string is one of keepcall's error codes. */
export function isErrorCode(value: unknown): value is KeepCallErrorCode {
  return (CODES as readonly unknown[]).includes(value);
}

// The invariant kinds the property suite checks, each on the model device's own observable state (or
// on what the SDK and the app saw), never on the engine's bookkeeping alone. Issue 14 names the first 23.

export const INVARIANTS = {
  'adopted-dropped-early':
    'after a reload, a keeper found on the device stays for adoptGraceMs while its call is live',
  'bg-mic-silent': 'in the background a live call with audio still captures, where the platform allows it',
  'callkit-missing': 'with CallKit on and available, every live call is reported to CallKit at rest',
  'could-not-decide': 'the policy never fails to decide ("could not decide")',
  'did-not-settle': 'the keeper always settles (no "did not settle")',
  'dismissed-not-reposted-while-lingering': 'a running service always has its notification posted at rest',
  'error-storm': 'one step never reports a burst of errors',
  'hangup-exactness': 'a hang-up from a surface ends exactly that call',
  idempotency:
    'at rest, reconciling again asks for nothing but held retries; the engine agrees with the device',
  'idle-hang': 'idle() always settles',
  'ios-suspended': 'iOS: an app with a live, unheld CallKit call keeps running in the background',
  'mic-missing': 'at rest a live call with audio holds the microphone type where the platform allows it',
  'model-empty-update': 'no service.start/update with no type where the platform refuses it (API/target 34+)',
  'no-keeper': 'a live call has a keeper at rest, unless no type is usable (and the engine said so)',
  'notif-content': "the notification shows the configured texts and the shown call's name",
  'notif-label': 'the mute action and the mute state match the SDK and the configured labels',
  'notif-wrong-call': 'the notification shows a live call',
  orphan: 'no live call ⇒ no service, no notification, no CallKit call at rest',
  'refused-command': 'the device refuses or crashes on nothing keepcall sends, unless a race intervened',
  'stop-while-live': 'the service never stops while a tracked call is live, unless the user or system did it',
  'task-late': 'taskToRun runs while the service runs',
  'throw-into-sdk': "keepcall never throws into the SDK's emitter",
  'types-not-allowed': 'the service holds only types the permissions and media allow',
  // Asked beyond the 23: mute, hold and video checked against the device.
  'device-mute': "CallKit's mute state is the SDK's at rest",
  'device-hold': "CallKit's hold state is what the system last set at rest",
  'device-video': "CallKit's video state (what the system call UI shows) is the SDK's at rest",
  'dispose-leak': 'a disposed runtime resolves idle() and sends nothing more',
} as const;

export type InvariantKind = keyof typeof INVARIANTS;

/** A broken invariant: its kind is what a survey counts. */
export class Broken extends Error {
  constructor(
    readonly kind: InvariantKind,
    detail: string,
  ) {
    super(`[${kind}] ${INVARIANTS[kind]}: ${detail}`);
    this.name = 'Broken';
  }
}

/** The first invariant broken in the current sequence (thrown where the SDK would swallow it). */
let pending: Broken | undefined;

/** Throws a Broken, and remembers it in case the thrower is inside someone's try/catch. */
export function broken(kind: InvariantKind, detail: string): never {
  const error = new Broken(kind, detail);
  pending ??= error;
  throw error;
}

/** Checks a condition. */
export function must(kind: InvariantKind, condition: boolean, detail: () => string): void {
  if (!condition) broken(kind, detail());
}

/** Rethrows an invariant broken out of sight (inside an emitter or a listener), then forgets it. */
export function rethrowPending(): void {
  const error = pending;
  pending = undefined;
  if (error) throw error;
}

/** Forgets a pending break (a new sequence starts). */
export function resetPending(): void {
  pending = undefined;
}

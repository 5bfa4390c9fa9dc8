import { KeepCallError } from '../core/errors';

/** A browser feature keepcall uses, named in `unsupported` errors. */
export type WebFeature =
  | 'mediaSession'
  | 'mediaSession.hangup'
  | 'mediaSession.togglemicrophone'
  | 'mediaSession.togglecamera'
  | 'mediaSession.enterpictureinpicture'
  | 'notification'
  | 'serviceWorker'
  | 'wakeLock';

/**
 * Remembers which missing features were already reported, so each is reported once: the first
 * time a command needs it the command fails with `unsupported`, afterwards it degrades silently.
 * A feature that is only part of a command (one Media Session action) is not worth failing the
 * command for: it goes to `onPartial` listeners instead.
 */
export class UnsupportedOnce {
  private readonly reported = new Set<WebFeature>();
  private readonly partialListeners = new Set<(error: KeepCallError, feature: WebFeature) => void>();
  /** Every `unsupported` error so far, for status panels. */
  readonly all: KeepCallError[] = [];

  /** The error to report for a missing feature the first time, undefined afterwards. */
  report(feature: WebFeature, why: string): KeepCallError | undefined {
    if (this.reported.has(feature)) return undefined;
    this.reported.add(feature);
    const error = new KeepCallError('unsupported', `${feature} is not available in this browser: ${why}`);
    this.all.push(error);
    return error;
  }

  /** Reports, once, a missing feature the command could do without. */
  reportPartial(feature: WebFeature, why: string): void {
    const error = this.report(feature, why);
    if (error) for (const listener of [...this.partialListeners]) listener(error, feature);
  }

  /** Listens to partial `unsupported` reports; returns the unsubscribe function. */
  onPartial(listener: (error: KeepCallError, feature: WebFeature) => void): () => void {
    this.partialListeners.add(listener);
    return () => this.partialListeners.delete(listener);
  }
}

// The demo's command log: a wake lock the browser simply did not grant (a headless browser) is a neutral
// note, not a red error; other refusals stay errors.
import { describe, expect, it } from 'vitest';
import { EventLog } from '../../examples/demo/client/status';
import { KeepCallError } from '../../src/core/errors';

const denied = () =>
  new KeepCallError('start-not-allowed', 'the browser refused the wake lock: NotAllowedError', {
    cause: new DOMException('Wake Lock permission request denied', 'NotAllowedError'),
  });

describe('the demo log', () => {
  it('a wake lock not granted is one neutral line, its error event not repeated in red', () => {
    const log = new EventLog();
    // As the web port reports it: the driver's error wrapped once more.
    const error = new KeepCallError('start-not-allowed', 'wrapped', { cause: denied() });
    log.record({ type: 'command', command: { kind: 'web.wakeLock', held: true }, error });
    log.record({ type: 'error', error });
    expect(log.lines).toEqual([
      expect.objectContaining({
        ok: true,
        neutral: true,
        text: expect.stringContaining('wake lock not granted'),
      }),
    ]);
  });

  it('a wake lock asked for while hidden is still an error', () => {
    const log = new EventLog();
    const error = new KeepCallError(
      'start-not-allowed',
      'a wake lock can only be requested while the page is visible (W4)',
    );
    log.record({ type: 'command', command: { kind: 'web.wakeLock', held: true }, error });
    log.record({ type: 'error', error });
    expect(log.lines.map((line) => line.ok)).toEqual([false, false]);
  });
});

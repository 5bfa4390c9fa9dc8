// keepcall/testing's memory port: obeys every command as the engine expects a device to, records what it
// ran, refuses what it was told to refuse, and delivers the reports a test sends.
import { describe, expect, it } from 'vitest';
import { KeepCallError } from '../../src/core/errors';
import type { Command, NotificationSpec, PortEvent } from '../../src/core/types';
import { createRuntime } from '../../src/core/universal';
import {
  createFakeCall,
  createMemoryPort,
  createVirtualClock,
  HISTORY_LIMIT,
  MEDIA_PROFILE_PERMISSIONS,
} from '../../src/testing';
import { callKitStart, callNotification } from './helpers';

const notification = callNotification() as NotificationSpec;
const start = { kind: 'service.start', notification, types: ['microphone'], fallbacks: [] } satisfies Command;

describe('createMemoryPort', () => {
  it('holds an idle device of the platform named, or the keeper given', async () => {
    expect(await createMemoryPort('android').snapshot()).toEqual({ android: null });
    expect(await createMemoryPort('ios').snapshot()).toEqual({ ios: {} });
    expect(await createMemoryPort('web').snapshot()).toEqual({
      web: { session: null, notification: null, wakeLock: false, unloadGuard: false },
    });
    const running = { android: { notification, types: ['microphone' as const] } };
    expect(await createMemoryPort(running).snapshot()).toBe(running);
  });

  it('applies each command as the engine does, and records it', async () => {
    const android = createMemoryPort('android');
    await android.run(start);
    expect(android.state).toEqual({ android: { notification: start.notification, types: ['microphone'] } });
    await android.run({ kind: 'service.stop' });
    expect(await android.snapshot()).toEqual({ android: null });
    expect(android.commands.map((command) => command.kind)).toEqual(['service.start', 'service.stop']);

    const ios = createMemoryPort('ios');
    await ios.run(callKitStart('c1', 'uuid-c1'));
    await ios.run({ kind: 'callkit.mute', callId: 'c1', uuid: 'uuid-c1', muted: true });
    expect(ios.state.ios?.c1).toMatchObject({ phase: 'connecting', muted: true });
  });

  it('refuses the next command of a kind with the code, message and cause it was given, then obeys again', async () => {
    const port = createMemoryPort('android');
    port.fail('service.start', 'start-not-allowed', {
      message: 'ForegroundServiceStartNotAllowedException',
      cause: { from: 'test' },
    });
    const refusal = await port.run(start).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(KeepCallError);
    expect(refusal).toMatchObject({
      code: 'start-not-allowed',
      message: 'ForegroundServiceStartNotAllowedException',
      cause: { from: 'test' },
    });
    // A refused command changes nothing on the device, but is recorded as sent.
    expect(port.state).toEqual({ android: null });
    expect(port.commands).toEqual([start]);
    await port.run(start);
    expect(port.state.android).not.toBeNull();
    expect(port.runs).toBe(2);
  });

  it('refuses only the call named, as many times as asked', async () => {
    const port = createMemoryPort('ios');
    port.fail('callkit.start', 'callkit-transaction-failed', { callId: 'a', times: 2 });
    const outcomes = [];
    for (const callId of ['a', 'b', 'a', 'a']) {
      outcomes.push(
        await port.run(callKitStart(callId, `uuid-${callId}`)).then(
          () => 'ran',
          (error: KeepCallError) => error.code,
        ),
      );
    }
    expect(outcomes).toEqual(['callkit-transaction-failed', 'ran', 'callkit-transaction-failed', 'ran']);
    expect(Object.keys(port.state.ios ?? {})).toEqual(['b', 'a']);

    const always = createMemoryPort('android');
    always.fail('service.update', 'missing-permission', { times: Number.POSITIVE_INFINITY });
    const update = { ...start, kind: 'service.update' } satisfies Command;
    for (let i = 0; i < 5; i++) await expect(always.run(update)).rejects.toThrow(KeepCallError);
  });

  it('delivers reports to subscribers with their number, leaving what it holds alone', () => {
    const port = createMemoryPort('android');
    const seen: [PortEvent, number | undefined][] = [];
    const off = port.subscribe((event, seq) => seen.push([event, seq]));
    expect(port.listenerCount).toBe(1);
    port.emit({ type: 'service.stopped' }, 7);
    port.emit({ type: 'app', state: 'background' });
    off();
    port.emit({ type: 'task.removed' });
    expect(seen).toEqual([
      [{ type: 'service.stopped' }, 7],
      [{ type: 'app', state: 'background' }, undefined],
    ]);
    expect(port.listenerCount).toBe(0);
  });

  it('keeps the latest HISTORY_LIMIT commands, or as many as told, and counts every one', async () => {
    const port = createMemoryPort('web');
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) await port.run({ kind: 'web.wakeLock', held: i % 2 === 0 });
    expect(port.commands).toHaveLength(HISTORY_LIMIT);
    expect(port.runs).toBe(HISTORY_LIMIT + 5);
    expect(port.state.web?.wakeLock).toBe(true);

    // A bench that only counts keeps nothing; a test may keep fewer.
    const counting = createMemoryPort('web', { keep: 0 });
    const few = createMemoryPort('web', { keep: 2 });
    for (const held of [true, false, true]) {
      await counting.run({ kind: 'web.wakeLock', held });
      await few.run({ kind: 'web.wakeLock', held });
    }
    expect([counting.commands, counting.runs]).toEqual([[], 3]);
    expect(few.commands).toEqual([
      { kind: 'web.wakeLock', held: false },
      { kind: 'web.wakeLock', held: true },
    ]);
  });

  it('names what is wrong with what it was given', () => {
    expect(() => createMemoryPort('windows' as never)).toThrow(
      'initial: got "windows", allowed: android, ios, web',
    );
    expect(() => createMemoryPort({ androd: null } as never)).toThrow(
      'androd: not an option, allowed: android, ios, web',
    );
    expect(() => createMemoryPort('android', { keep: -1 })).toThrow(
      /keep: got -1, allowed: an integer from 0 to/,
    );
    expect(() => createMemoryPort('android', { limit: 5 } as never)).toThrow(
      'limit: not an option, allowed: keep',
    );
    const port = createMemoryPort('android');
    expect(() => port.fail('service.launch' as never, 'timeout')).toThrow(
      /kind: got "service.launch", allowed: service.start, service.update/,
    );
    expect(() => port.fail('service.start', 'refused' as never)).toThrow(
      'code: got "refused", allowed: a KeepCallErrorCode',
    );
    expect(() => port.fail('service.start', 'timeout', { times: 0 })).toThrow(
      'times: got 0, allowed: a whole number from 1, or Infinity',
    );
    expect(() => port.fail('service.start', 'timeout', { time: 2 } as never)).toThrow(
      'time: not an option, allowed: message, cause, callId, times',
    );
  });

  it('carries a runtime: a joined call starts the service, a refused start is reported by its code', async () => {
    const clock = createVirtualClock();
    const port = createMemoryPort('android');
    port.fail('service.start', 'start-not-allowed');
    const runtime = createRuntime({
      port,
      clock,
      platform: {
        os: 'android',
        apiLevel: 34,
        declared: [...MEDIA_PROFILE_PERMISSIONS],
        serviceTypes: ['mediaPlayback', 'microphone'],
      },
      permissions: { microphone: 'granted', notifications: 'granted' },
    });
    const codes: string[] = [];
    runtime.on((event) => {
      if (event.type === 'error') codes.push(event.error.code);
    });
    await runtime.start();
    const call = createFakeCall('c1');
    runtime.track(call);
    call.joined(clock.now());
    await runtime.idle();
    expect(codes).toEqual(['start-not-allowed']);
    expect(port.state.android).toBeNull();
    // The next moment the engine retries (back in the foreground), the start goes through.
    runtime.dispatch({ type: 'app', state: 'background' });
    runtime.dispatch({ type: 'app', state: 'active' });
    await runtime.idle();
    expect(port.state.android?.types).toEqual(['mediaPlayback', 'microphone']);
    runtime.dispose();
  });
});

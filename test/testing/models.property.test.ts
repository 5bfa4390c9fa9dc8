// Random sequences of commands and user actions: the models stay self-consistent, reject only with
// keepcall's error codes, and keepcall's native service never crashes whatever JavaScript sends.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isErrorCode, KeepCallError } from '../../src/core/errors';
import type { FgsType } from '../../src/core/types';
import { type AndroidDevice, createAndroidDevice, createIosDevice, type IosDevice } from '../../src/testing';
import { callKitStart, callNotification, MEDIA_MANIFEST } from './helpers';

const TYPES: FgsType[] = ['mediaPlayback', 'microphone', 'camera', 'phoneCall'];
const types = fc.subarray(TYPES);
const androidStep = fc.oneof(
  fc.record({ kind: fc.constantFrom('service.start', 'service.update'), types }),
  fc.constant({ kind: 'service.stop' as const }),
  fc.record({ control: fc.constantFrom('active', 'background', 'pip', 'destroyed') }),
  fc.record({ grant: fc.constantFrom('RECORD_AUDIO', 'CAMERA', 'POST_NOTIFICATIONS'), on: fc.boolean() }),
  fc.record({ advance: fc.integer({ min: 0, max: 20_000 }) }),
  fc.constantFrom('kill', 'dismiss', 'lock', 'unlock', 'tapHangup'),
);

const VISIBLE = ['active', 'pip', 'inactive'];
const WHILE_IN_USE_TYPES: string[] = ['microphone', 'camera'];

/** When the app last left the screen and last got a notification tap: its user-visible context (A4). */
interface Visibility {
  leftAt: number;
  tapAt: number;
}

async function applyAndroid(device: AndroidDevice, step: unknown, seen: Visibility, graceMs: number) {
  const s = step as Record<string, unknown> | string;
  if (typeof s === 'string') {
    if (s === 'kill') device.killService();
    if (s === 'lock') device.lock();
    if (s === 'unlock') device.unlock();
    if (s === 'dismiss' && device.observe().notification) device.dismissNotification();
    if (s === 'tapHangup' && device.observe().notification?.visible) {
      device.tapAction('hangup');
      seen.tapAt = device.clock.now();
    }
    return;
  }
  if ('control' in s) {
    const wasVisible = VISIBLE.includes(device.appState());
    device.setApp(s.control as 'active');
    if (wasVisible && !VISIBLE.includes(device.appState())) seen.leftAt = device.clock.now();
  } else if ('grant' in s) s.on ? device.grant(s.grant as 'CAMERA') : device.revoke(s.grant as 'CAMERA');
  else if ('advance' in s) device.advance(s.advance as number);
  else {
    const command =
      s.kind === 'service.stop'
        ? ({ kind: 'service.stop' } as const)
        : { kind: s.kind as 'service.start', notification: callNotification(), types: s.types as FgsType[] };
    const before = device.observe().service;
    const now = device.clock.now();
    const userVisible =
      VISIBLE.includes(device.appState()) || now - seen.leftAt < graceMs || now - seen.tapAt < 10_000;
    const result = device.run(command);
    expect(result).toBeInstanceOf(Promise);
    const ok = await result.then(
      () => true,
      (error: unknown) => {
        expect(error).toBeInstanceOf(KeepCallError);
        expect(isErrorCode((error as KeepCallError).code)).toBe(true);
        return false;
      },
    );
    // A4/A6: on API 34+ a running service never gains a while-in-use type outside a user-visible context.
    if (ok && before.foreground && (device.platformInfo().apiLevel ?? 0) >= 34 && !userVisible) {
      const added = device.observe().service.types.filter((type) => !before.types.includes(type));
      expect(added.filter((type) => WHILE_IN_USE_TYPES.includes(type))).toEqual([]);
    }
  }
}

describe('the Android model under random sequences', () => {
  it('stays consistent; with keepcall native code it never crashes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 29, max: 37 }),
        fc.boolean(),
        fc.constantFrom(0, 5000),
        fc.array(androidStep, { maxLength: 25 }),
        async (apiLevel, nativeFallback, visibilityGraceMs, steps) => {
          const device = createAndroidDevice({
            apiLevel,
            ...MEDIA_MANIFEST,
            nativeFallback,
            promotionDelayMs: nativeFallback ? 100 : 0,
            visibilityGraceMs,
          });
          const visibility = { leftAt: Number.NEGATIVE_INFINITY, tapAt: Number.NEGATIVE_INFINITY };
          for (const step of steps) {
            await applyAndroid(device, step, visibility, visibilityGraceMs);
            const seen = device.observe();
            const snap = await device.snapshot();
            if (nativeFallback) expect(seen.crashed).toBeNull();
            if (seen.crashed)
              expect(seen).toMatchObject({ processAlive: false, service: { running: false } });
            if (seen.notification) expect(seen.service.foreground).toBe(true);
            // A service still being promoted counts as running, as the native module's snapshot says,
            // unless a stop waits for the promotion: then it is already reported stopped.
            if (snap.android !== null) expect(seen.service.running).toBe(true);
            if (!seen.service.running) expect(snap.android).toBeNull();
            if (seen.service.foreground) expect(snap.android?.types).toEqual(seen.service.types);
            for (const type of seen.service.types) expect(MEDIA_MANIFEST.serviceTypes).toContain(type);
            // A5: the microphone type exists from API 30; below it any foreground service keeps the microphone.
            const typed = apiLevel >= 30;
            if (
              typed &&
              seen.microphoneCaptures &&
              !['active', 'pip', 'inactive'].includes(device.appState())
            ) {
              expect(seen.service.types).toContain('microphone');
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

const iosStep = fc.oneof(
  fc.record({
    kind: fc.constantFrom(
      'callkit.start',
      'callkit.connected',
      'callkit.update',
      'callkit.end',
      'callkit.mute',
      'callkit.hold',
    ),
    call: fc.constantFrom('a', 'b'),
  }),
  fc.record({ system: fc.constantFrom('end', 'mute', 'hold', 'unhold'), call: fc.constantFrom('a', 'b') }),
  fc.record({ app: fc.constantFrom('active', 'background') }),
  fc.record({ advance: fc.integer({ min: 0, max: 20_000 }) }),
);

async function applyIos(device: IosDevice, step: Record<string, string | number>) {
  const callId = String(step.call);
  const uuid = `uuid-${callId}`;
  if ('app' in step) device.setApp(step.app as 'active');
  else if ('advance' in step) device.advance(step.advance as number);
  else if ('system' in step) {
    if (!(callId in device.observe().calls)) return;
    if (step.system === 'end') device.systemEnd(callId);
    if (step.system === 'mute') device.systemMute(callId, true);
    if (step.system === 'hold' || step.system === 'unhold') device.systemHold(callId, step.system === 'hold');
  } else {
    const kind = step.kind as string;
    const command =
      kind === 'callkit.end'
        ? { kind, callId, uuid, reason: 'local' as const }
        : kind === 'callkit.mute'
          ? { kind, callId, uuid, muted: true }
          : kind === 'callkit.hold'
            ? { kind, callId, uuid, held: true }
            : kind === 'callkit.start'
              ? callKitStart(callId, uuid)
              : kind === 'callkit.update'
                ? { kind, callId, uuid, hasVideo: true, handle: { type: 'generic' as const, value: callId } }
                : { kind: kind as 'callkit.connected', callId, uuid, hasVideo: false };
    const known = callId in device.observe().calls;
    const code = await device.run(command as Parameters<IosDevice['run']>[0]).then(
      () => 'ok',
      (error: KeepCallError) => error.code,
    );
    // I8: exactly the actions on a call CallKit does not hold fail.
    expect(code).toBe(
      kind === 'callkit.start'
        ? known
          ? 'callkit-transaction-failed'
          : 'ok'
        : known
          ? 'ok'
          : 'callkit-transaction-failed',
    );
  }
}

describe('the iOS model under random sequences', () => {
  it('the audio session is active exactly while some call is not held', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(iosStep, { maxLength: 25 }), async (steps) => {
        const device = createIosDevice({ backgroundModes: ['audio'] });
        for (const step of steps) {
          await applyIos(device, step as Record<string, string | number>);
          const seen = device.observe();
          const calls = Object.values(seen.calls);
          expect(seen.audioSessionActive).toBe(calls.some((call) => !call.held));
          if (seen.audioSessionActive) expect(seen.processAlive).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});

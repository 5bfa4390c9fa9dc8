import { describe, expect, it } from 'vitest';
import type { PlatformInfo } from '../../../src/core/types';
import type { MemoryPort } from '../../../src/testing';
import { AUDIO, reload, setup, testCall, VIDEO } from '../helpers';

const IOS: PlatformInfo = { os: 'ios', declared: [] };

/** CallKit refuses every start of `callId` (an app without the entitlement, say); the rest goes through. */
function refuseEveryStart(port: MemoryPort, callId: string) {
  port.fail('callkit.start', 'callkit-transaction-failed', {
    message: 'unentitled',
    callId,
    times: Infinity,
  });
}

async function iosSetup() {
  const context = await setup({ platform: IOS, push: { ios: { enableOngoingCalls: true } } });
  return context;
}

/**
 * c1's CallKit start is refused `times` times, through all its timed retries, and c1 leaves; then
 * `next` joins, its start is refused once, and it starts on its own first timed retry, a second later.
 */
async function nextCallAfterRetriesUsedUp(next: string, times: number) {
  const { runtime, port, clock } = await iosSetup();
  port.fail('callkit.start', 'callkit-transaction-failed', { message: 'unentitled', callId: 'c1', times });
  const first = testCall('c1');
  runtime.track(first);
  first.emit({ type: 'joined', at: 1, media: AUDIO });
  await runtime.idle();
  for (let tick = 0; tick < 40; tick++) {
    clock.advance(1000);
    await runtime.idle();
  }
  expect(port.state.ios?.c1).toBeUndefined();
  first.emit({ type: 'left' });
  await runtime.idle();
  port.fail('callkit.start', 'callkit-transaction-failed', { message: 'maximumCallGroupsReached' });
  const call = testCall(next);
  runtime.track(call);
  call.emit({ type: 'joined', at: 2, media: AUDIO });
  await runtime.idle();
  expect(port.state.ios?.[next]).toBeUndefined();
  clock.advance(1000);
  await runtime.idle();
  expect(port.state.ios?.[next]).toMatchObject({ phase: 'connected' });
}

describe('iOS CallKit keeper', () => {
  it('starts the CallKit call at joining, before the join completes (I4), and reports connected at joined (I5)', async () => {
    const { runtime, port } = await iosSetup();
    const call = testCall('c1', 'Ada');
    runtime.track(call);
    call.emit({ type: 'joining' });
    await runtime.idle();
    // CallKit's provider is configured before its first call.
    expect(port.commands.map((command) => command.kind)).toEqual([
      'callkit.configure',
      'callkit.start',
      'callkit.connecting',
    ]);
    expect(port.state.ios?.c1?.phase).toBe('connecting');
    call.emit({ type: 'joined', at: 5, media: VIDEO });
    await runtime.idle();
    expect(port.commands.map((command) => command.kind)).toEqual([
      'callkit.configure',
      'callkit.start',
      'callkit.connecting',
      'callkit.connected',
    ]);
    expect(port.state.ios?.c1).toMatchObject({ phase: 'connected', muted: false, held: false });
  });

  it('reports nothing to CallKit when enableOngoingCalls is off (I10), and says why', async () => {
    const { runtime, port, errors } = await setup({ platform: IOS });
    const call = testCall('c1');
    runtime.track(call);
    call.emit({ type: 'joined', at: 1, media: AUDIO });
    await runtime.idle();
    expect(port.commands).toEqual([]);
    expect(errors().map((error) => error.code)).toEqual(['unsupported']);
  });

  it('follows mute both ways without echo (I6)', async () => {
    const { runtime, port } = await iosSetup();
    const call = testCall('c1');
    runtime.track(call);
    call.emit({ type: 'joined', at: 1, media: AUDIO });
    await runtime.idle();
    call.emit({ type: 'media', media: { ...AUDIO, muted: true } });
    await runtime.idle();
    expect(port.commands.at(-1)).toMatchObject({ kind: 'callkit.mute', muted: true });
    const count = port.commands.length;
    const entry = port.state.ios?.c1;
    if (!entry) throw new Error('no CallKit call');
    port.state = { ios: { c1: { ...entry, muted: false } } };
    runtime.dispatch({ type: 'mute', callId: 'c1', muted: false, source: 'callkit' });
    await runtime.idle();
    expect(call.muteCalls).toEqual([false]);
    call.emit({ type: 'media', media: AUDIO });
    await runtime.idle();
    expect(port.commands.length).toBe(count);
  });

  it('a system end leaves that call and is never requested back (I8)', async () => {
    const { runtime, port } = await iosSetup();
    const a = testCall('a');
    const b = testCall('b');
    runtime.track(a);
    runtime.track(b);
    a.emit({ type: 'joined', at: 1, media: AUDIO });
    b.emit({ type: 'joined', at: 2, media: AUDIO });
    await runtime.idle();
    const { a: _ended, ...remaining } = port.state.ios ?? {};
    port.state = { ios: remaining };
    runtime.dispatch({ type: 'callkit.ended', callId: 'a', reason: 'remote' });
    await runtime.idle();
    expect(a.hangups).toBe(1);
    expect(b.hangups).toBe(0);
    expect(port.commands.filter((command) => command.kind === 'callkit.end')).toEqual([]);
    a.emit({ type: 'left' });
    await runtime.idle();
    expect(port.commands.filter((command) => command.kind === 'callkit.end')).toEqual([]);
  });

  it('ends with the reason the call ended for', async () => {
    const { runtime, port } = await iosSetup();
    const call = testCall('c1');
    runtime.track(call);
    call.emit({ type: 'joined', at: 1, media: AUDIO });
    await runtime.idle();
    call.emit({ type: 'closed', reason: 'connection failed' });
    await runtime.idle();
    expect(port.commands.at(-1)).toMatchObject({ kind: 'callkit.end', callId: 'c1', reason: 'failed' });
  });

  it('follows hold and unhold from the system, and forwards audio activation', async () => {
    const { runtime, port, events } = await iosSetup();
    const call = testCall('c1');
    runtime.track(call);
    call.emit({ type: 'joined', at: 1, media: AUDIO });
    await runtime.idle();
    const count = port.commands.length;
    runtime.dispatch({ type: 'hold', callId: 'c1', held: true, source: 'callkit' });
    runtime.dispatch({ type: 'audio.deactivated' });
    await runtime.idle();
    expect(runtime.getState().model.calls.get('c1')?.phase).toBe('held');
    runtime.dispatch({ type: 'hold', callId: 'c1', held: false, source: 'callkit' });
    runtime.dispatch({ type: 'audio.activated' });
    await runtime.idle();
    expect(runtime.getState().model.calls.get('c1')?.phase).toBe('joined');
    expect(port.commands.length).toBe(count);
    expect(events.filter((event) => event.type === 'audio')).toEqual([
      { type: 'audio', active: false },
      { type: 'audio', active: true },
    ]);
  });

  it('keeps the call id ↔ UUID map across a JavaScript reload (I8)', async () => {
    const first = await iosSetup();
    const call = testCall('c1');
    first.runtime.track(call);
    call.emit({ type: 'joined', at: 1, media: AUDIO });
    await first.runtime.idle();
    const uuid = first.port.state.ios?.c1?.uuid;
    const reloaded = await reload(first, {
      push: { ios: { enableOngoingCalls: true } },
      newUuid: () => 'fresh-uuid',
    });
    const again = testCall('c1');
    reloaded.track(again);
    again.emit({ type: 'joined', at: 1, media: AUDIO });
    await reloaded.idle();
    expect(first.port.state.ios?.c1?.uuid).toBe(uuid);
    expect(first.port.commands.filter((command) => command.kind === 'callkit.start')).toHaveLength(1);
  });

  it('after a reload, ending one adopted call from the system UI leaves the others their grace (I8)', async () => {
    const first = await iosSetup();
    const [a, b] = [testCall('a'), testCall('b')];
    for (const call of [a, b]) {
      first.runtime.track(call);
      call.emit({ type: 'joined', at: 1, media: AUDIO });
    }
    await first.runtime.idle();
    const reloaded = await reload(first, { push: { ios: { enableOngoingCalls: true } } });
    const sent = first.port.commands.length;
    reloaded.dispatch({ type: 'callkit.ended', callId: 'b', reason: 'local' });
    await reloaded.idle();
    expect(Object.keys(reloaded.getState().actual.ios ?? {})).toEqual(['a']);

    // `a` is tracked again within the grace: it was never ended, and it stays.
    first.clock.advance(2000);
    const again = testCall('a');
    reloaded.track(again);
    again.emit({ type: 'joined', at: 1, media: AUDIO });
    await reloaded.idle();
    expect(first.port.commands.slice(sent).map((command) => command.kind)).not.toContain('callkit.end');
    expect(first.port.state.ios?.a?.phase).toBe('connected');
  });

  it('tries a refused CallKit start again on its own, backing off, while the app stays in the foreground', async () => {
    const { runtime, port, clock, errors } = await iosSetup();
    const refused = { message: 'maximumCallGroupsReached' };
    port.fail('callkit.start', 'callkit-transaction-failed', refused);
    const call = testCall('c1');
    runtime.track(call);
    call.emit({ type: 'joined', at: 1, media: AUDIO });
    await runtime.idle();
    expect(port.state.ios?.c1).toBeUndefined();
    // Still refused a second later: the next try waits twice as long.
    port.fail('callkit.start', 'callkit-transaction-failed', refused);
    clock.advance(1000);
    await runtime.idle();
    expect(port.state.ios?.c1).toBeUndefined();
    clock.advance(1999);
    await runtime.idle();
    expect(port.state.ios?.c1).toBeUndefined();
    clock.advance(1);
    await runtime.idle();
    expect(port.state.ios?.c1).toMatchObject({ phase: 'connected' });
    expect(port.commands.filter((command) => command.kind === 'callkit.start')).toHaveLength(3);
    expect(errors().map((error) => error.code)).toEqual([
      'callkit-transaction-failed',
      'callkit-transaction-failed',
    ]);
  });

  it('stops timed retries of a CallKit start that keeps failing after five, and never retries a missing CallKit (I10)', async () => {
    const { runtime, port, clock, errors } = await iosSetup();
    refuseEveryStart(port, 'c1');
    const call = testCall('c1');
    runtime.track(call);
    call.emit({ type: 'joined', at: 1, media: AUDIO });
    await runtime.idle();
    for (let second = 0; second < 120; second++) {
      clock.advance(1000);
      await runtime.idle();
    }
    expect(port.commands.filter((command) => command.kind === 'callkit.start')).toHaveLength(6);
    expect(errors()).toHaveLength(6);

    const second = await iosSetup();
    second.port.fail('callkit.start', 'unsupported', { message: 'CallKit is not available' });
    const other = testCall('c2');
    second.runtime.track(other);
    other.emit({ type: 'joined', at: 1, media: AUDIO });
    await second.runtime.idle();
    for (let tick = 0; tick < 120; tick++) {
      second.clock.advance(1000);
      await second.runtime.idle();
    }
    expect(second.port.commands.filter((command) => command.kind === 'callkit.start')).toHaveLength(1);
  });

  it('leaves no retry timer behind after dispose: a refused start is not tried again by a disposed runtime', async () => {
    const { runtime, port, clock } = await iosSetup();
    refuseEveryStart(port, 'c1');
    const call = testCall('c1');
    runtime.track(call);
    call.emit({ type: 'joined', at: 1, media: AUDIO });
    await runtime.idle();
    expect(clock.pending()).toBe(1);
    const tries = port.commands.length;
    runtime.dispose();
    expect(clock.pending()).toBe(0);
    clock.advance(60_000);
    await runtime.idle();
    expect(port.commands).toHaveLength(tries);
  });

  it('gives a later call its own timed retries after another call used up its five', async () => {
    await nextCallAfterRetriesUsedUp('c2', Infinity);
  });

  it('gives a call back under the same id its own timed retries: what its earlier self used up no longer counts', async () => {
    // c1's first start and its five timed retries are refused, no more: c1 back is refused once.
    await nextCallAfterRetriesUsedUp('c1', 6);
  });
});

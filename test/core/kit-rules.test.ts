// The rules each kit adds to the runtime, one test each, read through what an app sees: the commands
// sent, the commands held for a retry (RuntimeState.held) and the errors reported.
import { describe, expect, it } from 'vitest';
import { KeepCallError } from '../../src/core/errors';
import type { PlatformInfo, PortEvent } from '../../src/core/types';
import { ANDROID_34, AUDIO, type MemoryPort, setup, testCall } from './helpers';

const IOS: PlatformInfo = { os: 'ios', declared: [] };
const kinds = (commands: { kind: string }[]) => commands.map((command) => command.kind);

describe('iOS kit', () => {
  it('I8: a CallKit call that failed to start is neither connected nor muted until the next retry moment', async () => {
    const { runtime, port, errors } = await setup({
      platform: IOS,
      push: { ios: { enableOngoingCalls: true } },
    });
    port.failNext(
      'callkit.start',
      new KeepCallError('callkit-transaction-failed', 'maximumCallGroupsReached'),
    );
    const call = testCall('c1');
    runtime.track(call);
    call.emit({ type: 'joined', at: 1, media: AUDIO });
    await runtime.idle();
    call.emit({ type: 'media', media: { ...AUDIO, muted: true } });
    await runtime.idle();
    expect(kinds(port.commands)).toEqual(['callkit.start']);
    expect(runtime.getState().held).toEqual(['callkit.start:c1']);
    expect(errors().map((error) => error.code)).toEqual(['callkit-transaction-failed']);

    // Back in the foreground: a retry moment; the call starts, connects and is muted in one go.
    runtime.dispatch({ type: 'app', state: 'background' });
    runtime.dispatch({ type: 'app', state: 'active' });
    await runtime.idle();
    expect(kinds(port.commands).slice(1)).toEqual([
      'callkit.start',
      'callkit.connecting',
      'callkit.connected',
      'callkit.mute',
    ]);
    expect(runtime.getState().held).toEqual([]);
  });

  it('I8: ending a call CallKit no longer knows is done, not retried', async () => {
    const { runtime, port, errors } = await setup({
      platform: IOS,
      push: { ios: { enableOngoingCalls: true } },
    });
    const call = testCall('c1');
    runtime.track(call);
    call.emit({ type: 'joined', at: 1, media: AUDIO });
    await runtime.idle();
    port.failNext('callkit.end', new KeepCallError('callkit-transaction-failed', 'unknownCallUUID: end'));
    call.emit({ type: 'left' });
    await runtime.idle();
    expect(runtime.getState().actual.ios).toEqual({});
    expect(runtime.getState().held).toEqual(['callkit.end:c1']);
    expect(errors().map((error) => error.code)).toEqual(['callkit-transaction-failed']);

    // A retry moment sends nothing more: the end is already done.
    const sent = port.commands.length;
    runtime.dispatch({ type: 'app', state: 'background' });
    runtime.dispatch({ type: 'app', state: 'active' });
    await runtime.idle();
    expect(port.commands.length).toBe(sent);
  });
});

describe('iOS kit: a start is always reported connecting (I5)', () => {
  async function startWhile(report: (callId: string, port: MemoryPort) => PortEvent) {
    const context = await setup({ platform: IOS, push: { ios: { enableOngoingCalls: true } } });
    const { runtime, port } = context;
    const run = port.run.bind(port);
    // The device reports something while CallKit is still starting the call.
    port.run = async (command) => {
      await run(command);
      if (command.kind === 'callkit.start') runtime.dispatch(report(command.callId, port));
    };
    const call = testCall('c1');
    runtime.track(call);
    call.emit({ type: 'joining' });
    await runtime.idle();
    return context;
  }

  it('a report arriving mid-start does not cut the start from its connecting report', async () => {
    const { port } = await startWhile(() => ({ type: 'permission', name: 'microphone', value: 'granted' }));
    expect(kinds(port.commands)).toEqual(['callkit.start', 'callkit.connecting']);
  });

  it('but a call CallKit ended mid-start is not reported connecting', async () => {
    const { port, runtime } = await startWhile((callId, device) => {
      device.state = { ios: {} };
      return { type: 'callkit.ended', callId, reason: 'remote' };
    });
    expect(kinds(port.commands)).toEqual(['callkit.start']);
    expect(runtime.getState().model.calls).toEqual({});
  });
});

describe('Android kit', () => {
  it('A1/A9: after the service failed or timed out, no start until the next retry moment', async () => {
    const { runtime, port, errors } = await setup({ platform: ANDROID_34 });
    const call = testCall('c1');
    runtime.track(call);
    call.emit({ type: 'joined', at: 1, media: AUDIO });
    await runtime.idle();
    expect(kinds(port.commands)).toEqual(['service.start']);

    port.state = { android: null };
    runtime.dispatch({ type: 'service.timeout' });
    await runtime.idle();
    expect(kinds(port.commands)).toEqual(['service.start']);
    expect(runtime.getState().held).toEqual(['service.start']);
    expect(errors().map((error) => error.code)).toEqual(['timeout']);

    runtime.dispatch({ type: 'service.failed', code: 'start-not-allowed', message: 'from the background' });
    await runtime.idle();
    expect(errors().map((error) => error.code)).toEqual(['timeout', 'start-not-allowed']);
    expect(kinds(port.commands)).toEqual(['service.start']);

    runtime.dispatch({ type: 'app', state: 'background' });
    runtime.dispatch({ type: 'app', state: 'active' });
    await runtime.idle();
    expect(kinds(port.commands)).toEqual(['service.start', 'service.start']);
  });

  it('A6: a narrowing the service reports is accepted, and widened again only at the next retry moment', async () => {
    const { runtime, port, errors } = await setup({
      platform: ANDROID_34,
      permissions: { microphone: 'granted', notifications: 'granted', camera: 'unknown' },
    });
    const call = testCall('c1');
    runtime.track(call);
    call.emit({ type: 'joined', at: 1, media: AUDIO });
    await runtime.idle();
    expect(port.state.android?.types).toEqual(['mediaPlayback', 'microphone']);

    const narrowed = { ...port.state.android, types: ['mediaPlayback'] } as NonNullable<
      typeof port.state.android
    >;
    port.state = { android: narrowed };
    runtime.dispatch({ type: 'service.narrowed', types: ['mediaPlayback'], reason: 'missing-permission' });
    await runtime.idle();
    expect(kinds(port.commands)).toEqual(['service.start']);
    expect(runtime.getState().actual.android?.types).toEqual(['mediaPlayback']);
    expect(runtime.getState().held).toEqual(['service.update']);
    expect(errors().at(-1)?.message).toContain('narrowed its types to [mediaPlayback]');

    runtime.dispatch({ type: 'app', state: 'background' });
    runtime.dispatch({ type: 'app', state: 'active' });
    await runtime.idle();
    expect(kinds(port.commands)).toEqual(['service.start', 'service.update']);
    expect(port.state.android?.types).toEqual(['mediaPlayback', 'microphone']);
  });
});

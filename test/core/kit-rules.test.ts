// The rules each kit adds to the runtime, one test each, read through what an app sees: the commands
// sent, the commands held for a retry (RuntimeState.held) and the errors reported.
import { describe, expect, it } from 'vitest';
import type { CallKitCall, PlatformInfo, PortEvent } from '../../src/core/types';
import { createRuntime } from '../../src/core/universal';
import { createMemoryPort, type MemoryPort } from '../../src/testing';
import { createVirtualClock } from '../../src/testing/clock';
import { ANDROID_34, AUDIO, setup, testCall, VIDEO } from './helpers';

const IOS: PlatformInfo = { os: 'ios', declared: [] };
const WEB: PlatformInfo = { os: 'web', declared: [] };
const CALLKIT_ON = { platform: IOS, push: { ios: { enableOngoingCalls: true } } };
const FIRST_UUID = '00000000-0000-4000-8000-000000000001';
/** The commands' kinds, CallKit's settings left out: sent once before the first start (ios.test.ts). */
const kinds = (commands: { kind: string }[]) =>
  commands.flatMap((command) => (command.kind === 'callkit.configure' ? [] : [command.kind]));

describe('iOS kit', () => {
  it('I8: a CallKit call that failed to start is neither connected nor muted until the next retry moment', async () => {
    const { runtime, port, errors } = await setup({
      platform: IOS,
      push: { ios: { enableOngoingCalls: true } },
    });
    port.fail('callkit.start', 'callkit-transaction-failed', { message: 'maximumCallGroupsReached' });
    const call = testCall('c1');
    runtime.track(call);
    call.emit({ type: 'joined', at: 1, media: AUDIO });
    await runtime.idle();
    call.emit({ type: 'media', media: { ...AUDIO, muted: true } });
    await runtime.idle();
    expect(kinds(port.commands)).toEqual(['callkit.start']);
    expect(runtime.getState().held).toEqual([{ kind: 'callkit.start', callId: 'c1' }]);
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

  it('no call starts before CallKit took the provider settings: a refused configure holds the start', async () => {
    const { runtime, port, clock, errors } = await setup(CALLKIT_ON);
    port.fail('callkit.configure', 'callkit-transaction-failed', { message: 'handleType: got fax' });
    const call = testCall('c1');
    runtime.track(call);
    call.emit({ type: 'joining' });
    await runtime.idle();
    expect(port.commands.map((command) => command.kind)).toEqual(['callkit.configure']);
    expect(runtime.getState().held).toEqual([{ kind: 'callkit.configure' }]);
    expect(errors().map((error) => error.code)).toEqual(['callkit-transaction-failed']);

    // CallKit's refusals are tried again after a while: the settings first, then the call.
    clock.advance(1000);
    await runtime.idle();
    expect(port.commands.map((command) => command.kind)).toEqual([
      'callkit.configure',
      'callkit.configure',
      'callkit.start',
      'callkit.connecting',
    ]);
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
    // CallKit's code by name, as the binding and the iOS model give it; the system's text names nothing.
    const text =
      'CXEndCallAction: The operation couldn’t be completed. (com.apple.CallKit.error.requesttransaction error 4.)';
    const cause = { reason: 'unknownCallUUID' };
    port.fail('callkit.end', 'callkit-transaction-failed', { message: text, cause });
    call.emit({ type: 'left' });
    await runtime.idle();
    expect(runtime.getState().actual.ios).toEqual({});
    expect(runtime.getState().held).toEqual([{ kind: 'callkit.end', callId: 'c1' }]);
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
    expect(runtime.getState().model.calls).toEqual(new Map());
  });
});

describe('iOS kit: what it remembers about calls (I8)', () => {
  it('a call seen for the first time is started under a fresh UUID; back after it ended, it is no longer ended', async () => {
    const { runtime, port } = await setup(CALLKIT_ON);
    const call = testCall('c1');
    runtime.track(call);
    call.emit({ type: 'joined', at: 1, media: AUDIO });
    await runtime.idle();
    expect(port.commands[1]).toMatchObject({ kind: 'callkit.start', uuid: FIRST_UUID });

    // The end fails, so CallKit still holds the call and why it ended is kept.
    port.fail('callkit.end', 'callkit-transaction-failed', { message: 'the end failed' });
    call.emit({ type: 'closed', reason: 'network lost' });
    await runtime.idle();
    expect(runtime.getState().memory.ended).toEqual(new Map([['c1', 'failed']]));
    call.emit({ type: 'joined', at: 2, media: AUDIO });
    await runtime.idle();
    expect(runtime.getState().memory.ended).toEqual(new Map());
    expect(runtime.getState().memory.uuids).toEqual(new Map([['c1', FIRST_UUID]]));
  });

  it('CallKit is told why each call ended', async () => {
    const { runtime, port } = await setup(CALLKIT_ON);
    const [failed, remote, local] = [testCall('failed'), testCall('remote'), testCall('local')];
    for (const call of [failed, remote, local]) {
      runtime.track(call);
      call.emit({ type: 'joined', at: 1, media: AUDIO });
    }
    await runtime.idle();
    failed.emit({ type: 'closed', reason: 'network lost' });
    remote.emit({ type: 'closed' });
    local.emit({ type: 'left' });
    await runtime.idle();
    const ends = port.commands.flatMap((command) =>
      command.kind === 'callkit.end' ? [[command.callId, command.reason]] : [],
    );
    expect(Object.fromEntries(ends)).toEqual({ failed: 'failed', remote: 'remote', local: 'local' });
  });

  it("after a reload the device's UUID wins over one made before its snapshot arrived", async () => {
    const clock = createVirtualClock();
    const before: CallKitCall = {
      uuid: 'from-before-the-reload',
      phase: 'connected',
      muted: false,
      held: false,
      hasVideo: false,
    };
    const port = createMemoryPort({ ios: { c1: before } });
    const runtime = createRuntime({ ...CALLKIT_ON, port, clock, newUuid: () => 'fresh' });
    const call = testCall('c1');
    runtime.track(call);
    call.emit({ type: 'joined', at: 1, media: AUDIO });
    await runtime.start();
    expect(port.commands).toEqual([]);
    expect(runtime.getState().memory.uuids).toEqual(new Map([['c1', 'from-before-the-reload']]));
  });

  it('what is kept about an ended call goes once CallKit no longer holds it', async () => {
    const { runtime, port } = await setup(CALLKIT_ON);
    const [gone, stuck] = [testCall('gone'), testCall('stuck')];
    for (const call of [gone, stuck]) {
      runtime.track(call);
      call.emit({ type: 'joined', at: 1, media: AUDIO });
    }
    await runtime.idle();
    gone.emit({ type: 'left' });
    await runtime.idle();
    expect(runtime.getState().memory.ended).toEqual(new Map());
    expect([...(runtime.getState().memory.uuids?.keys() ?? [])]).toEqual(['stuck']);

    port.fail('callkit.end', 'callkit-transaction-failed', { message: 'the end failed' });
    stuck.emit({ type: 'left' });
    await runtime.idle();
    expect(runtime.getState().memory.ended).toEqual(new Map([['stuck', 'local']]));
    expect([...(runtime.getState().memory.uuids?.keys() ?? [])]).toEqual(['stuck']);

    // The end succeeds at the next retry moment, with no other call ending: nothing of it stays.
    runtime.dispatch({ type: 'app', state: 'background' });
    runtime.dispatch({ type: 'app', state: 'active' });
    await runtime.idle();
    expect(runtime.getState().actual.ios).toEqual({});
    expect(runtime.getState().memory.ended).toEqual(new Map());
    expect(runtime.getState().memory.uuids).toEqual(new Map());
  });
});

describe('web kit', () => {
  it("Media Session's camera toggle turns the video at once and tells the SDK; one that cannot is undone", async () => {
    const { runtime, port, errors } = await setup({ platform: WEB });
    const call = testCall('c1');
    const cameras: boolean[] = [];
    call.setCameraEnabled = async (enabled) => {
      cameras.push(enabled);
    };
    runtime.track(call);
    call.emit({ type: 'joined', at: 1, media: VIDEO });
    await runtime.idle();
    runtime.dispatch({ type: 'camera', callId: 'c1', enabled: false, source: 'mediaSession' });
    await runtime.idle();
    expect(cameras).toEqual([false]);
    expect(port.state.web?.session?.cameraActive).toBe(false);

    delete call.setCameraEnabled;
    runtime.dispatch({ type: 'camera', callId: 'c1', enabled: true, source: 'mediaSession' });
    await runtime.idle();
    expect(errors().map((error) => error.code)).toEqual(['unsupported']);
    expect(runtime.getState().model.calls.get('c1')?.media.video).toBe(false);
    expect(port.state.web?.session?.cameraActive).toBe(false);
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
    expect(runtime.getState().held).toEqual([{ kind: 'service.start' }]);
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
    expect(runtime.getState().held).toEqual([{ kind: 'service.update' }]);
    expect(errors().at(-1)?.message).toContain('narrowed its types to [mediaPlayback]');

    runtime.dispatch({ type: 'app', state: 'background' });
    runtime.dispatch({ type: 'app', state: 'active' });
    await runtime.idle();
    expect(kinds(port.commands)).toEqual(['service.start', 'service.update']);
    expect(port.state.android?.types).toEqual(['mediaPlayback', 'microphone']);
  });

  it('A6: a refused camera does not hold back the microphone of a call that joins later (seed 531864)', async () => {
    const { runtime, port } = await setup({ app: 'active' });
    const c1 = testCall('c1');
    runtime.track(c1);
    c1.emit({ type: 'joined', at: 1, media: { audio: false, video: true, muted: false } });
    await runtime.idle();
    expect(port.state.android?.types).toEqual(['mediaPlayback', 'camera']);
    port.state = {
      android: {
        ...(port.state.android as NonNullable<typeof port.state.android>),
        types: ['mediaPlayback'],
      },
    };
    runtime.dispatch({ type: 'permission', name: 'camera', value: 'denied' });
    runtime.dispatch({ type: 'service.narrowed', types: ['mediaPlayback'], reason: 'missing-permission' });
    await runtime.idle();
    const c2 = testCall('c2');
    runtime.track(c2);
    c2.emit({ type: 'joined', at: 2, media: AUDIO });
    await runtime.idle();
    expect(port.state.android?.types).toEqual(['mediaPlayback', 'microphone']);
  });
});

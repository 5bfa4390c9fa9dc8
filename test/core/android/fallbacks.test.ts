// A1's fallbacks are decided in TypeScript and travel in the service commands: native code and the
// Android model only try them in the order given (KeepCallService.promote, keepcall/testing's device).
import { describe, expect, it } from 'vitest';
import { ANDROID_34, AUDIO, setup, testCall, VIDEO } from '../helpers';

describe('the fallbacks a service command carries (A1)', () => {
  it('a start carries every smaller part of its types, the largest first, so a refusal keeps the most', async () => {
    const { runtime, port } = await setup({ platform: ANDROID_34 });
    const call = testCall('c1');
    runtime.track(call);
    call.emit({ type: 'joined', at: 1, media: VIDEO });
    await runtime.idle();
    expect(port.commands).toEqual([
      {
        kind: 'service.start',
        notification: expect.objectContaining({ callId: 'c1' }),
        types: ['mediaPlayback', 'microphone', 'camera'],
        // Media playback (never refused for want of while-in-use access, A4) is kept before the rest.
        fallbacks: [
          ['mediaPlayback', 'microphone'],
          ['mediaPlayback', 'camera'],
          ['microphone', 'camera'],
          ['mediaPlayback'],
          ['microphone'],
          ['camera'],
        ],
      },
    ]);
  });

  it('one type has nothing smaller to fall back to: a refusal then fails as it did', async () => {
    const { runtime, port } = await setup({
      platform: ANDROID_34,
      permissions: { microphone: 'denied', camera: 'denied', notifications: 'granted' },
    });
    const call = testCall('c1');
    runtime.track(call);
    call.emit({ type: 'joined', at: 1, media: AUDIO });
    await runtime.idle();
    expect(port.commands).toMatchObject([{ types: ['mediaPlayback'], fallbacks: [] }]);
  });

  it('an update cut to the types the service holds, while a widening waits, falls back within those only', async () => {
    const { runtime, port } = await setup({ platform: ANDROID_34 });
    const call = testCall('c1');
    runtime.track(call);
    call.emit({ type: 'joined', at: 1, media: AUDIO });
    await runtime.idle();
    const running = port.state.android as NonNullable<typeof port.state.android>;
    port.state = { android: { ...running, types: ['mediaPlayback'] } };
    runtime.dispatch({ type: 'service.narrowed', types: ['mediaPlayback'], reason: 'missing-permission' });
    await runtime.idle();
    expect(runtime.getState().held).toEqual([{ kind: 'service.update' }]);
    // The mute label goes out now, with the types held; it must not fall back to the microphone it lacks.
    call.emit({ type: 'media', media: { ...AUDIO, muted: true } });
    await runtime.idle();
    expect(port.commands.at(-1)).toMatchObject({
      kind: 'service.update',
      notification: { muted: true },
      types: ['mediaPlayback'],
      fallbacks: [],
    });
  });
});

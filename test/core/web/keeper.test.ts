import { describe, expect, it } from 'vitest';
import type { PlatformInfo } from '../../../src/core/types';
import { AUDIO, setup, testCall, VIDEO } from '../helpers';

const WEB: PlatformInfo = { os: 'web', declared: [] };

describe('web keeper', () => {
  it('sets the Media Session on join, shows the notification only while hidden, holds a wake lock for visible video', async () => {
    const { runtime, port } = await setup({ platform: WEB });
    const call = testCall('c1', 'Ada');
    runtime.track(call);
    call.emit({ type: 'joining' });
    await runtime.idle();
    expect(port.state.web?.session).toBeNull();
    call.emit({ type: 'joined', at: 1, media: VIDEO });
    await runtime.idle();
    expect(port.state.web?.session).toMatchObject({
      title: 'Ada',
      microphoneActive: true,
      cameraActive: true,
    });
    expect(port.state.web?.session?.actions).toEqual([
      'hangup',
      'togglemicrophone',
      'togglecamera',
      'enterpictureinpicture',
    ]);
    expect(port.state.web?.notification).toBeNull();
    expect(port.state.web?.wakeLock).toBe(true);
    runtime.dispatch({ type: 'app', state: 'background' });
    await runtime.idle();
    expect(port.state.web?.notification?.actions.map((action) => action.action)).toEqual([
      'return',
      'hangup',
    ]);
    expect(port.state.web?.wakeLock).toBe(false);
    runtime.dispatch({ type: 'app', state: 'active' });
    await runtime.idle();
    expect(port.state.web?.notification).toBeNull();
    expect(port.state.web?.wakeLock).toBe(true);
  });

  it('offers picture-in-picture for audio calls only when configured "always"', async () => {
    const { runtime, port } = await setup({ platform: WEB });
    const call = testCall('c1');
    runtime.track(call);
    call.emit({ type: 'joined', at: 1, media: AUDIO });
    await runtime.idle();
    expect(port.state.web?.session?.actions).not.toContain('enterpictureinpicture');
    runtime.updateConfig({ web: { pictureInPicture: 'always' } });
    await runtime.idle();
    expect(port.state.web?.session?.actions).toContain('enterpictureinpicture');
  });

  it('leaves nothing behind after a Media Session hangup', async () => {
    const { runtime, port } = await setup({ platform: WEB, app: 'background' });
    const call = testCall('c1');
    runtime.track(call);
    call.emit({ type: 'joined', at: 1, media: VIDEO });
    await runtime.idle();
    expect(port.state.web?.notification).not.toBeNull();
    runtime.dispatch({ type: 'hangup', callId: 'c1', source: 'mediaSession' });
    await runtime.idle();
    expect(call.hangups).toBe(1);
    expect(port.state.web).toEqual({
      session: null,
      notification: null,
      wakeLock: false,
      unloadGuard: false,
    });
  });
});

// The web policy decides whether the media controls offer picture-in-picture (W3): for video calls
// (config `web.pictureInPicture`), and only where the browser has Document Picture-in-Picture, which
// the button opens; where it has none, the button is left out and that is said once.
import { describe, expect, it } from 'vitest';
import type { PlatformInfo } from '../../../src/core/types';
import { setup, testCall, VIDEO } from '../helpers';

const web = (pictureInPicture: boolean | undefined): PlatformInfo => ({
  os: 'web',
  declared: [],
  ...(pictureInPicture !== undefined && { pictureInPicture }),
});

async function videoCall(platform: PlatformInfo) {
  const { runtime, port, errors } = await setup({ platform });
  const call = testCall('c1');
  runtime.track(call);
  call.emit({ type: 'joined', at: 1, media: VIDEO });
  await runtime.idle();
  // Back and forth between hidden and visible: decided again each time.
  for (const state of ['background', 'active', 'background', 'active'] as const) {
    runtime.dispatch({ type: 'app', state });
    await runtime.idle();
  }
  const unsupported = errors().filter((error) => error.code === 'unsupported');
  return { actions: port.state.web?.session?.actions, unsupported: unsupported.map((e) => e.message) };
}

describe('web policy: picture-in-picture in the media controls (W3)', () => {
  it.each([true, undefined])(
    'offered where Document Picture-in-Picture is %s (present, or unknown)',
    async (pip) => {
      const { actions, unsupported } = await videoCall(web(pip));
      expect(actions).toContain('enterpictureinpicture');
      expect(unsupported).toEqual([]);
    },
  );

  it('left out where the browser has none, and said once for the call', async () => {
    const { actions, unsupported } = await videoCall(web(false));
    expect(actions).toEqual(['hangup', 'togglemicrophone', 'togglecamera']);
    expect(unsupported).toEqual([
      'documentPictureInPicture is not available in this browser: window.documentPictureInPicture is missing',
    ]);
  });
});

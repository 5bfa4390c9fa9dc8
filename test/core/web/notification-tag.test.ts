// The web policy names the notification it wants by a tag: a second notification of the same page
// replaces the first, and each named page (tab) has its own, so two tabs in a call keep one each.
import { describe, expect, it } from 'vitest';
import type { PlatformInfo } from '../../../src/core/types';
import { WEB_NOTIFICATION_TAG } from '../../../src/core/web/policy';
import { setup, testCall, VIDEO } from '../helpers';

async function hiddenCallTag(platform: PlatformInfo): Promise<string | undefined> {
  const { runtime, port } = await setup({ platform, app: 'background' });
  const call = testCall('c1');
  runtime.track(call);
  call.emit({ type: 'joined', at: 1, media: VIDEO });
  await runtime.idle();
  return port.state.web?.notification?.tag;
}

describe('web policy: the notification tag', () => {
  it('is the page’s own: two named pages never replace each other’s notification', async () => {
    const first = await hiddenCallTag({ os: 'web', declared: [], pageId: 'tab-1' });
    const second = await hiddenCallTag({ os: 'web', declared: [], pageId: 'tab-2' });
    expect(first).toBe(`${WEB_NOTIFICATION_TAG}#tab-1`);
    expect(second).toBe(`${WEB_NOTIFICATION_TAG}#tab-2`);
  });

  it('is the shared tag for a page without a name', async () => {
    expect(await hiddenCallTag({ os: 'web', declared: [] })).toBe(WEB_NOTIFICATION_TAG);
  });
});

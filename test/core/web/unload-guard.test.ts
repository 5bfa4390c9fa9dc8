// The web policy decides when the page asks "Leave site?" (config `web.beforeUnloadGuard`): from the
// moment a call joins until it leaves, and never when the app turns it off. The web port only holds
// the listener (test/web/unload-guard.test.ts).
import { describe, expect, it } from 'vitest';
import type { Command, PlatformInfo } from '../../../src/core/types';
import { setup, testCall, VIDEO } from '../helpers';

const WEB: PlatformInfo = { os: 'web', declared: [] };

const guardCommands = (commands: Command[]) =>
  commands.flatMap((command) => (command.kind === 'web.unloadGuard' ? [command.armed] : []));

describe('web policy: the unload guard', () => {
  it('is armed while a call is tracked, joining included, and disarmed once it leaves', async () => {
    const { runtime, port } = await setup({ platform: WEB });
    const call = testCall('c1');
    runtime.track(call);
    call.emit({ type: 'joining' });
    await runtime.idle();
    expect(port.state.web?.unloadGuard).toBe(true);
    expect(port.state.web?.session).toBeNull();
    call.emit({ type: 'joined', at: 1, media: VIDEO });
    await runtime.idle();
    expect(port.state.web?.unloadGuard).toBe(true);
    call.emit({ type: 'left' });
    await runtime.idle();
    expect(port.state.web?.unloadGuard).toBe(false);
    expect(guardCommands(port.commands)).toEqual([true, false]);
  });

  it('stays off when the app turns it off, and follows the setting during a call', async () => {
    const { runtime, port } = await setup({ platform: WEB, config: { web: { beforeUnloadGuard: false } } });
    const call = testCall('c1');
    runtime.track(call);
    call.emit({ type: 'joined', at: 1, media: VIDEO });
    await runtime.idle();
    expect(port.state.web?.unloadGuard).toBe(false);
    runtime.updateConfig({ web: { beforeUnloadGuard: true } });
    await runtime.idle();
    expect(port.state.web?.unloadGuard).toBe(true);
    expect(guardCommands(port.commands)).toEqual([true]);
  });
});

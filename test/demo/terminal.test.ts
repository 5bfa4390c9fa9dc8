// The terminal demo is a real run of the engine: its output must show what the device would do.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('terminal demo', () => {
  it('prints the notification, the service types, CallKit phases and named errors step by step', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'examples/terminal/demo.ts'], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    const scenario = (title: string) => out.slice(out.indexOf(title)).split('━━ ')[0] ?? '';
    const video = scenario('a video call goes to the background');
    expect(video).toContain('service: running [mediaPlayback, microphone, camera]');
    expect(video).toMatch(/Ada Lovelace \[Hang up\] \[Mute\]\s+visible, not dismissible/);
    expect(video).toMatch(/\[Hang up\] \[Unmute\]/);
    expect(video.trimEnd().split('\n').slice(-4).join('\n')).toMatch(
      /service: stopped\n\s+notification: none/,
    );
    const denied = scenario('camera permission denied');
    expect(denied).toContain('missing-permission: CAMERA is denied');
    expect(denied).toContain('service: running [mediaPlayback, microphone]');
    const background = scenario('already in the background');
    expect(background.split('The user opens the app')[0]).toContain('service: stopped');
    expect(background.split('The user opens the app')[1]).toContain('service: running');
    const ios = scenario('iOS: CallKit');
    expect(ios.indexOf('callkit.start')).toBeLessThan(ios.indexOf('The join completes'));
    expect(ios).toContain('on hold');
    expect(ios).toContain('CallKit: no call');
  });
});

// What an app shapes of the Android notification from JavaScript (issue 17 item 6): what a tap opens,
// the app's own buttons and Mute left out, each drawn by the Android model from what the policy gave it,
// and the tap and the app's buttons reaching the app through KeepCall.on with the call id.
import { describe, expect, it } from 'vitest';
import type { ConfigInput } from '../../../src/core/config';
import type { RuntimeEvent } from '../../../src/core/engine/contract';
import { createAndroidDevice, createFakeCall } from '../../../src/testing';
import { withKeepcall } from '../../testing/drivers';
import { ALL_GRANTED, MEDIA_MANIFEST } from '../../testing/helpers';

async function joined(config: ConfigInput, apiLevel = 34) {
  const device = createAndroidDevice({ apiLevel, ...MEDIA_MANIFEST, granted: ALL_GRANTED });
  const driven = await withKeepcall(device, { config });
  const events: RuntimeEvent[] = [];
  driven.runtime.on((event) => events.push(event));
  const call = createFakeCall('room:7', { displayName: 'Alice' });
  driven.runtime.track(call);
  call.joined(device.clock.now(), { audio: true });
  await driven.settle();
  const shown = () => device.observe().notification?.spec;
  return { device, call, events, shown, ...driven };
}

const RAISE = { id: 'raise-hand', label: 'Raise hand' };
const NOTE = { id: 'take-note', label: 'Take a note' };

describe('what a tap on the notification opens', () => {
  it('by default the launch activity, as before; the tap reaches the app with the call id', async () => {
    const { device, events, shown, settle } = await joined({});
    expect(shown()?.tap).toEqual({ kind: 'launch' });
    device.setApp('background');
    await settle();
    expect(device.tapNotification()).toEqual({ kind: 'launch' });
    await settle();
    expect(device.appState()).toBe('active');
    expect(events.filter((event) => event.type === 'tap')).toEqual([{ type: 'tap', callId: 'room:7' }]);
  });

  it('an activity of the app, or a deep link, as configured; a change redraws the notification', async () => {
    const activity = { kind: 'activity', name: 'com.example.app.CallActivity' } as const;
    const { device, runtime, shown, settle } = await joined({
      foregroundService: { android: { tap: activity } },
    });
    expect(shown()?.tap).toEqual(activity);
    expect(device.tapNotification()).toEqual(activity);

    // The tap target is replaced whole: the activity's name does not linger in a deep link.
    const uri = { kind: 'uri', uri: 'example://call/room%3A7' } as const;
    runtime.updateConfig({ foregroundService: { android: { tap: uri } } });
    await settle();
    expect(shown()?.tap).toEqual(uri);
    expect(device.tapNotification()).toEqual(uri);
  });
});

describe("the app's own buttons", () => {
  it('come after Mute, and each press reaches the app with its id and the call id', async () => {
    const { device, events, shown, settle, call } = await joined({
      foregroundService: { android: { actions: [RAISE] } },
    });
    expect(shown()?.actions).toEqual([
      { id: 'hangup', label: 'Hang up' },
      { id: 'mute', label: 'Mute' },
      { kind: 'app', ...RAISE },
    ]);
    device.setApp('background');
    await settle();
    device.tapAction('raise-hand');
    await settle();
    expect(events.filter((event) => event.type === 'action')).toEqual([
      { type: 'action', callId: 'room:7', id: 'raise-hand' },
    ]);
    // The app's button is the app's: keepcall neither hangs up nor mutes for it.
    expect(call.hangups).toBe(0);
    expect(call.muteCalls).toEqual([]);
  });

  it('with Mute left out, two of them fit; a muted call shows no Unmute either', async () => {
    const { shown, device, call, settle } = await joined({
      foregroundService: { android: { muteAction: false, actions: [RAISE, NOTE] } },
    });
    expect(shown()?.actions.map((action) => action.id)).toEqual(['hangup', 'raise-hand', 'take-note']);
    call.emit({ type: 'media', media: { audio: true, video: false, muted: true } });
    await settle();
    expect(shown()?.actions.map((action) => action.id)).toEqual(['hangup', 'raise-hand', 'take-note']);
    device.tapAction('take-note');
  });

  it('two of them and Mute do not fit: Mute and the first are drawn, and an error names the second and the fix', async () => {
    const { shown, errors, device } = await joined({
      foregroundService: { android: { actions: [RAISE, NOTE] } },
    });
    expect(shown()?.actions.map((action) => action.id)).toEqual(['hangup', 'mute', 'raise-hand']);
    // Nothing was handed to Android that it would not draw.
    expect(device.log.some((entry) => entry.what.includes('is not drawn'))).toBe(false);
    const error = errors.find((e) => e.code === 'invalid-config');
    expect(error?.message).toBe(
      'foregroundService.android.actions: no room for "take-note" beside Hang up and Mute; set muteAction: false',
    );
    // Reported once, not at every redraw.
    expect(errors.filter((e) => e.code === 'invalid-config')).toHaveLength(1);
  });

  it('below API 31 (no CallStyle) the same three buttons are drawn', async () => {
    const { shown } = await joined(
      { foregroundService: { android: { muteAction: false, actions: [RAISE, NOTE] } } },
      30,
    );
    expect(shown()?.callStyle).toBe(false);
    expect(shown()?.actions.map((action) => action.id)).toEqual(['hangup', 'raise-hand', 'take-note']);
  });
});
